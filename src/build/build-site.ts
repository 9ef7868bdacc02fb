/**
 * One build of the site, atomic: Eleventy writes into a fresh folder beside the output; only
 * when it (and every later step) succeeded is the old output swapped out for the new one.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import Eleventy from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { defaultPaths } from "../content/pipeline.ts";
import { addressSettings, checkPathPrefix } from "../publish/site.ts";
import { forgetLayouts, joinSlice, SlicedBuild } from "../eleventy/slices.ts";
import { writeSearchIndex, type SearchIndexResult } from "./search-index.ts";
import { pagesFromEnv } from "./env-pages.ts";
import { searchPartPages } from "./search-parts.ts";
import { buildPrefix } from "./path-prefix.ts";

export interface BuildOptions {
  /** Final output folder (replaced on success). */
  output: string;
  /** Project root holding .eleventy.ts (defaults to the working directory). */
  root?: string;
  /** Pages Eleventy renders per run, in article pages' worth (building in slices bounds memory); default 1,000, or BUILD_SLICE_PAGES. */
  pagesPerSlice?: number;
}

export interface BuildResult {
  /** The path prefix the site was built under: PATH_PREFIX, or the path of its address. */
  pathPrefix: string;
  pages: number;
  files: number;
  /** The whole build, search index included. */
  seconds: number;
  /** Eleventy alone. */
  eleventySeconds: number;
  /** Eleventy runs the build took (building in slices). */
  slices: number;
  /** Pagefind alone (indexing the staging folder and writing the index), from its start to its end. */
  searchSeconds: number;
  /** What the build waited for the search step after Eleventy's last run (the rest overlapped it). */
  searchWaitSeconds: number;
  /** Parts the search index was built in (src/build/search-parts.ts). */
  searchParts: number;
  /** Peak memory of Pagefind's own process, where it can be read (Linux). */
  pagefindPeakBytes?: number;
  /** What the swap could not finish (the previous output it could not remove). */
  notes: string[];
}

/** Eleventy's own console output is replaced by ours: errors come back as exceptions; its timing notes are dropped. */
const silent = { log() {}, info() {}, warn: (m: string) => void (/Benchmark/.test(m) || console.warn(m)), error() {} };

/**
 * Memory before speed in a one-off build: V8 then grows its heap by at most this much between
 * full collections (by default up to 4×, so a build's peak was mostly garbage). Measured with
 * `npm run bench`: peak RSS −20 % at 4,000 reports and −40 % at 10,000, for 5–10 % more time.
 * 40 rather than 25: at 50,000 reports 154 → 149 s (−13 s CPU), at 10,000 ~530 → ~570 MB.
 */
const HEAP_GROWING_PERCENT = 40;

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const start = performance.now();
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const root = options.root ?? process.cwd();
  const output = path.resolve(options.output);
  const staging = path.join(path.dirname(output), `.${path.basename(output)}-building-${process.pid}`);
  // The prefix: from the address (site.json's url or SITE_URL), or PATH_PREFIX, which must agree
  // with it (the content pipeline reports a disagreement with the other content problems).
  const address = addressSettings(process.env);
  checkPathPrefix(address.pathPrefix ?? "/");
  const pathPrefix = buildPrefix(defaultPaths(process.env.CONTENT_ROOT || root).dataDir, address);
  // said at once: true whether this build then succeeds or fails
  for (const note of recoverLeftovers(output)) console.warn(note);
  fs.rmSync(staging, { recursive: true, force: true });
  const indexing = new AbortController();
  let search: Promise<SearchIndexResult> | undefined;
  /** Pagefind on the article pages in the staging folder, in its own process. */
  const startSearch = (articles: readonly { href: string }[]) => {
    search = writeSearchIndex(staging, articles, { signal: indexing.signal });
    search.catch(() => {}); // awaited below; a failure before then must not be an unhandled rejection
    return search;
  };
  try {
    // The first run loads the model and renders its share and every listing; the others reuse it.
    const sliced = new SlicedBuild(options.pagesPerSlice ?? pagesFromEnv("BUILD_SLICE_PAGES", DEFAULT_SLICE_PAGES));
    searchPartPages(); // a bad SEARCH_PART_PAGES stops the build before it starts
    let pages = 0;
    await forgetLayouts();
    for (let index = 0; index === 0 || index < sliced.slices; index++) {
      pages += await runEleventy(root, staging, pathPrefix, (config) => joinSlice(config, sliced, index, path.join(root, "src", "pages")));
      // a run's cached layouts hold its pages' data: let them go before the next run (or the search step)
      await forgetLayouts();
      // Search reads only the article pages, which the first runs render: once they are all written,
      // Pagefind (another process) indexes them while Eleventy renders the rest on the other core.
      if (!search && sliced.articlesDoneAfter(index)) startSearch(sliced.content!.articles);
    }
    const eleventyDone = performance.now();
    const eleventySeconds = (eleventyDone - start) / 1000;
    // a failure of the search step keeps the old output
    const result = await (search ?? startSearch(sliced.content?.articles ?? []));
    fs.writeFileSync(path.join(staging, ".nojekyll"), "");
    const files = countFiles(staging);
    const notes = swapInto(staging, output);
    return {
      pathPrefix,
      pages,
      files,
      seconds: (performance.now() - start) / 1000,
      eleventySeconds,
      slices: sliced.slices,
      searchSeconds: result.seconds,
      searchWaitSeconds: (performance.now() - eleventyDone) / 1000,
      searchParts: result.parts,
      pagefindPeakBytes: result.pagefindPeakBytes,
      notes,
    };
  } catch (error) {
    indexing.abort();
    await search?.catch(() => {});
    fs.rmSync(staging, { recursive: true, force: true });
    // Eleventy rejects as soon as one template fails while its passthrough copy may still be
    // writing into the staging folder: remove it again once that work has drained.
    removeAtExit(staging);
    throw error;
  }
}

