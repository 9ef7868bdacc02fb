/**
 * Running the bench's builds, each in a child process of its own, and collecting their numbers.
 *
 * For each N a seeded synthetic corpus (corpus.ts) is written to the work folder. Then,
 * alternately, (a) the full site is built from it through our buildSite() (CONTENT_ROOT=<corpus>),
 * and (b) a bare Eleventy project (one layout, no collections, no plugins, the same .md files as
 * templates) is built. Every build runs in its own child process (child.ts): wall time is
 * measured from spawn to exit, peak RSS is the child's own maxRSS. Pages = .html files written.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { ChildReport } from "./child.ts";
import { generateCorpus, type CorpusInfo } from "./corpus.ts";
import { HUGE_AT, NAME_COUNTS, NAMES_ON, WORKER_COUNTS, type BenchOptions } from "./options.ts";
import { fmtN, median, workersLabel } from "./report.ts";
import type { SharedStepReport } from "./shared-step.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const CHILD = path.join(ROOT, "scripts", "bench", "child.ts");
const SHARED_STEP = path.join(ROOT, "scripts", "bench", "shared-step.ts");
const CHECK_SCRIPT = path.join(ROOT, "scripts", "check.ts");
const START_SCRIPT = path.join(ROOT, "scripts", "start.ts");
const TSX_LOADER = import.meta.resolve("tsx");

/** One build, as the bench saw it. */
export interface RunResult {
  /** Spawn to exit of the build's process, in seconds. */
  wall: number;
  /** The build timed inside its process. */
  inProcess: number;
  cpu: number;
  /** The build process's own peak RSS. */
  rssBytes: number;
  pages: number;
  largest: { bytes: number; file: string };
  searchSeconds?: number;
  /** The part of the search step after Eleventy's last run (the rest ran beside Eleventy). */
  searchWaitSeconds?: number;
  /** Peak RSS of Pagefind's own process (a grandchild; not in rssBytes). */
  pagefindBytes?: number;
  /** Each render worker's peak RSS (not in rssBytes), when the build reports them. */
  workerBytes?: number[];
}

/** Everything measured at one archive size. */
export interface SizeResult {
  n: number;
  full: RunResult[];
  bare: RunResult[];
  /** `npm run check` wall times. */
  checks: number[];
  /** The shared-text step timed on its own. */
  shared?: SharedStepReport;
  /** The full build failed (an archive too large for memory): why, and after how long. */
  failed?: string;
  /** The full build again with BUILD_WORKERS set, per worker count (empty unless this is the workers' size). */
  workers: { count: number; results: RunResult[] }[];
}

interface WatchResult {
  /** The watch build's start-up build. */
  initial: number;
  /** Edit to the page holding the new text, per timed edit. */
  edits: number[];
  /** Edit to Eleventy watching again, per timed edit. */
  rebuildDone: number[];
}

export interface Measurements {
  sizes: SizeResult[];
  /** The incremental edit, and the cold full build (median wall) at the same size. */
  watch?: { n: number; result: WatchResult; cold: number };
  /** Full builds and `npm run check` with each entity count on the same NAMES_ON articles. */
  names: { entities: number; full: RunResult[]; check: number[] }[];
}

