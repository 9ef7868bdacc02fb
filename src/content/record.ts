/**
 * The record of each report: what we captured of its original and what the outlet changed
 * afterwards. `record/<source-id>/<slug>.json` (written by `npm run import`, `discover` and
 * `recheck`, src/editing/record-file.ts) holds its captures, oldest first; this module reads and
 * validates them and derives what readers see: each change (headline, figures, paragraphs
 * removed, added or rewritten), word-by-word differences between versions, and whether a quote
 * still stands in the original. Pure: no Eleventy, no clock.
 */
import fs from "node:fs";
import path from "node:path";
import { diffArrays } from "diff";
import { FileProblem, parseJsonFile, readTextFile } from "./files.ts";
import type { Problem } from "./problems.ts";
import { normalizeQuote } from "./quotes.ts";
import { type CaptureData, describeIssues, type RecordData, recordSchema, SLUG, schemaKeys } from "./schema.ts";

/** A capture of the original's text: version `n` (1 is the first capture). */
export interface RecordVersion {
  readonly n: number;
  readonly at: string;
  readonly by: CaptureData["by"];
  readonly from: string;
  readonly sha256?: string;
  readonly title: string;
  readonly text: readonly string[];
}

/** A figure the outlet changed: "12" → "15". */
interface FigureChange {
  readonly before: string;
  readonly after: string;
}

/** One thing the outlet did to its report after we first captured it. */
export interface RecordChange {
  /** Its anchor on the versions page (`change-1` for the first change): stable, the record only grows. */
  readonly anchor: string;
  readonly at: string;
  /** `changed`: a new version; `removed`: the original is gone; `restored`: back after a removal. */
  readonly kind: "changed" | "removed" | "restored";
  /** The version this change made (for `changed` and `restored`). */
  readonly version?: number;
  readonly headline?: { readonly before: string; readonly after: string };
  readonly figures: readonly FigureChange[];
  /** Paragraphs taken out, put in, and rewritten. */
  readonly removed: readonly string[];
  readonly added: readonly string[];
  readonly rewritten: number;
  /** Why the original counts as removed ("HTTP 410"). */
  readonly why?: string;
}

/** A run of words in a difference: kept, put in (`ins`) or taken out (`del`). */
interface DiffPart {
  readonly op: "same" | "ins" | "del";
  readonly text: string;
}

/** A paragraph of a difference between two versions. */
interface DiffBlock {
  readonly kind: "same" | "changed" | "added" | "removed";
  readonly parts: readonly DiffPart[];
}

/** A run of paragraphs a version kept as they were, shown as their count. */
interface KeptBlocks {
  readonly kind: "kept";
  readonly count: number;
}

/** Version `n` against the version before it. */
export interface VersionDiff {
  readonly version: RecordVersion;
  readonly previous: RecordVersion;
  readonly title: readonly DiffPart[];
  readonly blocks: readonly DiffBlock[];
  /** The blocks as the versions page shows them: each run of unchanged paragraphs as its count. */
  readonly shown: readonly (DiffBlock | KeptBlocks)[];
  readonly change: RecordChange;
}

/** What became of a cited quote in the original since we captured it. */
export interface QuoteFate {
  /** `removed`: the outlet took the whole report down; `changed`: the quoted words are no longer in it. */
  readonly kind: "removed" | "changed";
  readonly at: string;
}

const norm = (s: string) =>
  normalizeQuote(s)
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\u00a0/g, " ");

/** Words of a text as compared: quotes, dashes and white space normalised. */
export function comparableWords(text: string): string[] {
  return norm(text).split(" ").filter(Boolean);
}

const sameWords = (a: string, b: string) => comparableWords(a).join(" ") === comparableWords(b).join(" ");

const FIGURE = /\d/;

