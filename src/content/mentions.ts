/**
 * Finding names in text: a trie of every name and alias of every entity, built once per build,
 * walked from each place a word can start. Its cost follows the text and the longest name, not
 * the number of names (one alternation regex of all spellings slows down ~60× past ~1,500 in V8).
 * Matches are whole words in any script: a name may not be preceded or followed by a letter,
 * digit or combining mark, so "UN" never matches inside "UNITED" or "UNESCO". At a given place
 * the longest name wins ("International Committee of the Red Cross" over "Red Cross"). Case
 * matters ("UN" is not "un"); straight and typographic apostrophes and any run of white space
 * (line breaks included) count as the same.
 *
 * Scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese) have no such
 * boundaries: where a letter of one of them stands on either side of a name's start or end, the
 * word segmenter (`Intl.Segmenter`, in the text's language when known, else its script's) decides.
 * A name counts when it starts on a segment boundary and ends on one, or when it ends inside a
 * segment whose start lies inside the name (a suffix the segmenter joined to the name's last word:
 * 東京都 in 東京|都知事); a name that starts inside a segment never counts (京都 in 東京|都). Only
 * the text around a candidate match is segmented, so text without those scripts costs what it did.
 * A line break between two Chinese or Japanese characters of a name is no space.
 *
 * A name may be given as a form of a spelling (a case form: Сибіги, Сибігою of Сибіга): it
 * matches like a spelling and is reported as the spelling it is a form of.
 */

export interface MentionHit<T> {
  /** Offset of the match in the scanned text. */
  index: number;
  /** Length of the match in the scanned text. */
  length: number;
  /** The words as written in the text: the outlet's spelling (for a case form, the spelling it is a form of). */
  text: string;
  target: T;
}

const APOSTROPHES = /['\u2018\u2019\u02BC]/g;

/**
 * Characters that show nothing (soft hyphen, zero-width space and joiners, word joiner, byte-order
 * mark: Unicode's Default_Ignorable_Code_Point): a name is matched as if they were not there, in
 * its spellings and in the text, and shown as the text has it.
 */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
const IGNORABLE_ONE = /^\p{Default_Ignorable_Code_Point}$/u;
/** As `bmpWordlike`, for IGNORABLE. */
const bmpIgnorable = new Uint8Array(0x10000);
function isIgnorable(c: number): boolean {
  let k = bmpIgnorable[c]!;
  if (!k) bmpIgnorable[c] = k = IGNORABLE_ONE.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1;
}

/** The form of a name used as a lookup key: invisible characters left out, apostrophes and white space normalised. */
export function nameKey(name: string): string {
  return name.normalize("NFC").replace(IGNORABLE, "").replace(APOSTROPHES, "'").replace(/\s+/g, " ").trim();
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

/** Scripts written without spaces between words. */
const SPACELESS = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;
/** As `bmpWordlike`, for SPACELESS. */
const bmpSpaceless = new Uint8Array(0x10000);
function isSpaceless(cp: number): boolean {
  if (cp < 0x10000) {
    let k = bmpSpaceless[cp]!;
    if (!k) bmpSpaceless[cp] = k = SPACELESS.test(String.fromCharCode(cp)) ? 1 : 2;
    return k === 1;
  }
  return SPACELESS.test(String.fromCodePoint(cp));
}
function codePointBefore(text: string, at: number): number {
  let c = text.charCodeAt(at - 1);
  if (c >= 0xdc00 && c <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) c = ((high - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
  }
  return c;
}
/** Between two letters (or digits, marks) at `at`, one of them of a script without spaces: the segmenter decides. */
function spacelessAround(text: string, at: number): boolean {
  return (at > 0 && isSpaceless(codePointBefore(text, at))) || (at < text.length && isSpaceless(text.codePointAt(at)!));
}

/** Han and kana: a line break between two of them is no space. */
const CJK = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u;
const cjkAt = (cp: number | undefined) => cp !== undefined && isSpaceless(cp) && CJK.test(String.fromCodePoint(cp));
const SPACE_IN_CJK =
  /(?<=[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]) (?=[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}])/gu;

/** Where a name may start or end: 0 no, 1 yes (not a letter on the outer side), 2 if the segmenter says so. */
const NO = 0;
const YES = 1;
const ASK = 2;

/** How far either side of a candidate the segmenter reads: enough context for its dictionary. */
const CONTEXT = 48;
const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) {
    try {
      s = new Intl.Segmenter(locale, { granularity: "word" });
    } catch {
      s = new Intl.Segmenter("und", { granularity: "word" });
    }
    segmenters.set(locale, s);
  }
  return s;
}
/** The language a run of text without spaces is most likely in, by its letters. */
function scriptLocale(text: string): string {
  if (/[\p{sc=Hiragana}\p{sc=Katakana}]/u.test(text)) return "ja";
  if (/\p{sc=Thai}/u.test(text)) return "th";
  if (/\p{sc=Lao}/u.test(text)) return "lo";
  if (/\p{sc=Khmer}/u.test(text)) return "km";
  if (/\p{sc=Myanmar}/u.test(text)) return "my";
  return "zh";
}

