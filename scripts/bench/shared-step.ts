/**
 * The shared-text step on its own, for the benchmark: the content of a corpus (argv[2]) is
 * loaded, then the step (tokenize, boilerplate, compare each story's reports) runs again on it,
 * timed; prints one JSON line.
 */
import { performance } from "node:perf_hooks";
import { defaultPaths, loadContent } from "../../src/content/pipeline.ts";
import { boilerplate, reportText, sharedText, tokenize } from "../../src/content/shared-text.ts";

const { content } = loadContent(defaultPaths(process.argv[2]!));
if (!content) throw new Error("the corpus has problems");
const report = (a: (typeof content.articles)[number]) => ({ key: a.key, sourceId: a.source.id, storyId: a.story?.id, paragraphs: a.paragraphs, epochMs: a.date.epochMs, hasTime: a.date.hasTime, day: a.date.day });
const start = performance.now();
const vocabulary = new Map<string, number>();
const tokens = new Map(content.articles.filter((a) => a.story).map((a) => [a, tokenize(reportText(a.paragraphs), vocabulary)]));
const inStories = content.articles.filter((a) => a.story);
const shared = boilerplate(inStories.map(report), inStories.map((a) => tokens.get(a)!));
let pairs = 0;
for (const story of content.stories) {
  if (story.articles.length > 1) pairs += sharedText(story.articles.map(report), story.articles.map((a) => tokens.get(a)!), shared).length;
}
console.log(JSON.stringify({ seconds: (performance.now() - start) / 1000, pairs, comparisons: content.comparisons.length }));
