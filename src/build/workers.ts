/**
 * Both cores for Eleventy: a build's runs (slices, src/build/slices.ts) rendered in parallel by
 * child processes, `BUILD_WORKERS` of them (default: one fewer than the cores). Each worker loads the
 * same model itself (the pipeline is deterministic, so every worker cuts the same runs), then asks
 * the parent for a run at a time and renders it into the same staging folder, so a worker that
 * drew a light run takes the next one (run 0, with every listing and feed, is the heaviest and goes
 * first). The parent learns from the first worker loaded how many article pages each run renders,
 * so each part of the search index starts once its pages are written (search-schedule.ts). The output is byte for byte a one-process build's.
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
  /** Once its model is loaded: the runs, those holding article pages, and the article pages' addresses; then after each run. */
  | { kind: "ready"; runs: number; articlesPerRun: number[]; articles: { href: string }[] }
  | { kind: "run"; index: number; pages: number }
  | { kind: "done"; peakBytes: number }
  | { kind: "failed"; message: string; problems?: Problem[] };

/** What the parent tells a worker: the run to render next, or none (`index` undefined: finish). */
export interface WorkerAssignment {
  index?: number;
}

/** What the parent tells a worker as its argument. */
export interface WorkerTask {
  root: string;
  output: string;
  pathPrefix: string;
  /** 0 for the worker that prints the content's warnings (all load the same content). */
  worker: number;
}

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), "build-worker.ts");
const TSX = import.meta.resolve("tsx");

/**
 * BUILD_WORKERS, or one fewer than the machine's cores (at least one): Pagefind indexes the search
 * index beside the runs, on a core of its own. Measured on 2 cores at 4,000 reports: 19.3 s with
 * one (this process), 21.5 s with two workers, whose second copy of the model costs ~35 % more CPU.
 */
export function buildWorkers(env: NodeJS.ProcessEnv = process.env): number {
  return pagesFromEnv("BUILD_WORKERS", Math.max(1, os.availableParallelism() - 1), env, "");
}

/**
 * How many workers a build of `root`'s content is worth: no more than its runs, estimated from the
 * article files before anything is loaded (a small site builds in this process, without a worker).
 */
export function workersFor(articlesDir: string, pagesPerRun: number, wanted: number): number {
  if (wanted <= 1) return 1;
  let files = 0;
  try {
    for (const entry of fs.readdirSync(articlesDir, { recursive: true, withFileTypes: true }))
      if (entry.isFile() && /\.(md|markdown)$/.test(entry.name)) files++;
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

/** What the build learns as the workers go (for the search index, search-schedule.ts). */
export interface WorkersProgress {
  /** Once, when the first worker has loaded the model: the article pages, and how many each run renders. */
  planned(articles: { href: string }[], articlesPerRun: number[]): void;
  runFinished(index: number): void;
}

/** Renders every run of the build with `workers` child processes, telling `progress` as they go. */
export function renderWithWorkers(
  task: Omit<WorkerTask, "worker"> & { workers: number },
  progress: WorkersProgress,
): Promise<WorkersResult> {
  return new Promise((resolve, reject) => {
    const children: ChildProcess[] = [];
    const peakBytes: number[] = [];
    let pages = 0;
    let runs = 0;
    let planned = false;
    let next = 0;
    let exited = 0;
    let failure: Error | undefined;
    const fail = (error: Error) => {
      if (failure) return;
      failure = error;
      for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
    };
    // the next run to whoever asks; none left: the worker finishes
    const assign = (child: ChildProcess) =>
      child.send({ index: next < runs ? next++ : undefined } satisfies WorkerAssignment);
    for (let worker = 0; worker < task.workers; worker++) {
      const child = fork(
        WORKER,
        [
          JSON.stringify({
            root: task.root,
            output: task.output,
            pathPrefix: task.pathPrefix,
            worker,
          } satisfies WorkerTask),
        ],
        {
          execArgv: ["--import", TSX],
          stdio: ["ignore", "inherit", "inherit", "ipc"],
        },
      );
      children.push(child);
      child.on("message", (m: WorkerMessage) => {
        if (failure) return;
        if (m.kind === "ready") {
          if (!planned) {
            planned = true;
            runs = m.runs;
            progress.planned(m.articles, m.articlesPerRun);
          } else if (m.runs !== runs) {
            return fail(
              new Error(
                `build workers cut the content into different runs (${runs} and ${m.runs}): the content changed during the build`,
              ),
            );
          }
          assign(child);
        } else if (m.kind === "run") {
          pages += m.pages;
          progress.runFinished(m.index);
          assign(child);
        } else if (m.kind === "done") {
          peakBytes[worker] = m.peakBytes;
        } else {
          fail(m.problems ? new ContentError(m.problems) : new Error(m.message));
        }
      });
      child.on("error", (e) => fail(e));
      child.on("exit", (code, signal) => {
        if (code !== 0 && !failure)
          fail(new Error(`build worker ${worker + 1} of ${task.workers} stopped (${signal ?? `exit code ${code}`})`));
        if (++exited === task.workers) {
          if (failure) reject(failure);
          else resolve({ pages, runs, peakBytes });
        }
      });
    }
  });
}