/**
 * Word boundaries of one scan's text, worked out only around candidate matches: a window of up to
 * CONTEXT code units of letters either side, segmented once and kept while the next candidates
 * fall inside it.
 */
class Boundaries {
  private lo = 0;
  private hi = -1;
  /** The window's edges are where the letters stop (true), or cut at CONTEXT (false). */
  private loNatural = false;
  private hiNatural = false;
  private at = new Set<number>();

  constructor(
    private readonly text: string,
    private readonly language: string | undefined,
  ) {}

  /** The segment boundaries from `start` to `end` (both included) in the text. */
  around(start: number, end: number): Set<number> {
    const margin = 16;
    if (
      start >= this.lo &&
      end <= this.hi &&
      (this.loNatural || start - this.lo >= margin) &&
      (this.hiNatural || this.hi - end >= margin)
    )
      return this.at;
    const src = this.text;
    let lo = start;
    while (lo > 0 && start - lo < CONTEXT && wordlikeBefore(src, lo)) lo--;
    let hi = end;
    while (hi < src.length && hi - end < CONTEXT && wordlikeAt(src, hi)) hi++;
    // never split a surrogate pair
    if (lo > 0 && src.charCodeAt(lo) >= 0xdc00 && src.charCodeAt(lo) <= 0xdfff) lo--;
    if (hi < src.length && src.charCodeAt(hi) >= 0xdc00 && src.charCodeAt(hi) <= 0xdfff) hi++;
    const window = src.slice(lo, hi);
    this.lo = lo;
    this.hi = hi;
    this.loNatural = !wordlikeBefore(src, lo);
    this.hiNatural = !wordlikeAt(src, hi);
    this.at = new Set([hi]);
    for (const s of segmenter(this.language ?? scriptLocale(window)).segment(window)) this.at.add(lo + s.index);
    return this.at;
  }
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
  private readonly names: { key: string; target: T; spelling?: string }[] = [];
  /** Code units a name can start with (apostrophes in all their forms): anywhere else no walk starts. */
  private readonly starts = new Uint8Array(0x10000);

  /**
   * `names`: every spelling with what it names, and for a form of a spelling (a case form), the
   * spelling it is reported as. A spelling given twice keeps its first target.
   */
  constructor(names: Iterable<{ name: string; target: T; spelling?: string }>) {
    for (const { name, target, spelling } of names) {
      const key = nameKey(name);
      if (!key) continue;
      let node = 0;
      for (let i = 0; i < key.length; i++) node = this.trie.childOrNew(node, key.charCodeAt(i));
      if (this.trie.ends[node] === -1) {
        this.trie.ends[node] = this.names.length;
        this.names.push(spelling === undefined ? { key, target } : { key, target, spelling: nameKey(spelling) });
        const first = key.charCodeAt(0);
        if (isApostrophe(first)) for (const a of [APOSTROPHE, 0x2018, 0x2019, 0x02bc]) this.starts[a] = 1;
        else this.starts[first] = 1;
      }
    }
  }

