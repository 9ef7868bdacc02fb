/**
 * Listing pages: the timeline (whole days, at most PAGE_SIZE entries a page, oldest first so old
 * pages keep their addresses), each source's and each entity's reports (newest first,
 * LIST_PAGE_SIZE a page), the names index (NAMES_PAGE_SIZE names a page) and the stories index
 * (newest first, STORIES_PAGE_SIZE a page), all cut by one `paginate`; and the page numbers a
 * pager shows.
 */
import type { DateFormat } from "./date-format.ts";
import type {
  Article,
  Entity,
  EntityGroup,
  EntityPage,
  EntityIndexPage,
  NewsEvent,
  Pager,
  Source,
  SourcePage,
  Story,
  StoryIndexPage,
  TimelineDay,
  TimelineGroup,
  TimelinePage,
} from "./model.ts";
import { urls } from "./urls.ts";

/** Entries on one timeline page: keeps every page light as the archive grows. */
export const PAGE_SIZE = 100;

/** Report cards on one page of a source or an entity (~1 KB of HTML each): a reader sees the page's end. */
export const LIST_PAGE_SIZE = 25;

/** Names on one page of the names index (~250 bytes of HTML each): an archive of thousands stays light. */
export const NAMES_PAGE_SIZE = 400;

/** Stories on one page of the stories index (~400 bytes of HTML each). */
export const STORIES_PAGE_SIZE = 100;

/** One period's reports, those of one story grouped together, after its events. */
function groupDay(day: string, articles: Article[], events: NewsEvent[], dates: DateFormat): TimelineDay {
  const groups: TimelineGroup[] = [];
  const byStory = new Map<Story, TimelineGroup>();
  for (const a of articles) {
    if (!a.story) {
      groups.push({ articles: [a] });
      continue;
    }
    let g = byStory.get(a.story);
    if (!g) {
      g = { story: a.story, articles: [] };
      byStory.set(a.story, g);
      groups.push(g);
    }
    g.articles.push(a);
  }
  const precision = day.length === 4 ? "year" : day.length === 7 ? "month" : "day";
  return { day, label: dates.period(day), precision, events, groups, count: articles.length + events.length };
}

/** Reports and events merged by period (a day, or a month or year when that is all an event gives). */
function timelineDays(articles: readonly Article[], events: readonly NewsEvent[], dates: DateFormat): TimelineDay[] {
  const days: TimelineDay[] = [];
  let ai = 0;
  let ei = 0;
  while (ai < articles.length || ei < events.length) {
    const aDay = ai < articles.length ? articles[ai]!.date.day : undefined;
    const ePeriod = ei < events.length ? events[ei]!.date.period : undefined;
    const period = aDay === undefined ? ePeriod! : ePeriod === undefined || aDay <= ePeriod ? aDay : ePeriod;
    const aStart = ai;
    while (ai < articles.length && articles[ai]!.date.day === period) ai++;
    const eStart = ei;
    while (ei < events.length && events[ei]!.date.period === period) ei++;
    days.push(groupDay(period, articles.slice(aStart, ai), events.slice(eStart, ei), dates));
  }
  return days;
}

/**
 * `items` cut into pages of at most `size` at the addresses `urlOf(n)`, in order; one empty page
 * when there are none. An item may weigh more than one (`weight`: a timeline day counts its
 * entries): an item is never split, and one heavier than `size` has a page to itself.
 */
function paginate<T>(
  items: readonly T[],
  size: number,
  urlOf: (n: number) => string,
  weight: (item: T) => number = () => 1,
): Pager<T>[] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let load = 0;
  for (const item of items) {
    const w = weight(item);
    if (current.length && load + w > size) {
      chunks.push(current);
      current = [];
      load = 0;
    }
    current.push(item);
    load += w;
  }
  if (current.length || chunks.length === 0) chunks.push(current);
  const total = chunks.length;
  return chunks.map((page, i) => ({
    number: i + 1,
    total,
    href: urlOf(i + 1),
    hrefOf: urlOf,
    items: page,
    prevHref: i > 0 ? urlOf(i) : undefined,
    nextHref: i < total - 1 ? urlOf(i + 2) : undefined,
  }));
}

/** `articles` and `events` chronological, as whole days of at most PAGE_SIZE entries a page (one busy day may exceed it: it is never split). */
export function paginateTimeline(
  articles: readonly Article[],
  events: readonly NewsEvent[],
  dates: DateFormat,
): TimelinePage[] {
  return paginate(timelineDays(articles, events, dates), PAGE_SIZE, urls.timelinePage, (d) => d.count).map((p) => {
    const from = p.items[0]?.day ?? "";
    const to = p.items[p.items.length - 1]?.day ?? "";
    return { ...p, from, to, label: dates.periodSpan(from, to), count: p.items.reduce((n, d) => n + d.count, 0) };
  });
}

/** A source's reports, `articles` newest first, LIST_PAGE_SIZE a page. */
export function paginateSource(source: Source, articles: readonly Article[]): SourcePage[] {
  return paginate(articles, LIST_PAGE_SIZE, (n) => urls.sourcePage(source.id, n)).map((p) => ({ source, ...p }));
}

/** The reports that name an entity, newest first (`articles` is chronological), LIST_PAGE_SIZE a page. */
export function paginateEntity(entity: Entity, articles: readonly Article[]): EntityPage[] {
  return paginate([...articles].reverse(), LIST_PAGE_SIZE, (n) => urls.entityPage(entity.id, n)).map((p) => ({
    entity,
    ...p,
  }));
}

/**
 * The names index: the groups (people, organisations, places; each sorted by name) cut into pages
 * of NAMES_PAGE_SIZE names, a group split across pages where it must; one empty page when there
 * are none. A page's label names its first and last name in each group it holds.
 */
export function paginateEntities(groups: EntityGroup[]): EntityIndexPage[] {
  const flat = groups.flatMap((g) => g.entities.map((entity) => ({ group: g, entity })));
  return paginate(flat, NAMES_PAGE_SIZE, urls.entitiesPage).map((p) => {
    const items: EntityGroup[] = [];
    for (const { group, entity } of p.items) {
      if (items.at(-1)?.type !== group.type) items.push({ type: group.type, label: group.label, entities: [] });
      items.at(-1)!.entities.push(entity);
    }
    const label = items.map((g) => `${g.label}: ${g.entities[0]!.name} – ${g.entities.at(-1)!.name}`).join("; ");
    return { ...p, items, label, count: p.items.length };
  });
}

/** The stories index, `stories` in the order given (newest first), STORIES_PAGE_SIZE a page. */
export function paginateStories(stories: readonly Story[]): StoryIndexPage[] {
  return paginate(stories, STORIES_PAGE_SIZE, urls.storiesPage);
}

/**
 * The page numbers a pager links to: the first, the last, and two either side of the current
 * one, a gap (`null`) where numbers are left out. Every page is reached by following them.
 */
export function pagerNumbers(current: number, total: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let n = 1; n <= total; n++) {
    if (n === 1 || n === total || Math.abs(n - current) <= 2) out.push(n);
    else if (out.at(-1) !== null) out.push(null);
  }
  return out;
}
