/**
 * Which pages of the paginated templates (articles, timeline, source, story, entity and
 * comparison pages) a build renders. Everything, except in a watch rebuild whose only changes
 * are edits to articles that leave what other pages show of them unchanged (title, date,
 * summary, story, cited blocks, …): then only those articles' own pages, their comparisons and
 * partners, their stories' pages, and the entity pages only if the names they mention changed;
 * every other page in the output is still right. Feeds and listings render every time.
 */
import path from "node:path";
import type { Article, Content, EntityPage, SharedComparison, SourcePage, Story, TimelinePage } from "../content/model.ts";

export interface RenderPlan {
  articles: readonly Article[];
  timelinePages: readonly TimelinePage[];
  sourcePages: readonly SourcePage[];
  comparisons: readonly SharedComparison[];
  stories: readonly Story[];
  /** The entities' pages (each entity's reports, in pages). */
  entityPages: readonly EntityPage[];
  /** True when only some pages are rendered (the others are already in the output, unchanged). */
  partial: boolean;
}

export function fullPlan(content: Content): RenderPlan {
  return { articles: content.articles, timelinePages: content.timelinePages, sourcePages: content.sourcePages, comparisons: content.comparisons, stories: content.stories, entityPages: content.entityPages, partial: false };
}

/** `changed`: absolute paths of the files that triggered this rebuild. */
export function planRender(content: Content, previous: Content | undefined, changed: readonly string[], articlesDir: string): RenderPlan {
  if (!previous || !changed.length || previous.articles.length !== content.articles.length) return fullPlan(content);
  // a comparison that appears or goes changes listings (and stale pages): render everything
  if (previous.comparisons.map((c) => c.href).join("\n") !== content.comparisons.map((c) => c.href).join("\n")) return fullPlan(content);
  const root = path.resolve(articlesDir) + path.sep;
  const anchorsBefore = citedAnchors(previous);
  const anchorsAfter = citedAnchors(content);
  const edited: Article[] = [];
  let mentionsChanged = false;
  for (const file of new Set(changed)) {
    if (!file.startsWith(root) || !/\.(md|markdown)$/.test(file)) return fullPlan(content);
    const key = path.relative(root, file).split(path.sep).join("/").replace(/\.(md|markdown)$/, "");
    const before = previous.articleByKey.get(key);
    const after = content.articleByKey.get(key);
    if (!before || !after || listingSignature(before, anchorsBefore) !== listingSignature(after, anchorsAfter)) return fullPlan(content);
    edited.push(after);
    mentionsChanged ||= mentionSignature(before) !== mentionSignature(after);
  }
  // an edited text changes its comparisons, and the shares the other report of each shows
  const comparisons = content.comparisons.filter((c) => edited.includes(c.a) || edited.includes(c.b));
  const partners = comparisons.flatMap((c) => [c.a, c.b]).filter((a) => !edited.includes(a));
  const stories = [...new Set(edited.flatMap((a) => (a.story ? [a.story] : [])))];
  // names changed: entity pages (spellings, lists) and the places' neighbours may all differ
  return { articles: [...edited, ...new Set(partners)], timelinePages: [], sourcePages: [], comparisons, stories, entityPages: mentionsChanged ? content.entityPages : [], partial: true };
}

/** The names an article mentions, as written, and how often. */
function mentionSignature(a: Article): string {
  return JSON.stringify(a.mentions.map((m) => [m.entity.id, m.spellings, m.count]));
}

/** What other pages show of an article: its listing fields and the block ids citations link to. */
function listingSignature(a: Article, anchors: ReadonlyMap<Article, string[]>): string {
  return JSON.stringify([a.key, a.title, a.date.iso, a.updated?.iso, a.summary, a.story?.id, a.source.id, a.authors, a.url, anchors.get(a) ?? []]);
}

function citedAnchors(content: Content): Map<Article, string[]> {
  const out = new Map<Article, string[]>();
  for (const c of [...content.events.flatMap((e) => e.citations), ...content.claims.flatMap((x) => x.citations)]) {
    const list = out.get(c.article) ?? [];
    list.push(c.anchor);
    out.set(c.article, list);
  }
  return out;
}

/** Site paths of the pages the model produces, one per page (feeds are files, pages folders). */
function pagePaths(content: Content): Set<string> {
  return new Set([
    ...content.articles.map((a) => a.href),
    ...content.timelinePages.map((p) => p.href),
    ...content.sourcePages.map((p) => p.href),
    ...content.sources.flatMap((s) => [s.feedHref, s.jsonFeedHref]),
    ...content.stories.flatMap((s) => [s.href, s.feedHref, s.jsonFeedHref]),
    ...content.entityPages.map((p) => p.href),
    ...content.comparisons.map((c) => c.href),
  ]);
}

/** Pages the previous build wrote that this one no longer produces (a deleted article, a source's last page). */
export function stalePages(content: Content, previous: Content | undefined): string[] {
  if (!previous) return [];
  const now = pagePaths(content);
  return [...pagePaths(previous)].filter((href) => !now.has(href));
}

/**
 * A full plan cut into plans of at most about `pagesPerSlice` pages each, in content order,
 * for building in slices (src/eleventy/slices.ts). Together they render every page once.
 * Pages are counted by weight, in article pages' worth of HTML (an article page ~20 KB): a story
 * page lists all its reports and a timeline page 100 entries, so a slice of stories holds as
 * much as one of articles (counted one each, the last slices held 2–3 × the first's HTML).
 */
export function slicePlan(plan: RenderPlan, pagesPerSlice: number): RenderPlan[] {
  const weights = pageWeights(plan);
  const total = PLAN_KINDS.reduce((n, kind) => weights[kind].reduce((m, w) => m + w, n), 0);
  const count = Math.max(1, Math.ceil(total / Math.max(1, pagesPerSlice)));
  if (count === 1) return [plan];
  const slices: RenderPlan[] = Array.from({ length: count }, () => ({ articles: [], timelinePages: [], sourcePages: [], comparisons: [], stories: [], entityPages: [], partial: plan.partial }));
  let done = 0;
  for (const kind of PLAN_KINDS) {
    plan[kind].forEach((item, i) => {
      // the slice this page falls in when the weight is dealt out evenly in order
      const slice = slices[Math.min(count - 1, Math.floor((done * count) / total))]!;
      (slice[kind] as unknown[]).push(item);
      done += weights[kind][i]!;
    });
  }
  return slices;
}

type PlanKind = Exclude<keyof RenderPlan, "partial">;
/** The paginated kinds of pages, in the order slices take them. */
const PLAN_KINDS: readonly PlanKind[] = ["articles", "timelinePages", "sourcePages", "comparisons", "stories", "entityPages"];

/** Each item's weight in article pages' worth of HTML: a list page grows with its entries, a story with its reports, a name's page with its reports. */
export function pageWeights(plan: RenderPlan): { [K in PlanKind]: number[] } {
  const pager = (p: { items: unknown[] }) => 1 + p.items.length / 20;
  return {
    articles: plan.articles.map(() => 1),
    timelinePages: plan.timelinePages.map(pager),
    sourcePages: plan.sourcePages.map(pager),
    comparisons: plan.comparisons.map(() => 1),
    // its page and its shared-text JSON
    stories: plan.stories.map((s) => 2 + s.articles.length / 5),
    entityPages: plan.entityPages.map(pager),
  };
}
