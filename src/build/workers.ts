/**
 * Both cores for Eleventy: a build's runs (slices, src/build/slices.ts) rendered in parallel by
 * child processes, `BUILD_WORKERS` of them (default: the machine's cores). Each worker loads the
 * same model itself (the pipeline is deterministic, so every worker cuts the same runs) and renders
 * every `workers`-th run into the same staging folder; run 0, with every listing and feed, is the
 * first worker's. The parent learns from the first worker which runs hold article pages, so the
 * search index starts once they are all written. The output is byte for byte a one-process build's.
 */
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ContentError, type Problem } from "../content/problems.ts";
import { pagesFromEnv } from "./env-pages.ts";

/** What a worker tells the parent, one message at a time. */
export type WorkerMessage =
  /** Worker 0, once the model is loaded: the runs, those holding article pages, and the article pages' addresses. */
  | { kind: "plan"; runs: number; articleRuns: number[]; articles: { href: string }[] }
  | { kind: "run"; index: number; pages: number }
  | { kind: "done"; peakBytes: number }
  | { kind: "failed"; message: string; problems?: Problem[] };

/** What the parent tells a worker, as its argument: the run it does. */
export interface WorkerTask {
  root: string;
  output: string;
  pathPrefix: string;
  worker: number;
  workers: number;
}

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), "build-worker.ts");
const TSX = import.meta.resolve("tsx");

/** BUILD_WORKERS, or the machine's cores. */
export function buildWorkers(env: NodeJS.ProcessEnv = process.env): number {
  return pagesFromEnv("BUILD_WORKERS", os.availableParallelism(), env, "");
}

/**
 * How many workers a build of `root`'s content is worth: no more than its runs, estimated from the
 * article files before anything is loaded (a small site builds in this process, without a worker).
 */
export function workersFor(articlesDir: string, pagesPerRun: number, wanted: number): number {
  if (wanted <= 1) return 1;
  let files = 0;
  try {
    for (const entry of fs.readdirSync(articlesDir, { recursive: true, withFileTypes: true })) if (entry.isFile() && /\.(md|markdown)$/.test(entry.name)) files++;
  } catch {
    return 1;
  }
  // every report is a page and weighs about as much again on listing, story and name pages
  return Math.max(1, Math.min(wanted, Math.ceil((files * 1.3) / pagesPerRun)));
}

export interface WorkersResult {
  pages: number;
  runs: number;
  /** Each worker's own peak resident memory. */
  peakBytes: number[];
}

/**
 * Renders every run of the build with `workers` child processes. `articlesWritten` is called once,
 * with the article pages, when every run that renders one has finished.
 */
export function renderWithWorkers(task: Omit<WorkerTask, "worker">, articlesWritten: (articles: { href: string }[]) => void): Promise<WorkersResult> {
  return new Promise((resolve, reject) => {
    const children: ChildProcess[] = [];
    const peakBytes: number[] = [];
    let pages = 0;
    let runs = 0;
    let plan: { articleRuns: Set<number>; articles: { href: string }[] } | undefined;
    const finished = new Set<number>();
    let exited = 0;
    let failure: Error | undefined;
    const fail = (error: Error) => {
      if (failure) return;
      failure = error;
      for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
    };
    const maybeSearch = () => {
      if (plan && [...plan.articleRuns].every((i) => finished.has(i))) {
        const { articles } = plan;
        plan = { articleRuns: new Set([-1]), articles: [] }; // once
        articlesWritten(articles);
      }
    };
    for (let worker = 0; worker < task.workers; worker++) {
      const child = fork(WORKER, [JSON.stringify({ ...task, worker })], { execArgv: ["--import", TSX], stdio: ["ignore", "inherit", "inherit", "ipc"] });
      children.push(child);
      child.on("message", (m: WorkerMessage) => {
        if (m.kind === "plan") {
          runs = m.runs;
          plan = { articleRuns: new Set(m.articleRuns), articles: m.articles };
          maybeSearch();
        } else if (m.kind === "run") {
          pages += m.pages;
          finished.add(m.index);
          maybeSearch();
        } else if (m.kind === "done") {
          peakBytes[worker] = m.peakBytes;
        } else {
          fail(m.problems ? new ContentError(m.problems) : new Error(m.message));
        }
      });
      child.on("error", (e) => fail(e));
      child.on("exit", (code, signal) => {
        if (code !== 0 && !failure) fail(new Error(`build worker ${worker + 1} of ${task.workers} stopped (${signal ?? `exit code ${code}`})`));
        if (++exited === task.workers) {
          if (failure) reject(failure);
          else resolve({ pages, runs, peakBytes });
        }
      });
    }
  });
}
