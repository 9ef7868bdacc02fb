/**
 * The content model the templates render: sources, stories and articles, linked once per
 * build with maps (no per-page scans), plus the derived lists every page kind needs.
 * Classes, not plain objects, so Eleventy's data cascade passes them by reference.
 */
import { compareDates, formatDay, formatDayLong, formatPubDate, formatTime, type PubDate } from "./dates.ts";
import type { ArticleData, SourceData, StoryData } from "./schema.ts";

/** Entries on one timeline or source listing page: keeps every page light as the archive grows. */
export const PAGE_SIZE = 100;
/** How many other outlets' reports an article page lists before linking to the whole story. */
export const OTHER_COVERAGE_LIMIT = 12;

export class Source {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly country?: string;
  readonly language?: string;
  readonly description?: string;
  readonly type?: string;
  readonly href: string;
  /** Short label (initials) shown beside the name; consistent across the site. */
  readonly initials: string;
  /** Position in `_data/sources.json`: the basis of the source's colour. */
  readonly index: number;
  /** Newest first. */
  articles: Article[] = [];
  pages: SourcePage[] = [];

  constructor(data: SourceData, index: number) {
    this.id = data.id;
    this.name = data.name;
    this.url = data.url;
    this.country = data.country;
    this.language = data.language;
    this.description = data.description;
    this.type = data.type;
    this.index = index;
    this.href = `/sources/${data.id}/`;
    this.initials = initialsOf(data.name);
  }
}

function initialsOf(name: string): string {
  const words = name.replace(/^the\s+/i, "").split(/[\s.-]+/u).filter((w) => /\p{L}|\p{N}/u.test(w));
  const letters = words.length > 1 ? words.slice(0, 3).map((w) => [...w][0]) : [...(words[0] ?? "?")].slice(0, 2);
  return letters.join("").toUpperCase();
}

export class Story {
  readonly id: string;
  readonly title: string;
  readonly summary?: string;
  readonly date?: PubDate;
  /** Chronological. */
  articles: Article[] = [];
  /** The outlets that reported it, in order of their first report. */
  sources: Source[] = [];
  constructor(data: StoryData) {
    this.id = data.id;
    this.title = data.title;
    this.summary = data.summary;
    this.date = data.date;
  }
}

export interface RelatedLink {
  title: string;
  url?: string;
}

export class Article {
  readonly key: string;
  readonly slug: string;
  /** Path of the markdown file, relative to the project root. */
  readonly file: string;
  readonly source: Source;
  readonly story?: Story;
  readonly title: string;
  readonly date: PubDate;
  readonly updated?: PubDate;
  readonly url?: string;
  readonly authors: string[];
  readonly credit?: string;
  readonly summary: string;
  /** True when the summary is the body's first paragraph, not an editor's summary. */
  readonly summaryFromBody: boolean;
  readonly tags: string[];
  readonly image?: ArticleData["image"];
  readonly related: RelatedLink[];
  readonly note?: string;
  readonly archive?: string;
  readonly accessed?: PubDate;
  readonly html: string;
  readonly text: string;
  readonly words: number;
  readonly href: string;
  /** Older and newer article of the same source. */
  prev?: Article;
  next?: Article;
  /** Other outlets' reports of the same story, nearest in time first (at most OTHER_COVERAGE_LIMIT). */
  otherCoverage: Article[] = [];
  /** How many reports of the same story other outlets published in all. */
  otherCoverageTotal = 0;

  constructor(init: {
    file: string;
    slug: string;
    data: ArticleData;
    source: Source;
    story?: Story;
    html: string;
    text: string;
    words: number;
    firstParagraph: string;
  }) {
    const { data } = init;
    this.file = init.file;
    this.slug = init.slug;
    this.source = init.source;
    this.story = init.story;
    this.key = `${init.source.id}/${init.slug}`;
    this.href = `/sources/${init.source.id}/${init.slug}/`;
    this.title = data.title;
    this.date = data.date;
    this.updated = data.updated;
    this.url = data.url;
    this.authors = data.authors ?? [];
    this.credit = data.credit;
    this.summaryFromBody = !data.summary;
    this.summary = data.summary ?? truncate(init.firstParagraph, 400);
    this.tags = data.tags ?? [];
    this.image = data.image;
    this.related = data.related ?? [];
    this.note = data.note;
    this.archive = data.archive;
    this.accessed = data.accessed;
    this.html = init.html;
    this.text = init.text;
    this.words = init.words;
  }

  get dateLabel(): string {
    return formatPubDate(this.date);
  }
  get timeLabel(): string {
    return formatTime(this.date);
  }
}

function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 40)).trimEnd() + "…";
}

/** One story's reports on one day of the timeline (a single article when it has no story). */
export interface TimelineGroup {
  story?: Story;
  articles: Article[];
}

export interface TimelineDay {
  day: string;
  label: string;
  groups: TimelineGroup[];
  count: number;
}

export interface Pager<T> {
  number: number;
  total: number;
  href: string;
  items: T[];
  prevHref?: string;
  nextHref?: string;
}

export interface TimelinePage extends Pager<TimelineDay> {
  /** First and last day on the page, for the page list. */
  from: string;
  to: string;
  label: string;
  count: number;
}

export interface SourcePage extends Pager<Article> {
  source: Source;
}

export interface RenderPlan {
  articles: Article[];
  timelinePages: TimelinePage[];
  sourcePages: SourcePage[];
  /** True when only some pages are rendered (the others are already in the output, unchanged). */
  partial: boolean;
}

