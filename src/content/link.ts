/**
 * Linking: the last stage of the pipeline. Sorts the articles, and links sources, stories,
 * entities, events and claims to one another with maps and single passes (no per-page scans).
 * Each record's links are worked out in a writable `Building` of its `XLinks` (model.ts) and
 * handed to the record once, complete (`setLinks`): the model is read-only from then on.
 */
import { claimChart } from "./claim-chart.ts";
import { judgeValues } from "./claim-timing.ts";
import { compareDates, orderEvents } from "./dates.ts";
import {
  type Article,
  type ArticleLinks,
  type Claim,
  type ClaimCell,
  Content,
  type Entity,
  type EntityLinks,
  type EntityStory,
  type NewsEvent,
  type SharedComparison,
  type Source,
  type SourceLinks,
  type Story,
  type StoryEntityRow,
  type StoryLinks,
  type StoryVerdict,
} from "./model.ts";
import { paginateEntities, paginateEntity, paginateSource, paginateStories, paginateTimeline } from "./pages.ts";
import { byShare, reportNames, stockOnly } from "./shared-pairs.ts";
import { storiesSharedText, type SharedTextReport, type TokenCache } from "./shared-text.ts";
import { urls } from "./urls.ts";
import type { Locale } from "./locale.ts";
import type { SiteData } from "./schema.ts";
import { onMap } from "../map/places.ts";

/** English collation, one collator for the build: `localeCompare(x, "en")` looks the locale up on every call. */
const byEnglish = new Intl.Collator("en").compare;

/** How many names a story page's grid shows (one row each, a cell per outlet) before listing the rest by name. */
const ENTITY_GRID_ROWS = 60;
/** How many other outlets' reports an article page lists before linking to the whole story. */
const OTHER_COVERAGE_LIMIT = 12;

