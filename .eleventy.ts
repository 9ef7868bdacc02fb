/**
 * Eleventy wiring. This file is a table of contents: each block points at the module that
 * does the work. Articles are content, not templates: they are read, validated and rendered
 * by src/content/ and reach the page templates as one linked model (`news`).
 * https://www.11ty.dev/docs/config/
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import { HtmlBasePlugin } from "@11ty/eleventy";
import { defaultPaths, loadContent, readJsonDataFile } from "./src/content/load.ts";
import { noteChangedFiles, planRender } from "./src/content/incremental.ts";
import type { Content } from "./src/content/model.ts";
import articleEntryPlugin from "./src/eleventy/article-entry.ts";
import filtersPlugin from "./src/eleventy/filters.ts";
import nunjucksCachePlugin from "./src/eleventy/nunjucks-cache.ts";
import publishPlugin from "./src/eleventy/publish.ts";
import readerPlugin from "./src/reader/plugin.ts";

/** Static options. https://www.11ty.dev/docs/config/#configuration-options */
export const config = {
  dir: { input: "src", includes: "../_includes", data: "../_data", output: "dist" },
  templateFormats: ["njk"],
  htmlTemplateEngine: "njk",
  // Markdown is never run through a template engine: article text is content.
  markdownTemplateEngine: false as const,
  // PATH_PREFIX=/news/ npm run build (GitHub Pages project sites live under /<repo>/)
  pathPrefix: process.env.PATH_PREFIX || "/",
};

export default function (eleventyConfig: UserConfig): void {
  // Content: sources, stories, articles, entities, events and claims (the fact grid),
  // validated with zod, quotes checked against the articles, loaded before every build.
  // Eleventy keeps global data across watch rebuilds, so the fresh model is copied into the
  // object it holds; an edit to one article re-reads one file and renders only the pages it
  // changes (src/content/incremental.ts). CONTENT_ROOT points at another content tree.
  // https://www.11ty.dev/docs/data-global-custom/ · https://www.11ty.dev/docs/events/
  const paths = defaultPaths(process.env.CONTENT_ROOT || process.cwd());
  let news: Content | undefined;
  eleventyConfig.on("eleventy.beforeWatch", (changed: string[]) => noteChangedFiles(changed));
  eleventyConfig.on("eleventy.before", () => {
    const fresh = planRender(loadContent(paths), paths.articlesDir);
    news = news ? Object.assign(news, fresh) : fresh;
  });
  eleventyConfig.addGlobalData("news", () => news);
  eleventyConfig.ignores.add("src/articles/**");
  eleventyConfig.addWatchTarget(paths.articlesDir);
  eleventyConfig.addWatchTarget("./src/content/");

  // JSON data files: a syntax error names the file instead of a stack trace.
  // https://www.11ty.dev/docs/data-custom/
  eleventyConfig.addDataExtension("json", {
    read: false,
    parser: (file: string) => readJsonDataFile(file),
  });

  // Nunjucks: compile each template once per build, not once per page (Eleventy 3.1 does not cache it).
  eleventyConfig.addPlugin(nunjucksCachePlugin);

  // Filters: dates, JSON for script blocks, small text helpers.
  eleventyConfig.addPlugin(filtersPlugin);
  // `{{ article | entry | safe }}`: an article's list entry, rendered once per build wherever it appears.
  eleventyConfig.addPlugin(articleEntryPlugin);

  // Publishing: `site.url` (SITE_URL overrides _data/site.json), the RSS plugin, and filters for
  // feeds, sitemap, canonical links and JSON-LD (src/publish/). Templates: src/pages/feed-*.njk,
  // sitemap.njk, robots.njk; page metadata in _includes/partials/head-publish.njk.
  // https://www.11ty.dev/docs/plugins/rss/
  eleventyConfig.addPlugin(publishPlugin);

  // Path prefix on every URL in the HTML output (a no-op when the prefix is "/").
  // https://www.11ty.dev/docs/plugins/html-base/
  eleventyConfig.addPlugin(HtmlBasePlugin);

  // Reader experience: hashed stylesheet (with per-source colours) and scripts, timeline
  // filter menus, article images through eleventy-img (a shortcode, not an HTML transform).
  // https://www.11ty.dev/docs/virtual-templates/ · https://www.11ty.dev/docs/plugins/image/
  eleventyConfig.addPlugin(readerPlugin, { content: () => news!, contentRoot: paths.root });

  // Static assets: favicon and other files copied as they are.
  // https://www.11ty.dev/docs/copy/
  eleventyConfig.addPassthroughCopy({ "src/assets": "assets" });
  // Browsers ask for /favicon.ico whatever the page says: it sits at the output root.
  eleventyConfig.addPassthroughCopy({ "src/assets/favicon.ico": "favicon.ico" });
}
