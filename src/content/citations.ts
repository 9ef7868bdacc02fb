/**
 * Pipeline stage 4: events and claims (`_data/events.json`, `_data/claims.json`) resolved
 * against the articles: every citation names a valid article and quotes its text exactly,
 * every story and entity id exists, and a claim cites only reports of its own story.
 */
import { mayDefine, type DataFiles, type Entry, type Unsure } from "./data-files.ts";
import type { ArticleDraft, ArticleFiles } from "./article-files.ts";
import type { Located } from "./bodies.ts";
import { normalizeQuote } from "./quotes.ts";
import { didYouMean } from "./suggest.ts";
import type { Entity, Source, Story } from "./model.ts";
import type { Problem } from "./problems.ts";
import type { ClaimData, EventData } from "./schema.ts";

/** A citation found in its article: the block the quote begins in. */
export interface ResolvedCitation {
  key: string;
  quote: string;
  translation?: string;
  value?: string;
  block: number;
}

export interface ResolvedEvent {
  data: EventData;
  story?: Story;
  entities: Entity[];
  citations: ResolvedCitation[];
  notReportedBy: Source[];
}

export interface ResolvedClaim {
  data: ClaimData;
  story: Story;
  citations: ResolvedCitation[];
  notReportedBy: Source[];
}

/** The distinct quotes cited from each article (`source/slug` → quotes), in order of first citation. */
export function citedQuotes(data: Pick<DataFiles, "events" | "claims">): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { data: entry } of [...data.events, ...data.claims]) {
    for (const c of entry.citations) {
      const list = out.get(c.article) ?? [];
      if (!list.includes(c.quote)) list.push(c.quote);
      out.set(c.article, list);
    }
  }
  return out;
}

/**
 * Where each article's cited quotes begin: `source/slug` → (quote → block: -1 when not found,
 * -2 when only across blocks; and for a quote not found, the nearest passage when one is close).
 */
export type QuoteBlocks = Map<string, Map<string, { block: number; nearest?: Located }>>;

interface Context {
  sourceById: Map<string, Source>;
  /** The outlets with a report of each story. */
  storyOutlets: Map<Story, Map<string, Source>>;
  drafts: Map<string, ArticleDraft>;
  found: Set<string>;
  /** Source folders that could not be listed: any article of theirs may exist. */
  unlisted: Set<string>;
  /** Where refused articles go once fixed. */
  pending: Set<string>;
  unpublished: Set<string>;
  /** Sources with a refused report: whether they reported a story is not known. */
  refusedSources: Set<string>;
  /** Source ids a broken sources.json may hold. */
  unsureSources: Unsure;
  blocks: QuoteBlocks;
  problems: Problem[];
}

