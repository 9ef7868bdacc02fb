/**
 * Quotes cited by events and claims must occur in the cited article's text. Both sides are
 * compared after normalising white space (any run becomes one space) and typographic quotes
 * and apostrophes in any script (“ ” „ « » ＂ and the corner brackets 「 」 『 』 become ", ‘ ’ ʼ ＇
 * become '). Chinese and Japanese put no space between words: white space between two of their
 * characters (a line break in the markdown, an ideographic space) is none. Nothing else: case,
 * accents, Arabic vowel marks (tashkeel) and the tatweel must be as the report writes them.
 */

/** Han, kana and the punctuation and full-width forms written with them: no spaces between words. */
const CJK = "\\p{scx=Han}\\p{scx=Hiragana}\\p{scx=Katakana}\\u3000-\\u303F\\uFF00-\\uFFEF";
const CJK_CHAR = new RegExp(`[${CJK}]`, "u");
const SPACE_IN_CJK = new RegExp(`(?<=[${CJK}]) (?=[${CJK}])`, "gu");

export function normalizeQuote(s: string): string {
  return s
    .normalize("NFC")
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC\uFF07]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\uFF02\u300C-\u300F\u301D-\u301F]/g, '"')
    .replace(/\s+/g, " ")
    .replace(SPACE_IN_CJK, "")
    .trim();
}

/** The passage of an article nearest a quote it does not contain, and the first words where the two differ. */
export interface NearestPassage {
  block: number;
  /** The passage, normalised as quotes are compared. */
  text: string;
  /** The first words that differ: the quote's and the article's (empty where one has none). */
  quoted: string;
  found: string;
}

/** The article's blocks (paragraphs, headings, list items), normalised once, for many look-ups. */
export class QuoteIndex {
  private readonly joined: string;
  /** Start offset of each block in `joined`. */
  private readonly starts: number[];
  private readonly parts: string[];

  constructor(blocks: readonly string[]) {
    this.parts = [];
    this.starts = [];
    let at = 0;
    for (const b of blocks) {
      const n = normalizeQuote(b);
      this.starts.push(at);
      this.parts.push(n);
      at += n.length + 1;
    }
    this.joined = this.parts.join(" ");
  }

  /**
   * For a quote the text does not contain: the run of words of one block that is nearest it (a
   * word-level alignment where the passage may start and end anywhere in the block), when at
   * least half of the quote's words are found there in order; otherwise undefined.
   */
  nearest(quote: string): NearestPassage | undefined {
    const q = words(normalizeQuote(quote));
    if (!q.length) return undefined;
    let best: (Alignment & { block: number; words: string[] }) | undefined;
    this.parts.forEach((text, block) => {
      const w = words(text);
      // a table of quote × block words: a block too long to align in a moment is passed over
      if (q.length * w.length > 4_000_000) return;
      const a = align(q, w);
      if (!best || a.cost < best.cost) best = { ...a, block, words: w };
    });
    if (!best) return undefined;
    const same = best.ops.filter((o) => o.q !== undefined && o.q === o.a).length;
    if (same * 2 < q.length) return undefined;
    // the first run of words that differ (up to the next word both have alike)
    const first = best.ops.findIndex((o) => o.q !== o.a);
    const differ: Step[] = [];
    for (const o of first < 0 ? [] : best.ops.slice(first)) {
      if (o.q === o.a || differ.length === 6) break;
      differ.push(o);
    }
    const join = (side: "q" | "a") => joinWords(differ.flatMap((o) => (o[side] === undefined ? [] : [o[side]])));
    return {
      block: best.block,
      text: joinWords(best.words.slice(best.start, best.end)),
      quoted: join("q"),
      found: join("a"),
    };
  }

  /**
   * Index of the block holding the whole quote; -1 when the text does not contain it, -2 when it
   * does only across blocks (a citation links to one paragraph, so a quote must lie in one).
   */
  locate(quote: string): number {
    const q = normalizeQuote(quote);
    if (!q) return -1;
    let found = -1;
    for (let at = this.joined.indexOf(q); at >= 0; at = this.joined.indexOf(q, at + 1)) {
      const block = this.blockAt(at);
      const end = block + 1 < this.starts.length ? this.starts[block + 1]! - 1 : this.joined.length;
      if (at + q.length <= end) return block;
      found = -2;
    }
    return found;
  }

  private blockAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** A normalised text's words: between spaces, and each Chinese or Japanese character on its own (no spaces there). */
const words = (text: string): string[] =>
  text
    .split(" ")
    .filter(Boolean)
    .flatMap((w) => (CJK_CHAR.test(w) ? w.match(CJK_SPLIT)! : [w]));
const CJK_SPLIT = new RegExp(`[${CJK}]|[^${CJK}]+`, "gu");

/** Words back into text: no space next to a Chinese or Japanese character. */
function joinWords(ws: readonly string[]): string {
  let out = "";
  for (const w of ws) out += out && !CJK_CHAR.test(out.at(-1)!) && !CJK_CHAR.test(w[0]!) ? ` ${w}` : w;
  return out;
}

/** One step of an alignment: a word of the quote (`q`) against a word of the text (`a`); one may be missing. */
interface Step {
  q?: string;
  a?: string;
}

interface Alignment {
  cost: number;
  /** The passage: words `start` to `end` (exclusive) of the text. */
  start: number;
  end: number;
  ops: Step[];
}

/**
 * Two words alike but for case (folded, not only lowered: ß and ss), combining marks (Arabic
 * tashkeel), the tatweel or punctuation: nearly the same (but still a difference).
 */
const loose = (w: string) =>
  w
    .toUpperCase()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]|\u0640/gu, "");

/**
 * The quote's words aligned to the best-matching run of the text's words (edit distance by words,
 * free to start and end anywhere in the text: Sellers' approximate matching).
 */
function align(q: string[], w: string[]): Alignment {
  const n = q.length;
  const m = w.length;
  const sub = (i: number, j: number) =>
    q[i] === w[j] ? 0 : loose(q[i]!) === loose(w[j]!) && loose(q[i]!) !== "" ? 0.5 : 1;
  // d[i][j]: cost of the quote's first i words ending at the text's word j
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => Array<number>(m + 1).fill(i));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++)
      d[i]![j] = Math.min(d[i - 1]![j - 1]! + sub(i - 1, j - 1), d[i - 1]![j]! + 1, d[i]![j - 1]! + 1);
  }
  const trace = (end: number): Alignment => {
    const ops: Step[] = [];
    let i = n;
    let j = end;
    while (i > 0) {
      if (j > 0 && d[i]![j] === d[i - 1]![j - 1]! + sub(i - 1, j - 1)) ops.push({ q: q[--i], a: w[--j] });
      else if (d[i]![j] === d[i - 1]![j]! + 1) ops.push({ q: q[--i] });
      else ops.push({ a: w[--j] });
    }
    return { cost: d[n]![end]!, start: j, end, ops: ops.reverse() };
  };
  // of the passages that cost least, the one nearest the quote's length ("one dozen towns", not "one dozen")
  const least = d[n]!.reduce((a, b) => Math.min(a, b));
  let best: Alignment | undefined;
  for (let j = 0; j <= m; j++) {
    if (d[n]![j] !== least) continue;
    const a = trace(j);
    if (!best || Math.abs(a.end - a.start - n) < Math.abs(best.end - best.start - n)) best = a;
  }
  return best!;
}
