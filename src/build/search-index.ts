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
import { articlePages, searchPartCount, searchPartFolder, searchPartPages, searchParts } from "./search-parts.ts";
import { pageForIndex } from "./search-language.ts";
import { stabiliseSearchIndex } from "./stable-search-index.ts";

/** Pagefind's prebuilt search UIs: our search page uses its JS API (src/reader/search.js) instead. */
const UNUSED = /^pagefind-(ui|modular-ui|component-ui)\.(js|css)$/;
const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), "search-index-worker.ts");
const TSX = import.meta.resolve("tsx");

class SearchIndexError extends Error {}

/** The folder of links a part is indexed from, removed once it is indexed. */
const LINKS = ".search-part";

/**
 * Indexes `site` in this process (what the worker runs): `pages`, its article pages (the only
 * ones with data-pagefind-body), in parts of `partPages` (search-parts.ts), one Pagefind index each.
 */
export async function indexSite(
  site: string,
  pages: readonly string[],
  partPages = searchPartPages(),
  firstPart = 0,
): Promise<{ pagefindPeakBytes?: number }> {
  const parts = searchParts(pages, partPages);
  try {
    for (const [k, part] of parts.entries()) await indexPart(site, part, searchPartFolder(firstPart + k));
    // Pagefind's binary is still running: its peak is readable until it is closed
    return { pagefindPeakBytes: childrenPeakBytes() };
  } finally {
    await pagefind.close();
  }
}

/**
 * One part: Pagefind reads a folder of hard links to the part's pages (its parallel reading of a
 * folder is faster than adding pages one by one; the links keep each page's address), builds the
 * index in memory and lets it go; we write it, reproducibly (stable-search-index.ts). A report in
 * a language other than the site's, or in Japanese or Chinese, is a rewritten copy instead of a
 * link (search-language.ts): Pagefind makes one index per language, all listed in its
 * pagefind-entry.json, and the search page merges them.
 */
async function indexPart(site: string, pages: string[], folder: string): Promise<void> {
  // inside the site, so the links are on its file system and go with it if the build is killed
  const links = path.join(site, LINKS);
  fs.rmSync(links, { recursive: true, force: true });
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    for (const page of pages) {
      fs.mkdirSync(path.dirname(path.join(links, page)), { recursive: true });
      // a report in a language of its own is read in it (search-language.ts): a copy, not a link
      const copy = pageForIndex(fs.readFileSync(path.join(site, page), "utf8"));
      if (copy !== undefined) {
        fs.writeFileSync(path.join(links, page), copy);
        continue;
      }
      try {
        fs.linkSync(path.join(site, page), path.join(links, page));
      } catch {
        fs.copyFileSync(path.join(site, page), path.join(links, page));
      }
    }
    const added = await index.addDirectory({ path: links });
    if (added.errors.length) throw new Error(`Pagefind could not index ${site}: ${added.errors.join("; ")}`);
    const built = await index.getFiles();
    if (built.errors.length) throw new Error(`Pagefind could not build its files: ${built.errors.join("; ")}`);
    const files = new Map(built.files.map((f) => [f.path.split(path.sep).join("/"), f.content]));
    stabiliseSearchIndex(files);
    for (const [rel, content] of files) {
      if (UNUSED.test(rel)) continue;
      const file = path.join(site, folder, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  } finally {
    await index?.deleteIndex();
    fs.rmSync(links, { recursive: true, force: true });
  }
}

export interface SearchIndexResult {
  seconds: number;
  /** Parts the index was built in. */
  parts: number;
  /** Peak resident memory of Pagefind's own process (Linux; undefined elsewhere). */
  pagefindPeakBytes?: number;
}

/**
 * Indexes the article pages of `site` (from the model: `articles`) in a child process; rejects
 * with a SearchIndexError (one line) on any failure, after `timeoutMs`, or when `signal` aborts.
 */
export function writeSearchIndex(
  site: string,
  articles: readonly { href: string }[],
  options: {
    timeoutMs?: number;
    signal?: AbortSignal;
    partPages?: number;
    /** `articles` are those of the parts from this one on (a build indexes a part as soon as its pages are written). */
    firstPart?: number;
  } = {},
): Promise<SearchIndexResult> {
  const start = performance.now();
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const pages = articlePages(articles);
  return new Promise((resolve, reject) => {
    const partPages = options.partPages ?? searchPartPages();
    const child = spawn(
      process.execPath,
      ["--import", TSX, WORKER, site, String(partPages), String(options.firstPart ?? 0)],
      {
        stdio: ["pipe", "pipe", "pipe"],
        signal: options.signal,
      },
    );
    // the page list on stdin: tens of thousands of paths are too long for a command line
    child.stdin.on("error", () => {});
    child.stdin.end(JSON.stringify(pages));
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new SearchIndexError(`the search index could not be built: ${e.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        return resolve({
          seconds: (performance.now() - start) / 1000,
          parts: searchPartCount(pages.length, partPages),
          pagefindPeakBytes: workerReport(stdout).pagefindPeakBytes,
        });
      }
      const why = firstMeaningfulLine(stderr) ?? (signal ? `stopped by ${signal}` : `exit code ${code}`);
      reject(
        new SearchIndexError(
          `the search index could not be built (Pagefind ${signal === "SIGKILL" ? "took too long" : "failed"}): ${why}`,
        ),
      );
    });
  });
}

/** The worker's last line of output, its JSON report (nothing when it printed none). */
function workerReport(stdout: string): { pagefindPeakBytes?: number } {
  try {
    return JSON.parse(stdout.trim().split("\n").pop() ?? "") as { pagefindPeakBytes?: number };
  } catch {
    return {};
  }
}

/** Peak resident memory of this process's children (Pagefind's binary), read from /proc; undefined where there is none. */
function childrenPeakBytes(): number | undefined {
  try {
    let peak = 0;
    for (const task of fs.readdirSync("/proc/self/task")) {
      for (const pid of fs.readFileSync(`/proc/self/task/${task}/children`, "utf8").split(/\s+/).filter(Boolean)) {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        if (hwm) peak = Math.max(peak, Number(hwm[1]) * 1024);
      }
    }
    return peak || undefined;
  } catch {
    return undefined;
  }
}

/** The line that says what went wrong: a panic's message or our own error, not a backtrace. */
function firstMeaningfulLine(stderr: string): string | undefined {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const panic = lines.findIndex((l) => /panicked at/.test(l));
  if (panic >= 0)
    return lines[panic + 1] && !/^note:|^stack backtrace/.test(lines[panic + 1]!)
      ? `${lines[panic]} ${lines[panic + 1]}`
      : lines[panic];
  return lines.find((l) => !/^(at |note:|stack backtrace|\d+: )/.test(l));
}
