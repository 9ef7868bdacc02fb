/**
 * The content model the templates render: sources, stories and articles, linked once per
 * build with maps (no per-page scans), plus the derived lists every page kind needs.
 * Classes, not plain objects, so Eleventy's data cascade passes them by reference.
 */
import {
  compareDates,
  compareEventDates,
  formatDay,
  formatEventDate,
  formatPeriod,
  formatPubDate,
  formatTime,
  type EventDate,
  type PubDate,
} from "./dates.ts";
import type { ArticleData, EntityData, SourceData, StoryData } from "./schema.ts";

/** Entries on one timeline or source listing page: keeps every page light as the archive grows. */
export const PAGE_SIZE = 100;
/** How many reports an entity page lists (newest first) before saying how many more there are. */
export const ENTITY_ARTICLE_LIMIT = 100;
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
  readonly href: string;
  /** Dated events of the story, chronological. */
  events: NewsEvent[] = [];
  /** Rows of the fact grid, in the order of `_data/claims.json`. */
  claims: Claim[] = [];
  /** Entities its reports mention, in order of first mention, with each outlet's spellings. */
  entityRows: StoryEntityRow[] = [];
  constructor(data: StoryData) {
    this.id = data.id;
    this.title = data.title;
    this.summary = data.summary;
    this.date = data.date;
    this.href = `/stories/${data.id}/`;
  }
}

export interface StoryEntityRow {
  entity: Entity;
  /** One per outlet of the story, in `story.sources` order; no spellings when it does not mention the entity. */
  cells: { source: Source; spellings: string[] }[];
}

export const ENTITY_TYPE_LABELS = { person: "Person", organization: "Organisation", place: "Place" } as const;
export const ENTITY_TYPE_PLURALS = { person: "People", organization: "Organisations", place: "Places" } as const;

/** One spelling of an entity's name and who writes it that way. */
export interface EntitySpelling {
  text: string;
  /** The outlets that use it, in `_data/sources.json` order. */
  sources: Source[];
  /** How many articles use it. */
  articles: number;
}

/** A person, organisation or place, recognised under every spelling in `_data/entities.json`. */
export class Entity {
  readonly id: string;
  readonly name: string;
  readonly type: EntityData["type"];
  readonly aliases: string[];
  readonly description?: string;
  readonly href: string;
  /** Articles that mention it, chronological. */
  articles: Article[] = [];
  /** The newest of them, at most ENTITY_ARTICLE_LIMIT: what its page lists. */
  listed: Article[] = [];
  /** Spellings found in the articles, most used first. */
  spellings: EntitySpelling[] = [];
  /** Events that name it. */
  events: NewsEvent[] = [];
  constructor(data: EntityData) {
    this.id = data.id;
    this.name = data.name;
    this.type = data.type;
    this.aliases = data.aliases ?? [];
    this.description = data.description;
    this.href = `/entities/${data.id}/`;
  }
  get typeLabel(): string {
    return ENTITY_TYPE_LABELS[this.type];
  }
}

/** An entity as one article mentions it. */
export interface ArticleMention {
  entity: Entity;
  /** The spellings this article uses, in order of appearance. */
  spellings: string[];
  count: number;
}

/** A quote from an article, supporting an event or a cell of the fact grid. */
export class Citation {
  readonly article: Article;
  readonly quote: string;
  /** The value as this report gives it (claims only). */
  readonly value?: string;
  /** The id of the paragraph holding the quote on the article page. */
  readonly anchor: string;
  readonly href: string;
  constructor(article: Article, quote: string, anchor: string, value?: string) {
    this.article = article;
    this.quote = quote;
    this.anchor = anchor;
    this.value = value;
    this.href = `${article.href}#${anchor}`;
  }
}

