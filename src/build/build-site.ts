/**
 * One build of the site, atomic: Eleventy writes into a fresh folder beside the output; only
 * when it (and every later step) succeeded is the old output swapped out for the new one.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { BUILD_MARKER, BUILD_MARKER_TEXT, checkOutput, checkTempSpace, lockOutput } from "./output-guard.ts";
import { buildPrefix, checkAddressSettings } from "./path-prefix.ts";
import { checkPinnedVersions, forgetEleventyLayouts, limitHeapGrowth } from "./runtime-patches.ts";
import { SearchSchedule } from "./search-schedule.ts";
import { BuildSession, sessionOptions } from "./session.ts";
import { buildWorkers, renderWithWorkers, workersFor } from "./workers.ts";

export interface BuildOptions {
  /** Final output folder (replaced on success). */
  output: string;
  /** Project root holding .eleventy.ts (defaults to the working directory). */
  root?: string;
  /** Pages Eleventy renders per run, in article pages' worth (building in slices bounds memory); default 1,000, or BUILD_SLICE_PAGES. */
  pagesPerSlice?: number;
  /** Processes rendering runs in parallel; default BUILD_WORKERS, or the machine's cores (a small site: one, this process). */
  workers?: number;
  /** Replace an output folder that holds files but is not a build of this site (output-guard.ts). */
  force?: boolean;
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
  /** Processes that rendered them: 1 is this process. */
  workers: number;
  /** Each worker's own peak memory, when the runs were rendered by workers. */
  workerPeakBytes?: number[];
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

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const start = performance.now();
  checkPinnedVersions();
  limitHeapGrowth();
  const root = options.root ?? process.cwd();
  const output = path.resolve(options.output);
  const staging = path.join(path.dirname(output), `.${path.basename(output)}-building-${process.pid}`);
  const settings = sessionOptions(root, "build");
  if (options.pagesPerSlice !== undefined) settings.pagesPerRun = options.pagesPerSlice;
  // The prefix: from the address (site.json's url or SITE_URL), or PATH_PREFIX, which must agree
  // with it (the content pipeline reports a disagreement with the other content problems).
  // A bad SITE_URL or PATH_PREFIX is one line before anything is written (site.json's url is content).
  checkAddressSettings();
  const pathPrefix = buildPrefix(settings.paths.dataDir, settings.address);
  // nothing is written before these: what the output is, that no other build writes into it, room in TMPDIR
  const { paths } = settings;
  checkOutput(output, { root, content: [paths.root, paths.dataDir, paths.articlesDir], force: options.force });
  checkTempSpace(paths.articlesDir);
  const unlock = lockOutput(output);
  try {
    return await buildLocked(options, { start, root, output, staging, settings, pathPrefix });
  } finally {
    unlock();
  }
}

async function buildLocked(
  options: BuildOptions,
  {
    start,
    root,
    output,
    staging,
    settings,
    pathPrefix,
  }: {
    start: number;
    root: string;
    output: string;
    staging: string;
    settings: ReturnType<typeof sessionOptions>;
    pathPrefix: string;
  },
): Promise<BuildResult> {
  // said at once: true whether this build then succeeds or fails
  for (const note of recoverLeftovers(output)) console.warn(note);
  fs.rmSync(staging, { recursive: true, force: true });
  const indexing = new AbortController();
  // Pagefind (another process) indexes each part of the search index as soon as the runs have
  // written its article pages, beside Eleventy rendering the rest (search-schedule.ts).
  const search = new SearchSchedule(staging, settings.searchPartPages, indexing.signal);
  try {
    const workers = workersFor(settings.paths.articlesDir, settings.pagesPerRun!, options.workers ?? buildWorkers());
    let rendered: { pages: number; runs: number; peakBytes?: number[] };
    if (workers > 1) {
      rendered = await renderWithWorkers(
        { root, output: staging, pathPrefix, workers },
        {
          planned: (articles, perRun) => search.plan(articles, perRun),
          runFinished: (index) => search.runFinished(index),
        },
      );
    } else {
      // The model is loaded once; each run renders its share (the first also every listing).
      // (Eleventy is loaded only here: a build by workers leaves it, and the model, to them.)
      const { writeRun } = await import("./eleventy-run.ts");
      const session = new BuildSession(settings);
      const { articles } = session.load();
      search.plan(articles, session.articlesPerRun());
      let pages = 0;
      for (let index = 0; index < session.runs; index++) {
        session.useRun(index);
        // a run's cached layouts hold the last run's pages' data: let them go
        await forgetEleventyLayouts();
        pages += await writeRun({ root, output: staging, pathPrefix, session });
        search.runFinished(index);
      }
      await forgetEleventyLayouts();
      rendered = { pages, runs: session.runs };
    }
    const eleventyDone = performance.now();
    const eleventySeconds = (eleventyDone - start) / 1000;
    // a failure of the search step keeps the old output
    const result = await search.result();
    fs.writeFileSync(path.join(staging, ".nojekyll"), "");
    fs.writeFileSync(path.join(staging, BUILD_MARKER), BUILD_MARKER_TEXT);
    const files = countFiles(staging);
    const notes = swapInto(staging, output);
    return {
      pathPrefix,
      pages: rendered.pages,
      files,
      seconds: (performance.now() - start) / 1000,
      eleventySeconds,
      slices: rendered.runs,
      workers,
      workerPeakBytes: rendered.peakBytes,
      searchSeconds: result.seconds,
      searchWaitSeconds: (performance.now() - eleventyDone) / 1000,
      searchParts: result.parts,
      pagefindPeakBytes: result.pagefindPeakBytes,
      notes,
    };
  } catch (error) {
    indexing.abort();
    await search.settled();
    fs.rmSync(staging, { recursive: true, force: true });
    // Eleventy rejects as soon as one template fails while its passthrough copy may still be
    // writing into the staging folder: remove it again once that work has drained.
    removeAtExit(staging);
    throw error;
  }
}

const leftovers = new Set<string>();
function removeAtExit(dir: string): void {
  if (leftovers.size === 0)
    process.once("exit", () => leftovers.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
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
  const pattern = new RegExp(
    `^\\.${path.basename(output).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-building-(\\d+)(-old)?$`,
  );
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
      notes.push(
        `Could not remove ${name}, left by an interrupted build (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): remove it by hand.`,
      );
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
    return [
      `The new ${path.basename(output)}/ is in place, but the previous one, moved to ${path.basename(old)}, could not be removed (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): remove it by hand.`,
    ];
  }
}

function countFiles(dir: string): number {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}