  /**
   * Every mention in `text`, left to right, never overlapping. `language` (a BCP 47 tag): the
   * text's, for the word segmenter of scripts without spaces; else each passage's script decides.
   */
  scan(text: string, language?: string): MentionHit<T>[] {
    const out: MentionHit<T>[] = [];
    if (!this.names.length || !text) return out;
    const src = text.normalize("NFC");
    let boundaries: Boundaries | undefined;
    const segmented = () => (boundaries ??= new Boundaries(src, language));
    for (let p = 0; p < src.length; ) {
      let found: { end: number; key: string; target: T; spelling?: string } | undefined;
      if (this.starts[src.charCodeAt(p)]) {
        if (!wordlikeBefore(src, p)) found = this.longestAt(src, p, YES, segmented);
        else if (spacelessAround(src, p)) found = this.longestAt(src, p, ASK, segmented);
      }
      if (!found) {
        p++;
        continue;
      }
      // as written; the name's own string when it is written the same (a slice would keep the whole text alive)
      let written = found.spelling ?? src.slice(p, found.end).replace(/\s+/g, " ");
      // the name itself when only white space between CJK letters or invisible characters differ
      if (written !== found.key && written.replace(IGNORABLE, "").replace(SPACE_IN_CJK, "") === found.key)
        written = found.key;
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

  /**
   * The longest name that starts at `p` and ends at a word boundary: where it ends and what it
   * names. `start`: YES when `p` follows no letter, ASK when the segmenter decides.
   */
  private longestAt(
    src: string,
    p: number,
    start: typeof YES | typeof ASK,
    segmented: () => Boundaries,
  ): { end: number; key: string; target: T; spelling?: string } | undefined {
    let node = 0;
    let best: { end: number; key: string; target: T; spelling?: string } | undefined;
    /** Ends longer than `best` that need the segmenter (its start or end): end and name index, in pairs. */
    let asked: number[] | undefined;
    for (let i = p; node !== -1 && i < src.length; ) {
      const c = src.charCodeAt(i);
      // a soft hyphen or zero-width space inside a name ("Zelen\u00ADskyy") is not there
      if (i > p && c >= 0xad) {
        const wide = c >= 0xd800 && c <= 0xdbff;
        if (wide ? IGNORABLE_ONE.test(String.fromCodePoint(src.codePointAt(i)!)) : isIgnorable(c)) {
          i += wide ? 2 : 1;
          continue;
        }
      }
      if (isSpace(c)) {
        const at = i;
        while (i < src.length && isSpace(src.charCodeAt(i))) i++;
        const spaced = this.trie.child(node, SPACE);
        // a line break inside a Chinese or Japanese name ("小池⏎百合子") is no space
        if (spaced === -1 && cjkAt(src.codePointAt(i)) && cjkAt(codePointBefore(src, at))) continue;
        node = spaced;
      } else {
        node = this.trie.child(node, isApostrophe(c) ? APOSTROPHE : c);
        i++;
      }
      if (node === -1 || this.trie.ends[node] === -1) continue;
      const end = !wordlikeAt(src, i) ? YES : spacelessAround(src, i) ? ASK : NO;
      if (end === YES && start === YES) {
        best = { end: i, ...this.names[this.trie.ends[node]!]! };
        asked = undefined;
      } else if (end !== NO) (asked ??= []).push(i, this.trie.ends[node]!);
    }
    if (!asked) return best;
    const at = segmented().around(p, asked[asked.length - 2]!);
    const startsOn = start === YES || at.has(p);
    for (let k = asked.length - 2; k >= 0; k -= 2) {
      const end = asked[k]!;
      if (startsOn && (at.has(end) || !wordlikeAt(src, end) || segmentInside(at, p, end)))
        return { end, ...this.names[asked[k + 1]!]! };
    }
    return best;
  }
}

/** A segment boundary strictly inside [start, end): the name holds a whole word before the one its end cuts. */
function segmentInside(at: Set<number>, start: number, end: number): boolean {
  for (let i = start + 1; i < end; i++) if (at.has(i)) return true;
  return false;
}
