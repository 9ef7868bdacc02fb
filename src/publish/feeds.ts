/**
 * Feeds: which articles each feed carries, the date it was last updated (from content, never
 * the clock, so two builds of the same content are identical) and the JSON Feed 1.1 object.
 * The Atom feeds are Nunjucks templates (_includes/partials/atom-feed.njk); both read the
 * same helpers here. https://www.jsonfeed.org/version/1.1/
 */
import { compareDates, rfc3339, type PubDate, utcInstant } from "../content/dates.ts";
import type { Locale } from "../content/locale.ts";
import type { Article } from "../content/model.ts";
import type { RecordChange } from "../content/record.ts";
import { changeSentences } from "../content/record-words.ts";
import { urls } from "../content/urls.ts";
import { absoluteUrl, type SiteMeta } from "./site.ts";

/**
 * Newest articles a feed carries. Feed readers poll feeds often; an archive of thousands of
 * articles stays small this way, and every article remains on the site and in the sitemap.
 */
export const FEED_LIMIT = 50;

/** Newest first, at most FEED_LIMIT. */
export function feedArticles(articles: Article[]): Article[] {
  return articles.slice(0, FEED_LIMIT);
}

/** The same from a chronological list (a story's reports): its newest FEED_LIMIT, newest first. */
export function latestFeedArticles(chronological: Article[]): Article[] {
  return chronological.slice(-FEED_LIMIT).reverse();
}

/** The latest date (updated, else published) among the articles, or undefined for none. */
export function latestDate(articles: Iterable<Article>): PubDate | undefined {
  let max: PubDate | undefined;
  for (const a of articles) {
    const d = a.updated ?? a.date;
    if (!max || compareDates(d, max) > 0) max = d;
  }
  return max;
}

/**
 * A feed entry for a change an outlet made to a report after we captured it (the report's
 * record): dated when `npm run recheck` found it, linked to the versions page at the change.
 */
export interface ChangeItem {
  readonly article: Article;
  readonly change: RecordChange;
  /** When the change was found, in UTC. */
  readonly date: PubDate;
  /** The versions page at this change (`…/versions/#change-2`): the entry's link and, absolute, its id. */
  readonly href: string;
}

/** What a feed carries: reports, and changes made to reports. */
export type FeedItem = Article | ChangeItem;

const isChange = (item: FeedItem): item is ChangeItem => "change" in item;

/** Every change the outlets made to these reports, newest first. */
function changeItems(articles: Iterable<Article>): ChangeItem[] {
  const out: ChangeItem[] = [];
  for (const article of articles)
    for (const change of article.record?.changes ?? [])
      out.push({ article, change, date: utcInstant(change.at), href: `${article.record!.href}#${change.anchor}` });
  return out.sort((a, b) => b.date.epochMs - a.date.epochMs || a.article.key.localeCompare(b.article.key));
}

/**
 * A feed's entries: its reports (newest first, as given) and the changes made to `pool`'s
 * reports, merged newest first, at most FEED_LIMIT.
 */
export function withChanges(reports: readonly Article[], pool: Iterable<Article>): FeedItem[] {
  const changes = changeItems(pool);
  const out: FeedItem[] = [];
  let i = 0;
  let j = 0;
  while (out.length < FEED_LIMIT && (i < reports.length || j < changes.length)) {
    const report = reports[i];
    const change = changes[j];
    if (change && (!report || compareDates(change.date, report.date) > 0)) {
      out.push(change);
      j++;
    } else {
      out.push(report!);
      i++;
    }
  }
  return out;
}

/** A feed's `updated`: its newest change, or the Unix epoch for an empty feed (still reproducible). */
export function feedUpdated(items: readonly FeedItem[]): string {
  const d = latestDate(items.filter((item): item is Article => !isChange(item)));
  let max = d;
  for (const item of items) if (isChange(item) && (!max || compareDates(item.date, max) > 0)) max = item.date;
  return max ? rfc3339(max) : "1970-01-01T00:00:00+00:00";
}

