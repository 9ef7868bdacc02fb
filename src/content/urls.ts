/**
 * Every site path the build prints is formed here and nowhere else: the model's `href`s, the
 * templates (through the `urls` global data), feeds, sitemap and JSON-LD. Paths are root-relative
 * and without the path prefix; Eleventy's HTML base plugin and `absoluteUrl()` add it.
 */

/** Page `n` (1-based) of a listing whose first page is `first`: `/timeline/`, `/timeline/2/`. */
function paged(first: string, n: number): string {
  return n === 1 ? first : `${first}${n}/`;
}

export const urls = {
  home: "/",
  timeline: "/timeline/",
  sources: "/sources/",
  stories: "/stories/",
  entities: "/entities/",
  search: "/search/",
  notFound: "/404.html",
  atomFeed: "/feed.xml",
  jsonFeed: "/feed.json",
  sitemap: "/sitemap.xml",
  robots: "/robots.txt",
  favicon: "/favicon.ico",
  faviconSvg: "/assets/favicon.svg",
  appIcon: "/assets/icon-512.png",
  timelinePage: (n: number): string => paged("/timeline/", n),
  source: (id: string): string => `/sources/${id}/`,
  sourcePage: (id: string, n: number): string => paged(`/sources/${id}/`, n),
  sourceFeed: (id: string): string => `/sources/${id}/feed.xml`,
  /** (an article's slug has no dot, so never a feed's name) */
  sourceJsonFeed: (id: string): string => `/sources/${id}/feed.json`,
  article: (sourceId: string, slug: string): string => `/sources/${sourceId}/${slug}/`,
  /** What the outlet changed in a report since we captured it, version by version. */
  articleVersions: (sourceId: string, slug: string): string => `/sources/${sourceId}/${slug}/versions/`,
  story: (id: string): string => `/stories/${id}/`,
  /** The fact grid on a story's page ("Who reports what", id `facts`). */
  storyFacts: (id: string): string => `/stories/${id}/#facts`,
  /** A story's own feeds, beside its page (never a page number: a story id is never only digits). */
  storyAtomFeed: (id: string): string => `/stories/${id}/feed.xml`,
  storyJsonFeed: (id: string): string => `/stories/${id}/feed.json`,
  /** Page `n` of the stories index (a story id is never only digits). */
  storiesPage: (n: number): string => paged("/stories/", n),
  /** A story's shared-text data, and the page comparing two of its reports (keys are `source/slug`). */
  sharedData: (storyId: string): string => `/stories/${storyId}/shared.json`,
  /** The names with several spellings, for the search page (fetched when a search runs). */
  searchNames: "/search/names.json",
  comparison: (storyId: string, a: string, b: string): string => `/stories/${storyId}/compare/${a}/${b}/`,
  entity: (id: string): string => `/entities/${id}/`,
  /** Page `n` of the reports that name an entity: `/entities/<id>/2/` (its id is never only digits, so never an index page). */
  entityPage: (id: string, n: number): string => paged(`/entities/${id}/`, n),
  /** Page `n` of the names index (an entity id is never only digits). */
  entitiesPage: (n: number): string => paged("/entities/", n),
  /** A block of an article page (`#p3`), where a citation points. */
  cited: (articleHref: string, anchor: string): string => `${articleHref}#${anchor}`,
  /** Hashed front-end asset: `/assets/site.1a2b3c4d5e.css`. */
  asset: (name: string, hash: string, ext: string): string => `/assets/${name}.${hash}.${ext}`,
  /** Processed images (eleventy-img's `urlPath`). */
  images: "/img/",
} as const;
