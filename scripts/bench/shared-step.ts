/**
 * The shared-text step on its own, for the benchmark: the content of a corpus (argv[2]) is
 * loaded, then the step runs again on it (the same function the linker calls), timed; prints
 * one JSON line, a SharedStepReport.
 */
import { performance } from "node:perf_hooks";
import { sharedTextNames, sharedTextReport } from "../../src/content/link.ts";
import { defaultPaths, loadContent } from "../../src/content/pipeline.ts";
import { storiesSharedText } from "../../src/content/shared-text.ts";

/** What the step printed (scripts/bench/measure.ts reads it). */
export interface SharedStepReport {
  seconds: number;
  /** Pairs of reports sharing text. */
  pairs: number;
  /** Comparison pages the build writes for them. */
  comparisons: number;
}

const { content } = loadContent(defaultPaths(process.argv[2]!));
if (!content) throw new Error("the corpus has problems");
const start = performance.now();
const pairs = storiesSharedText(
  content.stories.map((s) => s.articles.map(sharedTextReport)),
  undefined,
  { names: sharedTextNames(content.entities) },
).flat().length;
const report: SharedStepReport = {
  seconds: (performance.now() - start) / 1000,
  pairs,
  comparisons: content.comparisons.length,
};
console.log(JSON.stringify(report));
