/**
 * The shared-text step on its own, for the benchmark: the content of a corpus (argv[2]) is
 * loaded, then the step runs again on it (the same function the linker calls), timed; prints
 * one JSON line.
 */
import { performance } from "node:perf_hooks";
import { sharedTextNames, sharedTextReport } from "../../src/content/link.ts";
import { defaultPaths, loadContent } from "../../src/content/pipeline.ts";
import { storiesSharedText } from "../../src/content/shared-text.ts";

const { content } = loadContent(defaultPaths(process.argv[2]!));
if (!content) throw new Error("the corpus has problems");
const start = performance.now();
const pairs = storiesSharedText(content.stories.map((s) => s.articles.map(sharedTextReport)), undefined, { names: sharedTextNames(content.entities) }).flat().length;
console.log(JSON.stringify({ seconds: (performance.now() - start) / 1000, pairs, comparisons: content.comparisons.length }));
