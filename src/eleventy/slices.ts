/**
 * Building in slices: one build as several Eleventy runs in one process that share the model
 * the first run loads. Eleventy keeps every page's HTML until its run ends, so a site of tens of
 * thousands of pages is rendered a share at a time: each run renders its part of the paginated
 * pages (`render.*`); the first also renders every other template (home, listings, feeds,
 * sitemap). The pages written are the same as a one-piece build's.
 */
import fs from "node:fs";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Content } from "../content/model.ts";
import { fullPlan, slicePlan, type RenderPlan } from "./render-plan.ts";

/** One sliced build: created by the build (src/build/build-site.ts), read by the content plugin. */
export class SlicedBuild {
  #content: Content | undefined;
  #plans: RenderPlan[] = [];
  constructor(readonly pagesPerSlice: number) {}

  /** The model, once the first run has loaded it. */
  get content(): Content | undefined {
    return this.#content;
  }

  /** Number of runs: known once the model is loaded. */
  get slices(): number {
    return this.#plans.length;
  }

  /** The first run's model: cut into plans. */
  loaded(content: Content): void {
    this.#content = content;
    this.#plans = slicePlan(fullPlan(content), this.pagesPerSlice);
  }

  /** No run after `index` renders an article page (the model is loaded). */
  articlesDoneAfter(index: number): boolean {
    return !!this.#content && this.#plans.slice(index + 1).every((p) => p.articles.length === 0);
  }

  plan(index: number): RenderPlan {
    const plan = this.#plans[index];
    if (!plan) throw new Error(`no slice ${index} of ${this.#plans.length}`);
    return plan;
  }
}

export interface SliceRun {
  build: SlicedBuild;
  index: number;
  /** Templates this run leaves out: after the first, those not paginated over `render.*`. */
  ignores: string[];
}

/** The slice an Eleventy run renders, keyed by that run's configuration object. */
const runs = new WeakMap<UserConfig, SliceRun>();

/**
 * For the `config` callback of `new Eleventy()` (it runs before the config file): makes this run
 * slice `index` of `build`. The content plugin applies the run's ignores (Eleventy resets them
 * after this callback).
 */
export function joinSlice(eleventyConfig: UserConfig, build: SlicedBuild, index: number, pagesDir: string): void {
  // Eleventy reads an ignore as a path relative to the working directory
  const ignores = index > 0 ? templatesOutsidePlan(pagesDir).map((f) => path.relative(process.cwd(), f).split(path.sep).join("/")) : [];
  runs.set(eleventyConfig, { build, index, ignores });
}

export function sliceOf(eleventyConfig: UserConfig): SliceRun | undefined {
  return runs.get(eleventyConfig);
}

/**
 * Eleventy keeps compiled layouts in a process-wide cache (its src/LayoutCache.js), emptied only
 * when a watched file changes: a second run in the process would lay its pages out with the first
 * run's filters and data (an article's picture missing from its page head, for one). Before each
 * run, the cache is emptied the way a change does it: the event on Eleventy's global event bus.
 * test/slices.test.ts fails if an Eleventy upgrade changes what this relies on.
 */
export async function forgetLayouts(): Promise<void> {
  const url = new URL("./EventBus.js", import.meta.resolve("@11ty/eleventy"));
  const { default: bus } = (await import(url.href)) as { default: { emit(type: string, ...args: unknown[]): Promise<unknown> } };
  await bus.emit("eleventy.resourceModified", "", [], {});
}

/** Templates in `dir` whose pagination is not over the render plan (`data: "render.…"`). */
export function templatesOutsidePlan(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".njk"))
    .filter((f) => !/\bpagination:\s*\{\s*data:\s*["']render\./.test(fs.readFileSync(path.join(dir, f), "utf8")))
    .map((f) => path.join(dir, f));
}
