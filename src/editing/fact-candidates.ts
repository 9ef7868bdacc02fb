/**
 * `npm run check -- --suggest`: what an editor may want to turn into claims and entities, per
 * story. Figures (figure-candidates.ts) are grouped by what they count, so one candidate is one
 * fact with the value each outlet gives ("dead: at least 9 (alpha), 12 (beta)"). Names
 * (name-candidates.ts) are grouped by their spelling without diacritics, case or a person's title,
 * so "Dumbraveni" and "Dumbrăveni" are one entity with an alias ("Mayor Vasile Pop" is Vasile Pop), or an alias to add to the entity already
 * recorded. What a claim already cites and what an entity already spells is left out, and so are
 * lines of page furniture (page-furniture.ts). Nothing is added automatically.
 */
import { MentionMatcher } from "../content/mentions.ts";
import { matchedNames, type Article, type Content, type Story } from "../content/model.ts";
import { printable } from "../content/problems.ts";
import { normalizeQuote } from "../content/quotes.ts";
import { figuresIn, type Figure } from "./figure-candidates.ts";
import { NameFinder, diacritics, foldName, withoutTitle } from "./name-candidates.ts";
import { isFurnitureLine } from "./page-furniture.ts";

interface Sighting {
  article: string;
  /** The words as this report writes them. */
  text: string;
  /** A figure: the number as this report gives it ("at least 9"). */
  value?: string;
  sentence: string;
}

export interface Candidate {
  kind: "figure" | "name";
  /** A figure: what it counts ("dead", "cubic metres"); a name: the spelling proposed as its name. */
  text: string;
  /** What groups the sightings: what the figure counts, or the name without diacritics, case or title. */
  key: string;
  seen: Sighting[];
  /** A figure: each value with the outlets (source ids) that give it, in order of first sighting. */
  values?: { value: string; sources: string[] }[];
  /** A figure: the claim that already cites it in other reports (these may join it). */
  claim?: string;
  /** A name: its other spellings, for `aliases`. */
  aliases?: string[];
  /** A name spelled otherwise by an entity already recorded: add these spellings to its `aliases`. */
  entity?: { id: string; name: string };
}

export interface StoryCandidates {
  story: Story;
  candidates: Candidate[];
}

/** Abbreviations whose full stop does not end a sentence. */
const SENTENCE_END =
  /(?<!\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Gov|Sen|Rep|Prof|No|Jan|Feb|Aug|Sept?|Oct|Nov|Dec|[A-Z])\.)(?<=[.!?]["”’]?)\s+(?=["“‘]?[\p{Lu}\p{N}])/u;

/** The sentences of a report's body, without page furniture (a whole line, or a sentence of it). */
export function sentencesOf(blocks: readonly string[]): string[] {
  return blocks
    .filter((b) => !isFurnitureLine(b))
    .flatMap((b) => b.split(SENTENCE_END))
    .map((s) => s.trim())
    .filter((s) => s && !isFurnitureLine(s));
}

const norm = (s: string) => normalizeQuote(s).toLowerCase();
const reportsOf = (c: Candidate) => new Set(c.seen.map((s) => s.article)).size;

/** Candidates per story (every story, or the one asked for). */
export function factCandidates(content: Content, storyId?: string): StoryCandidates[] {
  const matcher = new MentionMatcher(matchedNames(content.entities, (e) => e.id));
  const entityByFold = new Map<string, { id: string; name: string }>();
  for (const e of content.entities)
    for (const spelling of [e.name, ...e.aliases, ...[...e.forms.values()].flat()])
      if (!entityByFold.has(foldName(spelling))) entityByFold.set(foldName(spelling), { id: e.id, name: e.name });
  // an outlet naming itself ("Get the Ledger", "told the Ledger") names no entity of the story
  const outletNames = new Set(
    content.sources.flatMap((s) => s.name.split(/\s+/).map((_, i, w) => foldName(w.slice(i).join(" ")))),
  );
  return content.stories
    .filter((s) => !storyId || s.id === storyId)
    .map((story) => ({ story, candidates: storyCandidates(story, matcher, entityByFold, outletNames) }));
}