/** Builds and measures what `opts` asks for, in `work`; progress lines go to `log`. */
export async function measure(
  opts: BenchOptions,
  work: string,
  log: (line: string) => void = console.log,
): Promise<Measurements> {
  const m: Measurements = { sizes: [], names: [] };
  const done = (dir: string) => {
    if (!opts.keep) fs.rmSync(dir, { recursive: true, force: true });
  };

  for (const n of opts.sizes) {
    const dir = path.join(work, `n${n}`);
    const t = performance.now();
    const corpus = generateCorpus(path.join(dir, "corpus"), n);
    const bareDir = path.join(dir, "bare");
    makeBareProject(corpus, bareDir);
    log(
      `\n${fmtN(n)} articles: corpus written in ${((performance.now() - t) / 1000).toFixed(1)} s (${corpus.sources} sources, ${fmtN(corpus.stories)} stories, ${fmtN(corpus.entities)} entities, ${fmtN(corpus.events)} events, ${fmtN(corpus.claims)} claims)`,
    );
    const size: SizeResult = { n, full: [], bare: [], checks: [], workers: [] };
    m.sizes.push(size);
    const full = (env: Record<string, string> = {}) =>
      runChild("full", corpus, bareDir, path.join(dir, "out-full"), env);
    const bare = () => runChild("bare", corpus, bareDir, path.join(dir, "out-bare"));
    // archives of 50,000 and more: one run, no warm-up (minutes each)
    const huge = n >= HUGE_AT;
    if (opts.warmup && !huge) {
      full();
      bare();
    }
    if (huge) {
      // an archive this size may not build at all (out of memory): that is a result, not a crash of the bench
      const start = performance.now();
      try {
        size.full.push(full());
      } catch (e) {
        const message = (e as Error).message;
        const why = /heap out of memory/.test(message)
          ? "JavaScript heap out of memory"
          : (message.split("\n").find((l) => l.trim()) ?? "failed");
        size.failed = `${why} after ${((performance.now() - start) / 1000).toFixed(0)} s`;
        log(`  full build failed: ${size.failed}`);
        done(dir);
        continue;
      }
    }
    for (let i = 0; i < (huge ? 1 : opts.runs); i++) {
      const f = huge ? size.full[0]! : full();
      const b = bare();
      const c = runCheck(corpus);
      if (!huge) size.full.push(f);
      size.bare.push(b);
      size.checks.push(c);
      log(`  run ${i + 1}: full ${f.wall.toFixed(2)} s, bare ${b.wall.toFixed(2)} s, check ${c.toFixed(2)} s`);
    }
    if (n === opts.workersN) {
      size.workers = WORKER_COUNTS.map((count) => ({ count, results: [] }));
      for (let i = 0; i < opts.runs; i++) {
        // the counts alternate, as full and bare do, so that a busier moment does not land on one of them
        for (const w of size.workers) w.results.push(full({ BUILD_WORKERS: String(w.count) }));
        log(
          `  workers run ${i + 1}: ${size.workers.map((w) => `${workersLabel(w.count)} ${w.results[i]!.wall.toFixed(2)} s`).join(", ")}`,
        );
      }
    }
    size.shared = runSharedStep(corpus);
    if (n === opts.watchN) {
      const result = await measureWatch(corpus, path.join(dir, "out-watch"), opts.quick ? 1 : 3);
      m.watch = { n, result, cold: median(size.full.map((r) => r.wall)) };
    }
    done(dir);
  }

  if (opts.names) {
    log(
      `\nNames: ${NAME_COUNTS.map(fmtN).join(", ")} entities on ${fmtN(NAMES_ON)} articles (the same text; entities are the corpus's own places and people)`,
    );
    for (const entities of NAME_COUNTS) {
      const dir = path.join(work, `names${entities}`);
      const corpus = generateCorpus(path.join(dir, "corpus"), NAMES_ON, { entities });
      const row = { entities, full: [] as RunResult[], check: [] as number[] };
      if (opts.warmup) runChild("full", corpus, dir, path.join(dir, "out-full"));
      for (let i = 0; i < opts.runs; i++) {
        row.full.push(runChild("full", corpus, dir, path.join(dir, "out-full")));
        row.check.push(runCheck(corpus));
        log(
          `  ${fmtN(entities)} entities, run ${i + 1}: full ${row.full[i]!.wall.toFixed(2)} s (${fmtN(row.full[i]!.pages)} pages), check ${row.check[i]!.toFixed(2)} s`,
        );
      }
      m.names.push(row);
      done(dir);
    }
  }
  return m;
}

/** Every .html file under `dir`: count and the largest one. */
function scanOutput(dir: string): { pages: number; largest: { bytes: number; file: string } } {
  let pages = 0;
  let largest = { bytes: 0, file: "" };
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith(".html")) continue;
    pages++;
    const file = path.join(e.parentPath, e.name);
    const bytes = fs.statSync(file).size;
    if (bytes > largest.bytes) largest = { bytes, file: path.relative(dir, file).split(path.sep).join("/") };
  }
  return { pages, largest };
}

