/**
 * `npm run check -- --suggest`: what an editor may want to turn into claims and entities. Per
 * story, the figures its reports give (numbers and number words with what they count: "150,000
 * Russian civilians", "20 percent", "nearly a dozen towns") and the capitalised names, that no
 * claim quotes and no entity spells, each with its reports and sentences. The same figure in two
 * reports is one candidate. Nothing is added automatically.
 */
import { MentionMatcher } from "../content/mentions.ts";
import type { Content, Story } from "../content/model.ts";
import { normalizeQuote } from "../content/quotes.ts";

export interface Candidate {
  kind: "figure" | "name";
  /** As the first report writes it. */
  text: string;
  /** What groups it: the figure's value and what it counts, or the name. */
  key: string;
  seen: { article: string; sentence: string }[];
}

const UNITS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100, dozen: 12 };
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9 };
const NUMBER = `(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?|(?:a|one)\\s+dozen|dozens|${Object.keys(UNITS).join("|")})(?:\\s+(hundred|thousand|million|billion))?`;
const FIGURE = new RegExp(
  `\\b(?:(?:about|around|nearly|almost|more than|over|some|at least|approximately|roughly|up to|fewer than|less than)\\s+)?${NUMBER}(\\s*(?:%|percent|per cent))?((?:\\s+[\\p{L}][\\p{L}\\p{M}'’-]*){0,3})`,
  "giu",
);
const STOP = new Set("of the a an in on at to and or by for from with that which who was were is are has have had as its their his her than since after before said says this these those be been will would could".split(" "));
const MONTH = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$/i;
const NAME = /(?<![\p{L}\p{M}])(\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:of\s+the\s+|of\s+|the\s+|de\s+|von\s+|al-)?\p{Lu}[\p{L}\p{M}'’-]*)*)/gu;
const COMMON_STARTS = new Set("The A An He She It They We This That These Those His Her Its Their Our In On At As But And Or If When While After Before Since From For With By Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split(" "));
/** One word that names a people or a place's adjective ("Russian", "European"): not an entity of its own. */
const DEMONYM = /^\p{Lu}\p{Ll}+(?:ian|ean|ese|ish)$/u;

function valueOf(num: string, scale: string | undefined): number {
  const n = num.toLowerCase().replace(/\s+/g, " ");
  const base = /dozen/.test(n) ? 12 : /^\d/.test(n) ? Number(n.replace(/,/g, "")) : (UNITS[n] ?? NaN);
  return base * (scale ? SCALES[scale.toLowerCase()]! : 1);
}

/** The sentences of a report's plain text. */
function sentences(blocks: string[]): string[] {
  return blocks.flatMap((b) => b.split(/(?<=[.!?]["”’]?)\s+(?=["“‘]?\p{Lu})/u)).map((s) => s.trim()).filter(Boolean);
}

function figuresIn(sentence: string): { text: string; key: string }[] {
  const out: { text: string; key: string }[] = [];
  for (const m of sentence.matchAll(FIGURE)) {
    const value = valueOf(m[1]!, m[2]);
    if (!Number.isFinite(value)) continue;
    const before = sentence.slice(0, m.index).trim().split(/\s+/).pop() ?? "";
    const words = (m[4] ?? "").trim().split(/\s+/).filter(Boolean);
    const percent = !!m[3];
    // what it counts: capitalised words ("Russian", "ICRC") up to the first lowercase one ("civilians")
    const counted: string[] = [];
    for (const w of percent ? [] : words) {
      if (STOP.has(w.toLowerCase())) break;
      counted.push(w.replace(/[’']s$/, ""));
      if (!/^\p{Lu}/u.test(w)) break;
    }
    // a date ("Aug. 6", "6 August", "in 2022") is not a figure
    if (MONTH.test(before) || (counted[0] && MONTH.test(counted[0])) || (/^\d{4}$/.test(m[1]!) && value >= 1900 && value <= 2100 && !percent)) continue;
    if (!percent && !counted.length) continue;
    const head = percent ? "percent" : counted[counted.length - 1]!.toLowerCase().replace(/s$/, "");
    const lead = m[0].slice(0, m[0].length - (m[4] ?? "").length).trim();
    out.push({ text: [lead, ...counted].join(" ").replace(/[.,;:]+$/, ""), key: `${value}|${head}` });
  }
  return out;
}

/** Candidates per story (every story, or the one asked for). */
export function factCandidates(content: Content, storyId?: string): { story: Story; candidates: Candidate[] }[] {
  const matcher = new MentionMatcher(content.entities.flatMap((e) => [e.name, ...e.aliases].map((name) => ({ name, target: e.id }))));
  return content.stories
    .filter((s) => !storyId || s.id === storyId)
    .map((story) => {
      const quoted = story.claims.flatMap((c) => c.citations.map((x) => normalizeQuote(`${x.quote} ${x.value ?? ""}`).toLowerCase()));
      const byKey = new Map<string, Candidate>();
      const add = (kind: Candidate["kind"], text: string, key: string, article: string, sentence: string) => {
        let c = byKey.get(`${kind}:${key}`);
        if (!c) byKey.set(`${kind}:${key}`, (c = { kind, text, key, seen: [] }));
        if (!c.seen.some((s) => s.article === article && s.sentence === sentence)) c.seen.push({ article, sentence });
      };
      for (const article of story.articles) {
        for (const sentence of sentences(article.paragraphs)) {
          for (const f of figuresIn(sentence)) {
            const number = f.text.toLowerCase().match(/\d[\d,.]*|\b[a-z]+\b(?=\s+(?:percent|per cent|[\p{L}]))/u)?.[0] ?? f.text;
            if (!quoted.some((q) => q.includes(normalizeQuote(f.text).toLowerCase()) || q.includes(number))) add("figure", f.text, f.key, article.key, sentence);
          }
          const known = matcher.scan(sentence);
          for (const m of sentence.matchAll(NAME)) {
            const name = m[1]!.replace(/[’']s$/, "");
            const atStart = m.index === 0 || /["“‘(]\s*$/.test(sentence.slice(0, m.index));
            if ((atStart && !name.includes(" ")) || COMMON_STARTS.has(name) || DEMONYM.test(name) || name.length < 2) continue;
            if (known.some((k) => m.index! < k.index + k.length && k.index < m.index! + name.length)) continue;
            add("name", name, name, article.key, sentence);
          }
        }
      }
      const reports = (c: Candidate) => new Set(c.seen.map((s) => s.article)).size;
      const candidates = [...byKey.values()].sort((a, b) => reports(b) - reports(a) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.text.localeCompare(b.text, "en")));
      return { story, candidates };
    });
}

export function formatCandidates(result: { story: Story; candidates: Candidate[] }[]): string {
  const out: string[] = [];
  for (const { story, candidates } of result) {
    out.push(`Story "${story.id}" (${story.articles.length} reports): ${candidates.length ? `${candidates.length} candidates no claim or entity covers` : "nothing to suggest"}`);
    for (const kind of ["figure", "name"] as const) {
      const list = candidates.filter((c) => c.kind === kind);
      if (!list.length) continue;
      out.push(`  ${kind === "figure" ? "Figures" : "Names"}:`);
      for (const c of list) {
        const reports = new Set(c.seen.map((s) => s.article)).size;
        out.push(`    ${c.text}${reports > 1 ? ` (in ${reports} reports)` : ""}`);
        for (const s of c.seen) out.push(`      ${s.article}: "${s.sentence.length > 160 ? `${s.sentence.slice(0, 157)}…` : s.sentence}"`);
      }
    }
  }
  return out.join("\n");
}
