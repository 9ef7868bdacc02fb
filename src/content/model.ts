/**
 * The content model's record types: sources, stories, articles, entities, events and claims.
 * The pipeline creates them (src/content/pipeline.ts) and links them once (link.ts); the
 * templates only read them. They are classes, not object literals, because Eleventy's data
 * cascade deep-merges plain objects and would copy this linked graph for every page.
 */
import type { ClaimChart } from "./claim-chart.ts";
import { formatEventDate, type EventDate, type PubDate } from "./dates.ts";
import type { ArticleData, EntityData, SiteData, SourceData, StoryData } from "./schema.ts";
import type { StoredBlocks, StoredText } from "./stored-text.ts";
import { urls } from "./urls.ts";

export class Source {
  // The fields of `_data/sources.json`, copied as they are.
  declare readonly id: string;
  declare readonly name: string;
  declare readonly url: string;
  declare readonly country?: string;
  declare readonly language?: string;
  declare readonly description?: string;
  declare readonly type?: string;
  readonly href: string;
  /** Its Atom and JSON feeds. */
  readonly feedHref: string;
  readonly jsonFeedHref: string;
  /** Short label (initials) shown beside the name; consistent across the site. */
  readonly initials: string;
  /** Position in `_data/sources.json`: the basis of the source's colour. */
  readonly index: number;
  /** Newest first. */
  readonly articles: Article[] = [];
  readonly pages: SourcePage[] = [];

  constructor(data: SourceData, index: number) {
    Object.assign(this, data);
    this.index = index;
    this.href = urls.source(data.id);
    this.feedHref = urls.sourceFeed(data.id);
    this.jsonFeedHref = urls.sourceJsonFeed(data.id);
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
  readonly href: string;
  /** Its Atom and JSON feeds: its newest reports. */
  readonly feedHref: string;
  readonly jsonFeedHref: string;
  /** Chronological. */
  readonly articles: Article[] = [];
  /** The outlets that reported it, in order of their first report. */
  readonly sources: Source[] = [];
  /** Dated events of the story, chronological. */
  readonly events: NewsEvent[] = [];
  /** Rows of the fact grid, in the order of `_data/claims.json`. */
  readonly claims: Claim[] = [];
  /** Entities its reports mention, in order of first mention, with each outlet's spellings. */
  readonly entityRows: StoryEntityRow[] = [];
  /**
   * The rows the story page's grid shows: all of them, or for a story that names more than
   * ENTITY_GRID_ROWS, the names spelled differently first, then those most outlets name.
   */
  entityGrid: StoryEntityRow[] = [];
  /** The other rows, listed by name under the grid. */
  entityRest: StoryEntityRow[] = [];
  /** Fact-grid cells no editor has checked yet. */
  uncheckedCells = 0;
  /** The fact grid's verdict, for the story page's "at a glance": each list a subset of `claims`. */
  verdict: StoryVerdict = { agree: [], differ: [], single: [], changed: [] };
  /** Places on the map that its reports or events name, by name. */
  places: Entity[] = [];
  /** Its reports' shared text: each report with the earlier report it shares most with. */
  shared: SharedComparison[] = [];

  constructor(data: StoryData) {
    this.id = data.id;
    this.title = data.title;
    this.summary = data.summary;
    this.date = data.date;
    this.href = urls.story(data.id);
    this.feedHref = urls.storyAtomFeed(data.id);
    this.jsonFeedHref = urls.storyJsonFeed(data.id);
  }
}

/**
 * The fact grid in brief. `agree`: two outlets or more give the fact and nothing disagrees (nor
 * moves); `differ`: reports disagree; `single`: one outlet alone gives it; `changed`: a moving
 * figure changed over time (it may also be in `differ`).
 */
export interface StoryVerdict {
  agree: Claim[];
  differ: Claim[];
  single: Claim[];
  changed: Claim[];
}

export interface StoryEntityRow {
  entity: Entity;
  /** One per outlet of the story, in `story.sources` order; no spellings when it does not mention the entity. */
  cells: { source: Source; spellings: readonly string[] }[];
}

const ENTITY_TYPE_LABELS = { person: "Person", organization: "Organisation", place: "Place" } as const;
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
  readonly typeLabel: string;
  readonly aliases: string[];
  readonly description?: string;
  readonly href: string;
  /** Position in `_data/entities.json`. */
  readonly index: number;
  /** A place's [latitude, longitude], when it is on the map. */
  readonly coordinates?: [number, number];
  /** ISO 3166-1 alpha-2 country code. */
  readonly country?: string;
  /** An area's rough radius in kilometres (drawn as an approximate circle). */
  readonly radiusKm?: number;
  /** A place on the map: the places that share a story with it (its map's context). */
  neighbours: Entity[] = [];
  /** Articles that mention it, chronological. */
  readonly articles: Article[] = [];
  /** Its page and the pages after it: every report that names it, newest first (pages.ts). */
  pages: EntityPage[] = [];
  /** The stories whose reports name it, with how many of those reports do: newest story first. */
  stories: EntityStory[] = [];
  /** Spellings found in the articles, most used first. */
  spellings: EntitySpelling[] = [];
  /** Events that name it. */
  readonly events: NewsEvent[] = [];

