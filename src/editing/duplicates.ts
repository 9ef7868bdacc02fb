/**
 * Is a report about to be imported (or started with `npm run new --url`) already in the content
 * tree? Compared with every article file under `src/articles/`, drafts included: first the
 * original address (`url`, normalised by src/content/address.ts), then the text, measured the way the site
 * measures text shared between reports (shared-text.ts: maximal runs of at least 8 equal words,
 * after normalising case, punctuation and quotation marks).
 *
 * Fast for archives of thousands of reports: each file is read once, its `url` taken from the
 * front matter by one line match (YAML parsed only for an unusual spelling); a text is read
 * word by word only when it holds most of 16 four-word probes of this one (a pattern search)
 * and its length could be 90 % alike, and measured exactly only when most of its 8-word runs
 * are this one's.
 */
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import type { ContentPaths } from "../content/pipeline.ts";
import { TRANSLATION_FILE } from "../content/article-files.ts";
import { sharedRuns, tokenize, TokenScratch, type Tokens, type Vocabulary } from "../content/shared-text.ts";
import { addressKey } from "../content/address.ts";

/** Share of the text (percent of the longer report's words) from which two reports are one. */
const TEXT_DUPLICATE_PERCENT = 90;
/** Shorter texts are not compared: a few equal sentences are not a report (and placeholders are alike). */
const MIN_WORDS = 25;

interface Duplicate {
  /** The report already there, relative to the project root. */
  file: string;
  /** The same address (as written there), or this percent of the text shared. */
  reason: { kind: "address"; url: string } | { kind: "text"; percent: number };
  /** How many other reports it duplicates too. */
  others: number;
}

/** One line for an editor: which report, and why. */
function describeDuplicate(d: Duplicate): string {
  const why =
    d.reason.kind === "address" ? `the same address: ${d.reason.url}` : `${d.reason.percent} % of the text shared`;
  const others = d.others ? ` and ${d.others} other report${d.others > 1 ? "s" : ""}` : "";
  return `a duplicate of ${d.file}${others} (${why})`;
}

interface ReportFile {
  file: string;
  url?: string;
  body: string;
}

/** The article files: `<source>/<slug>.md` (or `.markdown`) in folders that are not hidden, like the pipeline reads them; not their translations. */
function readReports(paths: ContentPaths): ReportFile[] {
  const out: ReportFile[] = [];
  let folders: fs.Dirent[];
  try {
    folders = fs.readdirSync(paths.articlesDir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)); // messages name the first in a fixed order
  } catch {
    return out;
  }
  for (const folder of folders) {
    if (!folder.isDirectory() || folder.name.startsWith(".")) continue;
    const dir = path.join(paths.articlesDir, folder.name);
    const slug = (name: string) => name.replace(/\.(md|markdown)$/, "");
    for (const name of fs.readdirSync(dir).sort((a, b) => (slug(a) < slug(b) ? -1 : 1))) {
      // a translation (`<slug>.<language>.md`) is the editor's, not a report: never a duplicate of one
      if (!/\.(md|markdown)$/.test(name) || TRANSLATION_FILE.test(name)) continue;
      const full = path.join(dir, name);
      let text: string;
      try {
        text = fs.readFileSync(full, "utf8");
      } catch {
        continue; // a folder named like a file, or unreadable: `npm run check` says so, not us
      }
      out.push({ file: path.relative(paths.root, full).split(path.sep).join("/"), ...splitFile(text) });
    }
  }
  return out;
}

/** The `url` of the front matter and the body; the YAML is parsed only when `url` is not an address on its line, bare or quoted. */
function splitFile(raw: string): { url?: string; body: string } {
  // line endings as the pipeline reads them: LF, CRLF or a lone CR
  const text = raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
  const head = /^\uFEFF?---[ \t]*\n/.exec(text);
  if (!head) return { body: text };
  const end = /^(?:---|\.\.\.)[ \t]*$/m.exec(text.slice(head[0].length));
  if (!end) return { body: text };
  const front = text.slice(head[0].length, head[0].length + end.index);
  const body = text.slice(head[0].length + end.index + end[0].length);
  const line = /^url:[ \t]*(.*?)[ \t]*$/m.exec(front);
  if (!line) return { body };
  // a plain address, or one in quotes with nothing to unescape: as it is (most files)
  const simple = /^(["']?)(https?:\/\/[^\s"'\\]+)\1$/i.exec(line[1]!);
  if (simple) return { url: simple[2], body };
  try {
    // quoted, folded, with a comment…: as YAML reads it
    const data: unknown = parseYaml(front);
    const url = data && typeof data === "object" ? (data as Record<string, unknown>).url : undefined;
    return { url: typeof url === "string" ? url : undefined, body };
  } catch {
    return { body }; // `npm run check` reports the file
  }
}

/** The words of a markdown body, without link targets, autolinks and link definitions (a saved page keeps links a clipping lost). */
function plainText(markdown: string): string {
  return markdown
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/<[a-z][a-z0-9+.-]*:[^>\s]*>/gi, " ")
    .replace(/^ {0,3}\[[^\]]+\]:.*$/gm, "");
}

