/**
 * The search index in parts. Pagefind holds a whole index in memory while it builds it, about
 * 200 KB per page (measured: 2.1 GB at 10,000 article pages, 9.3 GB at 50,000), so an archive is
 * indexed in parts of at most SEARCH_PART_PAGES article pages (in content order, so a part is a
 * stretch of time), each its own Pagefind index, and the search page merges them in the browser
 * (Pagefind's mergeIndex). A site that fits in one part gets the one-piece index it always had,
 * in pagefind/. The build and the search page both count parts from the model's articles.
 */
import { pagesFromEnv } from "./env-pages.ts";

/** Article pages per part: Pagefind's process peaked at ~520 MB at 10,000 reports (~600 MB with 2,000 a part). */
const DEFAULT_PART_PAGES = 1500;

/** SEARCH_PART_PAGES, or the default. */
export function searchPartPages(env: NodeJS.ProcessEnv = process.env): number {
  return pagesFromEnv("SEARCH_PART_PAGES", DEFAULT_PART_PAGES, env);
}

/** How many parts `articlePages` article pages make (at least one: an empty site still has its index). */
export function searchPartCount(articlePages: number, partPages: number): number {
  return Math.max(1, Math.ceil(articlePages / partPages));
}

/** Folder of part `k` (0-based) inside the site: pagefind/ for the first, pagefind/part-2/, … after it. */
export function searchPartFolder(k: number): string {
  return k === 0 ? "pagefind/" : `pagefind/part-${k + 1}/`;
}

/** The article pages, as files of the site (`sources/<source>/<slug>/index.html`), in content order. */
export function articlePages(articles: readonly { href: string }[]): string[] {
  return articles.map((a) => `${a.href.replace(/^\//, "")}index.html`);
}

/** The pages cut into parts of at most `partPages`, in order. */
export function searchParts(pages: readonly string[], partPages: number): string[][] {
  const count = searchPartCount(pages.length, partPages);
  return Array.from({ length: count }, (_, k) => pages.slice(k * partPages, (k + 1) * partPages));
}