/** One build in its own process (child.ts); `env` is added to the child's environment. */
function runChild(
  kind: "full" | "bare",
  corpus: CorpusInfo,
  bareDir: string,
  output: string,
  env: Record<string, string> = {},
): RunResult {
  fs.rmSync(output, { recursive: true, force: true });
  const start = performance.now();
  const r = spawnSync(process.execPath, ["--import", TSX_LOADER, CHILD, kind, output], {
    cwd: kind === "full" ? ROOT : bareDir,
    env: { ...process.env, CONTENT_ROOT: corpus.root, NODE_ENV: "production", ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = (performance.now() - start) / 1000;
  if (r.status !== 0)
    throw new Error(`${kind} build of ${corpus.articles} articles failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const report = JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as ChildReport;
  const scan = scanOutput(output);
  fs.rmSync(output, { recursive: true, force: true });
  return {
    wall,
    inProcess: report.seconds,
    cpu: report.cpuSeconds,
    rssBytes: report.maxRssBytes,
    searchSeconds: report.searchSeconds,
    searchWaitSeconds: report.searchWaitSeconds,
    pagefindBytes: report.pagefindPeakBytes,
    workerBytes: report.workerPeakBytes,
    ...scan,
  };
}

/** The shared-text step on the corpus, timed on its own (shared-step.ts). */
function runSharedStep(corpus: CorpusInfo): SharedStepReport {
  const r = spawnSync(process.execPath, ["--import", TSX_LOADER, SHARED_STEP, corpus.root], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0)
    throw new Error(
      `the shared-text step on ${corpus.articles} articles failed (${r.status}):\n${r.stderr.slice(-4000)}`,
    );
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as SharedStepReport;
}

/** `npm run check` on the corpus, timed from spawn to exit like the builds. */
function runCheck(corpus: CorpusInfo): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, ["--import", TSX_LOADER, CHECK_SCRIPT], {
    cwd: ROOT,
    env: { ...process.env, CONTENT_ROOT: corpus.root },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = (performance.now() - start) / 1000;
  if (r.status !== 0)
    throw new Error(
      `npm run check on ${corpus.articles} articles failed (${r.status}):\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`,
    );
  return wall;
}

/** A tiny Eleventy project: one layout, no collections, no plugins, the corpus's .md files as templates. */
function makeBareProject(corpus: CorpusInfo, dir: string): void {
  fs.mkdirSync(path.join(dir, "_includes"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "eleventy.config.mjs"),
    `export default function (eleventyConfig) {\n  eleventyConfig.addGlobalData("layout", "layout.njk");\n}\n` +
      `export const config = { dir: { input: ".", includes: "_includes" }, templateFormats: ["md"], markdownTemplateEngine: false, htmlTemplateEngine: "njk" };\n`,
  );
  fs.writeFileSync(
    path.join(dir, "_includes", "layout.njk"),
    `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>{{ title }}</title></head>\n<body>\n<main>\n<h1>{{ title }}</h1>\n{{ content | safe }}\n</main>\n</body>\n</html>\n`,
  );
  // The same files, hard-linked (same bytes, no copy cost).
  const from = path.join(corpus.root, "src", "articles");
  for (const source of fs.readdirSync(from)) {
    fs.mkdirSync(path.join(dir, "articles", source), { recursive: true });
    for (const f of fs.readdirSync(path.join(from, source)))
      fs.linkSync(path.join(from, source, f), path.join(dir, "articles", source, f));
  }
}

/**
 * Starts `npm start`'s watch build without the server (`scripts/start.ts --watch-only`) on the
 * corpus, then edits one article several times; each time measures how long until the article's
 * page holds the new text, and until Eleventy reports it is watching again.
 */
async function measureWatch(corpus: CorpusInfo, output: string, edits: number): Promise<WatchResult> {
  fs.rmSync(output, { recursive: true, force: true });
  const child = spawn(process.execPath, ["--import", TSX_LOADER, START_SCRIPT, "--watch-only", "--output", output], {
    cwd: ROOT,
    env: { ...process.env, CONTENT_ROOT: corpus.root },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  let watching = 0;
  const onData = (d: Buffer) => {
    log += d.toString();
    watching = (log.match(/Watching…/g) ?? []).length;
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  let exitCode: number | null | undefined;
  exited.then((c) => (exitCode = c));

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  async function until(test: () => boolean, what: string, timeoutMs = 300_000): Promise<void> {
    const start = performance.now();
    while (!test()) {
      if (exitCode !== undefined)
        throw new Error(`eleventy --watch exited (${exitCode}) while waiting for ${what}:\n${log.slice(-4000)}`);
      if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}:\n${log.slice(-4000)}`);
      await sleep(5);
    }
  }

  try {
    const t0 = performance.now();
    await until(() => watching >= 1, "the initial build");
    const initial = (performance.now() - t0) / 1000;
    const file = path.join(corpus.root, corpus.sample.file);
    const page = path.join(output, corpus.sample.url, "index.html");
    const original = fs.readFileSync(file, "utf8");
    const result: WatchResult = { initial, edits: [], rebuildDone: [] };
    // one extra edit first: the first rebuild in a process pays for lazy compilation
    for (let i = 0; i <= edits; i++) {
      const marker = `benchedit${i}x${process.pid}`;
      const before = watching;
      await sleep(300); // let the watcher settle
      const edited = original.replace(/\n\n([A-Z])/, `\n\nEdited ${marker}. $1`);
      const rewritten = () => {
        try {
          return fs.readFileSync(page, "utf8").includes(marker);
        } catch {
          return false;
        }
      };
      if (i === 0) {
        // The watcher is ready some time after "Watching…" (it scans thousands of files first):
        // the untimed warm-up edit is repeated until a rebuild picks it up.
        const t = performance.now();
        while (!rewritten()) {
          fs.writeFileSync(file, edited);
          const tried = performance.now();
          while (!rewritten() && performance.now() - tried < 3000) await sleep(20);
          if (performance.now() - t > 300_000)
            throw new Error(`the watcher never picked up an edit of ${corpus.sample.file}:\n${log.slice(-4000)}`);
        }
        await until(() => watching > before, "the end of the warm-up rebuild");
        // repeated writes may have queued more rebuilds: wait until the watcher is idle
        for (let seen = -1; seen !== watching; ) {
          seen = watching;
          await sleep(1500);
        }
        continue;
      }
      const start = performance.now();
      fs.writeFileSync(file, edited);
      await until(rewritten, `the edited page (${corpus.sample.url})`);
      const pageTime = (performance.now() - start) / 1000;
      await until(() => watching > before, "the end of the rebuild");
      const doneTime = (performance.now() - start) / 1000;
      result.edits.push(pageTime);
      result.rebuildDone.push(doneTime);
    }
    fs.writeFileSync(file, original);
    return result;
  } finally {
    // the supervisor and its build process form one process group
    process.kill(-child.pid!, "SIGTERM");
    await Promise.race([exited, sleep(5000)]);
    if (exitCode === undefined) process.kill(-child.pid!, "SIGKILL");
  }
}
