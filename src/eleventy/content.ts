/**
 * The content, as Eleventy sees it: before every build the pipeline (src/content/pipeline.ts)
 * loads the model, pictures are processed, and the pages to render are planned. Templates read
 * `news` (the model), `render` (the pages the paginated templates render in this build) and
 * `urls` (every fixed site path). In watch mode the plugin keeps, in its own closure, the
 * article cache, the previous model, the files changed since the last build and what each page
 * read when it was last rendered (render-plan.ts).
 * https://www.11ty.dev/docs/events/ · https://www.11ty.dev/docs/data-global-custom/
 */
import fs from "node:fs";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { ArticleCache } from "../content/article-files.ts";
import type { Article, Content } from "../content/model.ts";
import { emptyContent } from "../content/link.ts";
import { loadContent, type ContentPaths } from "../content/pipeline.ts";
import { ContentError, isError, warningsBlock } from "../content/problems.ts";
import { urls } from "../content/urls.ts";
import { SAME_TIME_HOURS } from "../content/claim-timing.ts";
import type { AddressSettings } from "../publish/site.ts";
import { writeSearchIndex } from "../build/search-index.ts";
import { newTokenCache, type TokenCache } from "../content/shared-text.ts";
import { SpillFile } from "../content/stored-text.ts";
import { processImages, type ProcessedImage } from "./images.ts";
import { untracked } from "../content/page-reads.ts";
import { fullPlan, PageReadLog, planRender, stalePages, type RenderPlan } from "./render-plan.ts";
import { sliceOf } from "./slices.ts";

interface BeforeEvent {
  runMode: "build" | "watch" | "serve";
  directories: { output: string };
}

export interface ContentPluginOptions {
  paths: ContentPaths;
  /** SITE_URL and PATH_PREFIX, checked with site.json (a disagreement is a content problem). */
  address?: AddressSettings;
  /** Called with each build's model, for plugins that need it outside the templates. */
  loaded?: (content: Content) => void;
}

export default function contentPlugin(eleventyConfig: UserConfig, options: ContentPluginOptions): void {
  const { paths } = options;
  let cache: ArticleCache | undefined;
  let tokenCache: TokenCache | undefined;
  let news: Content | undefined;
  let plan: RenderPlan | undefined;
  let images = new Map<Article, ProcessedImage>();
  let changed: string[] = [];
  /** npm start: what each page read when it was last rendered (render-plan.ts). */
  let reads: PageReadLog | undefined;

  eleventyConfig.on("eleventy.beforeWatch", (files: string[]) => {
    changed.push(...files.map((f) => path.resolve(f)));
  });
  let shownProblems: string[] = [];
  /** npm start: the search indexing after the last build, which the next build stops. */
  let indexing = new AbortController();
  // a build in slices (src/eleventy/slices.ts): runs after the first reuse the model it loaded
  const slice = sliceOf(eleventyConfig);
  for (const file of slice?.ignores ?? []) eleventyConfig.ignores.add(file);
  eleventyConfig.on("eleventy.before", async ({ runMode, directories }: BeforeEvent) => {
    const shared = slice?.build.content;
    if (slice && shared) {
      options.loaded?.((news = shared));
      plan = slice.build.plan(slice.index);
      images = await processImages(plan.articles, path.resolve(directories.output));
      return;
    }
    const watching = runMode !== "build";
    // Only a process that builds again keeps what it read: a one-off build would only hold it longer.
    if (watching) {
      cache ??= new Map();
      tokenCache ??= newTokenCache();
      reads ??= new PageReadLog();
    }
    // a new build makes the last build's search index moot: stop it if it is still running
    indexing.abort();
    // A one-off build keeps the article bodies in a temporary file, not in memory (stored-text.ts).
    const spill = watching ? undefined : new SpillFile();
    const { content, problems } = loadContent(paths, { cache, tokenCache, includeDrafts: watching, spill, address: options.address });
    const errors = problems.filter(isError);
    const warnings = problems.filter((p) => !isError(p));
    if (warnings.length) console.warn(warningsBlock(warnings));
    if (!content || errors.length) {
      if (!watching) throw new ContentError(errors);
      // npm start: the same lines in the terminal and on every page, over the last good content.
      const error = new ContentError(errors);
      console.error(error.message);
      shownProblems = error.message.split("\n");
      news ??= emptyContent();
      options.loaded?.(news);
      plan = fullPlan(news);
      changed = [];
      return;
    }
    const previous = news;
    news = content;
    options.loaded?.(content);
    slice?.build.loaded(content);
    // Pages that showed problems are all rendered again once the content is right.
    plan = slice ? slice.build.plan(slice.index) : shownProblems.length ? fullPlan(content) : planRender(content, previous, changed, paths.articlesDir, { reads, dataDir: paths.dataDir });
    shownProblems = [];
    changed = [];
    const output = path.resolve(directories.output);
    // Eleventy never deletes output: a page that is gone from the content is removed here.
    for (const href of stalePages(content, previous)) {
      fs.rmSync(path.join(output, href.endsWith("/") ? `${href}index.html` : href), { force: true });
    }
    images = await processImages(plan.articles, output);
  });

  // npm start: the search index is rebuilt after each build, in the background and a moment
  // later, so pages reload at once and search catches up (a build's search step: ~0.1 s for the
  // sample, ~6.3 s at 4,000 reports); a new build stops an indexing still under way.
  eleventyConfig.on("eleventy.after", ({ runMode, directories }: BeforeEvent) => {
    if (runMode === "build") return;
    reads?.committed();
    const output = path.resolve(directories.output);
    indexing = new AbortController();
    const { signal } = indexing;
    setTimeout(() => {
      if (signal.aborted) return;
      writeSearchIndex(output, news?.articles ?? [], { signal }).then(
        ({ seconds }) => console.log(`[start] search index updated in ${seconds.toFixed(2)} s`),
        (e: Error) => signal.aborted || console.error(`[start] the search index could not be updated: ${e.message}`),
      );
    }, 1500).unref();
  });

  eleventyConfig.addGlobalData("news", () => news);
  // npm start: the pages read the plan's items through proxies that record what they read (render-plan.ts)
  eleventyConfig.addGlobalData("render", () => (reads && plan && news ? reads.tracked(plan, news) : plan));
  // …and the model likewise, on those pages (global data of its own would be read unrecorded)
  eleventyConfig.addGlobalData("eleventyComputed", {
    news: (data: { pagination?: { items?: unknown[] } }) => (reads && news ? reads.news(data.pagination?.items?.[0], news) : undefined) ?? news,
  });
  eleventyConfig.addGlobalData("urls", urls);
  // the fact grid's "about the same time" (claim-timing.ts), said in words on the story page
  eleventyConfig.addGlobalData("sameTimeHours", SAME_TIME_HOURS);
  // npm start only: the content's problems, shown at the top of every page (empty in a build).
  eleventyConfig.addGlobalData("contentProblems", () => shownProblems);

  // {% articleImage article %}: the article's processed <picture>; `article | imageUrl`: its main rendition.
  eleventyConfig.addShortcode("articleImage", (article: Article) => images.get(untracked(article))?.html ?? "");
  eleventyConfig.addFilter("imageUrl", (article: Article) => images.get(untracked(article))?.url);

  // Articles are data, not templates; the pipeline's modules are watched too (see scripts/start.ts).
  eleventyConfig.ignores.add("src/articles/**");
  eleventyConfig.addWatchTarget(paths.articlesDir);
  eleventyConfig.addWatchTarget(paths.dataDir);
}
