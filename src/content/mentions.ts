/**
 * Finding names in text: one combined regular expression for every name and alias of every
 * entity, built once per build. Matches are whole words in any script: a name may not be
 * preceded or followed by a letter, digit or combining mark (Unicode lookarounds, not `\b`,
 * which only knows ASCII), so "UN" never matches inside "UNITED" or "UNESCO". Case matters
 * ("UN" is not "un"); straight and typographic apostrophes and any run of white space count
 * as the same.
 */

export interface MentionHit<T> {
  /** Offset of the match in the scanned text. */
  index: number;
  /** Length of the match in the scanned text. */
  length: number;
  /** The words as written in the text: the outlet's spelling. */
  text: string;
  target: T;
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;
const APOSTROPHES = /['\u2018\u2019\u02BC]/g;

/** The form of a name used as a lookup key: apostrophes and white space normalised. */
export function nameKey(name: string): string {
  return name.normalize("NFC").replace(APOSTROPHES, "'").replace(/\s+/g, " ").trim();
}

function namePattern(name: string): string {
  return nameKey(name)
    .replace(REGEX_SPECIAL, "\\$&")
    .replace(/'/g, "['\u2018\u2019\u02BC]")
    .replace(/ /g, "\\s+");
}

export class MentionMatcher<T> {
  private readonly re: RegExp | undefined;
  private readonly byKey: Map<string, T>;

  /** `names`: every spelling with what it names. A spelling given twice keeps its first target. */
  constructor(names: Iterable<{ name: string; target: T }>) {
    this.byKey = new Map();
    for (const { name, target } of names) {
      const key = nameKey(name);
      if (key && !this.byKey.has(key)) this.byKey.set(key, target);
    }
    // Longest first, so "International Committee of the Red Cross" wins over "Red Cross".
    const keys = [...this.byKey.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.re = keys.length
      ? new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])(?:${keys.map(namePattern).join("|")})(?![\\p{L}\\p{N}\\p{M}])`, "gu")
      : undefined;
  }

  /** Every mention in `text`, left to right, never overlapping. */
  scan(text: string): MentionHit<T>[] {
    const out: MentionHit<T>[] = [];
    if (!this.re || !text) return out;
    const src = text.normalize("NFC");
    this.re.lastIndex = 0;
    for (let m = this.re.exec(src); m; m = this.re.exec(src)) {
      const target = this.byKey.get(nameKey(m[0]));
      if (target !== undefined) out.push({ index: m.index, length: m[0].length, text: m[0].replace(/\s+/g, " "), target });
    }
    return out;
  }
}
