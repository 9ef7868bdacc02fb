/**
 * Which pages of the paginated templates (articles, timeline, source, story, entity and
 * comparison pages) a build renders. Everything, except in a watch rebuild after edits of
 * content (articles and data files): then each page is rendered again only when it is new or
 * something it read when it was last rendered reads otherwise in the new model. What a page
 * read is recorded while it renders (`PageReadLog`, src/content/page-reads.ts): every template,
 * partial and filter reads the model through it, so nothing is listed by hand. Feeds and
 * listings render every time.
 */
import path from "node:path";
import type {
  Article,
  Content,
  EntityPage,
  SharedComparison,
  Source,
  SourcePage,
  Story,
  TimelinePage,
} from "../content/model.ts";
import { FEED_LIMIT } from "../publish/feeds.ts";
import { PageReads, ReplayMemo, readsOf, sameReads } from "../content/page-reads.ts";

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
  return {
    articles: content.articles,
    timelinePages: content.timelinePages,
    sourcePages: content.sourcePages,
    comparisons: content.comparisons,
    stories: content.stories,
    entityPages: content.entityPages,
    partial: false,
  };
}

/** The page each item of a plan is rendered to (a story's page and its shared-text JSON are one). */
const pageOf = (item: { href: string }) => item.href;

/**
 * What each page of the paginated templates read when it was last rendered, kept by a process
 * that builds again (npm start). `tracked(plan)` is the plan the templates see: each item read
 * through a recording proxy; `committed()` once the build is written.
 */
export class PageReadLog {
  #pages = new Map<string, PageReads>();
  #pending = new Map<string, PageReads>();
  #news = new WeakMap<PageReads, unknown>();
  /** The site-wide data every page reads besides the model (site.json, the sources' colours). */
  #globals: string | undefined;
  #pendingGlobals: string | undefined;

  tracked(plan: RenderPlan, content: Content): RenderPlan {
    this.#pending = new Map();
    // a new build's pages: `news` of the last build's let go (kept, it would keep that model)
    this.#news = new WeakMap();
    this.#pendingGlobals = globalsFace(content);
    const track = <T extends { href: string }>(items: readonly T[]): T[] =>
      items.map((item) => {
        const reads = new PageReads();
        this.#pending.set(pageOf(item), reads);
        return reads.track(item);
      });
    return {
      articles: track(plan.articles),
      timelinePages: track(plan.timelinePages),
      sourcePages: track(plan.sourcePages),
      comparisons: track(plan.comparisons),
      stories: track(plan.stories),
      entityPages: track(plan.entityPages),
      partial: plan.partial,
    };
  }

  /** `news` as the page of `item` (a tracked item of the plan) reads it; undefined for other pages. */
  news(item: unknown, content: Content): unknown {
    const reads = readsOf(item);
    if (!reads) return undefined;
    let news = this.#news.get(reads);
    if (news === undefined) this.#news.set(reads, (news = reads.track(content, "news")));
    return news;
  }