/** Something that happened, dated as precisely as the reports allow, backed by quotes. */
export class NewsEvent {
  readonly id: string;
  readonly date: EventDate;
  readonly title: string;
  readonly summary?: string;
  readonly story?: Story;
  readonly entities: Entity[];
  readonly citations: Citation[];
  /** "c. 12 September 2024", "September 2024". */
  readonly dateLabel: string;
  /** The value for <time datetime>: `2024`, `2024-08`, `2024-08-06` or the date-time. */
  readonly datetime: string;
  /** The outlets whose reports support it, in `_data/sources.json` order. */
  readonly sources: Source[];
  constructor(init: { id: string; date: EventDate; title: string; summary?: string; story?: Story; entities: Entity[]; citations: Citation[] }) {
    this.id = init.id;
    this.date = init.date;
    this.title = init.title;
    this.summary = init.summary;
    this.story = init.story;
    this.entities = init.entities;
    this.citations = init.citations;
    this.dateLabel = formatEventDate(init.date);
    this.datetime = init.date.pub ? init.date.pub.iso : init.date.iso;
    this.sources = [...new Set(init.citations.map((c) => c.article.source))].sort((a, b) => a.index - b.index);
  }
  /** Space-separated source ids, for filters. */
  get sourceIds(): string {
    return this.sources.map((s) => s.id).join(" ");
  }
}

function distinctValues(citations: Citation[]): string[] {
  return [...new Set(citations.map((c) => c.value).filter((v): v is string => !!v))];
}

