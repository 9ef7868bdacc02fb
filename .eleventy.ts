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
import articleEntryPlugin from "./src/eleventy/article-entry.ts";
import filtersPlugin from "./src/eleventy/filters.ts";
import nunjucksCachePlugin from "./src/eleventy/nunjucks-cache.ts";

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
  // Content: sources, stories and articles, validated with zod, loaded once per build.
  // CONTENT_ROOT points the build at another content tree (tests, benchmark).
  // https://www.11ty.dev/docs/data-global-custom/
  const paths = defaultPaths(process.env.CONTENT_ROOT || process.cwd());
  // In watch mode an edit to one article re-reads one file and renders only the pages it changes.
  eleventyConfig.addGlobalData("news", () => planRender(loadContent(paths), paths.articlesDir));
  eleventyConfig.on("eleventy.beforeWatch", (changed: string[]) => noteChangedFiles(changed));
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

  // Path prefix on every URL in the HTML output (a no-op when the prefix is "/").
  // https://www.11ty.dev/docs/plugins/html-base/
  eleventyConfig.addPlugin(HtmlBasePlugin);

  // Static assets: stylesheet, scripts, favicon.
  // https://www.11ty.dev/docs/copy/
  eleventyConfig.addPassthroughCopy({ "src/assets": "assets" });
}
