/**
 * Finding names in text: a trie of every name and alias of every entity, built once per build,
 * walked from each place a word can start. Its cost follows the text and the longest name, not
 * the number of names (one alternation regex of all spellings slows down ~60× past ~1,500 in V8).
 * Matches are whole words in any script: a name may not be preceded or followed by a letter,
 * digit or combining mark, so "UN" never matches inside "UNITED" or "UNESCO". At a given place
 * the longest name wins ("International Committee of the Red Cross" over "Red Cross"). Case
 * matters ("UN" is not "un"); straight and typographic apostrophes and any run of white space
 * (line breaks included) count as the same.
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

const APOSTROPHES = /['\u2018\u2019\u02BC]/g;

/** The form of a name used as a lookup key: apostrophes and white space normalised. */
export function nameKey(name: string): string {
  return name.normalize("NFC").replace(APOSTROPHES, "'").replace(/\s+/g, " ").trim();
}

const SPACE = 0x20;
const APOSTROPHE = 0x27;
/** What `\s` matches. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
const isApostrophe = (c: number) => c === APOSTROPHE || c === 0x2018 || c === 0x2019 || c === 0x02bc;

const WORDLIKE = /[\p{L}\p{N}\p{M}]/u;
/** Letters, digits and combining marks of the BMP: 0 not looked up yet, 1 yes, 2 no. */
const bmpWordlike = new Uint8Array(0x10000);
function isWordlike(cp: number): boolean {
  if (cp < 0x10000) {
    let k = bmpWordlike[cp]!;
    if (!k) bmpWordlike[cp] = k = WORDLIKE.test(String.fromCharCode(cp)) ? 1 : 2;
    return k === 1;
  }
  return WORDLIKE.test(String.fromCodePoint(cp));
}
/** The code point that ends just before `at` is a letter, digit or mark. */
function wordlikeBefore(text: string, at: number): boolean {
  if (at <= 0) return false;
  let c = text.charCodeAt(at - 1);
  if (c >= 0xdc00 && c <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) c = ((high - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
  }
  return isWordlike(c);
}
/** The code point at `at` is a letter, digit or mark. */
function wordlikeAt(text: string, at: number): boolean {
  return at < text.length && isWordlike(text.codePointAt(at)!);
}

/** A trie node: children by UTF-16 code unit (white space and apostrophes as one each). */
interface Node<T> {
  next?: Map<number, Node<T>>;
  /** The name that ends here and what it names. */
  end?: { key: string; target: T };
}

export class MentionMatcher<T> {
  private readonly root: Node<T> = {};
  private readonly empty: boolean;

  /** `names`: every spelling with what it names. A spelling given twice keeps its first target. */
  constructor(names: Iterable<{ name: string; target: T }>) {
    let count = 0;
    for (const { name, target } of names) {
      const key = nameKey(name);
      if (!key) continue;
      let node = this.root;
      for (let i = 0; i < key.length; i++) {
        const c = key.charCodeAt(i);
        node.next ??= new Map();
        let child = node.next.get(c);
        if (!child) node.next.set(c, (child = {}));
        node = child;
      }
      if (!node.end) (node.end = { key, target }), count++;
    }
    this.empty = count === 0;
  }

  /** Every mention in `text`, left to right, never overlapping. */
  scan(text: string): MentionHit<T>[] {
    const out: MentionHit<T>[] = [];
    if (this.empty || !text) return out;
    const src = text.normalize("NFC");
    for (let p = 0; p < src.length; ) {
      const found = wordlikeBefore(src, p) ? undefined : this.longestAt(src, p);
      if (!found) {
        p++;
        continue;
      }
      out.push({ index: p, length: found.end - p, text: src.slice(p, found.end).replace(/\s+/g, " "), target: found.target });
      p = found.end;
    }
    return out;
  }

  /** The longest name that starts at `p` and ends at a word boundary: where it ends and what it names. */
  private longestAt(src: string, p: number): { end: number; target: T } | undefined {
    let node: Node<T> | undefined = this.root;
    let best: { end: number; target: T } | undefined;
    for (let i = p; node?.next && i < src.length; ) {
      const c = src.charCodeAt(i);
      if (isSpace(c)) {
        node = node.next.get(SPACE);
        while (i < src.length && isSpace(src.charCodeAt(i))) i++;
      } else {
        node = node.next.get(isApostrophe(c) ? APOSTROPHE : c);
        i++;
      }
      if (node?.end && !wordlikeAt(src, i)) best = { end: i, target: node.end.target };
    }
    return best;
  }
}