export function resolveEventsAndClaims(
  data: DataFiles,
  articles: ArticleFiles,
  blocks: QuoteBlocks,
  problems: Problem[],
): { events: ResolvedEvent[]; claims: ResolvedClaim[] } {
  const { drafts, found, unlisted, pending, unpublished, refusedSources } = articles;
  const storyOutlets = new Map<Story, Map<string, Source>>();
  for (const d of drafts)
    if (d.story) storyOutlets.set(d.story, (storyOutlets.get(d.story) ?? new Map()).set(d.source.id, d.source));
  const ctx: Context = {
    sourceById: new Map(data.sources.map((s) => [s.id, s])),
    storyOutlets,
    drafts: new Map(drafts.map((d) => [d.key, d])),
    found,
    unlisted,
    pending,
    unpublished,
    refusedSources,
    unsureSources: data.unsure.sources,
    blocks,
    problems,
  };
  const storyById = new Map(data.stories.map((s) => [s.id, s]));
  const entityById = new Map(data.entities.map((e) => [e.id, e]));
  const knownStories = () => [...storyById.keys()].join(", ") || "none";
  const storyProblem = (file: string, label: string, id: string, where: Partial<Problem>) =>
    problems.push({
      file,
      field: `${label}.story`,
      ...where,
      message: `unknown story id "${id}"${didYouMean(id, storyById.keys())}: add it to _data/stories.json (known: ${knownStories()})`,
    });

  const events = data.events.map(({ data: entry, label, index }: Entry<EventData>) => {
    const file = data.files.events;
    const at = (...path: PropertyKey[]) => data.at.events([index, ...path]);
    const story = entry.story ? storyById.get(entry.story) : undefined;
    if (entry.story && !story && !mayDefine(data.unsure.stories, entry.story))
      storyProblem(file, label, entry.story, at("story"));
    const entities: Entity[] = [];
    (entry.entities ?? []).forEach((id, j) => {
      const e = entityById.get(id);
      if (e && entities.includes(e))
        problems.push({
          file,
          field: `${label}.entities[${j}]`,
          ...at("entities", j),
          message: `"${id}" is listed twice: list each entity once`,
        });
      else if (e) entities.push(e);
      else if (!mayDefine(data.unsure.entities, id))
        problems.push({
          file,
          field: `${label}.entities[${j}]`,
          ...at("entities", j),
          message: `unknown entity id "${id}"${didYouMean(id, entityById.keys())}: add it to _data/entities.json (known: ${[...entityById.keys()].join(", ") || "none"})`,
        });
    });
    checkRepeatedCitations(entry.citations, file, label, at, problems);
    const citations = entry.citations
      .map((c, j) => resolveCitation(ctx, file, `${label}.citations[${j}]`, c, (...p) => at("citations", j, ...p)))
      .filter((c) => c !== undefined);
    if (entry.notReportedBy && !entry.story) {
      problems.push({
        file,
        field: `${label}.notReportedBy`,
        ...at("notReportedBy"),
        message: "needs the event's story: outlets are checked against their reports of one story",
      });
    }
    const notReportedBy = story ? checkNotReportedBy(ctx, entry.notReportedBy, story, citations, file, label, at) : [];
    return { data: entry, story, entities, citations, notReportedBy };
  });

  const claims = data.claims.map(({ data: entry, label, index }: Entry<ClaimData>) => {
    const file = data.files.claims;
    const at = (...path: PropertyKey[]) => data.at.claims([index, ...path]);
    const story = storyById.get(entry.story);
    if (!story && !mayDefine(data.unsure.stories, entry.story)) storyProblem(file, label, entry.story, at("story"));
    checkRepeatedCitations(entry.citations, file, label, at, problems);
    const citations = entry.citations.map((c, j) => {
      const r = resolveCitation(ctx, file, `${label}.citations[${j}]`, c, (...p) => at("citations", j, ...p));
      const draft = r && ctx.drafts.get(r.key);
      if (draft && story && draft.story !== story) {
        problems.push({
          file,
          field: `${label}.citations[${j}].article`,
          ...at("citations", j, "article"),
          message: `article "${c.article}" (${draft.file}) is not part of story "${story.id}": a fact grid only has columns for the story's reports (set story: ${story.id} in the article, or cite another article)`,
        });
      }
      return r;
    });
    const resolved = citations.filter((c) => c !== undefined);
    const notReportedBy = story ? checkNotReportedBy(ctx, entry.notReportedBy, story, resolved, file, label, at) : [];
    return { data: entry, story: story!, citations: resolved, notReportedBy };
  });
  return { events, claims };
}

