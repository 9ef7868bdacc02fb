/**
 * One benchmark build, run in its own process so wall time and peak RSS belong to that build.
 *
 *   node --import tsx scripts/bench/child.ts full <output>      (CONTENT_ROOT=<corpus>, cwd = repo)
 *   node --import tsx scripts/bench/child.ts bare <output>      (cwd = the bare project)
 *
 * Prints one JSON line: { seconds, cpuSeconds, maxRssBytes, searchSeconds?, searchWaitSeconds?, pagefindPeakBytes? }
 * (the last: Pagefind's own process, which maxRssBytes, this process's, does not include). CPU time (user +
 * system, whole process) is printed too because on a shared machine wall time also measures
 * whatever else is running.
 */
import path from "node:path";
import { performance } from "node:perf_hooks";

const [mode, outArg] = process.argv.slice(2);
if (!outArg || (mode !== "full" && mode !== "bare")) {
  console.error("usage: child.ts full|bare <output>");
  process.exit(2);
}
const output = path.resolve(outArg);
const start = performance.now();
let searchSeconds: number | undefined;
let pagefindPeakBytes: number | undefined;
let searchWaitSeconds: number | undefined;

if (mode === "full") {
  const { buildSite } = await import("../../src/build/build-site.ts");
  const result = await buildSite({ output });
  searchSeconds = result.searchSeconds;
  pagefindPeakBytes = result.pagefindPeakBytes;
  searchWaitSeconds = result.searchWaitSeconds;
} else {
  // Bare Eleventy: the project in the working directory (its own eleventy.config.mjs).
  const { default: Eleventy } = await import("@11ty/eleventy");
  const elev = new Eleventy(".", output, { configPath: "eleventy.config.mjs", quietMode: true, source: "cli" });
  await elev.write();
}

const seconds = (performance.now() - start) / 1000;
const usage = process.resourceUsage();
const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
console.log(JSON.stringify({ seconds, cpuSeconds, maxRssBytes: usage.maxRSS * 1024, searchSeconds, searchWaitSeconds, pagefindPeakBytes }));
