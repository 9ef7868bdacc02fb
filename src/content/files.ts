/**
 * Reading editors' files safely: UTF-8 only (a byte-order mark is dropped), no symlinks
 * that leave the project, JSON and YAML front matter parsed with positions in the message.
 */
import fs from "node:fs";
import path from "node:path";
import {
  findNodeAtLocation,
  parseTree,
  printParseErrorCode,
  visit,
  type Node as JsonNode,
  type ParseErrorCode,
} from "jsonc-parser";
import { isMap, isNode, isScalar, parse as parseYaml, parseDocument, YAMLParseError, type Document } from "yaml";

/** 1-based line and column in a file. */
export interface Position {
  line: number;
  column: number;
}

/** A path into a parsed file: keys and list indexes, as zod reports them. */
export type FieldPath = readonly PropertyKey[];

/** Where a field (its key, or a list item) is in the file, when it is there. */
export type Locate = (path: FieldPath) => Position | undefined;

export class FileProblem extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly position?: Position,
  ) {
    super(message);
  }
}

/** 1-based line and column of an offset in a text. */
function positionOf(text: string, offset: number): Position {
  return positionsIn(text)(offset);
}

/**
 * Line and column of offsets in one text: its line starts are found on the first call, then
 * each offset is a binary search (thousands of warnings in a large data file stay cheap).
 */
function positionsIn(text: string): (offset: number) => Position {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      // a line ends at LF, CRLF or a lone CR (classic Mac files)
      starts = [0];
      const breaks = /\r\n?|\n/g;
      for (let m = breaks.exec(text); m; m = breaks.exec(text)) starts.push(m.index + m[0].length);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
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

/** A JSON file's value, where each of its fields is, and the keys given twice in one object. */
export interface JsonFile {
  value: unknown;
  locate: Locate;
  duplicates: { key: string; path: PropertyKey[]; position: Position; first: Position }[];
}

const JSON_ERRORS: Partial<Record<string, string>> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "not a valid number",
  PropertyNameExpected: "a key in double quotes was expected (a comma before a closing brace?)",
  ValueExpected: "a value was expected (a comma before a closing bracket?)",
  ColonExpected: "a colon was expected after the key",
  CommaExpected: "a comma was expected",
  CloseBraceExpected: "a closing } was expected",
  CloseBracketExpected: "a closing ] was expected",
  EndOfFileExpected: "the file should end here",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "comments are not allowed in JSON",
  UnexpectedEndOfString: "a string is not closed",
  UnexpectedEndOfNumber: "a number is cut off",
  InvalidUnicode: "not a valid \\u escape",
  InvalidEscapeCharacter: 'not a valid escape (\\n, \\", \\\\, \\u…)',
  InvalidCharacter: "a control character (a tab or line break) inside a string",
};

/**
 * The two commonest syntax errors, pointed at the character that is wrong rather than where
 * jsonc-parser notices (the token after it): a comma just before a closing `}` or `]` ("a key" or
 * "a value expected", at the bracket) is at the comma; a missing comma ("comma expected", at the
 * next member) is just after the value it should follow.
 */
function commaMistake(text: string, code: string, offset: number): { offset: number; message: string } | undefined {
  let prev = offset - 1;
  while (prev >= 0 && /\s/.test(text[prev]!)) prev--;
  const closer = text[offset];
  if (
    (code === "PropertyNameExpected" || code === "ValueExpected") &&
    (closer === "}" || closer === "]") &&
    text[prev] === ","
  ) {
    return {
      offset: prev,
      message: `remove the trailing comma${after(text, prev)} (JSON allows no comma before a closing ${closer})`,
    };
  }
  if (code === "CommaExpected" && prev >= 0)
    return { offset: prev + 1, message: `a comma is missing${after(text, prev + 1)}` };
  return undefined;
}

