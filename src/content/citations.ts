/**
 * Pipeline stage 4: events and claims (`_data/events.json`, `_data/claims.json`) resolved
 * against the articles: every citation names a valid article and quotes its text exactly,
 * every story and entity id exists, and a claim cites only reports of its own story.
 */
import type { DataFiles, Entry } from "./data-files.ts";
import type { ArticleDraft } from "./article-files.ts";
import type { Entity, Story } from "./model.ts";
import type { Problem } from "./problems.ts";
import type { ClaimData, EventData } from "./schema.ts";

/** A citation found in its article: the block the quote begins in. */
export interface ResolvedCitation {
  key: string;
  quote: string;
  value?: string;
  block: number;
}

export interface ResolvedEvent {
  data: EventData;
  story?: Story;
  entities: Entity[];
  citations: ResolvedCitation[];
}

export interface ResolvedClaim {
  data: ClaimData;
  story: Story;
  citations: ResolvedCitation[];
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

/** Where each article's cited quotes begin: `source/slug` → (quote → block, -1 when not found). */
export type QuoteBlocks = Map<string, Map<string, number>>;

interface Context {
  drafts: Map<string, ArticleDraft>;
  found: Set<string>;
  blocks: QuoteBlocks;
  problems: Problem[];
}

export function resolveEventsAndClaims(
  data: DataFiles,
  drafts: ArticleDraft[],
  found: Set<string>,
  blocks: QuoteBlocks,
  problems: Problem[],
): { events: ResolvedEvent[]; claims: ResolvedClaim[] } {
  const ctx: Context = { drafts: new Map(drafts.map((d) => [d.key, d])), found, blocks, problems };
  const storyById = new Map(data.stories.map((s) => [s.id, s]));
  const entityById = new Map(data.entities.map((e) => [e.id, e]));
  const knownStories = () => [...storyById.keys()].join(", ") || "none";
  const storyProblem = (file: string, label: string, id: string) =>
    problems.push({ file, field: `${label}.story`, message: `unknown story id "${id}": add it to _data/stories.json (known: ${knownStories()})` });

  const events = data.events.map(({ data: entry, label }: Entry<EventData>) => {
    const file = data.files.events;
    const story = entry.story ? storyById.get(entry.story) : undefined;
    if (entry.story && !story && !data.broken.stories) storyProblem(file, label, entry.story);
    const entities: Entity[] = [];
    (entry.entities ?? []).forEach((id, j) => {
      const e = entityById.get(id);
      if (e) entities.push(e);
      else if (!data.broken.entities)
        problems.push({ file, field: `${label}.entities[${j}]`, message: `unknown entity id "${id}": add it to _data/entities.json (known: ${[...entityById.keys()].join(", ") || "none"})` });
    });
    const citations = entry.citations.map((c, j) => resolveCitation(ctx, file, `${label}.citations[${j}]`, c));
    return { data: entry, story, entities, citations: citations.filter((c) => c !== undefined) };
  });

  const claims = data.claims.map(({ data: entry, label }: Entry<ClaimData>) => {
    const file = data.files.claims;
    const story = storyById.get(entry.story);
    if (!story && !data.broken.stories) storyProblem(file, label, entry.story);
    const citations = entry.citations.map((c, j) => {
      const r = resolveCitation(ctx, file, `${label}.citations[${j}]`, c);
      const draft = r && ctx.drafts.get(r.key);
      if (draft && story && draft.story !== story) {
        problems.push({
          file,
          field: `${label}.citations[${j}].article`,
          message: `article "${c.article}" (${draft.file}) is not part of story "${story.id}": a fact grid only has columns for the story's reports (set story: ${story.id} in the article, or cite another article)`,
        });
      }
      return r;
    });
    return { data: entry, story: story!, citations: citations.filter((c) => c !== undefined) };
  });
  return { events, claims };
}

function resolveCitation(ctx: Context, file: string, field: string, c: { article: string; quote: string; value?: string }): ResolvedCitation | undefined {
  const draft = ctx.drafts.get(c.article);
  if (!draft) {
    // An article that exists but has its own problems is reported once, in its own file.
    if (!ctx.found.has(c.article)) {
      ctx.problems.push({ file, field: `${field}.article`, message: `unknown article "${c.article}": there is no src/articles/${c.article}.md` });
    }
    return undefined;
  }
  const block = ctx.blocks.get(c.article)?.get(c.quote) ?? -1;
  if (block < 0) {
    const shown = c.quote.length > 80 ? `${c.quote.slice(0, 77)}…` : c.quote;
    ctx.problems.push({
      file,
      field: `${field}.quote`,
      message: `quote not found in article "${c.article}" (${draft.file}): "${shown}"; copy the words exactly as the article has them`,
    });
    return undefined;
  }
  return { key: c.article, quote: c.quote, value: c.value, block };
}