/** The same quote of the same article cited twice for one event or fact: refused (its link would appear twice). */
function checkRepeatedCitations(
  citations: { article: string; quote: string; translation?: string }[],
  file: string,
  label: string,
  at: (...path: PropertyKey[]) => Partial<Problem>,
  problems: Problem[],
): void {
  const seen = new Map<string, number>();
  citations.forEach((c, j) => {
    const key = `${c.article}\u0000${normalizeQuote(c.quote)}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, j);
    else
      problems.push({
        file,
        field: `${label}.citations[${j}]`,
        ...at("citations", j),
        message: `cites the same words of "${c.article}" as citations[${first}]: remove one`,
      });
  });
}

/** `notReportedBy`: known outlets with a report of the story, none of them also cited for the same fact. */
function checkNotReportedBy(
  ctx: Context,
  ids: string[] | undefined,
  story: Story,
  cited: ResolvedCitation[],
  file: string,
  label: string,
  at: (...path: PropertyKey[]) => Partial<Problem>,
): Source[] {
  const out: Source[] = [];
  const citedSources = new Set(cited.map((c) => ctx.drafts.get(c.key)!.source.id));
  (ids ?? []).forEach((id, j) => {
    const field = `${label}.notReportedBy[${j}]`;
    const where = at("notReportedBy", j);
    const source = ctx.sourceById.get(id);
    const outlets = ctx.storyOutlets.get(story) ?? new Map<string, Source>();
    if (!source) {
      if (!mayDefine(ctx.unsureSources, id))
        ctx.problems.push({
          file,
          field,
          ...where,
          message: `unknown source id "${id}"${didYouMean(id, ctx.sourceById.keys())}: add it to _data/sources.json`,
        });
    } else if (!outlets.has(id)) {
      // a refused report of this outlet may be one of the story's: its own error is enough
      if (!ctx.refusedSources.has(id))
        ctx.problems.push({
          file,
          field,
          ...where,
          message: `"${id}" has no report of story "${story.id}": only outlets that reported the story can be checked (outlets: ${[...outlets.keys()].join(", ") || "none"})`,
        });
    } else if (citedSources.has(id))
      ctx.problems.push({
        file,
        field,
        ...where,
        message: `"${id}" is also cited for it: a report either gives the fact or does not`,
      });
    else if (out.includes(source)) ctx.problems.push({ file, field, ...where, message: `"${id}" is listed twice` });
    else out.push(source);
  });
  return out;
}

function resolveCitation(
  ctx: Context,
  file: string,
  field: string,
  c: { article: string; quote: string; translation?: string; value?: string },
  at: (...path: PropertyKey[]) => Partial<Problem>,
): ResolvedCitation | undefined {
  const draft = ctx.drafts.get(c.article);
  if (!draft && ctx.unpublished.has(c.article)) {
    ctx.problems.push({
      file,
      field: `${field}.article`,
      ...at("article"),
      message: `article "${c.article}" is a draft (draft: true), which npm run build does not publish: cite it once it is published`,
    });
    return undefined;
  }
  if (!draft) {
    // An article that exists but has its own problems is reported once, in its own file.
    if (!ctx.found.has(c.article) && !ctx.unlisted.has(c.article.split("/")[0]!)) {
      // only known-good keys are offered (valid articles, and where a refused one goes once fixed): never a misspelt folder
      const hint = didYouMean(c.article, [...ctx.drafts.keys(), ...ctx.unpublished, ...ctx.pending]);
      ctx.problems.push({
        file,
        field: `${field}.article`,
        ...at("article"),
        message: `unknown article "${c.article}"${hint}: there is no src/articles/${c.article}.md`,
      });
    }
    return undefined;
  }
  const { block, nearest } = ctx.blocks.get(c.article)?.get(c.quote) ?? { block: -1 };
  if (block === -2) {
    ctx.problems.push({
      file,
      field: `${field}.quote`,
      ...at("quote"),
      message: `quote runs across two paragraphs of article "${c.article}" (${draft.file}): a citation links to one paragraph, so quote words from one (or cite each part on its own)`,
    });
    return undefined;
  }
  if (block < 0) {
    const shown = c.quote.length > 80 ? `${c.quote.slice(0, 77)}…` : c.quote;
    ctx.problems.push({
      file,
      field: `${field}.quote`,
      ...at("quote"),
      message: `quote not found in article "${c.article}" (${draft.file}): "${shown}"${nearest ? closestPassage(nearest, draft.bodyLine) : ""}; copy the words exactly as the article has them`,
    });
    return undefined;
  }
  return { key: c.article, quote: c.quote, translation: c.translation, value: c.value, block };
}

/** `; the closest passage (line 12) reads "…"; where the quote has "nine", the article has "9"`. */
function closestPassage(p: Located, bodyLine: number): string {
  const clip = (t: string, max: number) => (t.length > max ? `${t.slice(0, max - 1)}…` : t);
  const words = (t: string) => (t ? `"${clip(t, 60)}"` : "nothing");
  const passage = `; the closest passage (line ${bodyLine + p.line}) reads "${clip(p.text, 160)}"`;
  if (!p.quoted && !p.found) return passage;
  return `${passage}; ${p.quoted ? `where the quote has ${words(p.quoted)}, the article has ${words(p.found)}` : `the article has ${words(p.found)} where the quote has nothing`}`;
}