function storyCandidates(
  story: Story,
  matcher: MentionMatcher<string>,
  entityByFold: Map<string, { id: string; name: string }>,
  outletNames: Set<string>,
): Candidate[] {
  const sentences = new Map<Article, string[]>(story.articles.map((a) => [a, sentencesOf(a.paragraphs)]));
  const names = new NameFinder([...sentences.values()].flat());
  const citations = story.claims.flatMap((c) =>
    c.citations.map((x) => ({ claim: c.id, article: x.article.key, quote: norm(x.quote) })),
  );
  const figures = new Map<string, Candidate>();
  const spellings = new Map<string, Candidate>();
  const see = (c: Candidate, s: Sighting) => {
    if (!c.seen.some((x) => x.article === s.article && x.sentence === s.sentence && x.text === s.text)) c.seen.push(s);
  };
  for (const [article, list] of sentences) {
    for (const sentence of list) {
      for (const f of figuresIn(sentence)) {
        let c = figures.get(f.key);
        if (!c) figures.set(f.key, (c = { kind: "figure", text: f.counts, key: f.key, seen: [] }));
        const claim = citingClaim(citations, article.key, sentence, f);
        if (claim) c.claim ??= claim;
        else see(c, { article: article.key, text: f.text, value: f.value, sentence });
      }
      const known = matcher.scan(sentence);
      for (const n of names.namesIn(sentence)) {
        if (known.some((k) => n.index < k.index + k.length && k.index < n.index + n.length)) continue;
        const key = foldName(withoutTitle(n.text));
        if (outletNames.has(key)) continue;
        let c = spellings.get(key);
        if (!c) spellings.set(key, (c = { kind: "name", text: n.text, key, seen: [] }));
        see(c, { article: article.key, text: n.text, sentence });
      }
    }
  }
  const out = [
    ...[...figures.values()].filter((c) => c.seen.length).map(withValues),
    ...[...spellings.values()].map((c) => withSpellings(c, entityByFold.get(c.key))),
  ];
  return out.sort(
    (a, b) =>
      reportsOf(b) - reportsOf(a) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.text.localeCompare(b.text, "en")),
  );
}

/** The claim whose citation of this report already quotes this figure. */
function citingClaim(
  citations: { claim: string; article: string; quote: string }[],
  article: string,
  sentence: string,
  f: Figure,
): string | undefined {
  const s = norm(sentence);
  const text = norm(f.text);
  const at = s.indexOf(text);
  return citations.find((c) => {
    if (c.article !== article) return false;
    const q = s.indexOf(c.quote);
    return q >= 0 && at >= 0 ? q < at + text.length && at < q + c.quote.length : c.quote.includes(text);
  })?.claim;
}

/** A figure's values, each with the outlets that give it. */
function withValues(c: Candidate): Candidate {
  const values: { value: string; sources: string[] }[] = [];
  for (const s of c.seen) {
    const source = s.article.split("/")[0]!;
    let v = values.find((x) => x.value === s.value);
    if (!v) values.push((v = { value: s.value!, sources: [] }));
    if (!v.sources.includes(source)) v.sources.push(source);
  }
  return { ...c, values };
}

/** A name's spellings: the one proposed as its name, the others as aliases (or all as aliases of a recorded entity). */
function withSpellings(c: Candidate, entity: { id: string; name: string } | undefined): Candidate {
  // "Mayor Vasile Pop" is spelled "Vasile Pop": an entity's spelling matches inside the longer words
  const count = new Map<string, number>();
  for (const s of c.seen) count.set(withoutTitle(s.text), (count.get(withoutTitle(s.text)) ?? 0) + 1);
  const allCaps = (s: string) => s === s.toUpperCase();
  // the exact spelling first: not in capitals, with its diacritics, then the most used
  const ranked = [...count.keys()].sort(
    (a, b) => Number(allCaps(a)) - Number(allCaps(b)) || diacritics(b) - diacritics(a) || count.get(b)! - count.get(a)!,
  );
  const [text, ...aliases] = ranked;
  return { ...c, text: text!, ...(aliases.length ? { aliases } : {}), ...(entity ? { entity } : {}) };
}

export function formatCandidates(result: StoryCandidates[]): string {
  const out: string[] = [];
  const quote = (s: string) => `"${s.length > 160 ? `${s.slice(0, 157)}…` : s}"`;
  for (const { story, candidates } of result) {
    out.push(
      `Story "${story.id}" (${story.articles.length} reports): ${candidates.length ? `${candidates.length} candidates no claim or entity covers` : "nothing to suggest"}`,
    );
    for (const kind of ["figure", "name"] as const) {
      const list = candidates.filter((c) => c.kind === kind);
      if (!list.length) continue;
      out.push(`  ${kind === "figure" ? "Figures, by what they count" : "Names"}:`);
      for (const c of list) {
        const reports = reportsOf(c);
        const inReports = reports > 1 ? ` (in ${reports} reports)` : "";
        if (kind === "figure") {
          const values = c.values!.map((v) => `${v.value} (${v.sources.join(", ")})`).join("; ");
          out.push(
            `    ${c.text}: ${values}${inReports}${c.claim ? ` — claim "${c.claim}" cites it in other reports` : ""}`,
          );
        } else if (c.entity) {
          out.push(
            `    ${[c.text, ...(c.aliases ?? [])].join(", ")}: another spelling of entity "${c.entity.id}" (${c.entity.name}): add to its aliases${inReports}`,
          );
        } else {
          out.push(`    ${c.text}${c.aliases ? ` (also spelled ${c.aliases.join(", ")}: aliases)` : ""}${inReports}`);
        }
        for (const s of c.seen)
          out.push(
            `      ${s.article}: ${kind === "figure" || s.text !== c.text ? `${s.text} — ` : ""}${quote(s.sentence)}`,
          );
      }
    }
  }
  // names and sentences are the reports' words: one printable line each
  return out.map(printable).join("\n");
}
