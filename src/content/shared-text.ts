/**
 * Shared text between the reports of a story: maximal runs of at least PASSAGE_WORDS words that
 * two reports have in common, after normalisation (case, punctuation, typographic quotes, white
 * space; Unicode words; numbers kept). A passage inside quotation marks in both reports is a
 * shared quotation (two outlets quoting one minister is not copying), counted apart. A run of
 * words an outlet uses in reports of several different stories (a standard credit line) is its
 * boilerplate and is not counted.
 *
 * Cost grows with the story's words, not with the square of its reports: every run of
 * PASSAGE_WORDS words is indexed by a number (a hash of its words), each report is compared only with the earlier
 * report it shares most of those runs with (its likeliest source), and only those pairs are
 * worked out and shown.
 */

const PASSAGE_WORDS = 8;

/** What this module needs of a report. */
export interface SharedTextReport {
  key: string;
  sourceId: string;
  storyId?: string;
  /** Plain text of each block (paragraph, heading, list item). */
  paragraphs: string[];
  /** Publication instant (ms) and whether the time of day is known. */
  epochMs: number;
  hasTime: boolean;
  day: string;
}

/** A report's words: parallel arrays (light for archives of thousands of reports). */
export interface Tokens {
  /** Each word's number in the vocabulary (normalised form). */
  ids: Int32Array;
  /** Offsets in the report's text (paragraphs joined by "\n\n"). */
  starts: Int32Array;
  ends: Int32Array;
  /** 1 when the word sits between quotation marks. */
  quoted: Uint8Array;
  /**
   * Each run of PASSAGE_WORDS words from here, as a 30-bit hash (a small integer: fast map keys).
   * A match is always checked word by word; a rare collision can at most hide one run of words.
   */
  runs: Int32Array;
}

export interface Passage {
  /** 1-based, in the order of the earlier report. */
  n: number;
  kind: "copied" | "quotation";
  text: string;
  /** Word offsets [first, last + 1) in each report. */
  a: [number, number];
  b: [number, number];
}

export interface SharedPair {
  /** The earlier report (or the first by key when the order is unknown) and the later one. */
  a: string;
  b: string;
  order: "a-first" | "unknown";
  passages: Passage[];
  /** Percent of each report's words in copied passages, one decimal. */
  share: { a: number; b: number };
  /** Percent of each report's words in shared quotations, one decimal. */
  quoted: { a: number; b: number };
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const OPEN = new Set(["“", "«", "„", "‘"]);
const CLOSE = new Set(["”", "»", "“", "’"]);

/** The report's text: its paragraphs, joined as the comparison page shows them. */
export function reportText(paragraphs: string[]): string {
  return paragraphs.join("\n\n");
}

/** Numbers for normalised words, shared by every report tokenized with it. */
export type Vocabulary = Map<string, number>;

/** Kept by a caller that builds repeatedly: one vocabulary, and each unchanged text's words. */
export interface TokenCache {
  vocabulary: Vocabulary;
  byText: WeakMap<string[], Tokens>;
}

/** Words with their offsets, whether they sit between quotation marks, and their runs' numbers. */
export function tokenize(text: string, vocabulary: Vocabulary = new Map()): Tokens {
  // quotation marks: typographic pairs, and straight double quotes toggling
  const inQuote = new Uint8Array(text.length + 1);
  let depth = 0;
  let straight = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') straight = !straight;
    else if (OPEN.has(c) && !(c === "‘" && /\p{L}/u.test(text[i - 1] ?? ""))) depth++;
    else if (CLOSE.has(c) && depth > 0 && !(c === "’" && /\p{L}/u.test(text[i + 1] ?? ""))) depth--;
    if (c === "\n" && text[i + 1] === "\n") (depth = 0), (straight = false);
    inQuote[i] = depth > 0 || straight ? 1 : 0;
  }
  const ids: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of text.matchAll(WORD)) {
    // most words are ASCII: Unicode normalisation only where it can change something
    const norm = /^[\x00-\x7f]*$/.test(m[0]) ? m[0].toLowerCase() : m[0].normalize("NFKC").toLowerCase().replace(/’/g, "'");
    let id = vocabulary.get(norm);
    if (id === undefined) vocabulary.set(norm, (id = vocabulary.size + 1));
    ids.push(id);
    starts.push(m.index!);
    ends.push(m.index! + m[0].length);
  }
  const quoted = Uint8Array.from(starts, (st) => inQuote[st]!);
  const runs = new Int32Array(ids.length);
  for (let i = 0; i + PASSAGE_WORDS <= ids.length; i++) {
    let h = 0x811c9dc5;
    for (let k = 0; k < PASSAGE_WORDS; k++) h = Math.imul(h ^ ids[i + k]!, 0x01000193);
    runs[i] = ((h ^ (h >>> 15)) & 0x3fffffff) + 1;
  }
  return { ids: Int32Array.from(ids), starts: Int32Array.from(starts), ends: Int32Array.from(ends), quoted, runs };
}