  /** The build is written: its pages' reads replace those of the pages' last renderings. */
  committed(): void {
    for (const [page, reads] of this.#pending) {
      reads.done();
      this.#pages.set(page, reads);
    }
    this.#pending = new Map();
    if (this.#pendingGlobals !== undefined) this.#globals = this.#pendingGlobals;
  }

  /** Forgets the pages the model no longer has (their output is removed): one that comes back is new. */
  forgetGone(content: Content): void {
    const now = new Set(
      [
        content.articles,
        content.timelinePages,
        content.sourcePages,
        content.comparisons,
        content.stories,
        content.entityPages,
      ].flatMap((items: readonly { href: string }[]) => items.map(pageOf)),
    );
    for (const page of this.#pages.keys()) if (!now.has(page)) this.#pages.delete(page);
  }

  /** Whether the page rendered from `item` would come out as it is in the output. */
  unchanged(item: { href: string }, content: Content, memo: ReplayMemo): boolean {
    const reads = this.#pages.get(pageOf(item));
    return (
      !!reads &&
      sameReads(
        reads,
        new Map<string, unknown>([
          ["item", item],
          ["news", content],
        ]),
        memo,
      )
    );
  }

  /** Whether what every page reads besides the model is as it was. */
  sameGlobals(content: Content): boolean {
    return this.#globals !== undefined && this.#globals === globalsFace(content);
  }
}

/**
 * What every page shows besides the model's records it reads: the `site` and `assets` global
 * data, made from site.json and the sources (their colours): all their plain fields.
 */
function globalsFace(content: Content): string {
  const plain = (o: object) =>
    Object.entries(o).filter(
      ([, v]) =>
        v === null ||
        typeof v !== "object" ||
        (Array.isArray(v) && v.every((x) => x === null || typeof x !== "object")),
    );
  return JSON.stringify([content.site, content.sources.map((s: Source) => plain(s))]);
}

interface PlanOptions {
  /** What the pages read when they were last rendered; without it every page is rendered. */
  reads?: PageReadLog;
  /** The data files' folder: their edits are content too (without it, an edit there renders everything). */
  dataDir?: string;
  /** The reports' records' folder (`record/`): the same. */
  recordDir?: string;
}

/**
 * `changed`: absolute paths of the files that triggered this rebuild. An edit of anything but
 * content (a template, a picture) renders every page.
 */
export function planRender(
  content: Content,
  previous: Content | undefined,
  changed: readonly string[],
  articlesDir: string,
  options: PlanOptions = {},
): RenderPlan {
  const { reads } = options;
  reads?.forgetGone(content);
  if (!previous || !changed.length || !reads?.sameGlobals(content)) return fullPlan(content);
  const inside = (dir: string | undefined, file: string) => !!dir && file.startsWith(path.resolve(dir) + path.sep);
  for (const file of changed) {
    const isContent =
      (inside(articlesDir, file) && /\.(md|markdown)$/.test(file)) ||
      (inside(options.dataDir, file) && file.endsWith(".json")) ||
      (inside(options.recordDir, file) && file.endsWith(".json"));
    if (!isContent) return fullPlan(content);
  }
  const memo = new ReplayMemo();
  const stale = <T extends { href: string }>(items: readonly T[]) =>
    items.filter((item) => !reads.unchanged(item, content, memo));
  return {
    articles: stale(content.articles),
    timelinePages: stale(content.timelinePages),
    sourcePages: stale(content.sourcePages),
    comparisons: stale(content.comparisons),
    stories: stale(content.stories),
    entityPages: stale(content.entityPages),
    partial: true,
  };
}

/** Site paths of the pages the model produces, one per page (feeds are files, pages folders). */
function pagePaths(content: Content): Set<string> {
  return new Set([
    ...content.articles.map((a) => a.href),
    // a report's versions page, while its outlet's changes are in its record
    ...content.articles.flatMap((a) => (a.record?.changedSince ? [a.record.href] : [])),
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
  const slices: RenderPlan[] = Array.from({ length: count }, () => ({
    articles: [],
    timelinePages: [],
    sourcePages: [],
    comparisons: [],
    stories: [],
    entityPages: [],
    partial: plan.partial,
  }));
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
const PLAN_KINDS: readonly PlanKind[] = [
  "articles",
  "timelinePages",
  "sourcePages",
  "comparisons",
  "stories",
  "entityPages",
];

/** Each item's weight in article pages' worth of HTML: a list page grows with its entries, a story with its reports, a name's page with its reports. */
export function pageWeights(plan: RenderPlan): { [K in PlanKind]: number[] } {
  const pager = (p: { items: unknown[] }) => 1 + p.items.length / 20;
  return {
    articles: plan.articles.map(() => 1),
    timelinePages: plan.timelinePages.map(pager),
    sourcePages: plan.sourcePages.map(pager),
    comparisons: plan.comparisons.map(() => 1),
    // its page, its shared-text JSON and its two feeds (up to FEED_LIMIT bodies each, about half a page apiece)
    stories: plan.stories.map((s) => 2 + s.articles.length / 5 + Math.min(FEED_LIMIT, s.articles.length)),
    entityPages: plan.entityPages.map(pager),
  };
}
