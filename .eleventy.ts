/**
 * Eleventy wiring, as a table of contents: each block points at the module that does the work.
 * Articles are content, not templates: src/content/ reads, validates and links them (a pure
 * pipeline); src/eleventy/ is the only code that faces Eleventy; src/build/ runs builds, each with
 * a build session that owns what the build holds. https://www.11ty.dev/docs/config/
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import { HtmlBasePlugin } from "@11ty/eleventy";
import { oneOffSession } from "./src/build/session.ts";
import contentPlugin, { type SiteSession } from "./src/eleventy/content.ts";
import filtersPlugin from "./src/eleventy/filters.ts";
import mapsPlugin from "./src/eleventy/maps.ts";
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
  // npm run build and npm start (src/build/) add the site with their own build session through
  // Eleventy's config callback; Eleventy run on its own gets a one-off build's session.
  if (!eleventyConfig.hasPlugin(site)) eleventyConfig.addPlugin(site, { session: oneOffSession(eleventyConfig) });
}

/** The site, given the build session that owns the build's state (src/build/session.ts). */
export function site(eleventyConfig: UserConfig, { session }: { session: SiteSession }): void {
  // Content: the model (`news`), the pages to render (`render`), site paths (`urls`), pictures;
  // asked of the session before every run. CONTENT_ROOT points the session at another content tree.
  eleventyConfig.addPlugin(contentPlugin, { session });

  // Filters: the site's words (`t`, src/locales/), dates, JSON for script blocks, the article card (`entry`), small text helpers.
  eleventyConfig.addPlugin(filtersPlugin, { locale: () => session.content.locale });

  // Publishing: `site` (SITE_URL overrides the url of _data/site.json), feeds, sitemap, JSON-LD (src/publish/).
  eleventyConfig.addPlugin(publishPlugin, { content: () => session.content, address: session.address });

  // Path prefix on every URL in the HTML output. https://www.11ty.dev/docs/plugins/html-base/
  eleventyConfig.addPlugin(HtmlBasePlugin);

  // Locator maps of the places a story or a place's page names, drawn at build time (src/map/).
  eleventyConfig.addPlugin(mapsPlugin, { locale: () => session.content.locale });

  // Reader: the hashed stylesheet (with per-source colours) and scripts.
  eleventyConfig.addPlugin(readerAssetsPlugin, { content: () => session.content });

  // Static files: favicon and icons; browsers ask for /favicon.ico at the root whatever the page says.
  if (!session.copiesStatic) return;
  eleventyConfig.addPassthroughCopy({ "src/assets": "assets" });
  eleventyConfig.addPassthroughCopy({ "src/assets/favicon.ico": "favicon.ico" });
}