function compareArticles(a: Article, b: Article): number {
  return compareDates(a.date, b.date) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export interface Unlinked {
  /** Kept across builds in watch mode: reports whose text is unchanged are not split into words again. */
  tokenCache?: TokenCache;
  /** Compare the stories' reports for shared text (default); off when only checking, which has no bodies to compare. */
  sharedText?: boolean;
  site: SiteData;
  /** The site's words and formats, in its language. */
  locale: Locale;
  sources: readonly Source[];
  stories: readonly Story[];
  articles: readonly Article[];
  entities: readonly Entity[];
  events: readonly NewsEvent[];
  claims: readonly Claim[];
}

/** A record's links while they are worked out: the same fields, writable; handed to the record (`setLinks`) once complete. */
type Building<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

/** A story's links while they are worked out, the verdict's lists too. */
type StoryBuilding = Omit<Building<StoryLinks>, "verdict"> & { verdict: Building<StoryVerdict> };

/** One `Building` per record, each made by `make`, looked up by record. */
function building<R, T>(records: readonly R[], make: () => T): (record: R) => T {
  const map = new Map(records.map((r) => [r, make()]));
  return (record) => map.get(record)!;
}

export function linkContent(input: Unlinked): Content {
  const { sources, stories, entities, claims } = input;
  const articles = [...input.articles].sort(compareArticles);
  const newest = [...articles].reverse();

  const ofSource = building(sources, (): Building<SourceLinks> => ({ articles: [], pages: [] }));
  const ofStory = building(
    stories,
    (): StoryBuilding => ({
      articles: [],
      sources: [],
      events: [],
      claims: [],
      entityRows: [],
      entityGrid: [],
      entityRest: [],
      uncheckedCells: 0,
      verdict: { agree: [], differ: [], single: [], changed: [] },
      places: [],
      shared: [],
    }),
  );
  const ofEntity = building(
    entities,
    (): Building<EntityLinks> => ({ neighbours: [], articles: [], pages: [], stories: [], spellings: [], events: [] }),
  );
  const ofArticle = building(
    articles,
    (): Building<ArticleLinks> => ({ shared: [], otherCoverage: [], otherCoverageTotal: 0 }),
  );

  for (const a of articles) if (a.story) ofStory(a.story).articles.push(a);
  for (const a of newest) ofSource(a.source).articles.push(a);
  for (const s of sources) linkNeighbours(ofSource(s).articles, ofArticle);
  for (const story of stories) linkStory(ofStory(story), ofArticle);

  linkEntities(articles, sources, ofEntity);
  for (const story of stories) {
    const links = ofStory(story);
    links.entityRows = storyEntityRows(links);
    [links.entityGrid, links.entityRest] = entityGrid(links.entityRows);
  }
  const byName = [...entities].sort((a, b) => byEnglish(a.name, b.name));
  const entityGroups = (["person", "organization", "place"] as const).map((type) => ({
    type,
    label: input.locale.text(`entities.groups.${type}`),
    entities: byName.filter((e) => e.type === type),
  }));

  const events = orderEvents(input.events);
  for (const e of events) {
    const story = e.story && ofStory(e.story);
    story?.events.push(e);
    for (const en of e.entities) ofEntity(en).events.push(e);
    e.setLinks({
      unchecked: story ? story.sources.filter((s) => !e.sources.includes(s) && !e.notReportedBy.includes(s)) : [],
    });
  }
  for (const c of claims) linkClaim(c, ofStory(c.story));
  linkPlaces(stories, ofStory, ofEntity);

  for (const s of sources) {
    const links = ofSource(s);
    links.pages = paginateSource(s, links.articles);
    s.setLinks(links);
  }
  for (const e of byName) {
    const links = ofEntity(e);
    links.pages = paginateEntity(e, links.articles);
    e.setLinks(links);
  }
  // the comparison reads the entities' spellings: linked just above
  if (input.sharedText ?? true) linkSharedText(stories, entities, input.tokenCache, ofStory, ofArticle, input.locale);
  for (const story of stories) story.setLinks(ofStory(story));
  for (const a of articles) a.setLinks(ofArticle(a));

  const byNewest = newestStoriesFirst(stories);
  return new Content({
    site: input.site,
    locale: input.locale,
    sources,
    stories,
    articles,
    newest,
    articleByKey: new Map(articles.map((a) => [a.key, a])),
    entities: byName,
    storyIndexPages: paginateStories(byNewest),
    recentStories: byNewest.slice(0, HOME_STORIES),
    entityIndexPages: paginateEntities(entityGroups),
    events,
    claims,
    timelinePages: paginateTimeline(articles, events, input.locale.dates),
    sourcePages: sources.flatMap((s) => s.pages),
    comparisons: stories.flatMap((s) => s.shared),
    entityPages: byName.flatMap((e) => e.pages),
  });
}

/** A model with nothing in it: what `npm start` shows before the content's first valid build. */
export function emptyContent(
  locale: Locale,
  site: SiteData = { title: "Site", description: "No content yet.", language: locale.tag, url: "http://localhost/" },
): Content {
  return linkContent({ site, locale, sources: [], stories: [], articles: [], entities: [], events: [], claims: [] });
}

/** Stories on the home page: an archive's list of every story belongs on /stories/. */
const HOME_STORIES = 12;

/** The stories whose newest report is newest first; stories without reports last (stable): the stories index and the home page. */
function newestStoriesFirst(stories: readonly Story[]): Story[] {
  const newest = (s: Story) => s.articles.at(-1)?.date.epochMs ?? -Infinity;
  return [...stories].sort((a, b) => newest(b) - newest(a));
}

/** A source's articles, newest first: the next article is the one before it in that list. */
function linkNeighbours(list: readonly Article[], ofArticle: (a: Article) => Building<ArticleLinks>): void {
  for (let i = 0; i < list.length; i++) {
    const links = ofArticle(list[i]!);
    links.next = list[i - 1];
    links.prev = list[i + 1];
  }
}

function linkStory(story: StoryBuilding, ofArticle: (a: Article) => Building<ArticleLinks>): void {
  const list = story.articles;
  const seen = new Set<Source>();
  for (const a of list)
    if (!seen.has(a.source)) {
      seen.add(a.source);
      story.sources.push(a.source);
    }
  const perSource = new Map<Source, number>();
  for (const a of list) perSource.set(a.source, (perSource.get(a.source) ?? 0) + 1);
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    const links = ofArticle(a);
    links.otherCoverageTotal = list.length - (perSource.get(a.source) ?? 0);
    // walk outward from the article: nearest reports first, O(limit) per article in practice
    const picked: Article[] = [];
    let lo = i - 1;
    let hi = i + 1;
    while (picked.length < OTHER_COVERAGE_LIMIT && (lo >= 0 || hi < list.length)) {
      const before = lo >= 0 ? list[lo] : undefined;
      const after = hi < list.length ? list[hi] : undefined;
      const takeBefore =
        before && (!after || a.date.epochMs - before.date.epochMs <= after.date.epochMs - a.date.epochMs);
      const next = takeBefore ? before : after;
      if (takeBefore) lo--;
      else hi++;
      if (next && next.source !== a.source) picked.push(next);
    }
    links.otherCoverage = picked.sort(compareArticles);
  }
}