/**
 * Tokens a difference is made of: a number whole ("12,000", "3.5", "1 200"), a word (with its
 * apostrophes and hyphens), white space, or one other character; so "12,000" → "15,000" is one
 * figure changed, not "12" → "15". Chinese, Japanese and Thai, written without spaces, by character.
 */
const TOKEN =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}]|\p{N}(?:[\p{N},.\u00a0\u202f']*\p{N})?|[\p{L}\p{M}\p{N}'\u2019-]+|\s+|[^\s]/gu;

/** Word-by-word difference of two texts, kept and changed runs whole. */
function wordDiff(before: string, after: string): DiffPart[] {
  const out: { op: DiffPart["op"]; text: string }[] = [];
  for (const p of diffArrays(norm(before).match(TOKEN) ?? [], norm(after).match(TOKEN) ?? [])) {
    const op = p.added ? "ins" : p.removed ? "del" : "same";
    const text = p.value.join("");
    const last = out.at(-1);
    if (last?.op === op) last.text += text;
    else out.push({ op, text });
  }
  return out;
}

/** Figures in a word difference: a deleted run with digits followed by an inserted one (or the reverse). */
function figuresIn(parts: readonly DiffPart[]): FigureChange[] {
  const out: FigureChange[] = [];
  for (let i = 0; i + 1 < parts.length; i++) {
    const a = parts[i]!;
    const b = parts[i + 1]!;
    if (a.op === "del" && b.op === "ins" && FIGURE.test(a.text) && FIGURE.test(b.text))
      out.push({ before: a.text.trim(), after: b.text.trim() });
  }
  return out;
}

/** Paragraph-level alignment of two versions, with rewritten paragraphs paired and diffed by words. */
function diffBlocks(before: readonly string[], after: readonly string[]): DiffBlock[] {
  const a = before.map(norm);
  const b = after.map(norm);
  const out: DiffBlock[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    const pairs = Math.min(removed.length, added.length);
    for (let i = 0; i < pairs; i++) {
      // a paragraph sharing few words with its counterpart is one taken out and one put in
      const parts = wordDiff(removed[i]!, added[i]!);
      const kept = parts.filter((p) => p.op === "same").reduce((n, p) => n + comparableWords(p.text).length, 0);
      const words = Math.max(comparableWords(removed[i]!).length, comparableWords(added[i]!).length);
      if (kept * 3 >= words) out.push({ kind: "changed", parts });
      else {
        out.push({ kind: "removed", parts: [{ op: "del", text: removed[i]! }] });
        out.push({ kind: "added", parts: [{ op: "ins", text: added[i]! }] });
      }
    }
    for (const r of removed.slice(pairs)) out.push({ kind: "removed", parts: [{ op: "del", text: r }] });
    for (const n of added.slice(pairs)) out.push({ kind: "added", parts: [{ op: "ins", text: n }] });
    removed = [];
    added = [];
  };
  for (const part of diffArrays(a, b)) {
    if (part.removed) removed.push(...part.value);
    else if (part.added) added.push(...part.value);
    else {
      flush();
      for (const p of part.value) out.push({ kind: "same", parts: [{ op: "same", text: p }] });
    }
  }
  flush();
  return out;
}

/** Blocks with each run of unchanged paragraphs folded into its count. */
function foldKept(blocks: readonly DiffBlock[]): (DiffBlock | KeptBlocks)[] {
  const out: (DiffBlock | KeptBlocks)[] = [];
  for (const b of blocks) {
    const last = out.at(-1);
    if (b.kind !== "same") out.push(b);
    else if (last?.kind === "kept") out[out.length - 1] = { kind: "kept", count: last.count + 1 };
    else out.push({ kind: "kept", count: 1 });
  }
  return out;
}

function changeOf(
  previous: RecordVersion,
  version: RecordVersion,
  kind: "changed" | "restored",
  anchor: string,
): VersionDiff {
  const title = sameWords(previous.title, version.title)
    ? [{ op: "same" as const, text: norm(version.title) }]
    : wordDiff(previous.title, version.title);
  const blocks = diffBlocks(previous.text, version.text);
  // each figure once, though the headline and the text both give it
  const all = [...figuresIn(title), ...blocks.filter((b) => b.kind === "changed").flatMap((b) => figuresIn(b.parts))];
  const figures = [...new Map(all.map((f) => [`${f.before}\u0000${f.after}`, f])).values()];
  const change: RecordChange = {
    anchor,
    at: version.at,
    kind,
    version: version.n,
    headline: title.some((p) => p.op !== "same") ? { before: previous.title, after: version.title } : undefined,
    figures,
    removed: blocks.filter((b) => b.kind === "removed").map((b) => b.parts[0]!.text),
    added: blocks.filter((b) => b.kind === "added").map((b) => b.parts[0]!.text),
    rewritten: blocks.filter((b) => b.kind === "changed").length,
  };
  return { version, previous, title, blocks, shown: foldKept(blocks), change };
}

/** A report's record, as readers see it. */
export class ReportRecord {
  /** `source-id/slug`. */
  readonly key: string;
  /** Path of the record file, relative to the project root. */
  readonly file: string;
  readonly url: string;
  /** The last day (UTC) `npm run recheck` had an answer from the outlet. */
  readonly checked?: string;
  /** Versions of the text, oldest first: the first capture, then each change. */
  readonly versions: readonly RecordVersion[];
  /** The first capture: when, how and from where we captured the report (its text is in `versions`). */
  readonly first: Pick<CaptureData, "at" | "by" | "from" | "sha256">;
  /** Every later version, removal and return, with what it changed, oldest first. */
  readonly diffs: readonly VersionDiff[];
  readonly changes: readonly RecordChange[];
  /** Each change in order with, for a new version, its difference from the version before (the versions page). */
  readonly history: readonly { readonly change: RecordChange; readonly diff?: VersionDiff }[];
  /** The outlet no longer serves the report (its last capture is a removal). */
  readonly removed?: RecordChange;
  /** The versions page (`/sources/<id>/<slug>/versions/`), set by the article. */
  href = "";

  constructor(key: string, file: string, data: RecordData) {
    this.key = key;
    this.file = file;
    this.url = data.url;
    this.checked = data.checked;
    const { at, by, from, sha256 } = data.captures[0]!;
    this.first = { at, by, from, sha256 };
    const versions: RecordVersion[] = [];
    const diffs: VersionDiff[] = [];
    const changes: RecordChange[] = [];
    let gone: RecordChange | undefined;
    for (const c of data.captures) {
      if (c.removed !== undefined) {
        // a removal seen again on a later recheck is the same removal
        if (gone) continue;
        gone = {
          anchor: `change-${changes.length + 1}`,
          at: c.at,
          kind: "removed",
          figures: [],
          removed: [],
          added: [],
          rewritten: 0,
          why: c.removed,
        };
        changes.push(gone);
        continue;
      }
      const version: RecordVersion = {
        n: versions.length + 1,
        at: c.at,
        by: c.by,
        from: c.from,
        sha256: c.sha256,
        title: c.title!,
        text: c.text!,
      };
      const previous = versions.at(-1);
      // a capture whose words are the last version's (white space, quotation marks) changed nothing
      if (
        previous &&
        !gone &&
        sameWords(previous.title, version.title) &&
        previous.text.length === version.text.length &&
        previous.text.every((p, i) => sameWords(p, version.text[i]!))
      )
        continue;
      if (previous) {
        const diff = changeOf(previous, version, gone ? "restored" : "changed", `change-${changes.length + 1}`);
        diffs.push(diff);
        changes.push(diff.change);
      }
      versions.push(version);
      gone = undefined;
    }
    // a report the outlet never changed needs no text in the model (every quote of it stands): at
    // 50,000 reports that is ~300 MB not held
    if (versions.length === 1 && !gone) versions[0] = { ...versions[0]!, text: [] };
    this.versions = versions;
    this.diffs = diffs;
    this.changes = changes;
    this.history = changes.map((change) => ({ change, diff: diffs.find((d) => d.change === change) }));
    this.removed = gone;
  }

  /** The outlet changed or removed the report after we first captured it (it then has a versions page). */
  get changedSince(): boolean {
    return this.changes.length > 0;
  }

  /** The outlet's latest change, removal or return. */
  get lastChange(): RecordChange | undefined {
    return this.changes.at(-1);
  }

  /**
   * Whether a quote cited from this report still stands: undefined when it does (or when no
   * captured version ever held it: the editor's text differs from the capture); else when the
   * outlet removed the report, or the first version without the quoted words.
   */
  quoteFate(quote: string): QuoteFate | undefined {
    const q = norm(quote);
    // each version's words normalised once, however many quotes (and pages) ask
    this.#normalised ??= this.versions.map((v) => [norm(v.text.join(" ")), norm(v.title)]);
    const holds = (i: number) => this.#normalised![i]!.some((t) => t.includes(q));
    const n = this.versions.length;
    if (!this.versions.some((_, i) => holds(i))) return undefined;
    if (this.removed) return { kind: "removed", at: this.removed.at };
    if (holds(n - 1)) return undefined;
    let at = this.versions[n - 1]!.at;
    for (let i = n - 1; i >= 0 && !holds(i); i--) at = this.versions[i]!.at;
    return { kind: "changed", at };
  }
  #normalised?: string[][];
}

/** Where a field is, or (a missing one) the object that lacks it. */
function nearest(locate: (p: readonly PropertyKey[]) => object | undefined, at: readonly PropertyKey[]): object {
  for (let n = at.length; n >= 0; n--) {
    const found = locate(at.slice(0, n));
    if (found) return found;
  }
  return {};
}

/** The record file of a report. */
export function recordPath(recordDir: string, key: string): string {
  return path.join(recordDir, ...key.split("/")) + ".json";
}

/**
 * Every record under `recordDir` (`<source-id>/<slug>.json`), validated; a problem names the
 * file, line and field. A record whose report is not among `known` (article keys, drafts
 * included) is a warning: the report was deleted and its record left behind.
 */
export function readRecords(
  recordDir: string,
  root: string,
  known: (key: string) => boolean,
  rel: (file: string) => string,
  problems: Problem[],
): Map<string, ReportRecord> {
  const out = new Map<string, ReportRecord>();
  if (!fs.existsSync(recordDir)) return out;
  for (const source of fs.readdirSync(recordDir).sort()) {
    const dir = path.join(recordDir, source);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      const shown = rel(file);
      const slug = name.replace(/\.json$/, "");
      if (!name.endsWith(".json") || !SLUG.test(slug) || !SLUG.test(source)) {
        problems.push({
          file: shown,
          message: "not a record file: record/ holds <source-id>/<slug>.json, one per report",
          severity: "warning",
        });
        continue;
      }
      const key = `${source}/${slug}`;
      let json: ReturnType<typeof parseJsonFile>;
      try {
        json = parseJsonFile(readTextFile(file, root));
      } catch (e) {
        if (!(e instanceof FileProblem)) throw e;
        problems.push({ file: shown, ...e.position, message: e.message });
        continue;
      }
      const parsed = recordSchema.safeParse(json.value);
      if (!parsed.success) {
        for (const issue of describeIssues(parsed.error, schemaKeys(recordSchema)))
          problems.push({
            file: shown,
            field: issue.field,
            ...nearest(json.locate, issue.path),
            message: issue.message,
          });
        continue;
      }
      if (!known(key)) {
        problems.push({
          file: shown,
          message: `a record of no report (src/articles/${key}.md is not there): delete it with its report`,
          severity: "warning",
        });
        continue;
      }
      out.set(key, new ReportRecord(key, shown, parsed.data));
    }
  }
  return out;
}
