/**
 * The reader-facing pieces of the build, as one Eleventy plugin: the hashed stylesheet and
 * scripts (global `assets` + a virtual template that writes them), the timeline filter
 * choices, and article images. https://www.11ty.dev/docs/plugins/
 */
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Article, Content, TimelineDay } from "../content/model.ts";
import { buildAssets } from "./assets.ts";
import { articleImageHtml } from "./images.ts";

export interface ReaderOptions {
  /** The build's content (loaded once per build). */
  content: () => Content;
  /** Folder holding _data/ and src/ of the content (CONTENT_ROOT). */
  contentRoot: string;
}

export interface Facet {
  id: string;
  label: string;
}

/** The sources and stories present on one timeline page, for its filter menus: O(reports on the page). */
export function timelineFacets(days: TimelineDay[]): { sources: Facet[]; stories: Facet[] } {
  const sources = new Map<string, Facet & { index: number }>();
  const stories = new Map<string, Facet>();
  for (const day of days) {
    for (const g of day.groups) {
      for (const a of g.articles) {
        if (!sources.has(a.source.id)) sources.set(a.source.id, { id: a.source.id, label: a.source.name, index: a.source.index });
        if (a.story && !stories.has(a.story.id)) stories.set(a.story.id, { id: a.story.id, label: a.story.title });
      }
    }
  }
  return {
    sources: [...sources.values()].sort((x, y) => x.index - y.index),
    stories: [...stories.values()],
  };
}

export default function readerPlugin(eleventyConfig: UserConfig, options: ReaderOptions): void {
  // Hashed asset names for the templates; the files themselves come from a virtual template.
  eleventyConfig.addGlobalData("assets", () => buildAssets(options.content().sources));
  eleventyConfig.addTemplate("reader-assets.njk", "{{ asset.text | safe }}", {
    pagination: { data: "assets.files", size: 1, alias: "asset" },
    permalink: (data: { asset: { href: string } }) => data.asset.href,
    layout: false,
    eleventyExcludeFromCollections: true,
  });

  eleventyConfig.addFilter("timelineFacets", timelineFacets);

  // {% articleImage article %}: <picture> for the article's image file (see images.ts)
  eleventyConfig.addAsyncShortcode("articleImage", (article: Article) => {
    const output = (eleventyConfig as unknown as { directories: { output: string } }).directories.output;
    return articleImageHtml(article, options.contentRoot, path.resolve(output));
  });
}
