/**
 * Eleventy wiring, as a table of contents: each block points at the module that does the work.
 * Articles are content, not templates: src/content/ reads, validates and links them (a pure
 * pipeline); src/eleventy/ is the only code that faces Eleventy. https://www.11ty.dev/docs/config/
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import { HtmlBasePlugin } from "@11ty/eleventy";
import type { Content } from "./src/content/model.ts";
import { defaultPaths } from "./src/content/pipeline.ts";
import { addressSettings } from "./src/publish/site.ts";
import contentPlugin from "./src/eleventy/content.ts";
import filtersPlugin from "./src/eleventy/filters.ts";
import mapsPlugin from "./src/eleventy/maps.ts";
import nunjucksCachePlugin from "./src/eleventy/nunjucks-cache.ts";
import publishPlugin from "./src/eleventy/publish.ts";
import readerAssetsPlugin from "./src/eleventy/reader-assets.ts";

/** Static options. https://www.11ty.dev/docs/config/#configuration-options */
export const config = {
  // Eleventy's own data folder (src/_data) is unused: content is read by src/content/.
  dir: { input: "src", includes: "../_includes", data: "_data", output: "dist" },
  templateFormats: ["njk"],
  htmlTemplateEngine: "njk",
  // Markdown is never run through a template engine: article text is content.
  markdownTemplateEngine: false as const,
  // No pathPrefix here: npm run build and npm start give Eleventy the one the address implies
  // (src/build/path-prefix.ts), or PATH_PREFIX.
};

export default function (eleventyConfig: UserConfig): void {
  // Content: the model (`news`), the pages to render (`render`), site paths (`urls`), pictures;
  // loaded before every build. CONTENT_ROOT points at another content tree.
  // SITE_URL and PATH_PREFIX are checked against site.json's url with the content.
  let news: Content;
  const paths = defaultPaths(process.env.CONTENT_ROOT || process.cwd());
  const address = addressSettings(process.env);
  eleventyConfig.addPlugin(contentPlugin, { paths, address, loaded: (content: Content) => (news = content) });

  // Filters: dates, JSON for script blocks, the article card (`entry`), small text helpers.
  eleventyConfig.addPlugin(filtersPlugin);

  // Publishing: `site` (SITE_URL overrides the url of _data/site.json), feeds, sitemap, JSON-LD (src/publish/).
  eleventyConfig.addPlugin(publishPlugin, { content: () => news, address });

  // Path prefix on every URL in the HTML output. https://www.11ty.dev/docs/plugins/html-base/
  eleventyConfig.addPlugin(HtmlBasePlugin);

  // Locator maps of the places a story or a place's page names, drawn at build time (src/map/).
  eleventyConfig.addPlugin(mapsPlugin);

  // Reader: the hashed stylesheet (with per-source colours) and scripts.
  eleventyConfig.addPlugin(readerAssetsPlugin, { content: () => news });

  // A patch of Nunjucks' internals: compile each template once per build, not once per page.
  eleventyConfig.addPlugin(nunjucksCachePlugin);

  // Static files: favicon and icons; browsers ask for /favicon.ico at the root whatever the page says.
  eleventyConfig.addPassthroughCopy({ "src/assets": "assets" });
  eleventyConfig.addPassthroughCopy({ "src/assets/favicon.ico": "favicon.ico" });
}