/** Number of runs of PASSAGE_WORDS words in a report. */
const runCount = (t: Tokens) => Math.max(0, t.ids.length - PASSAGE_WORDS + 1);

/** The runs at `i` and `j` are the same words (the numbers could, rarely, collide). */
function sameRun(a: Tokens, i: number, b: Tokens, j: number): boolean {
  for (let k = 0; k < PASSAGE_WORDS; k++) if (a.ids[i + k] !== b.ids[j + k]) return false;
  return true;
}

/** Each outlet's boilerplate: runs of words it uses in reports of two or more stories. `tokensOf[i]` are `reports[i]`'s. */
export function boilerplate(reports: SharedTextReport[], tokensOf: Tokens[]): Map<string, Set<number>> {
  const seen = new Map<string, Map<number, string>>(); // source → run → first story
  const out = new Map<string, Set<number>>();
  for (const [index, r] of reports.entries()) {
    if (!r.storyId) continue;
    const t = tokensOf[index]!;
    let bySource = seen.get(r.sourceId);
    if (!bySource) seen.set(r.sourceId, (bySource = new Map()));
    for (let i = 0; i < runCount(t); i++) {
      const key = t.runs[i]!;
      const story = bySource.get(key);
      if (story === undefined) bySource.set(key, r.storyId);
      else if (story !== r.storyId) {
        let set = out.get(r.sourceId);
        if (!set) out.set(r.sourceId, (set = new Set()));
        set.add(key);
      }
    }
  }
  return out;
}

/** The shared text of one story's reports (chronological): each report with the earlier report it shares most with. */
export function sharedText(reports: SharedTextReport[], tokens: Tokens[], boilerplateOf: Map<string, Set<number>> = new Map()): SharedPair[] {
  const skip = (r: number, key: number) => !!boilerplateOf.get(reports[r]!.sourceId)?.has(key);
  // where each run of words first appears: report index
  const first = new Map<number, number>();
  const pairs: SharedPair[] = [];
  reports.forEach((report, b) => {
    const counts = new Map<number, number>();
    const t = tokens[b]!;
    for (let i = 0; i < runCount(t); i++) {
      const key = t.runs[i]!;
      const a = first.get(key);
      if (a === undefined) first.set(key, b);
      else if (a !== b && !skip(a, key) && !skip(b, key)) counts.set(a, (counts.get(a) ?? 0) + 1);
    }
    if (!counts.size) return;
    const [a] = [...counts].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0]!;
    const pair = comparePair(reports[a]!, tokens[a]!, report, t, skip, a, b);
    if (pair.passages.length) pairs.push(pair);
  });
  return pairs;
}

