/**
 * Shared text between the reports of a story: maximal runs of at least PASSAGE_WORDS words that
 * two reports have in common, after normalisation (case, punctuation, typographic quotes, white
 * space; Unicode words; numbers kept). A passage inside quotation marks in both reports is a
 * shared quotation (two outlets quoting one minister is not copying), counted apart. A run of
 * words an outlet uses in reports of several different stories (a standard credit line) is its
 * boilerplate and is not counted. A passage made only of names, titles and function words, or
 * used in reports of several unrelated stories, is a stock phrase (stock-phrases.ts): labelled as
 * such and counted apart, not as copying.
 *
 * Cost grows with the story's words, not with the square of its reports: every run of
 * PASSAGE_WORDS words is indexed by a number (a hash of its words) in typed-array tables; only
 * runs that a story's reports repeat are looked up further (boilerplate, counts); each report is
 * compared only with the earlier report it shares most of those runs with (its likeliest
 * source), and only those pairs are worked out and shown. Words are read in one pass over the
 * characters (no regular expression per word), the step's main cost.
 */
import { StoredBlocks } from "./stored-text.ts";
import { STOCK_STORIES, madeOfStockWords, stockWordIds } from "./stock-phrases.ts";

export const PASSAGE_WORDS = 8;

/** What this module needs of a report. */
export interface SharedTextReport {
  key: string;
  sourceId: string;
  storyId?: string;
  /** Plain text of each block (paragraph, heading, list item), as strings or kept as bytes (stored-text.ts). */
  paragraphs: readonly string[] | StoredBlocks;
  /** Publication instant (ms) and whether the time of day is known. */
  epochMs: number;
  hasTime: boolean;
  day: string;
}

/** A report's words: parallel arrays (light for archives of thousands of reports). */
export interface Tokens {
  /** Each word's number in the vocabulary (normalised form). */
  ids: Int32Array;
  /**
   * Offsets in the report's text (paragraphs joined by "\n\n"); left out of the tokens kept for
   * every report of an archive (their memory), worked out again for a pair that shares text.
   */
  starts?: Int32Array;
  ends?: Int32Array;
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
  /** Copied text; a quotation both reports give; or a stock phrase (names, titles, a formula): not copying. */
  kind: "copied" | "quotation" | "stock";
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

const LETTER = /\p{L}/u;
const NUMBER = /\p{N}/u;
/** 1 letter, 2 number, 3 neither: ASCII filled now, the rest of the BMP as met. */
const bmpClass = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++)
  bmpClass[c] = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : c >= 48 && c <= 57 ? 2 : 3;
function classOf(cp: number): number {
  let k = cp < 0x10000 ? bmpClass[cp]! : 0;
  if (!k) {
    const s = String.fromCodePoint(cp);
    k = LETTER.test(s) ? 1 : NUMBER.test(s) ? 2 : 3;
    if (cp < 0x10000) bmpClass[cp] = k;
  }
  return k;
}
const LETTER_K = 1,
  OTHER_K = 3;
const STRAIGHT = 0x22,
  APOSTROPHE = 0x27,
  RIGHT_SINGLE = 0x2019,
  LEFT_SINGLE = 0x2018;
/** Opening quotation marks and the marks that close them (English, French, German, Danish styles). */
const CLOSERS = new Map<number, number[]>([
  [0x201c, [0x201d]], // “ ”
  [0xab, [0xbb]], // « »
  [0x201e, [0x201c, 0x201d]], // „ “
  [0xbb, [0xab]], // » «
  [LEFT_SINGLE, [RIGHT_SINGLE]], // ‘ ’
]);

/**
 * A word with case set aside by full case folding, as Unicode's CaseFolding does it and
 * `toLowerCase` alone does not: compatibility forms first (ﬁ → fi), then lower, upper and lower
 * case again, so that ß and ẞ are ss (Straße is STRASSE), and every sigma the same (ς → σ).
 */
export function fold(word: string): string {
  return word.normalize("NFKC").toLowerCase().toUpperCase().toLowerCase().replace(/ς/g, "σ").replace(/’/g, "'");
}

/** The report's text: its paragraphs, joined as the comparison page shows them. */
export function reportText(paragraphs: readonly string[]): string {
  return paragraphs.join("\n\n");
}

/** Numbers for words: each written form and its normalised form map to the normalised form's number. */
export type Vocabulary = Map<string, number>;

/** Kept by a caller that builds repeatedly: one vocabulary, and each unchanged text's words. */
export interface TokenCache {
  vocabulary: Vocabulary;
  byText: WeakMap<readonly string[] | StoredBlocks, Tokens>;
  /** Each story's repeated runs, by its reports' keys (replaced on every call: only current stories). */
  byStory: Map<string, StoryRuns>;
}