  constructor(data: EntityData, index: number) {
    this.index = index;
    this.id = data.id;
    this.name = data.name;
    this.type = data.type;
    this.typeLabel = ENTITY_TYPE_LABELS[data.type];
    this.aliases = data.aliases ?? [];
    this.description = data.description;
    this.coordinates = data.coordinates;
    this.country = data.country;
    this.radiusKm = data.radiusKm;
    this.href = urls.entity(data.id);
  }
}

/** A story that names an entity, and in how many of its reports. */
export interface EntityStory {
  story: Story;
  count: number;
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
  /** The id of the block holding the quote on the article page. */
  readonly anchor: string;
  readonly href: string;

  constructor(article: Article, quote: string, anchor: string, value?: string) {
    this.article = article;
    this.quote = quote;
    this.anchor = anchor;
    this.value = value;
    this.href = urls.cited(article.href, anchor);
  }
}

/** Something that happened, dated as precisely as the reports allow, backed by quotes. */
export class NewsEvent {
  declare readonly id: string;
  declare readonly date: EventDate;
  declare readonly title: string;
  declare readonly summary?: string;
  declare readonly story?: Story;
  declare readonly entities: Entity[];
  declare readonly citations: Citation[];
  /** "c. 12 September 2024", "September 2024". */
  readonly dateLabel: string;
  /** The value for <time datetime>: `2024`, `2024-08`, `2024-08-06` or the date-time. */
  readonly datetime: string;
  /** Outlets an editor checked whose reports of the story do not give it. */
  declare readonly notReportedBy: Source[];
  /** The story's other outlets, nobody has checked yet (set when linked). */
  unchecked: Source[] = [];
  /** The outlets whose reports support it, in `_data/sources.json` order. */
  readonly sources: Source[];
  /** Their ids, space-separated, for the timeline filters. */
  readonly sourceIds: string;

  constructor(init: {
    id: string;
    date: EventDate;
    title: string;
    summary?: string;
    story?: Story;
    entities: Entity[];
    citations: Citation[];
    notReportedBy: Source[];
  }) {
    Object.assign(this, init);
    this.dateLabel = formatEventDate(init.date);
    this.datetime = init.date.pub ? init.date.pub.iso : init.date.iso;
    this.sources = [...new Set(init.citations.map((c) => c.article.source))].sort((a, b) => a.index - b.index);
    this.sourceIds = this.sources.map((s) => s.id).join(" ");
  }
}

/**
 * A cell of the fact grid: what one outlet's reports say of a fact. "not-reported" only when an
 * editor recorded that the outlet was checked; otherwise a cell without quotes is "unchecked".
 */
export interface ClaimCell {
  source: Source;
  /** The outlet's citations, oldest report first. */
  citations: Citation[];
  /** The same, as the grid shows them: each with whether another report disagrees with it. */
  entries: ClaimEntry[];
  /** More than one report of the outlet gives the fact: each value names its report. */
  several: boolean;
  state: "reported" | "not-reported" | "unchecked";
}

/** One report's value (or quote) in a cell of the fact grid. */
interface ClaimEntry {
  citation: Citation;
  /** Another report gives a different value that counts as a disagreement (src/content/claim-timing.ts). */
  differs: boolean;
}

/** One row of a story's fact grid: a fact and the reports that give it. */
export class Claim {
  readonly id: string;
  readonly story: Story;
  readonly label: string;
  readonly citations: Citation[];
  readonly notReportedBy: Source[];
  /** One per outlet of the story, in `story.sources` order. */
  cells: ClaimCell[] = [];
  /** `changes: true`: a figure expected to move (a death toll through the day). */
  readonly changes: boolean;
  /** The distinct values the reports give: in column order, or in time order for a moving figure. */
  values: string[] = [];
  /** The values that disagree (all of them, unless the figure moves: then those given about the same time). */
  differingValues: string[] = [];
  /** True when reports disagree on the fact: different values, or for a moving figure different values at about the same time. */
  differs = false;
  /** A moving figure that changed over time. */
  changed = false;
  /** Every citation in time order: the moving figure's series. */
  timeline: Citation[] = [];
  /** The moving figure's small chart, when two of its values or more carry a number. */
  chart?: ClaimChart;
  /** How many outlets give the fact. */
  outlets = 0;

  constructor(init: { id: string; story: Story; label: string; citations: Citation[]; notReportedBy: Source[]; changes?: boolean }) {
    this.id = init.id;
    this.story = init.story;
    this.label = init.label;
    this.citations = init.citations;
    this.notReportedBy = init.notReportedBy;
    this.changes = init.changes ?? false;
  }
}

export interface RelatedLink {
  title: string;
  url?: string;
}

