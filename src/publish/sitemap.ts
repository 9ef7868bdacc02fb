/**
 * The sitemap's entries, computed once from the model: every page a search engine should
 * index, with `lastmod` taken from content (never the build time). https://www.sitemaps.org/protocol.html
 */
import type { Content } from "../content/model.ts";
import { isoValue, type PubDate, utcInstant } from "../content/dates.ts";
import { urls } from "../content/urls.ts";
import { latestDate } from "./feeds.ts";

const lastmod = (d: PubDate | undefined): string => (d ? isoValue(d) : "");

export interface SitemapEntry {
  /** Site path without the prefix. */
  href: string;
  /** W3C datetime (`2024-09-16` or `2024-09-16T14:50:00+03:00`), empty when unknown. */
  lastmod: string;
}

export function sitemapEntries(news: Content): SitemapEntry[] {
  const all = lastmod(latestDate(news.articles));
  const out: SitemapEntry[] = [
    { href: urls.home, lastmod: all },
    { href: urls.sources, lastmod: all },
  ];
  for (const p of news.timelinePages) {
    out.push({
      href: p.href,
      lastmod: lastmod(latestDate(p.items.flatMap((d) => d.groups.flatMap((g) => g.articles)))),
    });
  }
  for (const p of news.sourcePages) out.push({ href: p.href, lastmod: lastmod(latestDate(p.items)) });
  for (const a of news.articles) out.push({ href: a.href, lastmod: lastmod(a.updated ?? a.date) });
  for (const a of news.articles)
    if (a.record?.lastChange) out.push({ href: a.record.href, lastmod: isoValue(utcInstant(a.record.lastChange.at)) });
  if (news.stories.length) for (const p of news.storyIndexPages) out.push({ href: p.href, lastmod: all });
  for (const s of news.stories) out.push({ href: s.href, lastmod: lastmod(latestDate(s.articles)) });
  for (const c of news.comparisons) out.push({ href: c.href, lastmod: lastmod(latestDate([c.a, c.b])) });
  if (news.entities.length) for (const p of news.entityIndexPages) out.push({ href: p.href, lastmod: all });
  for (const p of news.entityPages)
    out.push({ href: p.href, lastmod: lastmod(latestDate(p.number === 1 ? p.entity.articles : p.items)) });
  return out;
}
