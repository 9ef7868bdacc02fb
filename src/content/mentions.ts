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
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
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

/**
 * The trie as flat typed arrays, not an object and a Map per node: 20,000 spellings make ~150,000
 * nodes, which as Maps cost ~50 ms to build and ~23 MB the garbage collector walks all build long.
 * An edge (node, code unit) → child lives in an open-addressing hash table; node 0 is the root.
 */
class Trie {
  private edgeNode = new Int32Array(1 << 12).fill(-1);
  private edgeChar = new Uint16Array(1 << 12);
  private edgeChild = new Int32Array(1 << 12);
  /** Per node: index into `names` of the name that ends there, or -1. */
  ends = new Int32Array(1 << 10).fill(-1);
  nodes = 1;

  private slot(node: number, c: number): number {
    const mask = this.edgeNode.length - 1;
    let i = (Math.imul(node, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & mask;
    while (this.edgeNode[i] !== -1 && (this.edgeNode[i] !== node || this.edgeChar[i] !== c)) i = (i + 1) & mask;
    return i;
  }

  /** The child of `node` along code unit `c`, or -1. */
  child(node: number, c: number): number {
    const i = this.slot(node, c);
    return this.edgeNode[i] === -1 ? -1 : this.edgeChild[i]!;
  }

  /** The child of `node` along `c`, made if missing. */
  childOrNew(node: number, c: number): number {
    let i = this.slot(node, c);
    if (this.edgeNode[i] !== -1) return this.edgeChild[i]!;
    // every node but the root hangs from exactly one edge: nodes − 1 edges
    if (this.nodes * 2 > this.edgeNode.length) {
      this.grow();
      i = this.slot(node, c);
    }
    const made = this.nodes++;
    if (made >= this.ends.length) {
      const ends = new Int32Array(this.ends.length * 2).fill(-1);
      ends.set(this.ends);
      this.ends = ends;
    }
    this.edgeNode[i] = node;
    this.edgeChar[i] = c;
    this.edgeChild[i] = made;
    return made;
  }

  private grow(): void {
    const [node, char, child] = [this.edgeNode, this.edgeChar, this.edgeChild];
    this.edgeNode = new Int32Array(node.length * 2).fill(-1);
    this.edgeChar = new Uint16Array(node.length * 2);
    this.edgeChild = new Int32Array(node.length * 2);
    for (let j = 0; j < node.length; j++) {
      if (node[j] === -1) continue;
      const i = this.slot(node[j]!, char[j]!);
      this.edgeNode[i] = node[j]!;
      this.edgeChar[i] = char[j]!;
      this.edgeChild[i] = child[j]!;
    }
  }
}

export class MentionMatcher<T> {
  private readonly trie = new Trie();
  private readonly names: { key: string; target: T }[] = [];
  /** Code units a name can start with (apostrophes in all their forms): anywhere else no walk starts. */
  private readonly starts = new Uint8Array(0x10000);

  /** `names`: every spelling with what it names. A spelling given twice keeps its first target. */
  constructor(names: Iterable<{ name: string; target: T }>) {
    for (const { name, target } of names) {
      const key = nameKey(name);
      if (!key) continue;
      let node = 0;
      for (let i = 0; i < key.length; i++) node = this.trie.childOrNew(node, key.charCodeAt(i));
      if (this.trie.ends[node] === -1) {
        this.trie.ends[node] = this.names.length;
        this.names.push({ key, target });
        const first = key.charCodeAt(0);
        if (isApostrophe(first)) for (const a of [APOSTROPHE, 0x2018, 0x2019, 0x02bc]) this.starts[a] = 1;
        else this.starts[first] = 1;
      }
    }
  }

  /** Every mention in `text`, left to right, never overlapping. */
  scan(text: string): MentionHit<T>[] {
    const out: MentionHit<T>[] = [];
    if (!this.names.length || !text) return out;
    const src = text.normalize("NFC");
    for (let p = 0; p < src.length; ) {
      const found = this.starts[src.charCodeAt(p)] && !wordlikeBefore(src, p) ? this.longestAt(src, p) : undefined;
      if (!found) {
        p++;
        continue;
      }
      // as written; the name's own string when it is written the same (a slice would keep the whole text alive)
      const written = src.slice(p, found.end).replace(/\s+/g, " ");
      out.push({
        index: p,
        length: found.end - p,
        text: written === found.key ? found.key : written,
        target: found.target,
      });
      p = found.end;
    }
    return out;
  }

  /** The longest name that starts at `p` and ends at a word boundary: where it ends and what it names. */
  private longestAt(src: string, p: number): { end: number; key: string; target: T } | undefined {
    let node = 0;
    let best: { end: number; key: string; target: T } | undefined;
    for (let i = p; node !== -1 && i < src.length; ) {
      const c = src.charCodeAt(i);
      if (isSpace(c)) {
        node = this.trie.child(node, SPACE);
        while (i < src.length && isSpace(src.charCodeAt(i))) i++;
      } else {
        node = this.trie.child(node, isApostrophe(c) ? APOSTROPHE : c);
        i++;
      }
      if (node !== -1 && this.trie.ends[node] !== -1 && !wordlikeAt(src, i))
        best = { end: i, ...this.names[this.trie.ends[node]!]! };
    }
    return best;
  }
}
