/**
 * Publishing, as Eleventy filters: the site's absolute address (`site` global data, SITE_URL
 * overriding the url of `_data/site.json`), feeds, sitemap and JSON-LD. The work is in src/publish/.
 * https://www.11ty.dev/docs/plugins/html-base/
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Article, Content, SourcePage, TimelinePage } from "../content/model.ts";
import {
  buildJsonFeed,
  type ChangeItem,
  changeHtml,
  changeText,
  changeTitle,
  correctionsHtml,
  type FeedItem,
  feedArticles,
  feedAuthors,
  feedUpdated,
  latestFeedArticles,
  type FeedSpec,
  withChanges,
} from "../publish/feeds.ts";
import { absoluteUrl, siteMeta, type AddressSettings, type SiteMeta } from "../publish/site.ts";
import { sitemapEntries } from "../publish/sitemap.ts";
import { untracked } from "../content/page-reads.ts";
import { newsArticle, sourceCollection, timelineCollection } from "../publish/structured-data.ts";

type HtmlBaseTransform = (this: unknown, html: string, base: string, pageUrl: string) => Promise<string>;

export default function publishPlugin(
  eleventyConfig: UserConfig,
  options: { content: () => Content; address: AddressSettings },
): void {
  // Set by Eleventy from its caller's options before plugins run (not in UserConfig's types).
  const pathPrefix = () => (eleventyConfig as unknown as { pathPrefix?: string }).pathPrefix ?? "/";
  // Lazily: the path prefix is only known once the config is processed. The content pipeline
  // has checked the address; this never throws (npm start keeps the last good site.json).
  const readSite = (): SiteMeta => siteMeta(options.content().site, options.address, pathPrefix());
  let site: SiteMeta | undefined;
  const getSite = (): SiteMeta => (site ??= readSite());

  // `site`: _data/site.json with site.url the absolute home page address with the path prefix,
  // e.g. https://owner.github.io/repo/. Anew on every build, so `npm start` sees edits.
  eleventyConfig.addGlobalData("site", () => ({ ...(site = readSite()) }));

  // A site path → its absolute address (canonical links, og:url, feeds, sitemap).
  eleventyConfig.addFilter("absUrl", (href: string) => absoluteUrl(getSite(), href));

  // An article body with absolute URLs, for feeds: the HTML base plugin's transform with the
  // site's origin (it adds the path prefix and resolves relative links against the article page).
  // Computed once per article and shared by the site feeds and the source's feed.
  const bodies = new WeakMap<Article, Promise<string>>();
  const feedHtml = (item: Article): Promise<string> => {
    // read through the page's recording proxy (npm start, render-plan.ts): a story's feed shows the body
    void [item.html, item.href, correctionsHtml(item, options.content().locale)];
    const article = untracked(item);
    let html = bodies.get(article);
    if (!html) {
      const transform = eleventyConfig.getFilter("transformWithHtmlBase") as HtmlBaseTransform;
      html = transform.call(
        {},
        article.html + correctionsHtml(article, options.content().locale),
        getSite().origin,
        article.href,
      );
      bodies.set(article, html);
    }
    return html;
  };
  eleventyConfig.addAsyncFilter("feedHtml", feedHtml);

  // The newest articles a feed carries, its `updated` value (from content) and an item's authors.
  eleventyConfig.addFilter("feedArticles", (articles: Article[]) => feedArticles(articles));
  // the same from a chronological list (a story's reports)
  eleventyConfig.addFilter("latestFeedArticles", (articles: Article[]) => latestFeedArticles(articles));
  eleventyConfig.addFilter("feedUpdated", (items: FeedItem[]) => feedUpdated(items));
  // the reports of a feed and the changes their outlets made to `pool`'s reports (their records), newest first
  eleventyConfig.addFilter("withChanges", (reports: Article[], pool: Article[]) => withChanges(reports, pool));
  // a change's entry: "Changed by Alpha News: <headline>", what changed as HTML and as text
  eleventyConfig.addFilter("changeTitle", (item: ChangeItem) => changeTitle(item, options.content().locale));
  eleventyConfig.addFilter("changeHtml", (item: ChangeItem) => changeHtml(item, options.content().locale));
  eleventyConfig.addFilter("changeText", (item: ChangeItem) => changeText(item, options.content().locale));
  eleventyConfig.addFilter("feedAuthors", (article: Article) => feedAuthors(article));

  // JSON Feed 1.1 (the site's, a story's, a source's), built as an object and serialized with JSON.stringify.
  eleventyConfig.addAsyncFilter("jsonFeed", async (feed: FeedSpec) =>
    JSON.stringify(await buildJsonFeed(feed, getSite(), feedHtml, options.content().locale), null, 2),
  );

  // Sitemap entries (site paths and lastmod), computed once.
  eleventyConfig.addFilter("sitemapEntries", (news: Content) => sitemapEntries(news));

  // schema.org JSON-LD objects; print them with `| scriptJson | safe`.
  const imageUrl = (article: Article) =>
    (eleventyConfig.getFilter("imageUrl") as (a: Article) => string | undefined)(article);
  eleventyConfig.addFilter("newsArticleLd", (article: Article) => newsArticle(article, imageUrl(article), getSite()));
  eleventyConfig.addFilter("timelineLd", (page: TimelinePage) =>
    timelineCollection(page, getSite(), options.content().locale),
  );
  eleventyConfig.addFilter("sourceLd", (page: SourcePage) =>
    sourceCollection(page, getSite(), options.content().locale),
  );
}
