/**
 * Reading editors' files safely: UTF-8 only (a byte-order mark is dropped), no symlinks
 * that leave the project, JSON and YAML front matter parsed with positions in the message.
 */
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";

export class FileProblem extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8");

/** Reads a text file inside `root`. Throws FileProblem with an editor-facing message. */
export function readTextFile(file: string, root: string, maxBytes = 20 * 1024 * 1024): string {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    throw new FileProblem("is missing");
  }
  if (stat.isSymbolicLink()) {
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch {
      throw new FileProblem("is a symbolic link to a file that does not exist");
    }
    const rootReal = fs.realpathSync(root);
    if (real !== rootReal && !real.startsWith(rootReal + path.sep)) {
      throw new FileProblem(`is a symbolic link pointing outside the project (${real}); copy the file in instead`);
    }
    stat = fs.statSync(real);
  }
  if (!stat.isFile()) throw new FileProblem("is not a regular file");
  if (stat.size > maxBytes) throw new FileProblem(`is too large (${stat.size} bytes; at most ${maxBytes})`);
  const bytes = fs.readFileSync(file);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    throw new FileProblem(`is not valid UTF-8 (first bad byte at offset ${bad}); save it as UTF-8`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Byte offset of the first invalid UTF-8 sequence, in one pass: decode leniently and find the
 * first U+FFFD that the file did not spell out itself (as the bytes EF BF BD).
 */
function firstInvalidUtf8(bytes: Buffer): number {
  const text = lenient.decode(bytes);
  let offset = 0;
  let from = 0;
  for (let i = text.indexOf("\uFFFD"); i >= 0; i = text.indexOf("\uFFFD", i + 1)) {
    offset += Buffer.byteLength(text.slice(from, i));
    from = i;
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
  }
  return bytes.length;
}

export function parseJsonFile(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let where = /end of JSON input/.test(msg) ? " at the end of the file (a bracket or quote is not closed)" : "";
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split("\n").length;
      where = ` at line ${line}, column ${before.length - before.lastIndexOf("\n")}`;
    }
    throw new FileProblem(`is not valid JSON${where}: ${msg.replace(/ in JSON at position \d+.*$/, "").replace(/ \(line \d+ column \d+\)$/, "")}`);
  }
}

export interface MarkdownFile {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
}

const FENCE = /^---[ \t]*$/;

/** Splits `---` YAML front matter from the markdown body. Dates stay strings (YAML 1.2 core schema). */
export function parseMarkdownFile(text: string): MarkdownFile {
  if (text.trim() === "") throw new FileProblem("is empty: an article needs front matter (title, source, date) and a body");
  const lines = text.split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? "")) {
    throw new FileProblem("has no front matter: start the file with a line '---', then title, source and date, then '---'");
  }
  const end = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (end < 0) throw new FileProblem("front matter is not closed: add a line '---' after it");
  const yamlText = lines.slice(1, end).join("\n");
  let data: unknown;
  try {
    // logLevel "error": an unknown tag (`!foo`) must not print a Node warning into the build log.
    data = parseYaml(yamlText, { schema: "core", uniqueKeys: true, prettyErrors: false, maxAliasCount: 50, logLevel: "error" });
  } catch (e) {
    if (e instanceof YAMLParseError) {
      // prettyErrors is off, so the position comes from the offset; +1 for the opening `---` line.
      // An unclosed quote is reported where the text ends: point at the line where the quote opened.
      const quote = e.code === "MISSING_CHAR" ? /closing (["'])/.exec(e.message)?.[1] : undefined;
      const where = yamlPosition(yamlText, e.pos?.[0], quote);
      const what = e.message.split("\n")[0]!.replace(/ at line \d+, column \d+.*$/, "");
      throw new FileProblem(
        `front matter is not valid YAML${where ? ` at line ${where.line + 1}, column ${where.col}` : ""}: ${what}`,
        where?.key,
      );
    }
    throw new FileProblem(`front matter could not be read: ${(e as Error).message}`);
  }
  if (data === null || data === undefined) throw new FileProblem("front matter is empty: title, source and date are required");
  if (typeof data !== "object" || Array.isArray(data)) throw new FileProblem("front matter must be a set of `key: value` lines");
  return { data: data as Record<string, unknown>, body: lines.slice(end + 1).join("\n"), bodyLine: end + 2 };
}

/** 1-based line and column of an offset in the YAML text, and the top-level key it belongs to. */
function yamlPosition(yamlText: string, offset: number | undefined, quote?: string): { line: number; col: number; key?: string } | undefined {
  if (offset === undefined || offset < 0) return undefined;
  const before = yamlText.slice(0, offset);
  let line = before.split("\n").length;
  let col = offset - before.lastIndexOf("\n");
  const lines = yamlText.split("\n");
  if (quote) {
    for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
      const at = lines[i]!.indexOf(quote);
      if (at >= 0) {
        line = i + 1;
        col = at + 1;
        break;
      }
    }
  }
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const m = /^([A-Za-z_][\w.-]*)[ \t]*:/.exec(lines[i]!);
    if (m) return { line, col, key: m[1] };
  }
  return { line, col };
}