/** A change's entry title: "Changed by Alpha News: <headline>". */
export function changeTitle(item: ChangeItem, locale: Locale): string {
  const key = { changed: "changedTitle", removed: "removedTitle", restored: "restoredTitle" }[item.change.kind];
  return locale.text(`feeds.${key}`, { source: item.article.source.name, title: item.article.title });
}

/** A change's entry content: what the outlet changed, a paragraph a sentence (HTML). */
export function changeHtml(item: ChangeItem, locale: Locale): string {
  return changeSentences(item.change, locale, "html")
    .map((s) => `<p>${s}</p>`)
    .join("\n");
}

/** The same as plain text, for an entry's summary. */
export function changeText(item: ChangeItem, locale: Locale): string {
  return changeSentences(item.change, locale, "text").join(" ");
}

interface JsonFeedItem {
  id: string;
  url: string;
  external_url?: string;
  title: string;
  content_html: string;
  summary: string;
  date_published: string;
  date_modified?: string;
  authors: { name: string; url?: string }[];
  tags?: readonly string[];
  language?: string;
}

interface JsonFeed {
  version: "https://jsonfeed.org/version/1.1";
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  favicon: string;
  icon?: string;
  items: JsonFeedItem[];
}

/** Authors of an item: the bylines, or the outlet when the report has none. */
export function feedAuthors(article: Article): { name: string; url?: string }[] {
  return article.authors.length
    ? article.authors.map((name) => ({ name }))
    : [{ name: article.source.name, url: article.source.url }];
}

/** What a JSON Feed carries: the site's, a story's or a source's newest reports. */
export interface FeedSpec {
  title: string;
  description: string;
  /** Site paths of the page the feed follows and of the feed itself. */
  homeHref: string;
  feedHref: string;
  /** Newest first, at most FEED_LIMIT (feedArticles, withChanges). */
  items: readonly FeedItem[];
}

/**
 * A JSON Feed. `contentHtml` returns an article's body with absolute URLs (the same function
 * the Atom feeds use).
 */
export async function buildJsonFeed(
  feed: FeedSpec,
  site: SiteMeta,
  contentHtml: (article: Article) => Promise<string>,
  locale: Locale,
): Promise<JsonFeed> {
  const items: JsonFeedItem[] = [];
  for (const a of feed.items) {
    if (isChange(a)) {
      const url = absoluteUrl(site, a.href);
      const when = rfc3339(a.date);
      items.push({
        id: url,
        url,
        external_url: a.article.record!.url,
        title: changeTitle(a, locale),
        content_html: changeHtml(a, locale),
        summary: changeText(a, locale),
        date_published: when,
        date_modified: when,
        authors: [{ name: a.article.source.name, url: a.article.source.url }],
        language: site.language,
      });
      continue;
    }
    const url = absoluteUrl(site, a.href);
    const item: JsonFeedItem = {
      id: url,
      url,
      title: a.title,
      content_html: await contentHtml(a),
      summary: a.summary,
      date_published: rfc3339(a.date),
      authors: feedAuthors(a),
    };
    if (a.url) item.external_url = a.url;
    if (a.updated) item.date_modified = rfc3339(a.updated);
    if (a.tags.length) item.tags = a.tags;
    item.language = a.language;
    items.push(item);
  }
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    home_page_url: absoluteUrl(site, feed.homeHref),
    feed_url: absoluteUrl(site, feed.feedHref),
    description: feed.description,
    language: site.language,
    favicon: absoluteUrl(site, urls.favicon),
    icon: absoluteUrl(site, urls.appIcon),
    items,
  };
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The article's corrections as HTML for a feed item's content (after the body), or nothing. */
export function correctionsHtml(article: Pick<Article, "corrections">, locale: Locale): string {
  if (!article.corrections.length) return "";
  const items = article.corrections
    .map(
      (c) =>
        `<li>${escapeHtml(locale.text("article.correctionItem", { date: locale.dates.pubDate(c.date), text: c.text }))}</li>`,
    )
    .join("");
  return `\n<h2>${escapeHtml(locale.text("article.corrections", { count: article.corrections.length }))}</h2>\n<ul>${items}</ul>\n`;
}
