/**
 * The content model's record types: sources, stories, articles, entities, events and claims.
 * The pipeline creates them (src/content/pipeline.ts) and links them once (link.ts); the
 * templates only read them. They are classes, not object literals, because Eleventy's data
 * cascade deep-merges plain objects and would copy this linked graph for every page.
 */
import type { ClaimChart } from "./claim-chart.ts";
import type { EventDate, PubDate } from "./dates.ts";
import { directionOf, type Locale } from "./locale.ts";
import { nameKey } from "./mentions.ts";
import type { QuoteFate, ReportRecord } from "./record.ts";
import type { ArticleData, EntityData, SiteData, SourceData, StoryData } from "./schema.ts";
import type { StoredBlocks, StoredText } from "./stored-text.ts";
import { urls } from "./urls.ts";

/*
 * Each record is built in one way: its constructor takes one named init object, and every field
 * read from the files (or worked out from them alone) is set there, `readonly`. What linking adds
 * (the reports of a story, an article's neighbours, a claim's cells) is a separate structure,
 * `XLinks`, handed to the record once by link.ts (`setLinks`) when it is complete; the record's
 * getters read it under the names templates use (`story.articles`, `article.next`), so templates
 * read one object. Reading a link before the model is linked is a bug, and throws.
 */

function linked<T>(links: T | undefined): T {
  if (!links) throw new Error("the model is not linked yet (src/content/link.ts)");
  return links;
}

function linkOnce<T>(current: T | undefined, links: T): T {
  if (current) throw new Error("a record of the model is linked once only (src/content/link.ts)");
  return links;
}

/** What linking adds to a source. */
export interface SourceLinks {
  /** Newest first. */
  readonly articles: readonly Article[];
  readonly pages: readonly SourcePage[];
}

export class Source {
  // The fields of `_data/sources.json`.
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly country?: string;
  readonly language?: string;
  readonly description?: string;
  readonly type?: SourceData["type"];
  readonly href: string;
  /** Its Atom and JSON feeds. */
  readonly feedHref: string;
  readonly jsonFeedHref: string;
  /** Short label (initials) shown beside the name; consistent across the site. */
  readonly initials: string;
  /** Position in `_data/sources.json`: the basis of the source's colour. */
  readonly index: number;
  #links?: SourceLinks;

  constructor(init: { data: SourceData; index: number }) {
    const { data } = init;
    this.id = data.id;
    this.name = data.name;
    this.url = data.url;
    this.country = data.country;
    this.language = data.language;
    this.description = data.description;
    this.type = data.type;
    this.index = init.index;
    this.href = urls.source(data.id);
    this.feedHref = urls.sourceFeed(data.id);
    this.jsonFeedHref = urls.sourceJsonFeed(data.id);
    this.initials = initialsOf(data.name);
  }

