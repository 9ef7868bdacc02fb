/**
 * The search index: Pagefind reads the built HTML (only pages marked data-pagefind-body, the
 * article pages) and writes its index and browser bundle into <site>/pagefind/, then makes
 * that output reproducible (stable-search-index.ts). https://pagefind.app/docs/node-api/
 *
 * Pagefind's binary can panic (an unusual page language, for one); its Node API then never
 * settles. So the indexing runs in a child process (search-index-worker.ts): any failure, a
 * crash or a hang ends as one error with Pagefind's own first line, never as a stuck build.
 *
 * A build feeds the pages to that process while Eleventy renders the rest (`startSearchIndex`),
 * so Pagefind works on the second core. Pagefind's output depends on the order pages are added,
 * so they are added in the order the content gives (`expect`), never in arrival order: pages
 * that come early wait for those before them, and pages not announced go last, sorted by path.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import * as pagefind from "pagefind";
import { stabiliseSearchIndex } from "./stable-search-index.ts";

/** Pagefind's prebuilt search UIs: our search page uses its JS API (src/reader/search.js) instead. */
const UNUSED = /^pagefind-(ui|modular-ui|component-ui)\.(js|css)$/;
const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), "search-index-worker.ts");
const TSX = import.meta.resolve("tsx");

class SearchIndexError extends Error {}

type PagefindIndex = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>["index"]>;

/** Indexes `site` in this process (what the worker runs): the whole folder, or the pages `feed` gives. */
export async function indexSite(site: string, feed?: (index: PagefindIndex) => Promise<void>): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    if (feed) await feed(index);
    else {
      const added = await index.addDirectory({ path: site });
      if (added.errors.length) throw new Error(`Pagefind could not index ${site}: ${added.errors.join("; ")}`);
    }
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

/** What the build sends the worker: the pages to expect, in order; a page; the end. */
export type FeedMessage = { expect: string[] } | { page: string; html: string } | { done: true };

/** Pages a build feeds to the search index as Eleventy renders them. */
export interface SearchIndexFeed {
  /** The site paths (`sources/x/y/index.html`) of the pages to index, in the order to add them. */
  expect(pages: string[]): void;
  /** A rendered page with Pagefind's markers, by its path in the site. */
  add(page: string, html: string): Promise<void>;
  /** Every page was given: the index is written into <site>/pagefind/. */
  finish(): Promise<{ seconds: number }>;
  /** The build failed: stop indexing. */
  abort(): void;
}

/** Starts the search index of `site`, fed page by page (in a child process, like writeSearchIndex). */
export function startSearchIndex(site: string, options: { timeoutMs?: number } = {}): SearchIndexFeed {
  const start = performance.now();
  const controller = new AbortController();
  const child = spawn(process.execPath, ["--import", TSX, WORKER, site, "--stream"], { stdio: ["ignore", "ignore", "pipe", "ipc"], signal: controller.signal });
  const result = settle(child, start, options.timeoutMs ?? 15 * 60_000);
  result.catch(() => {}); // seen by finish(); a failed build may never ask
  let failed = false;
  const send = (message: FeedMessage) =>
    new Promise<void>((resolve) => {
      // after a failure, finish() reports it; the build goes on to its own end
      if (failed || !child.connected) return resolve();
      child.send(message, (e) => {
        if (e) failed = true;
        resolve();
      });
    });
  return {
    expect: (pages) => void send({ expect: pages }),
    add: (page, html) => send({ page, html }),
    finish: async () => {
      await send({ done: true });
      return result;
    },
    abort: () => controller.abort(),
  };
}

/** Indexes `site` in a child process; rejects with a SearchIndexError (one line) on any failure, after `timeoutMs`, or when `signal` aborts. */
export function writeSearchIndex(site: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<{ seconds: number }> {
  const child = spawn(process.execPath, ["--import", TSX, WORKER, site], { stdio: ["ignore", "ignore", "pipe"], signal: options.signal });
  return settle(child, performance.now(), options.timeoutMs ?? 15 * 60_000);
}

/** The worker's end: its time on success, one line (a SearchIndexError) on a failure, a crash or a hang. */
function settle(child: ChildProcess, start: number, timeoutMs: number): Promise<{ seconds: number }> {
  return new Promise((resolve, reject) => {
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
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
