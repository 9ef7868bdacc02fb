/**
 * The reader's front-end files: the hashed stylesheet (with per-source colours) and scripts.
 * Their names are global data (`assets`) for the templates; a virtual template writes them.
 * https://www.11ty.dev/docs/virtual-templates/
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Content } from "../content/model.ts";
import { buildAssets } from "../reader/assets.ts";

export default function readerAssetsPlugin(eleventyConfig: UserConfig, options: { content: () => Content }): void {
  // Global data is computed after `eleventy.before`, when the content is loaded.
  eleventyConfig.addGlobalData("assets", () => buildAssets(options.content().sources));
  eleventyConfig.addTemplate("reader-assets.njk", "{{ asset.text | safe }}", {
    pagination: { data: "assets.files", size: 1, alias: "asset" },
    permalink: (data: { asset: { href: string } }) => data.asset.href,
    layout: false,
    eleventyExcludeFromCollections: true,
  });
}