/**
 * Eleventy's part of the build; returns the number of HTML pages written. Its results (every
 * page's HTML) go out of scope here, so the search step after it does not hold them too.
 */
async function runEleventy(root: string, staging: string, pathPrefix: string, config: (c: UserConfig) => void): Promise<number> {
  const elev = new Eleventy(path.join(root, "src"), staging, {
    configPath: path.join(root, ".eleventy.ts"),
    pathPrefix,
    quietMode: true,
    config,
    // "cli" makes the output folder given here win over the config file's dir.output
    source: "cli",
  });
  elev.logger.overrideLogger(silent);
  // Eleventy's timing notes come from loggers of their own that write to the console directly.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void (/Benchmark/.test(String(args[0])) || warn(...args));
  try {
    const [, templates] = (await elev.write()) as unknown as [unknown, { outputPath?: string | false }[]];
    return templates.filter((t) => typeof t.outputPath === "string" && t.outputPath.endsWith(".html")).length;
  } finally {
    console.warn = warn;
  }
}

/** Measured at 10,000 reports: 2,500 → 1,000 a run took the peak from ~620 to ~535 MB at the same time (~+2 % at 4,000). */
const DEFAULT_SLICE_PAGES = 1000;

const leftovers = new Set<string>();
function removeAtExit(dir: string): void {
  if (leftovers.size === 0) process.once("exit", () => leftovers.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  leftovers.add(dir);
}

/**
 * What builds that were killed left beside the output: a staging folder (removed) and, if one
 * was killed between its two renames, the last good output under its `-old` name: put back when
 * the output is missing, removed otherwise. Never fatal: a leftover that cannot be removed is
 * reported and left.
 */
function recoverLeftovers(output: string): string[] {
  const notes: string[] = [];
  const parent = path.dirname(output);
  const pattern = new RegExp(`^\\.${path.basename(output).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-building-(\\d+)(-old)?$`);
  let names: string[];
  try {
    names = fs.readdirSync(parent).sort();
  } catch {
    return notes;
  }
  for (const name of names) {
    const m = pattern.exec(name);
    const pid = Number(m?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    const leftover = path.join(parent, name);
    if (m![2] && !fs.existsSync(output)) {
      fs.renameSync(leftover, output);
      notes.push(`Restored the last good ${path.basename(output)}/ that an interrupted build had moved to ${name}.`);
      continue;
    }
    try {
      fs.rmSync(leftover, { recursive: true, force: true });
    } catch (e) {
      notes.push(`Could not remove ${name}, left by an interrupted build (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): remove it by hand.`);
    }
  }
  return notes;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Puts the new output in place; the old one is restored if that fails, and its removal is reported truthfully. */
function swapInto(staging: string, output: string): string[] {
  const old = `${staging}-old`;
  const hadOutput = fs.existsSync(output);
  if (hadOutput) fs.renameSync(output, old);
  try {
    fs.renameSync(staging, output);
  } catch (e) {
    if (hadOutput) fs.renameSync(old, output);
    throw e;
  }
  try {
    fs.rmSync(old, { recursive: true, force: true });
    return [];
  } catch (e) {
    return [`The new ${path.basename(output)}/ is in place, but the previous one, moved to ${path.basename(old)}, could not be removed (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): remove it by hand.`];
  }
}

function countFiles(dir: string): number {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}