function comparePair(ra: SharedTextReport, ta: Tokens, rb: SharedTextReport, tb: Tokens, skip: (r: number, key: number) => boolean, ia: number, ib: number): SharedPair {
  const where = new Map<number, number[]>();
  for (let i = 0; i < runCount(ta); i++) {
    const key = ta.runs[i]!;
    if (skip(ia, key) || skip(ib, key)) continue;
    const list = where.get(key);
    if (list) list.push(i);
    else where.set(key, [i]);
  }
  const found: { a: number; b: number; len: number }[] = [];
  for (let j = 0; j < runCount(tb); ) {
    const starts = where.get(tb.runs[j]!)?.filter((i) => sameRun(ta, i, tb, j));
    if (!starts?.length) {
      j++;
      continue;
    }
    let best = { a: -1, len: 0 };
    for (const i of starts) {
      let len = PASSAGE_WORDS;
      while (i + len < ta.ids.length && j + len < tb.ids.length && ta.ids[i + len] === tb.ids[j + len]) len++;
      if (len > best.len) best = { a: i, len };
    }
    found.push({ a: best.a, b: j, len: best.len });
    j += best.len;
  }
  const textA = reportText(ra.paragraphs);
  const allQuoted = (t: Tokens, from: number, len: number) => t.quoted.subarray(from, from + len).every((q) => q === 1);
  const passages = found
    .sort((x, y) => x.a - y.a || x.b - y.b)
    .map((f, k): Passage => {
      const quoted = allQuoted(ta, f.a, f.len) && allQuoted(tb, f.b, f.len);
      return { n: k + 1, kind: quoted ? "quotation" : "copied", text: textA.slice(ta.starts[f.a], ta.ends[f.a + f.len - 1]), a: [f.a, f.a + f.len], b: [f.b, f.b + f.len] };
    });
  const percent = (words: number, of: number) => (of ? Math.round((words * 1000) / of) / 10 : 0);
  const words = (kind: Passage["kind"], side: "a" | "b") => passages.filter((p) => p.kind === kind).reduce((n, p) => n + p[side][1] - p[side][0], 0);
  const known = ra.hasTime && rb.hasTime ? ra.epochMs !== rb.epochMs : ra.day !== rb.day;
  return {
    a: ra.key,
    b: rb.key,
    order: known ? "a-first" : "unknown",
    passages,
    share: { a: percent(words("copied", "a"), ta.ids.length), b: percent(words("copied", "b"), tb.ids.length) },
    quoted: { a: percent(words("quotation", "a"), ta.ids.length), b: percent(words("quotation", "b"), tb.ids.length) },
  };
}

/**
 * Every story's shared text: the outlets' boilerplate over all stories' reports, then each story
 * compared. `stories[i]` are one story's reports, chronological; words come from the cache.
 */
export function storiesSharedText(stories: SharedTextReport[][], cache: TokenCache = { vocabulary: new Map(), byText: new WeakMap() }): SharedPair[][] {
  const tokensOf = (r: SharedTextReport) => {
    let t = cache.byText.get(r.paragraphs);
    if (!t) cache.byText.set(r.paragraphs, (t = tokenize(reportText(r.paragraphs), cache.vocabulary)));
    return t;
  };
  const all = stories.flat();
  const shared = boilerplate(all, all.map(tokensOf));
  return stories.map((reports) => (reports.length < 2 ? [] : sharedText(reports, reports.map(tokensOf), shared)));
}

/**
 * A report's paragraphs as HTML with its passages marked: `<mark>` numbered like the other
 * report's, quotations marked apart (and not by colour alone: a class, a label and a symbol).
 */
export function markedParagraphs(paragraphs: string[], passages: Passage[], side: "a" | "b"): string[] {
  const text = reportText(paragraphs);
  const tokens = tokenize(text);
  const ranges = passages.map((p) => ({ start: tokens.starts[p[side][0]]!, end: tokens.ends[p[side][1] - 1]!, p })).sort((x, y) => x.start - y.start);
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const out: string[] = [];
  let offset = 0;
  for (const para of paragraphs) {
    const end = offset + para.length;
    let html = "";
    let at = offset;
    for (const r of ranges) {
      if (r.end <= offset || r.start >= end) continue;
      const s = Math.max(r.start, offset);
      const e = Math.min(r.end, end);
      html += esc(text.slice(at, s));
      const label = r.p.kind === "quotation" ? "shared quotation" : "shared passage";
      const head = s === r.start ? `<span class="passage-number"><span class="visually-hidden">${label} </span>${r.p.kind === "quotation" ? "❝" : ""}${r.p.n}</span>` : "";
      html += `<mark class="shared ${r.p.kind}" data-passage="${r.p.n}">${head}${esc(text.slice(s, e))}</mark>`;
      at = e;
    }
    html += esc(text.slice(at, end));
    out.push(html);
    offset = end + 2;
  }
  return out;
}