  setLinks(links: SourceLinks): void {
    this.#links = linkOnce(this.#links, links);
  }
  /** Newest first. */
  get articles(): readonly Article[] {
    return linked(this.#links).articles;
  }
  get pages(): readonly SourcePage[] {
    return linked(this.#links).pages;
  }
}

function initialsOf(name: string): string {
  const words = name
    .replace(/^the\s+/i, "")
    .split(/[\s.-]+/u)
    .filter((w) => /\p{L}|\p{N}/u.test(w));
  const letters = words.length > 1 ? words.slice(0, 3).map((w) => [...w][0]) : [...(words[0] ?? "?")].slice(0, 2);
  return letters.join("").toUpperCase();
}

/** What linking adds to a story. */
export interface StoryLinks {
  /** Chronological. */
  readonly articles: readonly Article[];
  /** The outlets that reported it, in order of their first report. */
  readonly sources: readonly Source[];
  /** Dated events of the story, chronological. */
  readonly events: readonly NewsEvent[];
  /** Rows of the fact grid, in the order of `_data/claims.json`. */
  readonly claims: readonly Claim[];
  /** Entities its reports mention, in order of first mention, with each outlet's spellings. */
  readonly entityRows: readonly StoryEntityRow[];
  /**
   * The rows the story page's grid shows: all of them, or for a story that names more than
   * ENTITY_GRID_ROWS, the names spelled differently first, then those most outlets name.
   */
  readonly entityGrid: readonly StoryEntityRow[];
  /** The other rows, listed by name under the grid. */
  readonly entityRest: readonly StoryEntityRow[];
  /** Fact-grid cells no editor has checked yet. */
  readonly uncheckedCells: number;
  /** The fact grid's verdict, for the story page's "at a glance": each list a subset of `claims`. */
  readonly verdict: StoryVerdict;
  /** Places on the map that its reports or events name, by name. */
  readonly places: readonly Entity[];
  /** Its reports' shared text: each report with the earlier report it shares most with. */
  readonly shared: readonly SharedComparison[];
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
  #links?: StoryLinks;

  constructor(init: { data: StoryData }) {
    const { data } = init;
    this.id = data.id;
    this.title = data.title;
    this.summary = data.summary;
    this.date = data.date;
    this.href = urls.story(data.id);
    this.feedHref = urls.storyAtomFeed(data.id);
    this.jsonFeedHref = urls.storyJsonFeed(data.id);
  }

  setLinks(links: StoryLinks): void {
    this.#links = linkOnce(this.#links, links);
  }
  get articles(): readonly Article[] {
    return linked(this.#links).articles;
  }
  /** The languages its reports are written in, in order of first report. */
  get languages(): readonly string[] {
    return [...new Set(this.articles.map((a) => a.language))];
  }
  get sources(): readonly Source[] {
    return linked(this.#links).sources;
  }
  get events(): readonly NewsEvent[] {
    return linked(this.#links).events;
  }
  get claims(): readonly Claim[] {
    return linked(this.#links).claims;
  }
  get entityRows(): readonly StoryEntityRow[] {
    return linked(this.#links).entityRows;
  }
  get entityGrid(): readonly StoryEntityRow[] {
    return linked(this.#links).entityGrid;
  }
  get entityRest(): readonly StoryEntityRow[] {
    return linked(this.#links).entityRest;
  }
  get uncheckedCells(): number {
    return linked(this.#links).uncheckedCells;
  }
  get verdict(): StoryVerdict {
    return linked(this.#links).verdict;
  }
  get places(): readonly Entity[] {
    return linked(this.#links).places;
  }
  get shared(): readonly SharedComparison[] {
    return linked(this.#links).shared;
  }
  /** Its reports their outlet changed or removed after we captured them (their records), in order. */
  get changedReports(): readonly Article[] {
    return this.articles.filter((a) => a.record?.changedSince);
  }
  /** Those of them the outlet no longer serves. */
  get removedReports(): readonly Article[] {
    return this.articles.filter((a) => a.record?.removed);
  }
}

/**
 * The fact grid in brief. `agree`: two outlets or more give the fact and nothing disagrees (nor
 * moves); `differ`: reports disagree; `single`: one outlet alone gives it; `changed`: a moving
 * figure changed over time (it may also be in `differ`).
 */
export interface StoryVerdict {
  readonly agree: readonly Claim[];
  readonly differ: readonly Claim[];
  readonly single: readonly Claim[];
  readonly changed: readonly Claim[];
}

export interface StoryEntityRow {
  readonly entity: Entity;
  /** One per outlet of the story, in `story.sources` order; no spellings when it does not mention the entity. */
  readonly cells: readonly { readonly source: Source; readonly spellings: readonly string[] }[];
}

/** One spelling of an entity's name and who writes it that way. */
export interface EntitySpelling {
  readonly text: string;
  /** The outlets that use it, in `_data/sources.json` order. */
  readonly sources: readonly Source[];
  /** How many articles use it. */
  readonly articles: number;
}

/** What linking adds to an entity. */
export interface EntityLinks {
  /** A place on the map: the places that share a story with it (its map's context), by name. */
  readonly neighbours: readonly Entity[];
  /** Articles that mention it, chronological. */
  readonly articles: readonly Article[];
  /** Its page and the pages after it: every report that names it, newest first (pages.ts). */
  readonly pages: readonly EntityPage[];
  /** The stories whose reports name it, with how many of those reports do: newest story first. */
  readonly stories: readonly EntityStory[];
  /** Spellings found in the articles, most used first. */
  readonly spellings: readonly EntitySpelling[];
  /** Events that name it. */
  readonly events: readonly NewsEvent[];
}

/** A person, organisation or place, recognised under every spelling in `_data/entities.json`. */
export class Entity {
  readonly id: string;
  readonly name: string;
  readonly type: EntityData["type"];
  readonly aliases: readonly string[];
  /** Forms of its spellings (case forms), by the spelling (its name or an alias, as written there). */
  readonly forms: ReadonlyMap<string, readonly string[]>;
  readonly description?: string;
  readonly href: string;
  /** Position in `_data/entities.json`. */
  readonly index: number;
  /** A place's [latitude, longitude], when it is on the map. */
  readonly coordinates?: readonly [number, number];
  /** ISO 3166-1 alpha-2 country code. */
  readonly country?: string;
  /** An area's rough radius in kilometres (drawn as an approximate circle). */
  readonly radiusKm?: number;
  #links?: EntityLinks;

  constructor(init: { data: EntityData; index: number }) {
    const { data } = init;
    this.index = init.index;
    this.id = data.id;
    this.name = data.name;
    this.type = data.type;
    this.aliases = data.aliases ?? [];
    const spellings = [data.name, ...this.aliases];
    this.forms = new Map(
      Object.entries(data.forms ?? {}).map(([of, forms]) => [
        spellings.find((s) => nameKey(s) === nameKey(of)) ?? of,
        forms,
      ]),
    );
    this.description = data.description;
    this.coordinates = data.coordinates;
    this.country = data.country;
    this.radiusKm = data.radiusKm;
    this.href = urls.entity(data.id);
  }

  setLinks(links: EntityLinks): void {
    this.#links = linkOnce(this.#links, links);
  }
  get neighbours(): readonly Entity[] {
    return linked(this.#links).neighbours;
  }
  get articles(): readonly Article[] {
    return linked(this.#links).articles;
  }
  get pages(): readonly EntityPage[] {
    return linked(this.#links).pages;
  }
  get stories(): readonly EntityStory[] {
    return linked(this.#links).stories;
  }
  get spellings(): readonly EntitySpelling[] {
    return linked(this.#links).spellings;
  }
  get events(): readonly NewsEvent[] {
    return linked(this.#links).events;
  }
}

/**
 * What the name matcher looks for in reports: each entity's name and aliases, and the forms of
 * each, a form reported as the spelling it is a form of.
 */
export function matchedNames<T>(
  entities: readonly Entity[],
  target: (e: Entity) => T,
): { name: string; target: T; spelling?: string }[] {
  return entities.flatMap((e) => {
    const t = target(e);
    return [
      ...[e.name, ...e.aliases].map((name) => ({ name, target: t })),
      ...[...e.forms].flatMap(([spelling, forms]) => forms.map((name) => ({ name, target: t, spelling }))),
    ];
  });
}

/** A story that names an entity, and in how many of its reports. */
export interface EntityStory {
  readonly story: Story;
  readonly count: number;
}

/** An entity as one article mentions it. */
export interface ArticleMention {
  readonly entity: Entity;
  /** The spellings this article uses, in order of appearance. */
  readonly spellings: readonly string[];
  readonly count: number;
}

/** A quote from an article, supporting an event or a cell of the fact grid. */
export class Citation {
  readonly article: Article;
  /** The words as the report gives them, in its language (checked against its text). */
  readonly quote: string;
  /** The editor's translation into the site's language, when the report is in another. */
  readonly translation?: string;
  /** The value as this report gives it (claims only). */
  readonly value?: string;
  /** The id of the block holding the quote on the article page. */
  readonly anchor: string;
  readonly href: string;

  constructor(init: { article: Article; quote: string; translation?: string; anchor: string; value?: string }) {
    this.article = init.article;
    this.quote = init.quote;
    this.translation = init.translation;
    this.anchor = init.anchor;
    this.value = init.value;
    this.href = urls.cited(init.article.href, init.anchor);
  }

  /** Whether the outlet has since removed the quoted words or the whole report (its record); undefined while they stand. */
  get fate(): QuoteFate | undefined {
    return this.article.record?.quoteFate(this.quote);
  }
}

/** What linking adds to an event. */
export interface NewsEventLinks {
  /** The story's other outlets, nobody has checked yet. */
  readonly unchecked: readonly Source[];
}

/** Something that happened, dated as precisely as the reports allow, backed by quotes. */
export class NewsEvent {
  readonly id: string;
  readonly date: EventDate;
  readonly title: string;
  readonly summary?: string;
  readonly story?: Story;
  readonly entities: readonly Entity[];
  readonly citations: readonly Citation[];
  /** "c. 12 September 2024", "September 2024". */
  readonly dateLabel: string;
  /** The value for <time datetime>: `2024`, `2024-08`, `2024-08-06` or the date-time. */
  readonly datetime: string;
  /** Outlets an editor checked whose reports of the story do not give it. */
  readonly notReportedBy: readonly Source[];
  /** The outlets whose reports support it, in `_data/sources.json` order. */
  readonly sources: readonly Source[];
  /** Their ids, space-separated, for the timeline filters. */
  readonly sourceIds: string;
  #links?: NewsEventLinks;

  constructor(init: {
    id: string;
    date: EventDate;
    title: string;
    summary?: string;
    story?: Story;
    entities: readonly Entity[];
    citations: readonly Citation[];
    notReportedBy: readonly Source[];
    /** The date as the site's language prints it (locale.ts). */
    dateLabel: string;
  }) {
    this.id = init.id;
    this.date = init.date;
    this.title = init.title;
    this.summary = init.summary;
    this.story = init.story;
    this.entities = init.entities;
    this.citations = init.citations;
    this.notReportedBy = init.notReportedBy;
    this.dateLabel = init.dateLabel;
    this.datetime = init.date.pub ? init.date.pub.iso : init.date.iso;
    this.sources = [...new Set(init.citations.map((c) => c.article.source))].sort((a, b) => a.index - b.index);
    this.sourceIds = this.sources.map((s) => s.id).join(" ");
  }

  setLinks(links: NewsEventLinks): void {
    this.#links = linkOnce(this.#links, links);
  }
  /** The story's other outlets, nobody has checked yet. */
  get unchecked(): readonly Source[] {
    return linked(this.#links).unchecked;
  }
}

/**
 * A cell of the fact grid: what one outlet's reports say of a fact. "not-reported" only when an
 * editor recorded that the outlet was checked; otherwise a cell without quotes is "unchecked".
 */
export interface ClaimCell {
  readonly source: Source;
  /** The outlet's citations, oldest report first. */
  readonly citations: readonly Citation[];
  /** The same, as the grid shows them: each with whether another report disagrees with it. */
  readonly entries: readonly ClaimEntry[];
  /** More than one report of the outlet gives the fact: each value names its report. */
  readonly several: boolean;
  readonly state: "reported" | "not-reported" | "unchecked";
}

/** One report's value (or quote) in a cell of the fact grid. */
interface ClaimEntry {
  readonly citation: Citation;
  /** Another report gives a different value that counts as a disagreement (src/content/claim-timing.ts). */
  readonly differs: boolean;
}

/** What linking adds to a claim: its cells, and whether and how its values disagree. */
export interface ClaimLinks {
  /** One per outlet of the story, in `story.sources` order. */
  readonly cells: readonly ClaimCell[];
  /** The distinct values the reports give: in column order, or in time order for a moving figure. */
  readonly values: readonly string[];
  /** The values that disagree (all of them, unless the figure moves: then those given about the same time). */
  readonly differingValues: readonly string[];
  /** True when reports disagree on the fact: different values, or for a moving figure different values at about the same time. */
  readonly differs: boolean;
  /** A moving figure that changed over time. */
  readonly changed: boolean;
  /** Every citation in time order: the moving figure's series. */
  readonly timeline: readonly Citation[];
  /** The moving figure's small chart, when two of its values or more carry a number. */
  readonly chart?: ClaimChart;
  /** How many outlets give the fact. */
  readonly outlets: number;
}

/** One row of a story's fact grid: a fact and the reports that give it. */
export class Claim {
  readonly id: string;
  readonly story: Story;
  readonly label: string;
  readonly citations: readonly Citation[];
  readonly notReportedBy: readonly Source[];
  /** `changes: true`: a figure expected to move (a death toll through the day). */
  readonly changes: boolean;
  #links?: ClaimLinks;

  constructor(init: {
    id: string;
    story: Story;
    label: string;
    citations: readonly Citation[];
    notReportedBy: readonly Source[];
    changes?: boolean;
  }) {
    this.id = init.id;
    this.story = init.story;
    this.label = init.label;
    this.citations = init.citations;
    this.notReportedBy = init.notReportedBy;
    this.changes = init.changes ?? false;
  }

  setLinks(links: ClaimLinks): void {
    this.#links = linkOnce(this.#links, links);
  }
  get cells(): readonly ClaimCell[] {
    return linked(this.#links).cells;
  }
  get values(): readonly string[] {
    return linked(this.#links).values;
  }
  get differingValues(): readonly string[] {
    return linked(this.#links).differingValues;
  }
  get differs(): boolean {
    return linked(this.#links).differs;
  }
  get changed(): boolean {
    return linked(this.#links).changed;
  }
  get timeline(): readonly Citation[] {
    return linked(this.#links).timeline;
  }
  get chart(): ClaimChart | undefined {
    return linked(this.#links).chart;
  }
  get outlets(): number {
    return linked(this.#links).outlets;
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

/** What linking adds to an article. */
export interface ArticleLinks {
  /** The stories' shared-text comparisons this report is part of. */
  readonly shared: readonly SharedComparison[];
  /** Older and newer article of the same source. */
  readonly prev?: Article;
  readonly next?: Article;
  /** Other outlets' reports of the same story, nearest in time first (at most OTHER_COVERAGE_LIMIT). */
  readonly otherCoverage: readonly Article[];
  /** How many reports of the same story other outlets published in all. */
  readonly otherCoverageTotal: number;
}

/** A translation of a report, kept beside its original and labelled with who made it. */
export interface ArticleTranslation {
  /** Path of its markdown file, relative to the project root. */
  readonly file: string;
  readonly language: string;
  readonly dir: "ltr" | "rtl";
  readonly title: string;
  /** The translated body as HTML. */
  readonly html: string;
  /** Who translated it: a person, a desk, or a machine translation service. */
  readonly translator: string;
  /** A machine's translation (labelled as such to readers). */
  readonly machine: boolean;
  /** When it was translated. */
  readonly date: PubDate;
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
  readonly authors: readonly string[];
  readonly credit?: string;
  /** The editor's summary, or the body's first paragraph cut to SUMMARY_LENGTH. */
  readonly summary: string;
  readonly tags: readonly string[];
  readonly image?: ArticleImage;
  readonly related: readonly RelatedLink[];
  readonly note?: string;
  readonly archive?: string;
  readonly accessed?: PubDate;
  /** Shown only by `npm start`: never in a build's output. */
  readonly draft: boolean;
  /** Corrections published after the report, oldest first. */
  readonly corrections: readonly { date: PubDate; text: string }[];
  /** The body as HTML (kept as bytes, decoded when read), with ids on the blocks citations point at. */
  readonly #html: StoredText;
  /** Plain text of each block of the body, kept likewise. */
  readonly storedParagraphs: StoredBlocks;
  readonly href: string;
  /** Entities named in the body (and photo caption), in order of first mention. */
  readonly mentions: readonly ArticleMention[];
  /** The report's language: its front matter's, else its source's, else the site's. */
  readonly language: string;
  /** Its writing direction, for `dir` wherever its words appear. */
  readonly dir: "ltr" | "rtl";
  /** Translations an editor keeps beside the original (`<slug>.<language>.md`). */
  readonly translations: readonly ArticleTranslation[];
  /** What we captured of the original and what the outlet changed since (record/<source-id>/<slug>.json). */
  readonly record?: ReportRecord;
  #links?: ArticleLinks;

  constructor(init: {
    record?: ReportRecord;
    language: string;
    translations?: readonly ArticleTranslation[];
    file: string;
    slug: string;
    data: ArticleData;
    source: Source;
    story?: Story;
    html: StoredText;
    paragraphs: StoredBlocks;
    summary: string;
    image?: ArticleImage;
    mentions: readonly ArticleMention[];
  }) {
    const { data } = init;
    this.file = init.file;
    this.slug = init.slug;
    this.language = init.language;
    this.dir = directionOf(init.language);
    this.translations = init.translations ?? [];
    this.source = init.source;
    this.story = init.story;
    this.key = `${init.source.id}/${init.slug}`;
    this.href = urls.article(init.source.id, init.slug);
    this.record = init.record;
    if (init.record) init.record.href = urls.articleVersions(init.source.id, init.slug);
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

  setLinks(links: ArticleLinks): void {
    this.#links = linkOnce(this.#links, links);
  }
  get shared(): readonly SharedComparison[] {
    return linked(this.#links).shared;
  }
  /** The older article of the same source. */
  get prev(): Article | undefined {
    return linked(this.#links).prev;
  }
  /** The newer article of the same source. */
  get next(): Article | undefined {
    return linked(this.#links).next;
  }
  get otherCoverage(): readonly Article[] {
    return linked(this.#links).otherCoverage;
  }
  get otherCoverageTotal(): number {
    return linked(this.#links).otherCoverageTotal;
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
  passages: {
    n: number;
    kind: "copied" | "quotation" | "stock";
    text: string;
    a: [number, number];
    b: [number, number];
  }[];
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
  /** `_data/site.json`. */
  readonly site: SiteData;
  /** The site's words, dates and numbers in its language (locale.ts). */
  readonly locale: Locale;
  readonly sources: readonly Source[];
  readonly stories: readonly Story[];
  /** Chronological. */
  readonly articles: readonly Article[];
  /** Newest first. */
  readonly newest: readonly Article[];
  readonly articleByKey: ReadonlyMap<string, Article>;
  /** By name. */
  readonly entities: readonly Entity[];
  /** The stories index, newest first, in pages. */
  readonly storyIndexPages: readonly StoryIndexPage[];
  /** The stories with the newest reports, newest first (at most HOME_STORIES; the home page). */
  readonly recentStories: readonly Story[];
  /** The names index: entities by type, in pages. */
  readonly entityIndexPages: readonly EntityIndexPage[];
  /** Chronological. */
  readonly events: readonly NewsEvent[];
  readonly claims: readonly Claim[];
  readonly timelinePages: readonly TimelinePage[];
  readonly sourcePages: readonly SourcePage[];
  /** Every story's shared-text comparisons: one page each. */
  readonly comparisons: readonly SharedComparison[];
  /** Every entity's pages of reports. */
  readonly entityPages: readonly EntityPage[];

  constructor(init: {
    site: SiteData;
    locale: Locale;
    sources: readonly Source[];
    stories: readonly Story[];
    articles: readonly Article[];
    newest: readonly Article[];
    articleByKey: ReadonlyMap<string, Article>;
    entities: readonly Entity[];
    storyIndexPages: readonly StoryIndexPage[];
    recentStories: readonly Story[];
    entityIndexPages: readonly EntityIndexPage[];
    events: readonly NewsEvent[];
    claims: readonly Claim[];
    timelinePages: readonly TimelinePage[];
    sourcePages: readonly SourcePage[];
    comparisons: readonly SharedComparison[];
    entityPages: readonly EntityPage[];
  }) {
    this.site = init.site;
    this.locale = init.locale;
    this.sources = init.sources;
    this.stories = init.stories;
    this.articles = init.articles;
    this.newest = init.newest;
    this.articleByKey = init.articleByKey;
    this.entities = init.entities;
    this.storyIndexPages = init.storyIndexPages;
    this.recentStories = init.recentStories;
    this.entityIndexPages = init.entityIndexPages;
    this.events = init.events;
    this.claims = init.claims;
    this.timelinePages = init.timelinePages;
    this.sourcePages = init.sourcePages;
    this.comparisons = init.comparisons;
    this.entityPages = init.entityPages;
  }
}
