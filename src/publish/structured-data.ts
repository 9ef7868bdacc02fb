/**
 * Structured data (schema.org JSON-LD) as plain objects: the templates print them with the
 * `scriptJson` filter, a JSON serializer that also escapes `<`, so no title or summary can
 * break out of the script block. https://schema.org/NewsArticle
 */
import { isoValue } from "../content/dates.ts";
import type { Locale } from "../content/locale.ts";
import type { Article, Source, SourcePage, TimelinePage } from "../content/model.ts";
import { absoluteUrl, type SiteMeta } from "./site.ts";

type Json = { [key: string]: unknown };

function organization(source: Source): Json {
  return { "@type": "Organization", name: source.name, url: source.url };
}

/** NewsArticle for an article page: the outlet is the publisher, the original report what it is based on; `imageUrl`: the processed picture. */
export function newsArticle(article: Article, imageUrl: string | undefined, site: SiteMeta): Json {
  const url = absoluteUrl(site, article.href);
  const data: Json = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    description: article.summary,
    url,
    mainEntityOfPage: url,
    datePublished: isoValue(article.date),
    dateModified: isoValue(article.updated ?? article.date),
    author: article.authors.length
      ? article.authors.map((name) => ({ "@type": "Person", name }))
      : [organization(article.source)],
    publisher: organization(article.source),
  };
  if (article.url) data.isBasedOn = article.url;
  data.inLanguage = article.language;
  if (article.tags.length) data.keywords = article.tags;
  const img = article.image;
  if (img && imageUrl) {
    const image: Json = { "@type": "ImageObject", url: absoluteUrl(site, imageUrl) };
    if (img.caption) image.caption = img.caption;
    if (img.credit) image.creditText = img.credit;
    data.image = image;
  }
  if (article.credit) data.creditText = article.credit;
  if (article.corrections.length) {
    data.correction = article.corrections.map((c) => ({
      "@type": "CorrectionComment",
      text: c.text,
      datePublished: isoValue(c.date),
    }));
  }
  data.isPartOf = { "@type": "WebSite", name: site.title, url: site.url };
  return data;
}

function itemList(articles: Article[], site: SiteMeta, offset = 0): Json {
  return {
    "@type": "ItemList",
    numberOfItems: articles.length,
    itemListElement: articles.map((a, i) => ({
      "@type": "ListItem",
      position: offset + i + 1,
      url: absoluteUrl(site, a.href),
      name: a.title,
    })),
  };
}

function collectionPage(name: string, href: string, site: SiteMeta, articles: Article[], extra: Json = {}): Json {
  return {
    "@context": "https://schema.org",
    "@type": "CollectionPage",
    name,
    inLanguage: site.language,
    url: absoluteUrl(site, href),
    isPartOf: { "@type": "WebSite", name: site.title, url: site.url },
    ...extra,
    mainEntity: itemList(articles, site),
  };
}

/** CollectionPage + ItemList for one timeline page (its articles in the order shown). */
export function timelineCollection(page: TimelinePage, site: SiteMeta, locale: Locale): Json {
  const articles = page.items.flatMap((day) => day.groups.flatMap((g) => g.articles));
  const name =
    page.total > 1 ? locale.text("timeline.titlePaged", { label: page.label }) : locale.text("timeline.title");
  return collectionPage(name, page.href, site, articles);
}

/** CollectionPage + ItemList for one page of a source's reports; the page is about the outlet. */
export function sourceCollection(page: SourcePage, site: SiteMeta, locale: Locale): Json {
  const name =
    page.total > 1
      ? locale.text("source.titlePaged", { name: page.source.name, number: page.number })
      : page.source.name;
  return collectionPage(name, page.href, site, page.items, { about: organization(page.source) });
}