/** Words with their offsets, whether they sit between quotation marks, and their runs' numbers. */
/** Working arrays for tokenize(), grown as needed and reused from one report to the next. */
export class TokenScratch {
  ids = new Int32Array(0);
  starts = new Int32Array(0);
  ends = new Int32Array(0);
  quoted = new Uint8Array(0);
  fit(most: number): this {
    if (this.ids.length < most) {
      const size = Math.max(most, this.ids.length * 2);
      [this.ids, this.starts, this.ends, this.quoted] = [
        new Int32Array(size),
        new Int32Array(size),
        new Int32Array(size),
        new Uint8Array(size),
      ];
    }
    return this;
  }
}

/** `positions: false` leaves out `starts` and `ends` (see Tokens). */
export function tokenize(
  text: string,
  vocabulary: Vocabulary = new Map(),
  options: { positions?: boolean; scratch?: TokenScratch } = {},
): Tokens {
  const n = text.length;
  // at most one word in two characters
  const { ids, starts, ends, quoted } = (options.scratch ?? new TokenScratch()).fit((n >> 1) + 1);
  let count = 0;
  const open: number[] = []; // quotation marks open, innermost last
  let straight = false;
  // the code point at `at` (a surrogate pair read as one) and its width
  let cp = 0;
  let width = 1;
  const read = (at: number) => {
    cp = text.charCodeAt(at);
    width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && at + 1 < n) {
      const low = text.charCodeAt(at + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    return cp < 128 ? bmpClass[cp]! : classOf(cp);
  };
  const nextIsLetter = (at: number) => at < n && read(at) === LETTER_K;
  /** A closing mark (or a stray one) closes the innermost quotation. */
  const close = (c: number) => {
    if (!open.length) return false;
    const top = open[open.length - 1]!;
    if (CLOSERS.get(top)!.includes(c) || c === 0x201d || c === RIGHT_SINGLE || c === 0xbb) {
      open.pop();
      return true;
    }
    return false;
  };
  let prev = OTHER_K;
  for (let i = 0; i < n; ) {
    const c0 = text.charCodeAt(i);
    // white space and ASCII punctuation other than the straight quote and line feed: nothing to do
    if (c0 < 128 && bmpClass[c0] === OTHER_K && c0 !== STRAIGHT && c0 !== 0x0a) {
      prev = OTHER_K;
      i++;
      continue;
    }
    let k = read(i);
    if (k !== OTHER_K) {
      // a word: letters and numbers, joined by an apostrophe when more of them follow
      const start = i;
      const quotedHere = straight || open.length > 0 ? 1 : 0;
      let ascii = cp < 128;
      let j = i + width;
      for (;;) {
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c < 128) {
            if (bmpClass[c] === OTHER_K) break;
            j++;
          } else {
            if (read(j) === OTHER_K) break;
            ascii = false;
            j += width;
          }
        }
        const c = j < n ? text.charCodeAt(j) : 0;
        if ((c === APOSTROPHE || c === RIGHT_SINGLE) && j + 1 < n && (k = read(j + 1)) !== OTHER_K) {
          if (c === RIGHT_SINGLE) ascii = false;
          if (c === RIGHT_SINGLE && k !== LETTER_K) close(c); // ’ before a digit still closes a quotation
          j += 1;
          continue;
        }
        break;
      }
      const raw = text.slice(start, j);
      let id = vocabulary.get(raw);
      if (id === undefined) {
        const norm = ascii ? raw.toLowerCase() : fold(raw);
        id = vocabulary.get(norm);
        if (id === undefined) vocabulary.set(norm, (id = vocabulary.size + 1));
        if (norm !== raw) vocabulary.set(raw, id);
      }
      ids[count] = id;
      starts[count] = start;
      ends[count] = j;
      quoted[count++] = quotedHere;
      prev = classOfBefore(text, j);
      i = j;
      continue;
    }
    const c = cp;
    const w = width; // read() below, for the next character, changes width
    if (c === STRAIGHT) straight = !straight;
    else if (c === 0x0a) {
      if (text.charCodeAt(i + 1) === 0x0a) {
        open.length = 0;
        straight = false;
      }
    } else if (c >= 0xab && (c === RIGHT_SINGLE ? !nextIsLetter(i + 1) && close(c) : close(c))) {
      /* closed */
    } else if (c >= 0xab && CLOSERS.has(c) && !(c === LEFT_SINGLE && prev === LETTER_K)) open.push(c);
    prev = k;
    i += w;
  }
  const runs = new Int32Array(count);
  for (let i = 0; i + PASSAGE_WORDS <= count; i++) {
    let h = 0x811c9dc5;
    for (let q = 0; q < PASSAGE_WORDS; q++) h = Math.imul(h ^ ids[i + q]!, 0x01000193);
    runs[i] = ((h ^ (h >>> 15)) & 0x3fffffff) + 1;
  }
  const kept: Tokens = { ids: ids.slice(0, count), quoted: quoted.slice(0, count), runs };
  if (options.positions ?? true) {
    kept.starts = starts.slice(0, count);
    kept.ends = ends.slice(0, count);
  }
  return kept;
}
function classOfBefore(text: string, j: number): number {
  let c = text.charCodeAt(j - 1);
  if (c >= 0xdc00 && c <= 0xdfff && j >= 2) {
    const hi = text.charCodeAt(j - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) c = ((hi - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
  }
  return c < 128 ? bmpClass[c]! : classOf(c);
}

/** Number of runs of PASSAGE_WORDS words in a report. */
const runCount = (t: Tokens) => Math.max(0, t.ids.length - PASSAGE_WORDS + 1);

/** The runs at `i` and `j` are the same words (the numbers could, rarely, collide). */
function sameRun(a: Tokens, i: number, b: Tokens, j: number): boolean {
  for (let k = 0; k < PASSAGE_WORDS; k++) if (a.ids[i + k] !== b.ids[j + k]) return false;
  return true;
}

/**
 * Within one story: every run of a report that an earlier report of the story already has, as
 * pairs (position in this report, index of the first report with it). Only these runs can be
 * shared text, so only they are looked up later (boilerplate, counts).
 */
interface StoryRuns {
  tokens: Tokens[];
  /** `repeats[b]`: flat [position, earlier report, position, earlier report, …]. */
  repeats: number[][];
}

function storyRuns(tokens: Tokens[]): StoryRuns {
  const first = new RunTable(tokens.reduce((n, t) => n + runCount(t), 0));
  const repeats = tokens.map((t, b) => {
    const out: number[] = [];
    for (let i = 0; i < runCount(t); i++) {
      const a = first.putIfAbsent(t.runs[i]!, b);
      if (a !== -1 && a !== b) out.push(i, a);
    }
    return out;
  });
  return { tokens, repeats };
}

/**
 * Run numbers (≥ 1) to small integers, in typed arrays (open addressing): an order of magnitude
 * lighter and faster than a Map for the millions of runs of a large archive.
 */
class RunTable {
  private readonly keys: Int32Array;
  private readonly values: Int32Array;
  private readonly mask: number;
  /** Keys kept. */
  size = 0;
  constructor(expected: number) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.keys = new Int32Array(size);
    this.values = new Int32Array(size);
    this.mask = size - 1;
  }
  private slot(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) & this.mask;
    while (this.keys[i] !== 0 && this.keys[i] !== key) i = (i + 1) & this.mask;
    return i;
  }
  /** The value kept for `key`, or -1 after keeping `value` for it. */
  putIfAbsent(key: number, value: number): number {
    const i = this.slot(key);
    if (this.keys[i] === key) return this.values[i]!;
    this.keys[i] = key;
    this.values[i] = value;
    this.size++;
    return -1;
  }
  get(key: number): number {
    const i = this.slot(key);
    return this.keys[i] === key ? this.values[i]! : -1;
  }
}