/** ` after "url": "https://…"`: what precedes `end` as the editor sees it, the last member or value on its line. */
function after(text: string, end: number): string {
  const line = text.slice(Math.max(text.lastIndexOf("\n", end - 1), text.lastIndexOf("\r", end - 1)) + 1, end);
  let from = 0;
  for (let i = 0, inString = false; i < line.length; i++) {
    const c = line[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[" || c === ",") from = i + 1;
  }
  const last = line.trim();
  // after a whole object or list, its closing bracket is what the editor sees
  const before = /[}\]]$/.test(last) ? last.slice(-1) : line.slice(from).trim() || last;
  const shown = before.length > 40 ? `…${before.slice(-39)}` : before;
  return shown ? ` after ${shown}` : "";
}

/**
 * Parses strict JSON (no comments, no trailing commas) keeping positions; a syntax error is one
 * FileProblem with its line and column. One pass of jsonc-parser's scanner finds syntax errors,
 * duplicate keys and where each item of a top-level list lies; the value comes from JSON.parse.
 * A position tree is built only when a field is located, and only of the list item asked about:
 * a tree of a whole 10,000-entity file cost more than the rest of reading it.
 */
export function parseJsonFile(text: string): JsonFile {
  const options = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };
  const errors: { error: ParseErrorCode; offset: number }[] = [];
  const duplicates: JsonFile["duplicates"] = [];
  const objects: Map<string, number>[] = [];
  const items: { start: number; end: number }[] = [];
  let depth = 0;
  let rootIsArray = false;
  const begin = (offset: number, array: boolean) => {
    if (depth === 0) rootIsArray = array;
    else if (depth === 1 && rootIsArray) items.push({ start: offset, end: offset });
    depth++;
  };
  const end = (offset: number, length: number) => {
    depth--;
    if (depth === 1 && rootIsArray) items[items.length - 1]!.end = offset + length;
  };
  visit(
    text,
    {
      onError: (error, offset) => void errors.push({ error, offset }),
      onObjectBegin: (offset) => {
        begin(offset, false);
        objects.push(new Map());
      },
      onObjectEnd: (offset, length) => {
        end(offset, length);
        objects.pop();
      },
      onArrayBegin: (offset) => begin(offset, true),
      onArrayEnd: end,
      onLiteralValue: (_value, offset, length) => {
        if (depth === 1 && rootIsArray) items.push({ start: offset, end: offset + length });
      },
      onObjectProperty: (name, offset, _length, _line, _char, pathTo) => {
        const keys = objects[objects.length - 1]!;
        const before = keys.get(name);
        if (before === undefined) keys.set(name, offset);
        else
          duplicates.push({
            key: name,
            path: [...pathTo(), name],
            position: positionOf(text, offset),
            first: positionOf(text, before),
          });
      },
    },
    options,
  );
  const first = errors[0];
  let value: unknown;
  if (!first && text.trim() !== "") {
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new FileProblem(`is not valid JSON: ${(e as Error).message}`, undefined, { line: 1, column: 1 });
    }
  } else {
    const code = first ? printParseErrorCode(first.error) : "ValueExpected";
    const comma = first ? commaMistake(text, code, first.offset) : undefined;
    if (comma) throw new FileProblem(`is not valid JSON: ${comma.message}`, undefined, positionOf(text, comma.offset));
    const at = first ? positionOf(text, first.offset) : { line: 1, column: 1 };
    const what = text.trim() === "" ? "the file is empty" : (JSON_ERRORS[code] ?? code);
    throw new FileProblem(`is not valid JSON: ${what}`, undefined, at);
  }
  const position = positionsIn(text);
  const trees = new Map<number, JsonNode | undefined>();
  /** The position tree of the whole file (key -1) or of one top-level list item, with its offset in the file. */
  const treeOf = (item: number): { node: JsonNode | undefined; shift: number } => {
    const span = item >= 0 ? items[item] : undefined;
    const key = span ? item : -1;
    if (!trees.has(key)) trees.set(key, parseTree(span ? text.slice(span.start, span.end) : text, [], options));
    return { node: trees.get(key), shift: span?.start ?? 0 };
  };
  const locate: Locate = (path) => {
    const head = path[0];
    const inItem = rootIsArray && typeof head === "number" && head >= 0 && head < items.length;
    const { node: root, shift } = treeOf(inItem ? head : -1);
    if (!root) return undefined;
    const node = findNodeAtLocation(
      root,
      (inItem ? path.slice(1) : path).map((p) => (typeof p === "number" ? p : String(p))),
    );
    if (!node) return undefined;
    // a property's key, rather than its value, is where an editor looks
    const keyNode = node.parent?.type === "property" ? node.parent.children?.[0] : undefined;
    return position((keyNode ?? node).offset + shift);
  };
  return { value, locate, duplicates };
}