/** One row of a story's fact grid: a fact and the reports that give it. */
export class Claim {
  readonly id: string;
  readonly story: Story;
  readonly label: string;
  readonly citations: Citation[];
  /** One per outlet of the story, in `story.sources` order; empty citations = not reported. */
  cells: { source: Source; citations: Citation[] }[] = [];
  /** The distinct values the reports give, in column order. */
  values: string[];
  constructor(init: { id: string; story: Story; label: string; citations: Citation[] }) {
    this.id = init.id;
    this.story = init.story;
    this.label = init.label;
    this.citations = init.citations;
    this.values = distinctValues(init.citations);
  }
  /** True when the reports give different values for the fact. */
  get differs(): boolean {
    return this.values.length > 1;
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
  /** Site path of the processed image's largest fallback rendition; set by the image shortcode when the page renders. */
  imageUrl?: string;
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
  /** Entities named in the body (and photo caption), in order of first mention. */
  readonly mentions: ArticleMention[];

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
    mentions?: ArticleMention[];
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
    this.mentions = init.mentions ?? [];
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

/**
 * One heading on the timeline: a day, or a month or year for events dated no more precisely
 * (a month's heading comes before its days). `day` is the period: `2024-09-16`, `2024-08`, `2024`.
 */
export interface TimelineDay {
  day: string;
  label: string;
  precision: "year" | "month" | "day";
  /** Events of the period, before its reports. */
  events: NewsEvent[];
  groups: TimelineGroup[];
  /** Reports and events. */
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
  readonly entities: Entity[];
  readonly entityById: Map<string, Entity>;
  /** Entities by type, for the index: [{ type, label, entities }]. */
  readonly entityGroups: { type: Entity["type"]; label: string; entities: Entity[] }[];
  /** Chronological. */
  readonly events: NewsEvent[];
  readonly claims: Claim[];
  /**
   * What the paginated page templates render in this build: everything, except in a watch
   * rebuild after an edit that changes nothing other pages show (see src/content/incremental.ts).
   */
  render: RenderPlan;

  constructor(sources: Source[], stories: Story[], articles: Article[], entities: Entity[] = [], events: NewsEvent[] = [], claims: Claim[] = []) {
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

    this.entities = [...entities].sort((a, b) => a.name.localeCompare(b.name, "en"));
    this.entityById = new Map(entities.map((e) => [e.id, e]));
    this.entityGroups = (["person", "organization", "place"] as const).map((type) => ({
      type,
      label: ENTITY_TYPE_PLURALS[type],
      entities: this.entities.filter((e) => e.type === type),
    }));
    linkEntities(this.articles, sources);
    for (const story of stories) story.entityRows = storyEntityRows(story);

    // Stable: events of one date keep the order of `_data/events.json`.
    this.events = [...events].sort((a, b) => compareEventDates(a.date, b.date));
    for (const e of this.events) {
      e.story?.events.push(e);
      for (const en of e.entities) en.events.push(e);
    }
    this.claims = claims;
    for (const c of claims) {
      c.story.claims.push(c);
      c.cells = c.story.sources.map((source) => ({ source, citations: c.citations.filter((x) => x.article.source === source) }));
      c.values = distinctValues(c.cells.flatMap((cell) => cell.citations));
    }
    this.timelinePages = paginateTimeline(this.articles, this.events);
    this.sourcePages = sources.flatMap((s) => (s.pages = paginateSource(s)));
    this.render = { articles: this.articles, timelinePages: this.timelinePages, sourcePages: this.sourcePages, partial: false };
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

/** Who mentions each entity, and how: computed once from every article's mentions. */
function linkEntities(articles: Article[], sources: Source[]): void {
  const spellings = new Map<Entity, Map<string, { sources: Set<Source>; articles: number }>>();
  for (const a of articles) {
    for (const m of a.mentions) {
      m.entity.articles.push(a);
      let byText = spellings.get(m.entity);
      if (!byText) spellings.set(m.entity, (byText = new Map()));
      for (const text of m.spellings) {
        let sp = byText.get(text);
        if (!sp) byText.set(text, (sp = { sources: new Set(), articles: 0 }));
        sp.sources.add(a.source);
        sp.articles++;
      }
    }
  }
  const order = new Map(sources.map((s, i) => [s, i]));
  for (const entity of spellings.keys()) entity.listed = entity.articles.slice(-ENTITY_ARTICLE_LIMIT).reverse();
  for (const [entity, byText] of spellings) {
    entity.spellings = [...byText]
      .map(([text, sp]) => ({ text, sources: [...sp.sources].sort((x, y) => order.get(x)! - order.get(y)!), articles: sp.articles }))
      .sort((x, y) => y.articles - x.articles || x.text.localeCompare(y.text, "en"));
  }
}

function storyEntityRows(story: Story): StoryEntityRow[] {
  const rows = new Map<Entity, Map<Source, Set<string>>>();
  for (const a of story.articles) {
    for (const m of a.mentions) {
      let bySource = rows.get(m.entity);
      if (!bySource) rows.set(m.entity, (bySource = new Map()));
      let set = bySource.get(a.source);
      if (!set) bySource.set(a.source, (set = new Set()));
      for (const t of m.spellings) set.add(t);
    }
  }
  return [...rows].map(([entity, bySource]) => ({
    entity,
    cells: story.sources.map((source) => ({ source, spellings: [...(bySource.get(source) ?? [])] })),
  }));
}

function groupDay(day: string, articles: Article[], events: NewsEvent[] = []): TimelineDay {
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
  return { day, label: formatPeriod(day), precision, events, groups, count: articles.length + events.length };
}

/**
 * Whole days, at most PAGE_SIZE entries a page (one busy day may exceed it). Oldest first, so old pages keep their URLs.
 * Events join the reports under the heading of their period: a day, or a month or year when that is all that is known.
 */
function paginateTimeline(articles: Article[], events: NewsEvent[] = []): TimelinePage[] {
  const days: TimelineDay[] = [];
  let ai = 0;
  let ei = 0;
  // Both lists are sorted by period (articles by day); merge them one period at a time.
  while (ai < articles.length || ei < events.length) {
    const aDay = ai < articles.length ? articles[ai]!.date.day : undefined;
    const ePeriod = ei < events.length ? events[ei]!.date.period : undefined;
    const period = aDay === undefined ? ePeriod! : ePeriod === undefined || aDay <= ePeriod ? aDay : ePeriod;
    const aStart = ai;
    while (ai < articles.length && articles[ai]!.date.day === period) ai++;
    const eStart = ei;
    while (ei < events.length && events[ei]!.date.period === period) ei++;
    days.push(groupDay(period, articles.slice(aStart, ai), events.slice(eStart, ei)));
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
      label: from === to ? formatPeriodShort(from) : `${formatPeriodShort(from)} – ${formatPeriodShort(to)}`,
      count: items.reduce((n, d) => n + d.count, 0),
    };
  });
}

function formatPeriodShort(period: string): string {
  return period.length === 10 ? formatDay(period) : formatPeriod(period);
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
