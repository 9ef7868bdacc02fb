/**
 * A build session: the one owner of what a build holds between and across Eleventy runs — the
 * loaded content and its problems, the render plan, the pictures, the watch caches, the search
 * schedule and part count. A runner (build-site.ts, workers.ts, dev.ts) creates one and hands it
 * to the Eleventy plugin (src/eleventy/content.ts) through Eleventy's config callback; the plugin
 * only asks it for data before each run. Two modes:
 * - "build": the model is loaded once (`load()`, or before the first run) and cut into runs
 *   (slices); each Eleventy run renders the run `useRun(i)` chose. A content error throws.
 * - "watch" (npm start): the model is loaded again before every run, with caches, and only the
 *   pages an edit changed are rendered; a content error shows on every page over the last good
 *   content; the search index is rebuilt in the background after each run.
 * Nothing here needs Eleventy: a test can drive either mode by calling beforeRun/afterRun.
 */
import fs from "node:fs";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { ArticleCache } from "../content/article-files.ts";
import { emptyContent } from "../content/link.ts";
import { referenceLocale } from "../content/locale.ts";
import type { Article, Content } from "../content/model.ts";
import { defaultPaths, loadContent, type ContentPaths, recordDirOf } from "../content/pipeline.ts";
import { ContentError, isError, warningsBlock, type Problem } from "../content/problems.ts";
import { newTokenCache, type TokenCache } from "../content/shared-text.ts";
import { SpillFile } from "../content/stored-text.ts";
import type { EleventyRun, SiteSession } from "../eleventy/content.ts";
import { processImages, type ProcessedImage } from "../eleventy/images.ts";
import { untracked } from "../content/page-reads.ts";
import { fullPlan, PageReadLog, planRender, slicePlan, stalePages, type RenderPlan } from "../eleventy/render-plan.ts";
import { addressSettings, type AddressSettings } from "../publish/site.ts";
import { writeSearchIndex } from "./search-index.ts";
import { pagesFromEnv } from "./env-pages.ts";
import { patchEleventyRun } from "./runtime-patches.ts";
import { searchPartCount, searchPartFolder, searchPartPages } from "./search-parts.ts";
import { sliceIgnores } from "./slices.ts";

export interface SessionOptions {
  mode: "build" | "watch";
  /** Print the content's warnings (a build's other workers load the same content and stay quiet). */
  showWarnings?: boolean;
  paths: ContentPaths;
  /** SITE_URL and PATH_PREFIX, checked with site.json (a disagreement is a content problem). */
  address: AddressSettings;
  /** The folder of page templates (a later run of a build leaves out those not paginated over the plan). */
  pagesDir: string;
  /** Article pages per part of the search index (search-parts.ts). */
  searchPartPages: number;
  /** "build": pages each Eleventy run renders, in article pages' worth (render-plan.ts slicePlan). */
  pagesPerRun?: number;
  /** "watch": how long after a run the search index is rebuilt (pages reload at once, search catches up). */
  searchDelayMs?: number;
}

export class BuildSession implements SiteSession {
  readonly mode: "build" | "watch";
  readonly paths: ContentPaths;
  readonly address: AddressSettings;
  readonly #options: SessionOptions;
  #content: Content | undefined;
  #plan: RenderPlan | undefined;
  #images = new Map<Article, ProcessedImage>();
  #problemsShown: string[] = [];
  /** "build": the runs the model is cut into, and the one the next Eleventy run renders. */
  #runs: RenderPlan[] = [];
  #run = 0;
  /** "watch": what the last run read, the files changed since, and the search indexing under way. */
  #articleCache: ArticleCache | undefined;
  #tokenCache: TokenCache | undefined;
  #changed: string[] = [];
  #indexing = new AbortController();
  /** "watch": what each page read when it was last rendered (render-plan.ts). */
  #reads: PageReadLog | undefined;

  constructor(options: SessionOptions) {
    this.mode = options.mode;
    this.paths = options.paths;
    this.address = options.address;
    this.#options = options;
    if (options.mode === "watch") {
      this.#articleCache = new Map();
      this.#tokenCache = newTokenCache();
      this.#reads = new PageReadLog();
    }
  }