/** Who mentions each entity, and how: computed once from every article's mentions. */
function linkEntities(
  articles: readonly Article[],
  sources: readonly Source[],
  ofEntity: (e: Entity) => Building<EntityLinks>,
): void {
  const spellings = new Map<Entity, Map<string, { sources: Set<Source>; articles: number }>>();
  for (const a of articles) {
    for (const m of a.mentions) {
      ofEntity(m.entity).articles.push(a);
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
  for (const [entity, byText] of spellings) {
    const links = ofEntity(entity);
    links.stories = storiesNaming(links.articles);
    links.spellings = [...byText]
      .map(([text, sp]) => ({
        text,
        sources: [...sp.sources].sort((x, y) => order.get(x)! - order.get(y)!),
        articles: sp.articles,
      }))
      .sort((x, y) => y.articles - x.articles || byEnglish(x.text, y.text));
  }
}

/** The stories of these reports (chronological), newest story first, each with how many of them it holds. */
function storiesNaming(articles: readonly Article[]): EntityStory[] {
  const counts = new Map<Story, number>();
  for (let i = articles.length - 1; i >= 0; i--) {
    const story = articles[i]!.story;
    if (story) counts.set(story, (counts.get(story) ?? 0) + 1);
  }
  return [...counts].map(([story, count]) => ({ story, count }));
}

const NO_SPELLINGS: readonly string[] = Object.freeze([]);

function storyEntityRows(story: StoryBuilding): StoryEntityRow[] {
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
  // an outlet that does not name the entity has one shared empty cell: most cells of a large story are empty
  const empty = new Map(story.sources.map((source) => [source, { source, spellings: NO_SPELLINGS }]));
  return [...rows].map(([entity, bySource]) => ({
    entity,
    cells: story.sources.map((source) => {
      const spellings = bySource.get(source);
      return spellings ? { source, spellings: [...spellings] } : empty.get(source)!;
    }),
  }));
}

/** The grid's rows and the rest: names spelled two ways first, then those named by more outlets; first appearance within each. */
function entityGrid(rows: StoryEntityRow[]): [StoryEntityRow[], StoryEntityRow[]] {
  if (rows.length <= ENTITY_GRID_ROWS) return [rows, []];
  // each row's keys worked out once, not in every comparison of the sort
  const ranked = rows
    .map((row, i) => ({
      row,
      i,
      variants: Number(new Set(row.cells.flatMap((c) => c.spellings)).size > 1),
      naming: row.cells.filter((c) => c.spellings.length).length,
    }))
    .sort((x, y) => y.variants - x.variants || y.naming - x.naming || x.i - y.i);
  const shown = new Set(ranked.slice(0, ENTITY_GRID_ROWS).map((x) => x.row));
  return [
    rows.filter((r) => shown.has(r)),
    rows.filter((r) => !shown.has(r)).sort((a, b) => byEnglish(a.entity.name, b.entity.name)),
  ];
}

/** What the shared-text comparison needs of an article: the original's text only, never its translations. */
export function sharedTextReport(a: Article): SharedTextReport {
  return {
    key: a.key,
    sourceId: a.source.id,
    storyId: a.story?.id,
    paragraphs: a.storedParagraphs,
    epochMs: a.date.epochMs,
    hasTime: a.date.hasTime,
    day: a.date.day,
  };
}

/** Every way the record writes a name: a shared passage of names, titles and function words only is a stock phrase. */
export function sharedTextNames(entities: readonly Entity[]): string[] {
  return entities.flatMap((e) => [
    e.name,
    ...e.aliases,
    ...[...e.forms.values()].flat(),
    ...e.spellings.map((sp) => sp.text),
  ]);
}

/** Shared text between the reports of each story, linked into the model; pairs by share, largest first. */
function linkSharedText(
  stories: readonly Story[],
  entities: readonly Entity[],
  cache: TokenCache | undefined,
  ofStory: (s: Story) => StoryBuilding,
  ofArticle: (a: Article) => Building<ArticleLinks>,
  locale: Locale,
): void {
  const pairs = storiesSharedText(
    stories.map((s) => ofStory(s).articles.map(sharedTextReport)),
    cache,
    { names: sharedTextNames(entities) },
  );
  stories.forEach((story, i) => {
    const links = ofStory(story);
    if (links.articles.length < 2) return;
    const byKey = new Map(links.articles.map((a) => [a.key, a]));
    for (const pair of pairs[i]!) {
      const a = byKey.get(pair.a)!;
      const b = byKey.get(pair.b)!;
      const comparison: SharedComparison = {
        story,
        a,
        b,
        order: pair.order,
        share: pair.share,
        quoted: pair.quoted,
        passages: pair.passages,
        href: urls.comparison(story.id, a.key, b.key),
        names: { a: a.source.name, b: b.source.name },
        stockOnly: false,
        stockPassages: pair.passages.filter((p) => p.kind === "stock").length,
      };
      comparison.stockOnly = stockOnly(comparison);
      links.shared.push(comparison);
      ofArticle(a).shared.push(comparison);
      ofArticle(b).shared.push(comparison);
    }
    links.shared.sort(byShare);
    const names = reportNames(links.shared, locale);
    for (const c of links.shared) c.names = { a: names.get(c.a)!, b: names.get(c.b)! };
  });
}

/** A story's places on the map (named by its reports or events; a country by its outline, src/map/places.ts), and each place's neighbours. */
function linkPlaces(
  stories: readonly Story[],
  ofStory: (s: Story) => StoryBuilding,
  ofEntity: (e: Entity) => Building<EntityLinks>,
): void {
  for (const story of stories) {
    const links = ofStory(story);
    const places = new Set(
      [...links.entityRows.map((r) => r.entity), ...links.events.flatMap((e) => e.entities)].filter(onMap),
    );
    links.places = [...places].sort((a, b) => byEnglish(a.name, b.name));
    for (const p of links.places) {
      const place = ofEntity(p);
      place.neighbours = [...new Set([...place.neighbours, ...links.places])].filter((q) => q !== p);
    }
  }
  // a place's map shows it with its nearest MAP_NEIGHBOURS (a story naming hundreds of places would
  // otherwise draw hundreds of maps of hundreds of places); every place keeps its own page
  const done = new Set<Entity>();
  for (const story of stories)
    for (const p of ofStory(story).places) {
      if (done.has(p)) continue;
      done.add(p);
      const place = ofEntity(p);
      place.neighbours = nearest(p, place.neighbours, MAP_NEIGHBOURS).sort((a, b) => byEnglish(a.name, b.name));
    }
}

/** Places shown with a place on its map, at most: the nearest ones. */
export const MAP_NEIGHBOURS = 24;

/** The `n` places nearest to `p` (great-circle distance; places without a position, by name, after them). */
function nearest(p: Entity, places: Entity[], n: number): Entity[] {
  if (places.length <= n) return places;
  const distance = (q: Entity) => {
    if (!p.coordinates || !q.coordinates) return Number.POSITIVE_INFINITY;
    const rad = Math.PI / 180;
    const [la1, lo1] = [p.coordinates[0] * rad, p.coordinates[1] * rad];
    const [la2, lo2] = [q.coordinates[0] * rad, q.coordinates[1] * rad];
    const h = Math.sin((la2 - la1) / 2) ** 2 + Math.cos(la1) * Math.cos(la2) * Math.sin((lo2 - lo1) / 2) ** 2;
    return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
  };
  return places
    .map((q) => ({ q, d: distance(q) }))
    .sort((a, b) => a.d - b.d || byEnglish(a.q.name, b.q.name))
    .slice(0, n)
    .map(({ q }) => q);
}

/** A claim's cells, one per outlet of its story; its values, and whether and how they disagree. */
function linkClaim(claim: Claim, story: StoryBuilding): void {
  story.claims.push(claim);
  const byTime = [...claim.citations].sort((a, b) => compareArticles(a.article, b.article));
  const column = new Map(story.sources.map((s, i) => [s, i]));
  // column order (then time) for a fact that does not move; judgeValues puts a moving one in time order
  const byColumn = [...byTime].sort((a, b) => column.get(a.article.source)! - column.get(b.article.source)!);
  const verdict = judgeValues(
    byColumn.map((citation) => ({ citation, value: citation.value, date: citation.article.date })),
    claim.changes,
  );
  const conflicting = new Set([...verdict.conflicting].map((v) => v.citation));
  const cells: ClaimCell[] = story.sources.map((source) => {
    const citations = byTime.filter((x) => x.article.source === source);
    const entries = citations.map((citation) => ({ citation, differs: conflicting.has(citation) }));
    const several = new Set(citations.map((c) => c.article)).size > 1;
    const state = citations.length ? "reported" : claim.notReportedBy.includes(source) ? "not-reported" : "unchecked";
    return { source, citations, entries, several, state };
  });
  story.uncheckedCells += cells.filter((c) => c.state === "unchecked").length;
  const differs = verdict.conflicting.size > 0;
  const outlets = cells.filter((c) => c.state === "reported").length;
  claim.setLinks({
    cells,
    values: verdict.values,
    differingValues: verdict.values.filter((v) => [...conflicting].some((c) => c.value === v)),
    differs,
    changed: verdict.changed,
    timeline: byTime,
    chart: claim.changes ? claimChart(byTime.map((c) => ({ value: c.value, date: c.article.date }))) : undefined,
    outlets,
  });
  if (differs) story.verdict.differ.push(claim);
  if (verdict.changed) story.verdict.changed.push(claim);
  if (!differs && !verdict.changed) (outlets > 1 ? story.verdict.agree : story.verdict.single).push(claim);
}