/** What is known of the runs that could be shared text from one pass over the whole archive. */
interface AcrossStories {
  /** Each outlet's boilerplate: runs it uses in reports of two or more stories (source → runs). */
  boilerplate: Map<string, Set<number>>;
  /** Runs used in reports of STOCK_STORIES or more stories, by any outlets: stock phrases. */
  widespread: Set<number>;
}

/**
 * One pass over every report's runs, looking up only the runs some story repeats: each outlet's
 * boilerplate, and the runs spread over many stories. Linear in the archive's words.
 */
function acrossStories(stories: SharedTextReport[][], runsOf: StoryRuns[]): AcrossStories {
  const list: number[] = [];
  for (const { tokens, repeats } of runsOf)
    repeats.forEach((r, b) => {
      for (let k = 0; k < r.length; k += 2) list.push(tokens[b]!.runs[r[k]!]!);
    });
  const out = new Map<string, Set<number>>();
  const widespread = new Set<number>();
  if (!list.length) return { boilerplate: out, widespread };
  // each candidate's slot, then (source, slot) → first story that uses it
  const candidates = new RunTable(list.length);
  for (const key of list) candidates.putIfAbsent(key, candidates.size);
  const seen = new Map<string, Int32Array>();
  // stories are walked in turn: a run's last story and its count of stories are enough
  const lastStory = new Int32Array(candidates.size).fill(-1);
  const storyCount = new Int32Array(candidates.size);
  stories.forEach((reports, s) =>
    reports.forEach((r, b) => {
      const t = runsOf[s]!.tokens[b]!;
      let firstStory = seen.get(r.sourceId);
      if (!firstStory) seen.set(r.sourceId, (firstStory = new Int32Array(candidates.size).fill(-1)));
      for (let i = 0; i < runCount(t); i++) {
        const slot = candidates.get(t.runs[i]!);
        if (slot === -1) continue;
        if (lastStory[slot] !== s) {
          lastStory[slot] = s;
          storyCount[slot] = storyCount[slot]! + 1;
          if (storyCount[slot] === STOCK_STORIES) widespread.add(t.runs[i]!);
        }
        if (firstStory[slot] === -1) firstStory[slot] = s;
        else if (firstStory[slot] !== s) {
          let set = out.get(r.sourceId);
          if (!set) out.set(r.sourceId, (set = new Set()));
          set.add(t.runs[i]!);
        }
      }
    }),
  );
  return { boilerplate: out, widespread };
}