/**
 * Up to PROBES runs of four words (letters only) spread evenly over the text, each as a pattern
 * that allows any case and any white space or emphasis marks between its words. A text that
 * shares 90 % of this one holds most of them; another holds few, and a pattern search tells
 * that several times faster than reading its words. Undefined when the text has too few such
 * runs (a script without spaces between words): then every text is read.
 */
const PROBES = 16;
const MIN_PROBES = 4;
function probesOf(text: string): RegExp[] | undefined {
  const words = text.replace(/[*_\\]/g, "").match(/\p{L}+(?:\s+\p{L}+){3}/gu) ?? [];
  if (words.length < MIN_PROBES) return undefined;
  const count = Math.min(PROBES, words.length);
  return Array.from(
    { length: count },
    (_, i) => new RegExp(words[Math.floor((i * words.length) / count)]!.split(/\s+/).join("[\\s*_\\\\]+"), "i"),
  );
}

/** Does the text hold at least half of the probes? Stops at the first miss too many. */
function holdsProbes(text: string, probes: RegExp[]): boolean {
  let misses = 0;
  for (const probe of probes) if (!probe.test(text) && ++misses > probes.length / 2) return false;
  return true;
}

/** Percent of each report's words inside the passages they share (quotations included: a copy repeats its quotes too). */
export function sharedPercent(a: Tokens, b: Tokens): number {
  const inA = new Uint8Array(a.ids.length);
  const inB = new Uint8Array(b.ids.length);
  for (const run of sharedRuns(a, b)) {
    inA.fill(1, run.a, run.a + run.len);
    inB.fill(1, run.b, run.b + run.len);
  }
  const count = (marks: Uint8Array) => marks.reduce((n, m) => n + m, 0);
  return Math.floor(100 * Math.min(count(inA) / a.ids.length, count(inB) / b.ids.length));
}

/**
 * The report already in the content tree that this one duplicates, if any: one with the same
 * address, else the one that shares the most of its text (at least TEXT_DUPLICATE_PERCENT).
 */
function findDuplicate(paths: ContentPaths, report: { url?: string; body?: string }): Duplicate | undefined {
  const reports = readReports(paths);
  if (report.url) {
    const key = addressKey(report.url);
    const same = reports.filter((r) => r.url && addressKey(r.url) === key);
    if (same.length)
      return { file: same[0]!.file, reason: { kind: "address", url: same[0]!.url! }, others: same.length - 1 };
  }
  if (!report.body) return undefined;
  const vocabulary: Vocabulary = new Map();
  const scratch = new TokenScratch();
  const text = plainText(report.body);
  const mine = tokenize(text, vocabulary, { positions: false, scratch });
  if (mine.ids.length < MIN_WORDS) return undefined;
  const myRuns = new Set(mine.runs.filter((run) => run !== 0)); // 0: no run starts there (the last 7 words)
  const alike = TEXT_DUPLICATE_PERCENT / 100;
  const probes = probesOf(text);
  const found: { file: string; percent: number }[] = [];
  for (const r of reports) {
    if (probes && !holdsProbes(r.body, probes)) continue;
    const other = plainText(r.body);
    // 90 % of each text shared: their lengths are alike (characters, loosely: markup differs)
    if (Math.min(other.length, text.length) < 0.75 * alike * Math.max(other.length, text.length)) continue;
    const theirs = tokenize(other, vocabulary, { positions: false, scratch });
    if (theirs.ids.length < MIN_WORDS) continue;
    // most of its 8-word runs must be runs of this text too before the exact measure
    let runs = 0;
    let hits = 0;
    for (const run of theirs.runs) {
      if (!run) continue;
      runs++;
      if (myRuns.has(run)) hits++;
    }
    if (hits < 0.5 * runs) continue;
    const percent = sharedPercent(mine, theirs);
    if (percent >= TEXT_DUPLICATE_PERCENT) found.push({ file: r.file, percent });
  }
  if (!found.length) return undefined;
  found.sort((x, y) => y.percent - x.percent || x.file.localeCompare(y.file));
  return { file: found[0]!.file, reason: { kind: "text", percent: found[0]!.percent }, others: found.length - 1 };
}

/** For `npm run import` and `npm run new`: a duplicate stops them (one line: which report, why); with `--force` it is only reported. */
export function checkDuplicate(
  paths: ContentPaths,
  report: { url?: string; body?: string },
  force = false,
): { stop?: string; report: string[] } {
  const duplicate = findDuplicate(paths, report);
  if (!duplicate) return { report: [] };
  if (!force) return { stop: `${describeDuplicate(duplicate)}; give --force to write it anyway`, report: [] };
  return { report: [`${describeDuplicate(duplicate)}: allowed by --force`] };
}
