/**
 * The search index: Pagefind reads the built HTML (only pages marked data-pagefind-body, the
 * article pages) and writes its index and browser bundle into <site>/pagefind/, then makes
 * that output reproducible (stable-search-index.ts). https://pagefind.app/docs/node-api/
 *
 * Pagefind's binary can panic (an unusual page language, for one); its Node API then never
 * settles. So the indexing runs in a child process (search-index-worker.ts): any failure, a
 * crash or a hang ends as one error with Pagefind's own first line, never as a stuck build.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import * as pagefind from "pagefind";
import { urls } from "../content/urls.ts";
import { stabiliseSearchIndex } from "./stable-search-index.ts";

/** Pagefind's prebuilt search UIs: our search page uses its JS API (src/reader/search.js) instead. */
const UNUSED = /^pagefind-(ui|modular-ui|component-ui)\.(js|css)$/;
// The article pages, as a glob relative to the site (source listing pages match too: nothing on them is indexed).
const ARTICLE_PAGES = `${urls.article("*", "*").replace(/^\//, "")}index.html`;
const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), "search-index-worker.ts");
const TSX = import.meta.resolve("tsx");

class SearchIndexError extends Error {}

/** Indexes `site` in this process (what the worker runs). */
export async function indexSite(site: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    // Only article pages carry data-pagefind-body: reading the others (story, name and comparison
    // pages, some of them large) was ~45 % of the indexing time for nothing.
    const added = await index.addDirectory({ path: site, glob: ARTICLE_PAGES });
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
  } finally {
    await pagefind.close();
  }
}

/** Indexes `site` in a child process; rejects with a SearchIndexError (one line) on any failure, after `timeoutMs`, or when `signal` aborts. */
export function writeSearchIndex(site: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<{ seconds: number }> {
  const start = performance.now();
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX, WORKER, site], { stdio: ["ignore", "ignore", "pipe"], signal: options.signal });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new SearchIndexError(`the search index could not be built: ${e.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve({ seconds: (performance.now() - start) / 1000 });
      const why = firstMeaningfulLine(stderr) ?? (signal ? `stopped by ${signal}` : `exit code ${code}`);
      reject(new SearchIndexError(`the search index could not be built (Pagefind ${signal === "SIGKILL" ? "took too long" : "failed"}): ${why}`));
    });
  });
}

/** The line that says what went wrong: a panic's message or our own error, not a backtrace. */
function firstMeaningfulLine(stderr: string): string | undefined {
  const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  const panic = lines.findIndex((l) => /panicked at/.test(l));
  if (panic >= 0) return lines[panic + 1] && !/^note:|^stack backtrace/.test(lines[panic + 1]!) ? `${lines[panic]} ${lines[panic + 1]}` : lines[panic];
  return lines.find((l) => !/^(at |note:|stack backtrace|\d+: )/.test(l));
}