/** The shared text of one story's reports (chronological): each report with the earlier report it shares most with. */
function sharedText(
  reports: SharedTextReport[],
  { tokens, repeats }: StoryRuns,
  across: AcrossStories,
  stock: Stock,
): SharedPair[] {
  const skip = (r: number, key: number) => !!across.boilerplate.get(reports[r]!.sourceId)?.has(key);
  const pairs: SharedPair[] = [];
  reports.forEach((report, b) => {
    const counts = new Map<number, number>();
    const list = repeats[b]!;
    for (let k = 0; k < list.length; k += 2) {
      const key = tokens[b]!.runs[list[k]!]!;
      const a = list[k + 1]!;
      if (!skip(a, key) && !skip(b, key)) counts.set(a, (counts.get(a) ?? 0) + 1);
    }
    if (!counts.size) return;
    const [a] = [...counts].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0]!;
    const pair = comparePair(reports[a]!, tokens[a]!, report, tokens[b]!, skip, a, b, stock);
    if (pair.passages.length) pairs.push(pair);
  });
  return pairs;
}

/**
 * The passages two reports share: maximal runs of at least PASSAGE_WORDS equal words, found by
 * walking `tb` and taking, at each of its runs that `ta` has, the longest match (word offsets
 * and length). `skip` leaves a run out (an outlet's boilerplate).
 */