export class Content {
  readonly sources: Source[];
  readonly sourceById: Map<string, Source>;
  readonly stories: Story[];
  readonly storyById: Map<string, Story>;
  /** Chronological. */
  readonly articles: Article[];
  readonly articleByKey: Map<string, Article>;
  /** Newest first. */
  readonly newest: Article[];
  readonly timelinePages: TimelinePage[];
  readonly sourcePages: SourcePage[];
  /**
   * What the paginated page templates render in this build: everything, except in a watch
   * rebuild after an edit that changes nothing other pages show (see src/content/incremental.ts).
   */
  render: RenderPlan;

  constructor(sources: Source[], stories: Story[], articles: Article[]) {
    this.sources = sources;
    this.sourceById = new Map(sources.map((s) => [s.id, s]));
    this.stories = stories;
    this.storyById = new Map(stories.map((s) => [s.id, s]));
    this.articles = [...articles].sort(compareArticles);
    this.articleByKey = new Map(this.articles.map((a) => [a.key, a]));
    this.newest = [...this.articles].reverse();

    for (const a of this.articles) {
      a.story?.articles.push(a);
    }
    for (const a of this.newest) a.source.articles.push(a);
    linkNeighbours(sources);
    for (const story of stories) linkStory(story);
    this.timelinePages = paginateTimeline(this.articles);
    this.sourcePages = sources.flatMap((s) => (s.pages = paginateSource(s)));
    this.render = { articles: this.articles, timelinePages: this.timelinePages, sourcePages: this.sourcePages, partial: false };
  }

  get updatedDate(): PubDate | undefined {
    let max: PubDate | undefined;
    for (const a of this.articles) {
      const d = a.updated ?? a.date;
      if (!max || compareDates(d, max) > 0) max = d;
    }
    return max;
  }
}

export function compareArticles(a: Article, b: Article): number {
  return compareDates(a.date, b.date) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function linkNeighbours(sources: Source[]): void {
  for (const s of sources) {
    const list = s.articles; // newest first
    for (let i = 0; i < list.length; i++) {
      list[i]!.next = list[i - 1];
      list[i]!.prev = list[i + 1];
    }
  }
}

function linkStory(story: Story): void {
  const list = story.articles;
  const seen = new Set<Source>();
  for (const a of list) if (!seen.has(a.source)) (seen.add(a.source), story.sources.push(a.source));
  const perSource = new Map<Source, number>();
  for (const a of list) perSource.set(a.source, (perSource.get(a.source) ?? 0) + 1);
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    a.otherCoverageTotal = list.length - (perSource.get(a.source) ?? 0);
    // walk outward from the article: nearest reports first, O(limit) per article in practice
    const picked: Article[] = [];
    let lo = i - 1;
    let hi = i + 1;
    while (picked.length < OTHER_COVERAGE_LIMIT && (lo >= 0 || hi < list.length)) {
      const before = lo >= 0 ? list[lo] : undefined;
      const after = hi < list.length ? list[hi] : undefined;
      const takeBefore = before && (!after || a.date.epochMs - before.date.epochMs <= after.date.epochMs - a.date.epochMs);
      const next = takeBefore ? before : after;
      if (takeBefore) lo--;
      else hi++;
      if (next && next.source !== a.source) picked.push(next);
    }
    a.otherCoverage = picked.sort(compareArticles);
  }
}

function groupDay(day: string, articles: Article[]): TimelineDay {
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
  return { day, label: formatDayLong(day), groups, count: articles.length };
}

/** Whole days, at most PAGE_SIZE entries a page (one busy day may exceed it). Oldest first, so old pages keep their URLs. */
function paginateTimeline(articles: Article[]): TimelinePage[] {
  const days: TimelineDay[] = [];
  let start = 0;
  for (let i = 1; i <= articles.length; i++) {
    if (i === articles.length || articles[i]!.date.day !== articles[start]!.date.day) {
      days.push(groupDay(articles[start]!.date.day, articles.slice(start, i)));
      start = i;
    }
  }
  const chunks: TimelineDay[][] = [];
  let current: TimelineDay[] = [];
  let count = 0;
  for (const d of days) {
    if (current.length && count + d.count > PAGE_SIZE) {
      chunks.push(current);
      current = [];
      count = 0;
    }
    current.push(d);
    count += d.count;
  }
  if (current.length || chunks.length === 0) chunks.push(current);
  const href = (n: number) => (n === 1 ? "/timeline/" : `/timeline/${n}/`);
  return chunks.map((items, i) => {
    const from = items[0]?.day ?? "";
    const to = items[items.length - 1]?.day ?? "";
    return {
      number: i + 1,
      total: chunks.length,
      href: href(i + 1),
      items,
      prevHref: i > 0 ? href(i) : undefined,
      nextHref: i < chunks.length - 1 ? href(i + 2) : undefined,
      from,
      to,
      label: from === to ? formatDay(from) : `${formatDay(from)} – ${formatDay(to)}`,
      count: items.reduce((n, d) => n + d.count, 0),
    };
  });
}

function paginateSource(source: Source): SourcePage[] {
  const total = Math.max(1, Math.ceil(source.articles.length / PAGE_SIZE));
  const href = (n: number) => (n === 1 ? source.href : `${source.href}${n}/`);
  return Array.from({ length: total }, (_, i) => ({
    source,
    number: i + 1,
    total,
    href: href(i + 1),
    items: source.articles.slice(i * PAGE_SIZE, (i + 1) * PAGE_SIZE),
    prevHref: i > 0 ? href(i) : undefined,
    nextHref: i < total - 1 ? href(i + 2) : undefined,
  }));
}
