/**
 * Quotes cited by events and claims must occur in the cited article's text. Both sides are
 * compared after normalising white space (any run becomes one space) and typographic quotes
 * and apostrophes (“ ” „ « » become ", ‘ ’ ʼ become ').
 */

export function normalizeQuote(s: string): string {
  return s
    .normalize("NFC")
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}

/** The article's blocks (paragraphs, headings, list items), normalised once, for many look-ups. */
export class QuoteIndex {
  private readonly joined: string;
  /** Start offset of each block in `joined`. */
  private readonly starts: number[];

  constructor(blocks: readonly string[]) {
    const parts: string[] = [];
    this.starts = [];
    let at = 0;
    for (const b of blocks) {
      const n = normalizeQuote(b);
      this.starts.push(at);
      parts.push(n);
      at += n.length + 1;
    }
    this.joined = parts.join(" ");
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