export interface MarkdownFile {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
  /** Where a front-matter field is in the file. */
  locate: Locate;
}

const FENCE = /^---[ \t]*$/;
/** Front matter ends at `---`, or at `...`, YAML's own end of a document. */
const CLOSING_FENCE = /^(?:---|\.\.\.)[ \t]*$/;
/** Line endings as editors' programs save them: LF, CRLF, or a lone CR (classic Mac). */
const LINE_BREAK = /\r\n?|\n/;

/** Splits `---` YAML front matter from the markdown body. Dates stay strings (YAML 1.2 core schema). */
export function parseMarkdownFile(text: string): MarkdownFile {
  if (text.trim() === "")
    throw new FileProblem("is empty: an article needs front matter (title, source, date) and a body");
  const lines = text.split(LINE_BREAK);
  if (!FENCE.test(lines[0] ?? "")) {
    throw new FileProblem(
      "has no front matter: start the file with a line '---', then title, source and date, then '---'",
    );
  }
  const end = lines.findIndex((l, i) => i > 0 && CLOSING_FENCE.test(l));
  if (end < 0)
    throw new FileProblem("front matter is not closed: add a line '---' after it", undefined, { line: 1, column: 1 });
  const yamlText = lines.slice(1, end).join("\n");
  // The YAML starts on the file's second line.
  const position = positionsIn(yamlText);
  const at = (offset: number): Position => {
    const p = position(offset);
    return { line: p.line + 1, column: p.column };
  };
  const options = {
    schema: "core",
    uniqueKeys: true,
    prettyErrors: false,
    logLevel: "error",
    maxAliasCount: 50,
  } as const;
  let data: unknown;
  try {
    // logLevel "error": an unknown tag (`!foo`) must not print a Node warning into the build log.
    data = parseYaml(yamlText, options);
  } catch (e) {
    if (e instanceof YAMLParseError) throw yamlProblem(e, yamlText, at);
    throw new FileProblem(`front matter could not be read: ${(e as Error).message}`);
  }
  if (data === null || data === undefined)
    throw new FileProblem("front matter is empty: title, source and date are required", undefined, {
      line: 1,
      column: 1,
    });
  if (typeof data !== "object" || Array.isArray(data))
    throw new FileProblem("front matter must be a set of `key: value` lines", undefined, { line: 2, column: 1 });
  // The document with positions is only built when a problem needs one (most files have none).
  let doc: Document.Parsed | undefined;
  const locate: Locate = (path) => {
    if (!path.length) return { line: 1, column: 1 };
    doc ??= parseDocument(yamlText, options);
    // an unknown or misspelt key: its own position; a value: where its key is
    const parent = doc.getIn(path.slice(0, -1) as unknown[], true);
    if (isMap(parent)) {
      const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === path[path.length - 1]);
      if (pair && isNode(pair.key) && pair.key.range) return at(pair.key.range[0]);
    }
    const node = doc.getIn(path as unknown[], true);
    return isNode(node) && node.range ? at(node.range[0]) : undefined;
  };
  return { data: data as Record<string, unknown>, body: lines.slice(end + 1).join("\n"), bodyLine: end + 2, locate };
}

/**
 * A YAML error as an editor can act on it: where (an unclosed quote is reported where the text
 * ends, so we point at the line where it opened), which key, and how to fix the common cases.
 */
