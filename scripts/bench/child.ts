/**
 * One benchmark build, run in its own process so wall time and peak RSS belong to that build.
 *
 *   node --import tsx scripts/bench/child.ts full <output>      (CONTENT_ROOT=<corpus>, cwd = repo)
 *   node --import tsx scripts/bench/child.ts bare <output>      (cwd = the bare project)
 *
 * Prints one JSON line, a ChildReport. CPU time (user + system, this process) is printed too
 * because on a shared machine wall time also measures whatever else is running.
 */
import path from "node:path";
import { performance } from "node:perf_hooks";

/** What one build reports to the bench (scripts/bench/measure.ts reads it): the last line of stdout. */
export interface ChildReport {
  /** The build, timed inside this process. */
  seconds: number;
  /** User + system CPU time of this process (not of its children). */
  cpuSeconds: number;
  /** This process's own peak RSS (its workers and Pagefind are processes of their own). */
  maxRssBytes: number;
  searchSeconds?: number;
  /** The part of the search step after Eleventy's last run (the rest ran beside Eleventy). */
  searchWaitSeconds?: number;
  /** Peak RSS of Pagefind's own process (a grandchild; not in maxRssBytes). */
  pagefindPeakBytes?: number;
  /** Each render worker's own peak RSS (BUILD_WORKERS; not in maxRssBytes), when the build reports them. */
  workerPeakBytes?: number[];
}

/** Only numbers from a field the build may not have (yet): the bench must run on either side of that change. */
function numbers(value: unknown): number[] | undefined {
  return Array.isArray(value)
    ? value.filter((x): x is number => typeof x === "number" && Number.isFinite(x))
    : undefined;
}

const [mode, outArg] = process.argv.slice(2);
if (!outArg || (mode !== "full" && mode !== "bare")) {
  console.error("usage: child.ts full|bare <output>");
  process.exit(2);
}
const output = path.resolve(outArg);
const start = performance.now();
let build: Pick<ChildReport, "searchSeconds" | "searchWaitSeconds" | "pagefindPeakBytes" | "workerPeakBytes"> = {};

if (mode === "full") {
  const { buildSite } = await import("../../src/build/build-site.ts");
  const result = await buildSite({ output });
  build = {
    searchSeconds: result.searchSeconds,
    searchWaitSeconds: result.searchWaitSeconds,
    pagefindPeakBytes: result.pagefindPeakBytes,
    workerPeakBytes: numbers((result as { workerPeakBytes?: unknown }).workerPeakBytes),
  };
} else {
  // Bare Eleventy: the project in the working directory (its own eleventy.config.mjs).
  const { default: Eleventy } = await import("@11ty/eleventy");
  const elev = new Eleventy(".", output, { configPath: "eleventy.config.mjs", quietMode: true, source: "cli" });
  await elev.write();
}

const seconds = (performance.now() - start) / 1000;
const usage = process.resourceUsage();
const report: ChildReport = {
  seconds,
  cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
  maxRssBytes: usage.maxRSS * 1024,
  ...build,
};
console.log(JSON.stringify(report));
