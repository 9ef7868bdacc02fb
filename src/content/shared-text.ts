/**
 * Shared text between the reports of a story: maximal runs of at least PASSAGE_WORDS words that
 * two reports have in common, after normalisation (case, punctuation, typographic quotes, white
 * space; Unicode words; numbers kept). A passage inside quotation marks in both reports is a
 * shared quotation (two outlets quoting one minister is not copying), counted apart. A run of
 * words an outlet uses in reports of several different stories (a standard credit line) is its
 * boilerplate and is not counted.
 *
 * Cost grows with the story's words, not with the square of its reports: every run of
 * PASSAGE_WORDS words is indexed by its text, each report is compared only with the earlier
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

export interface Token {
  norm: string;
  /** Offsets in the report's text (paragraphs joined by "\n\n"). */
  start: number;
  end: number;
  quoted: boolean;
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

/** Words with their offsets and whether they sit between quotation marks. */
export function tokenize(text: string): Token[] {
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
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index!;
    out.push({ norm: m[0].normalize("NFKC").toLowerCase().replace(/’/g, "'"), start, end: start + m[0].length, quoted: inQuote[start] === 1 });
  }
  return out;
}

const shingle = (tokens: Token[], i: number) => {
  let key = tokens[i]!.norm;
  for (let k = 1; k < PASSAGE_WORDS; k++) key += " " + tokens[i + k]!.norm;
  return key;
};

/** Each outlet's boilerplate: runs of words it uses in reports of two or more stories. `tokens[i]` are `reports[i]`'s. */
export function boilerplate(reports: SharedTextReport[], tokensOf: Token[][]): Map<string, Set<string>> {
  const seen = new Map<string, Map<string, string>>(); // source → shingle → first story
  const out = new Map<string, Set<string>>();
  for (const [index, r] of reports.entries()) {
    if (!r.storyId) continue;
    const tokens = tokensOf[index]!;
    let bySource = seen.get(r.sourceId);
    if (!bySource) seen.set(r.sourceId, (bySource = new Map()));
    for (let i = 0; i + PASSAGE_WORDS <= tokens.length; i++) {
      const key = shingle(tokens, i);
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
export function sharedText(reports: SharedTextReport[], tokens: Token[][], boilerplateOf: Map<string, Set<string>> = new Map()): SharedPair[] {
  const skip = (r: number, key: string) => !!boilerplateOf.get(reports[r]!.sourceId)?.has(key);
  // where each run of words first appears: report index
  const first = new Map<string, number>();
  const pairs: SharedPair[] = [];
  reports.forEach((report, b) => {
    const counts = new Map<number, number>();
    const t = tokens[b]!;
    for (let i = 0; i + PASSAGE_WORDS <= t.length; i++) {
      const key = shingle(t, i);
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

function comparePair(
  ra: SharedTextReport,
  ta: Token[],
  rb: SharedTextReport,
  tb: Token[],
  skip: (r: number, key: string) => boolean,
  ia: number,
  ib: number,
): SharedPair {
  const where = new Map<string, number[]>();
  for (let i = 0; i + PASSAGE_WORDS <= ta.length; i++) {
    const key = shingle(ta, i);
    if (skip(ia, key) || skip(ib, key)) continue;
    const list = where.get(key);
    if (list) list.push(i);
    else where.set(key, [i]);
  }
  const found: { a: number; b: number; len: number }[] = [];
  for (let j = 0; j + PASSAGE_WORDS <= tb.length; ) {
    const starts = where.get(shingle(tb, j));
    if (!starts) {
      j++;
      continue;
    }
    let best = { a: -1, len: 0 };
    for (const i of starts) {
      let len = PASSAGE_WORDS;
      while (i + len < ta.length && j + len < tb.length && ta[i + len]!.norm === tb[j + len]!.norm) len++;
      if (len > best.len) best = { a: i, len };
    }
    found.push({ a: best.a, b: j, len: best.len });
    j += best.len;
  }
  const textA = reportText(ra.paragraphs);
  const passages = found
    .sort((x, y) => x.a - y.a || x.b - y.b)
    .map((f, k): Passage => {
      const quoted = ta.slice(f.a, f.a + f.len).every((w) => w.quoted) && tb.slice(f.b, f.b + f.len).every((w) => w.quoted);
      return { n: k + 1, kind: quoted ? "quotation" : "copied", text: textA.slice(ta[f.a]!.start, ta[f.a + f.len - 1]!.end), a: [f.a, f.a + f.len], b: [f.b, f.b + f.len] };
    });
  const percent = (words: number, of: number) => (of ? Math.round((words * 1000) / of) / 10 : 0);
  const words = (kind: Passage["kind"], side: "a" | "b") => passages.filter((p) => p.kind === kind).reduce((n, p) => n + p[side][1] - p[side][0], 0);
  const known = ra.hasTime && rb.hasTime ? ra.epochMs !== rb.epochMs : ra.day !== rb.day;
  return {
    a: ra.key,
    b: rb.key,
    order: known ? "a-first" : "unknown",
    passages,
    share: { a: percent(words("copied", "a"), ta.length), b: percent(words("copied", "b"), tb.length) },
    quoted: { a: percent(words("quotation", "a"), ta.length), b: percent(words("quotation", "b"), tb.length) },
  };
}

/**
 * A report's paragraphs as HTML with its passages marked: `<mark>` numbered like the other
 * report's, quotations marked apart (and not by colour alone: a class, a label and a symbol).
 */
export function markedParagraphs(paragraphs: string[], passages: Passage[], side: "a" | "b"): string[] {
  const text = reportText(paragraphs);
  const tokens = tokenize(text);
  const ranges = passages.map((p) => ({ start: tokens[p[side][0]]!.start, end: tokens[p[side][1] - 1]!.end, p })).sort((x, y) => x.start - y.start);
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