function yamlProblem(e: YAMLParseError, yamlText: string, at: (offset: number) => Position): FileProblem {
  const lines = yamlText.split("\n");
  let pos = at(e.pos?.[0] ?? 0);
  const quote = e.code === "MISSING_CHAR" ? /closing (["'])/.exec(e.message)?.[1] : undefined;
  if (quote) {
    for (let i = Math.min(pos.line - 1, lines.length) - 1; i >= 0; i--) {
      const col = lines[i]!.indexOf(quote);
      if (col >= 0) {
        pos = { line: i + 2, column: col + 1 };
        break;
      }
    }
  }
  let key: string | undefined;
  let keyLine = "";
  /** Where the key's value starts: line and column in the file. */
  let valueAt = pos;
  // an unclosed [ or { is noticed where the lines after it stop fitting: the key is the one that opened it
  const flow = /^Flow (sequence|map)/.test(e.message);
  for (let i = Math.min(pos.line - 1, lines.length) - 1; i >= 0; i--) {
    const m = /^([A-Za-z_][\w.-]*)[ \t]*:([ \t]*)(.*)$/.exec(lines[i]!);
    if (m && flow && !(/^[[{]/.test(m[3]!) && unclosed(m[3]!.trimEnd())) && i > 0) continue;
    if (m) {
      key = m[1];
      keyLine = m[3]!.trimEnd();
      valueAt = { line: i + 2, column: lines[i]!.length - m[3]!.length + 1 };
      break;
    }
  }
  const what = e.message.split("\n")[0]!.replace(/ at line \d+, column \d+.*$/, "");
  const advice = quotingAdvice(e.code, key, keyLine);
  if (!advice) return new FileProblem(`front matter is not valid YAML: ${what}`, key, pos);
  // the character YAML read as syntax (the ": ", the "#", the leading quote), not where the parser gave up
  return new FileProblem(`front matter is not valid YAML: ${advice.message}`, key, {
    line: valueAt.line,
    column: valueAt.column + advice.at,
  });
}

/** Front-matter keys whose value is a list. */
const LIST_KEYS = new Set(["authors", "tags", "related", "corrections"]);

/** The brackets a YAML flow value leaves open, as the text that closes them (`]`, `}]`), or "". */
function unclosed(value: string): string {
  const stack: string[] = [];
  for (let i = 0, quote = ""; i < value.length; i++) {
    const c = value[i]!;
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") stack.push(c === "[" ? "]" : "}");
    else if ((c === "]" || c === "}") && stack[stack.length - 1] === c) stack.pop();
  }
  return stack.reverse().join("");
}

/**
 * The commonest mistakes in a value, said plainly with the fix: a colon, a `#` or a leading quote
 * that YAML reads as syntax; `at` is that character's index in the value.
 */
function quotingAdvice(
  code: string,
  key: string | undefined,
  value: string,
): { message: string; at: number } | undefined {
  // an unclosed quote is its own mistake: the parser's "Missing closing quote" says it
  if (!key || !value || code === "MISSING_CHAR" || /^(["'])[\s\S]*\1$/.test(value)) return undefined;
  // a list (or image's keys) not closed on its line: close it, as quoting would make it text
  const open = unclosed(value);
  if (open && ((value[0] === "[" && LIST_KEYS.has(key)) || (value[0] === "{" && key === "image"))) {
    const what = `the ${value[0] === "[" ? "list" : "set of keys"} of ${key} is not closed`;
    // a list that goes on to the next lines (its line ends with a comma) ends after its last item
    return /,\s*$/.test(value)
      ? { message: `${what}: end it with ${open} after its last item`, at: value.length }
      : { message: `${what}: end it with ${open} on the same line: ${key}: ${value}${open}`, at: value.length };
  }
  const colon = value.search(/:\s/);
  const hash = value.search(/\s#/);
  const [why, at] =
    colon >= 0
      ? ['has ": " in it', colon]
      : hash >= 0
        ? ['has " #" in it (the rest would be read as a comment)', hash + 1]
        : /^["'`@%&*!|>{[]/.test(value)
          ? [`starts with ${value[0]}`, 0]
          : [undefined, 0];
  if (!why && code !== "BLOCK_AS_IMPLICIT_KEY") return undefined;
  const quoted =
    value.includes("'") || !value.includes('"')
      ? `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`
      : `'${value}'`;
  return {
    message: `the value of ${key} ${why ?? "is not a plain value"}, so it must be in quotes: ${key}: ${quoted}`,
    at,
  };
}
