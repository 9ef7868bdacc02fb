/**
 * The content, as Eleventy sees it. A build session (src/build/session.ts, behind the
 * `SiteSession` contract below) owns everything a build holds; this plugin only registers what
 * templates read and calls the session before and after each Eleventy run:
 * `news` (the model), `render` (the pages the paginated templates render in this run), `urls`
 * (every fixed site path), the article pictures, and the problems `npm start` shows on every page.
 * https://www.11ty.dev/docs/events/ · https://www.11ty.dev/docs/data-global-custom/
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import { SAME_TIME_HOURS } from "../content/claim-timing.ts";
import { templateConstants } from "../content/constants.ts";
import type { Article, Content } from "../content/model.ts";
import { type ContentPaths, recordDirOf } from "../content/pipeline.ts";
import { urls } from "../content/urls.ts";
import type { AddressSettings } from "../publish/site.ts";
import type { ProcessedImage } from "./images.ts";
import type { RenderPlan } from "./render-plan.ts";

/** One Eleventy run, as the session is told of it. */
export interface EleventyRun {
  /** A watch or serve run (npm start) rather than a one-off build. */
  watching: boolean;
  /** The absolute output folder. */
  output: string;
}

/** What the plugin asks of a build session: the runners of src/build/ implement it. */
export interface SiteSession {
  readonly paths: ContentPaths;
  /** SITE_URL and PATH_PREFIX, as the pipeline checked them against site.json. */
  readonly address: AddressSettings;
  /** Whether this run writes the static files (a later run of a build in slices does not). */
  readonly copiesStatic: boolean;
  /** Templates this run leaves out (a later run of a build in slices renders only paginated pages). */
  readonly ignores: readonly string[];
  /** Before each run: the content loaded (or reused), the pages to render planned, pictures processed. */
  beforeRun(run: EleventyRun): Promise<void>;
  /** After each run (npm start: the search index, a moment later). */
  afterRun(run: EleventyRun): void;
  /** Files Eleventy's watcher saw change, before the run they trigger. */
  filesChanged(files: readonly string[]): void;
  /** The model of this run. */
  readonly content: Content;
  /** The pages the paginated templates render in this run, as templates see them (npm start: read through recording proxies). */
  readonly renderData: RenderPlan;
  /** npm start: the model as a page of the plan sees it (its reads recorded, render-plan.ts); undefined: `news` as it is. */
  readonly recordsReads: boolean;
  newsFor(pageItem: unknown): unknown;
  /** The problems shown at the top of every page (npm start only; empty in a build). */
  readonly problemsShown: readonly string[];
  /** The search index's later parts' folders, for the search page to merge (space-separated). */
  readonly searchPartFolders: string;
  /** An article's processed picture. */
  image(article: Article): ProcessedImage | undefined;
}

interface RunEvent {
  runMode: "build" | "watch" | "serve";
  directories: { output: string };
}

const runOf = ({ runMode, directories }: RunEvent): EleventyRun => ({
  watching: runMode !== "build",
  output: directories.output,
});

export default function contentPlugin(eleventyConfig: UserConfig, { session }: { session: SiteSession }): void {
  for (const file of session.ignores) eleventyConfig.ignores.add(file);
  eleventyConfig.on("eleventy.beforeWatch", (files: string[]) => session.filesChanged(files));
  eleventyConfig.on("eleventy.before", (event: RunEvent) => session.beforeRun(runOf(event)));
  eleventyConfig.on("eleventy.after", (event: RunEvent) => session.afterRun(runOf(event)));

  eleventyConfig.addGlobalData("news", () => session.content);
  eleventyConfig.addGlobalData("render", () => session.renderData);
  // npm start: the model read on a page of the plan is recorded too (global data of its own would be read unrecorded)
  if (session.recordsReads) {
    eleventyConfig.addGlobalData("eleventyComputed", {
      news: (data: { pagination?: { items?: unknown[] } }) => session.newsFor(data.pagination?.items?.[0]),
    });
  }
  eleventyConfig.addGlobalData("urls", urls);
  // the fact grid's "about the same time" (claim-timing.ts), said in words on the story page
  eleventyConfig.addGlobalData("sameTimeHours", SAME_TIME_HOURS);
  // the numbers templates print or cut lists at (src/content/constants.ts)
  eleventyConfig.addGlobalData("constants", templateConstants);
  // npm start only: the content's problems, shown at the top of every page (empty in a build).
  eleventyConfig.addGlobalData("contentProblems", () => session.problemsShown);
  // the search index's later parts, which the search page merges (src/build/search-parts.ts)
  eleventyConfig.addGlobalData("searchPartFolders", () => session.searchPartFolders);

  // {% articleImage article %}: the article's processed <picture>; `article | imageUrl`: its main rendition.
  eleventyConfig.addShortcode("articleImage", (article: Article) => session.image(article)?.html ?? "");
  eleventyConfig.addFilter("imageUrl", (article: Article) => session.image(article)?.url);

  // Articles are data, not templates; the pipeline's modules are watched too (see src/build/dev.ts).
  eleventyConfig.ignores.add("src/articles/**");
  eleventyConfig.addWatchTarget(session.paths.articlesDir);
  eleventyConfig.addWatchTarget(session.paths.dataDir);
  eleventyConfig.addWatchTarget(recordDirOf(session.paths));
  for (const dir of session.paths.localeDirs) eleventyConfig.addWatchTarget(dir);
}
