/**
 * The search index: Pagefind reads the built HTML (only pages marked data-pagefind-body, the
 * article pages) and writes its index and browser bundle into <site>/pagefind/, then makes
 * that output reproducible (stable-search-index.ts).
 * https://pagefind.app/docs/node-api/
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as pagefind from "pagefind";
import { stabiliseSearchIndex } from "./stable-search-index.ts";

/** Pagefind's prebuilt search UIs: our search page uses its JS API (src/reader/search.js) instead. */
const UNUSED = /^pagefind-(ui|modular-ui|component-ui)\.(js|css)$/;

export interface SearchIndexResult {
  seconds: number;
}

export async function writeSearchIndex(site: string): Promise<SearchIndexResult> {
  const start = performance.now();
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: site });
    if (added.errors.length) throw new Error(`Pagefind could not index ${site}: ${added.errors.join("; ")}`);
    // In memory, then written by us: complete files, reproducible bytes, no unused UI bundles.
    const built = await index.getFiles();
    if (built.errors.length) throw new Error(`Pagefind could not build its files: ${built.errors.join("; ")}`);
    const files = new Map(built.files.map((f) => [f.path.split(path.sep).join("/"), f.content]));
    stabiliseSearchIndex(files);
    for (const [rel, content] of files) {
      if (UNUSED.test(rel)) continue;
      const file = path.join(site, "pagefind", rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
    return { seconds: (performance.now() - start) / 1000 };
  } finally {
    await pagefind.close();
  }
}
