/**
 * The search index: Pagefind reads the built HTML (only pages marked data-pagefind-body, the
 * article pages) and writes its index and browser bundle into <site>/pagefind/, then makes
 * that output reproducible (stable-search-index.ts).
 * https://pagefind.app/docs/node-api/
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as pagefind from "pagefind";
import { stabiliseSearchIndex } from "./stable-search-index.ts";

export interface SearchIndexResult {
  /** HTML files Pagefind read (only those with data-pagefind-body are indexed). */
  filesRead: number;
  seconds: number;
}

export async function writeSearchIndex(site: string): Promise<SearchIndexResult> {
  const start = performance.now();
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: site });
    if (added.errors.length) throw new Error(`Pagefind could not index ${site}: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: path.join(site, "pagefind") });
    if (written.errors.length) throw new Error(`Pagefind could not write its files: ${written.errors.join("; ")}`);
    stabiliseSearchIndex(path.join(site, "pagefind"));
    return { filesRead: added.page_count, seconds: (performance.now() - start) / 1000 };
  } finally {
    await pagefind.close();
  }
}