  get content(): Content {
    if (!this.#content)
      throw new Error("the build session has no content yet: Eleventy asked for it before the run began");
    return this.#content;
  }

  get plan(): RenderPlan {
    if (!this.#plan) throw new Error("the build session has no render plan yet");
    return this.#plan;
  }

  get renderData(): RenderPlan {
    return this.#reads && this.#content ? this.#reads.tracked(this.plan, this.#content) : this.plan;
  }

  get recordsReads(): boolean {
    return this.#reads !== undefined;
  }

  newsFor(pageItem: unknown): unknown {
    return (this.#reads && this.#content ? this.#reads.news(pageItem, this.#content) : undefined) ?? this.#content;
  }

  get problemsShown(): readonly string[] {
    return this.#problemsShown;
  }

  get ignores(): readonly string[] {
    return this.mode === "build" ? sliceIgnores(this.#run, this.#options.pagesDir) : [];
  }

  get copiesStatic(): boolean {
    return this.mode === "watch" || this.#run === 0;
  }

  get searchPartFolders(): string {
    const parts = searchPartCount(this.#content?.articles.length ?? 0, this.#options.searchPartPages);
    return Array.from({ length: parts - 1 }, (_, k) => searchPartFolder(k + 1)).join(" ");
  }

  image(article: Article): ProcessedImage | undefined {
    return this.#images.get(untracked(article));
  }

  /** "build": loads the content (once) and cuts it into runs; throws a ContentError on any error. */
  load(): Content {
    if (this.#content) return this.#content;
    // A build keeps the article bodies in a temporary file, not in memory (stored-text.ts).
    const { content, problems } = loadContent(this.paths, { spill: new SpillFile(), address: this.#options.address });
    const errors = reportWarnings(problems, this.#options.showWarnings ?? true);
    if (!content || errors.length) throw new ContentError(errors);
    this.#content = content;
    this.#runs = slicePlan(fullPlan(content), this.#options.pagesPerRun ?? Number.POSITIVE_INFINITY);
    return content;
  }

  /** "build": the number of Eleventy runs the build takes (the content is loaded first). */
  get runs(): number {
    this.load();
    return this.#runs.length;
  }

  /** "build": how many article pages each run renders, by run (the search index indexes them as they are written). */
  articlesPerRun(): number[] {
    this.load();
    return this.#runs.map((run) => run.articles.length);
  }

  /** "build": the run the next Eleventy run renders (set before that run's configuration). */
  useRun(index: number): void {
    this.#run = index;
  }

  async beforeRun(run: EleventyRun): Promise<void> {
    if (this.mode === "build") {
      this.load();
      const plan = this.#runs[this.#run];
      if (!plan) throw new Error(`no run ${this.#run} of ${this.#runs.length}`);
      this.#plan = plan;
      this.#images = await processImages(plan.articles, path.resolve(run.output));
      return;
    }
    await this.#beforeWatchRun(path.resolve(run.output));
  }

  /** Files Eleventy's watcher saw change (npm start), as absolute paths. */
  filesChanged(files: readonly string[]): void {
    this.#changed.push(...files.map((f) => path.resolve(f)));
  }

  async #beforeWatchRun(output: string): Promise<void> {
    // a new run makes the last run's search index moot: stop it if it is still running
    this.#indexing.abort();
    const { content, problems } = loadContent(this.paths, {
      cache: this.#articleCache,
      tokenCache: this.#tokenCache,
      includeDrafts: true,
      address: this.#options.address,
    });
    const errors = reportWarnings(problems, true);
    const changed = this.#changed;
    this.#changed = [];
    if (!content || errors.length) {
      // the same lines in the terminal and on every page, over the last good content
      const error = new ContentError(errors);
      console.error(error.message);
      this.#problemsShown = error.message.split("\n");
      this.#content ??= emptyContent(referenceLocale());
      this.#plan = fullPlan(this.#content);
      return;
    }
    const previous = this.#content;
    this.#content = content;
    // Pages that showed problems, or every page when the site's words changed (a locale file, site.json's language).
    this.#plan =
      this.#problemsShown.length || previous?.locale.signature !== content.locale.signature
        ? fullPlan(content)
        : planRender(content, previous, changed, this.paths.articlesDir, {
            reads: this.#reads,
            dataDir: this.paths.dataDir,
            recordDir: recordDirOf(this.paths),
          });
    this.#problemsShown = [];
    // Eleventy never deletes output: a page that is gone from the content is removed here.
    for (const href of stalePages(content, previous)) {
      fs.rmSync(path.join(output, href.endsWith("/") ? `${href}index.html` : href), { force: true });
    }
    this.#images = await processImages(this.#plan.articles, output);
  }

  /**
   * npm start: the search index is rebuilt after each run, in the background and a moment later,
   * so pages reload at once and search catches up (a build's search step: ~0.1 s for the sample,
   * ~6.3 s at 4,000 reports); a new run stops an indexing still under way.
   */
  afterRun(run: EleventyRun): void {
    if (this.mode !== "watch") return;
    this.#reads?.committed();
    const output = path.resolve(run.output);
    this.#indexing = new AbortController();
    const { signal } = this.#indexing;
    const articles = this.#content?.articles ?? [];
    setTimeout(() => {
      if (signal.aborted) return;
      writeSearchIndex(output, articles, { signal, partPages: this.#options.searchPartPages }).then(
        ({ seconds }) => console.log(`[start] search index updated in ${seconds.toFixed(2)} s`),
        (e: Error) => signal.aborted || console.error(`[start] the search index could not be updated: ${e.message}`),
      );
    }, this.#options.searchDelayMs ?? 1500).unref();
  }
}

/** Prints the warnings (they never stop a build); returns the errors. */
function reportWarnings(problems: readonly Problem[], show: boolean): Problem[] {
  const warnings = problems.filter((p) => !isError(p));
  if (show && warnings.length) console.warn(warningsBlock(warnings));
  return problems.filter(isError);
}

/** Measured at 10,000 reports: 2,500 → 1,000 a run took the peak from ~620 to ~535 MB at the same time (~+2 % at 4,000). */
const DEFAULT_RUN_PAGES = 1000;

/**
 * A session's options from the project root and the environment: CONTENT_ROOT (another content
 * tree), SITE_URL and PATH_PREFIX (the address), SEARCH_PART_PAGES, BUILD_SLICE_PAGES.
 */
export function sessionOptions(
  root: string,
  mode: "build" | "watch",
  env: NodeJS.ProcessEnv = process.env,
): SessionOptions {
  return {
    mode,
    paths: defaultPaths(env.CONTENT_ROOT || root),
    address: addressSettings(env),
    pagesDir: path.join(root, "src", "pages"),
    searchPartPages: searchPartPages(env),
    pagesPerRun: pagesFromEnv("BUILD_SLICE_PAGES", DEFAULT_RUN_PAGES, env),
  };
}

/** The session of Eleventy run on its own, without a runner of src/build/: a one-off build in the working directory. */
export function oneOffSession(eleventyConfig: UserConfig): BuildSession {
  patchEleventyRun(eleventyConfig);
  return new BuildSession({ ...sessionOptions(process.cwd(), "build"), pagesPerRun: Number.POSITIVE_INFINITY });
}