export function sharedRuns(
  ta: Tokens,
  tb: Tokens,
  skip: (key: number) => boolean = () => false,
): { a: number; b: number; len: number }[] {
  const where = new Map<number, number[]>();
  for (let i = 0; i < runCount(ta); i++) {
    const key = ta.runs[i]!;
    if (skip(key)) continue;
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
  return found;
}

/** How a passage is told to be a stock phrase: its words, or its runs. */
interface Stock {
  words: ReadonlySet<number>;
  widespread: ReadonlySet<number>;
}

/** The passage of `len` words at `from` in `t` is a stock phrase (stock-phrases.ts). */
function isStock(t: Tokens, from: number, len: number, stock: Stock): boolean {
  if (madeOfStockWords(t.ids, from, from + len, stock.words)) return true;
  for (let i = from; i + PASSAGE_WORDS <= from + len; i++) if (!stock.widespread.has(t.runs[i]!)) return false;
  return true;
}

function comparePair(
  ra: SharedTextReport,
  ta: Tokens,
  rb: SharedTextReport,
  tb: Tokens,
  skip: (r: number, key: number) => boolean,
  ia: number,
  ib: number,
  stock: Stock,
): SharedPair {
  const found = sharedRuns(ta, tb, (key) => skip(ia, key) || skip(ib, key));
  const textA = reportText(blocksOf(ra));
  const at = found.length && !ta.starts ? tokenize(textA) : ta;
  const allQuoted = (t: Tokens, from: number, len: number) => t.quoted.subarray(from, from + len).every((q) => q === 1);
  const passages = found
    .sort((x, y) => x.a - y.a || x.b - y.b)
    .map((f, k): Passage => {
      const quoted = allQuoted(ta, f.a, f.len) && allQuoted(tb, f.b, f.len);
      const kind = quoted ? "quotation" : isStock(ta, f.a, f.len, stock) ? "stock" : "copied";
      return {
        n: k + 1,
        kind,
        text: ownCopy(textA.slice(at.starts![f.a], at.ends![f.a + f.len - 1])),
        a: [f.a, f.a + f.len],
        b: [f.b, f.b + f.len],
      };
    });
  const percent = (words: number, of: number) => (of ? Math.round((words * 1000) / of) / 10 : 0);
  const words = (kind: Passage["kind"], side: "a" | "b") =>
    passages.filter((p) => p.kind === kind).reduce((n, p) => n + p[side][1] - p[side][0], 0);
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

function blocksOf(r: SharedTextReport): readonly string[] {
  return r.paragraphs instanceof StoredBlocks ? r.paragraphs.list() : r.paragraphs;
}

/** A fresh cache; a caller that builds repeatedly keeps it. */
export function newTokenCache(): TokenCache {
  return { vocabulary: new Map(), byText: new WeakMap(), byStory: new Map() };
}

/**
 * Every story's shared text: each story's repeated runs, the outlets' boilerplate and the stock
 * phrases among them, then each story compared. `stories[i]` are one story's reports,
 * chronological; words and each unchanged story's runs come from the cache. `names`: the
 * entities' names, aliases and spellings (a passage of names, titles and function words only is
 * a stock phrase).
 */
export function storiesSharedText(
  stories: SharedTextReport[][],
  cache: TokenCache = newTokenCache(),
  options: { names?: Iterable<string> } = {},
): SharedPair[][] {
  const scratch = new TokenScratch();
  const tokensOf = (r: SharedTextReport) => {
    let t = cache.byText.get(r.paragraphs);
    if (!t)
      cache.byText.set(
        r.paragraphs,
        (t = tokenize(reportText(blocksOf(r)), cache.vocabulary, { positions: false, scratch })),
      );
    return t;
  };
  const byStory = new Map<string, StoryRuns>();
  const runsOf = stories.map((reports) => {
    const tokens = reports.map(tokensOf);
    const key = reports.map((r) => r.key).join("\n");
    const kept = cache.byStory.get(key);
    const runs = kept?.tokens.every((t, i) => t === tokens[i])
      ? kept
      : reports.length < 2
        ? { tokens, repeats: [[]] }
        : storyRuns(tokens);
    byStory.set(key, runs);
    return runs;
  });
  cache.byStory = byStory;
  const across = acrossStories(stories, runsOf);
  const stock = { words: stockWordIds(options.names ?? [], cache.vocabulary), widespread: across.widespread };
  return stories.map((reports, s) => (reports.length < 2 ? [] : sharedText(reports, runsOf[s]!, across, stock)));
}

/** The id of passage `n`'s mark in report `side` of a comparison page (its twin is in the other). */
const passageId = (side: "a" | "b", n: number) => `passage-${side}${n}`;

const KIND_LABEL: Record<Passage["kind"], string> = {
  copied: "shared passage",
  quotation: "shared quotation",
  stock: "stock phrase",
};
const KIND_SYMBOL: Record<Passage["kind"], string> = { copied: "", quotation: "❝", stock: "≈" };

/**
 * A report's paragraphs as HTML with its passages marked: `<mark>` numbered like the other
 * report's, quotations and stock phrases marked apart (and not by colour alone: a class, a label
 * and a symbol). A passage's first mark has an id (passageId) and its number links to the twin.
 */
export function markedParagraphs(paragraphs: readonly string[], passages: Passage[], side: "a" | "b"): string[] {
  const text = reportText(paragraphs);
  const tokens = tokenize(text);
  const other = side === "a" ? "b" : "a";
  const ranges = passages
    .map((p) => ({ start: tokens.starts![p[side][0]]!, end: tokens.ends![p[side][1] - 1]!, p }))
    .sort((x, y) => x.start - y.start);
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
      const { n, kind } = r.p;
      const first = s === r.start;
      const head = first
        ? `<a class="passage-number" href="#${passageId(other, n)}"><span class="visually-hidden">${KIND_LABEL[kind]} </span>${KIND_SYMBOL[kind]}${n}<span class="visually-hidden">, in the other report</span></a>`
        : "";
      html += `<mark class="shared ${kind}"${first ? ` id="${passageId(side, n)}"` : ""} data-passage="${n}">${head}${esc(text.slice(s, e))}</mark>`;
      at = e;
    }
    html += esc(text.slice(at, end));
    out.push(html);
    offset = end + 2;
  }
  return out;
}

/** A string of its own: V8 makes a long slice a view that keeps the whole report's text alive as long as the passage lives. */
function ownCopy(text: string): string {
  return Buffer.from(text).toString();
}