/** An article's picture as the page shows it: the file on disk, checked when the content loads. */
export interface ArticleImage {
  /** Absolute path of the image file, when the report's picture is reproduced. */
  file?: string;
  src?: string;
  alt?: string;
  caption?: string;
  credit?: string;
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
  /** The editor's summary, or the body's first paragraph cut to SUMMARY_LENGTH. */
  readonly summary: string;
  readonly tags: string[];
  readonly image?: ArticleImage;
  readonly related: RelatedLink[];
  readonly note?: string;
  readonly archive?: string;
  readonly accessed?: PubDate;
  /** Shown only by `npm start`: never in a build's output. */
  readonly draft: boolean;
  /** Corrections published after the report, oldest first. */
  readonly corrections: { date: PubDate; text: string }[];
  /** The body as HTML (kept as bytes, decoded when read), with ids on the blocks citations point at. */
  readonly #html: StoredText;
  /** Plain text of each block of the body, kept likewise. */
  readonly storedParagraphs: StoredBlocks;
  /** The stories' shared-text comparisons this report is part of (set when linked). */
  shared: SharedComparison[] = [];
  readonly href: string;
  /** Entities named in the body (and photo caption), in order of first mention. */
  readonly mentions: ArticleMention[];
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
    html: StoredText;
    paragraphs: StoredBlocks;
    summary: string;
    image?: ArticleImage;
    mentions: ArticleMention[];
  }) {
    const { data } = init;
    this.file = init.file;
    this.slug = init.slug;
    this.source = init.source;
    this.story = init.story;
    this.key = `${init.source.id}/${init.slug}`;
    this.href = urls.article(init.source.id, init.slug);
    this.title = data.title;
    this.date = data.date;
    this.updated = data.updated;
    this.url = data.url;
    this.authors = data.authors ?? [];
    this.credit = data.credit;
    this.summary = init.summary;
    this.tags = data.tags ?? [];
    this.image = init.image;
    this.related = data.related ?? [];
    this.note = data.note;
    this.archive = data.archive;
    this.accessed = data.accessed;
    this.draft = data.draft ?? false;
    this.corrections = [...(data.corrections ?? [])].sort((a, b) => a.date.epochMs - b.date.epochMs);
    this.#html = init.html;
    this.storedParagraphs = init.paragraphs;
    this.mentions = init.mentions;
  }

  /** The body as HTML, with ids on the blocks that citations point at. */
  get html(): string {
    return this.#html.toString();
  }

  /** Plain text of each block of the body (a new array on every read). */
  get paragraphs(): string[] {
    return this.storedParagraphs.list();
  }
}

/** Two reports of one story and the text they share (src/content/shared-text.ts). */
export interface SharedComparison {
  story: Story;
  /** The earlier report (or the first by key when the order is unknown), and the later one. */
  a: Article;
  b: Article;
  order: "a-first" | "unknown";
  /** Percent of each report's words in copied passages, and in shared quotations. */
  share: { a: number; b: number };
  quoted: { a: number; b: number };
  passages: { n: number; kind: "copied" | "quotation" | "stock"; text: string; a: [number, number]; b: [number, number] }[];
  /** The comparison page. */
  href: string;
  /** How the story page and the comparison page name each report (shared-pairs.ts). */
  names: { a: string; b: string };
  /** Only stock phrases in common (names, titles, formulas): nothing copied or quoted. */
  stockOnly: boolean;
  /** How many of the passages are stock phrases. */
  stockPassages: number;
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

/** One page of a listing (src/content/pages.ts: `paginate`). */
export interface Pager<T> {
  number: number;
  total: number;
  href: string;
  /** The address of page `n` of the same list (the pager's numbered links). */
  hrefOf: (n: number) => string;
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

export type StoryIndexPage = Pager<Story>;

/** A page of an entity's page: the reports that name it, newest first. */
export interface EntityPage extends Pager<Article> {
  entity: Entity;
}

/** A page of the names index: the groups (people, organisations, places) it holds part of. */
export interface EntityIndexPage extends Pager<EntityGroup> {
  /** First and last name on the page, for the page list. */
  label: string;
  count: number;
}

export interface EntityGroup {
  type: Entity["type"];
  label: string;
  entities: Entity[];
}

/** Everything the site shows, linked: what the pipeline returns and the templates read as `news`. */
export class Content {
  constructor(
    /** `_data/site.json`. */
    readonly site: SiteData,
    readonly sources: Source[],
    readonly stories: Story[],
    /** Chronological. */
    readonly articles: Article[],
    /** Newest first. */
    readonly newest: Article[],
    readonly articleByKey: ReadonlyMap<string, Article>,
    /** By name. */
    readonly entities: Entity[],
    /** The stories index, newest first, in pages. */
    readonly storyIndexPages: StoryIndexPage[],
    /** The stories with the newest reports, newest first (at most HOME_STORIES; the home page). */
    readonly recentStories: Story[],
    /** The names index: entities by type, in pages. */
    readonly entityIndexPages: EntityIndexPage[],
    /** Chronological. */
    readonly events: NewsEvent[],
    readonly claims: Claim[],
    readonly timelinePages: TimelinePage[],
    readonly sourcePages: SourcePage[],
    /** Every story's shared-text comparisons: one page each. */
    readonly comparisons: SharedComparison[],
    /** Every entity's pages of reports. */
    readonly entityPages: EntityPage[],
  ) {}
}
