/**
 * `npm run bench`: how the full site build compares with bare Eleventy as the archive grows.
 *
 *   npm run bench                   N = 1,000 and 4,000, 3 runs each after a warm-up, + incremental edit at 4,000
 *   npm run bench -- --full         also N = 10,000
 *   npm run bench -- --n 10000      only the given N (repeatable, or comma-separated); 50,000 adds
 *                                   10,000 (its wall time is judged against it) and runs once
 *   npm run bench -- --runs 5       runs per build kind (default 3)
 *   npm run bench -- --quick        N = 200, one run, no warm-up (what `npm test` runs)
 *   npm run bench -- --no-watch     skip the incremental-edit measurement
 *   npm run bench -- --no-names     skip the name-matching measurement (0, 1,000 and 10,000 entities on 1,000 articles)
 *   npm run bench -- --keep         keep the temporary corpus and outputs (paths printed)
 *
 * For each N a seeded synthetic corpus (scripts/bench/corpus.ts) is written to a temporary
 * folder (tmpfs /dev/shm when there is one). Then, alternately, (a) the full site is built
 * from it through our buildSite() (CONTENT_ROOT=<corpus>), and (b) a bare Eleventy project
 * (one layout, no collections, no plugins, the same .md files as templates) is built. Every
 * build runs in its own child process (scripts/bench/child.ts): wall time is measured from
 * spawn to exit, peak RSS is the child's own maxRSS. Pages = .html files written.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { generateCorpus, type CorpusInfo } from "./bench/corpus.ts";
import { exitWithHelp } from "./help.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHILD = path.join(ROOT, "scripts", "bench", "child.ts");
const TSX_LOADER = import.meta.resolve("tsx");
const START_SCRIPT = path.join(ROOT, "scripts", "start.ts");

// ---------------------------------------------------------------- options

exitWithHelp(`Usage: npm run bench [-- options]

Builds a synthetic archive with the full site build and with bare Eleventy, and prints times,
memory, page sizes and each target as OK or MISSED.

  (no options)    N = 1,000 and 4,000, 3 runs each after a warm-up, + an incremental edit at 4,000
  --full          also N = 10,000
  --n <N>         only the given N (repeatable, or comma-separated); 50000 also
                  builds 10,000 and runs once, without a warm-up
  --runs <k>      runs per build kind (default 3)
  --quick         N = 200, one run, no warm-up (what npm test runs)
  --no-watch      skip the incremental-edit measurement
  --no-names      skip the builds with 0, 1,000 and 10,000 entities on 1,000 articles
  --keep          keep the temporary corpus and outputs (paths printed)
  -h, --help      show this help`);

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
function values(name: string): string[] {
  const out: string[] = [];
  argv.forEach((a, i) => {
    if (a === `--${name}` && argv[i + 1]) out.push(argv[i + 1]!);
    else if (a.startsWith(`--${name}=`)) out.push(a.slice(name.length + 3));
  });
  return out.flatMap((v) => v.split(","));
}
const quick = flag("quick");
const explicitN = values("n").map((v) => Number(v.replace(/_/g, "")));
if (explicitN.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--n expects whole numbers, got ${values("n").join(", ")}`);
const asked = quick ? [200] : explicitN.length ? explicitN : flag("full") ? [1000, 4000, 10000] : [1000, 4000];
// the 50,000 build is judged against the 10,000 one: measured in the same run
const sizes = asked.includes(50000) && !asked.includes(10000) ? [...asked, 10000].sort((a, b) => a - b) : asked;
const runs = quick ? 1 : Number(values("runs")[0] ?? 3);
const warmup = !quick;
const watchN = flag("no-watch") ? undefined : quick ? 200 : sizes.includes(4000) ? 4000 : sizes[sizes.length - 1];
const keep = flag("keep");
/** Entity counts built on NAMES_ON articles (name matching must not grow with the spellings). */
const NAMES_ON = 1000;
const NAME_COUNTS = [0, 1000, 10000];
const names = !quick && !flag("no-names") && sizes.includes(NAMES_ON);

const TARGET = { ratio: 1.25, ratioAt: 4000, rssMB: 600, rssAt: 10000, pageKB: 250, pageAt: 10000, incrementalShare: 0.1, checkShare: 0.15, checkAt: 4000, sharedShare: 0.05, namesRatio: 1.15, hugeAt: 50000, hugeRssMB: 2048, hugeWallRatio: 5.5 };

// ---------------------------------------------------------------- helpers

const tmpBase = fs.existsSync("/dev/shm") && isWritable("/dev/shm") ? "/dev/shm" : os.tmpdir();
const work = fs.mkdtempSync(path.join(tmpBase, "news-bench-"));
const cleanup = () => {
  if (!keep) fs.rmSync(work, { recursive: true, force: true });
};
process.on("exit", cleanup);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => process.exit(130));

function isWritable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmtN = (n: number) => n.toLocaleString("en-GB");
const mb = (bytes: number) => bytes / 1024 / 1024;
/** `sources/x/some-long-slug-42/index.html` → `sources/x/…/index.html` */
const shorten = (file: string) => (file.length <= 32 ? file : file.replace(/^([^/]+\/[^/]+\/).*(\/[^/]+)$/, "$1…$2"));

interface RunResult {
  wall: number;
  inProcess: number;
  cpu: number;
  rssBytes: number;
  pages: number;
  largest: { bytes: number; file: string };
  searchSeconds?: number;
  /** The part of the search step after Eleventy's last run (the rest ran beside Eleventy). */
  searchWaitSeconds?: number;
  /** Peak RSS of Pagefind's own process (a grandchild; not in rssBytes). */
  pagefindBytes?: number;
}

/** The higher peak of the build's process and Pagefind's, over runs, in MB, with how it splits. */
function peaks(results: RunResult[]): { mb: number; label: string } {
  const node = mb(Math.max(...results.map((r) => r.rssBytes)));
  const known = results.map((r) => r.pagefindBytes).filter((x): x is number => typeof x === "number");
  if (!known.length) return { mb: node, label: `${Math.round(node)} MB (build process; Pagefind's process not measured here)` };
  const search = mb(Math.max(...known));
  return { mb: Math.max(node, search), label: `${Math.round(Math.max(node, search))} MB (build process ${Math.round(node)} MB, Pagefind's process ${Math.round(search)} MB)` };
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

function runChild(kind: "full" | "bare", corpus: CorpusInfo, bareDir: string, output: string): RunResult {
  fs.rmSync(output, { recursive: true, force: true });
  const start = performance.now();
  const r = spawnSync(process.execPath, ["--import", TSX_LOADER, CHILD, kind, output], {
    cwd: kind === "full" ? ROOT : bareDir,
    env: { ...process.env, CONTENT_ROOT: corpus.root, NODE_ENV: "production" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`${kind} build of ${corpus.articles} articles failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const last = r.stdout.trim().split("\n").pop() ?? "";
  const report = JSON.parse(last) as { seconds: number; cpuSeconds: number; maxRssBytes: number; searchSeconds?: number; searchWaitSeconds?: number; pagefindPeakBytes?: number };
  const scan = scanOutput(output);
  fs.rmSync(output, { recursive: true, force: true });
  return { wall, inProcess: report.seconds, cpu: report.cpuSeconds, rssBytes: report.maxRssBytes, searchSeconds: report.searchSeconds, searchWaitSeconds: report.searchWaitSeconds, pagefindBytes: report.pagefindPeakBytes, ...scan };
}

/** The shared-text step on the corpus, timed on its own (scripts/bench/shared-step.ts). */
function runSharedStep(corpus: CorpusInfo): { seconds: number; comparisons: number } {
  const r = spawnSync(process.execPath, ["--import", TSX_LOADER, path.join(ROOT, "scripts", "bench", "shared-step.ts"), corpus.root], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`the shared-text step on ${corpus.articles} articles failed (${r.status}):\n${r.stderr.slice(-4000)}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as { seconds: number; comparisons: number };
}

/** `npm run check` on the corpus, timed from spawn to exit like the builds. */
function runCheck(corpus: CorpusInfo): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, ["--import", TSX_LOADER, path.join(ROOT, "scripts", "check.ts")], {
    cwd: ROOT,
    env: { ...process.env, CONTENT_ROOT: corpus.root },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`npm run check on ${corpus.articles} articles failed (${r.status}):\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`);
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
    for (const f of fs.readdirSync(path.join(from, source))) fs.linkSync(path.join(from, source, f), path.join(dir, "articles", source, f));
  }
}

// ---------------------------------------------------------------- incremental (watch) measurement

interface WatchResult {
  initial: number;
  edits: number[];
  rebuildDone: number[];
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
      if (exitCode !== undefined) throw new Error(`eleventy --watch exited (${exitCode}) while waiting for ${what}:\n${log.slice(-4000)}`);
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
          if (performance.now() - t > 300_000) throw new Error(`the watcher never picked up an edit of ${corpus.sample.file}:\n${log.slice(-4000)}`);
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

// ---------------------------------------------------------------- main

interface Row {
  n: number;
  kind: "full" | "bare";
  results: RunResult[];
}

const rows: Row[] = [];
/** `npm run check` wall times by N. */
const checks = new Map<number, number[]>();
/** Full builds that failed (an archive too large for memory), by N: why. */
const failedBuilds = new Map<number, string>();
/** The shared-text step's time and comparison pages by N. */
const sharedSteps = new Map<number, { seconds: number; comparisons: number }>();
let watch: { n: number; result: WatchResult; cold: number } | undefined;

console.log(`Benchmark: ${sizes.map(fmtN).join(", ")} articles, ${runs} run${runs === 1 ? "" : "s"} each${warmup ? " after a warm-up" : ""}; temporary folder ${work}`);
console.log(`Machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GB memory, Node ${process.version}`);

for (const n of sizes) {
  const dir = path.join(work, `n${n}`);
  const t = performance.now();
  const corpus = generateCorpus(path.join(dir, "corpus"), n);
  const bareDir = path.join(dir, "bare");
  makeBareProject(corpus, bareDir);
  console.log(`\n${fmtN(n)} articles: corpus written in ${((performance.now() - t) / 1000).toFixed(1)} s (${corpus.sources} sources, ${fmtN(corpus.stories)} stories, ${fmtN(corpus.entities)} entities, ${fmtN(corpus.events)} events, ${fmtN(corpus.claims)} claims)`);
  const full: Row = { n, kind: "full", results: [] };
  const bare: Row = { n, kind: "bare", results: [] };
  // archives of 50,000 and more: one run, no warm-up (minutes each)
  const huge = n >= TARGET.hugeAt;
  if (warmup && !huge) {
    runChild("full", corpus, bareDir, path.join(dir, "out-full"));
    runChild("bare", corpus, bareDir, path.join(dir, "out-bare"));
  }
  if (huge) {
    // an archive this size may not build at all (out of memory): that is a result, not a crash of the bench
    const start = performance.now();
    try {
      full.results.push(runChild("full", corpus, bareDir, path.join(dir, "out-full")));
    } catch (e) {
      const why = /heap out of memory/.test((e as Error).message) ? "JavaScript heap out of memory" : ((e as Error).message.split("\n").find((l) => l.trim()) ?? "failed");
      failedBuilds.set(n, `${why} after ${((performance.now() - start) / 1000).toFixed(0)} s`);
      console.log(`  full build failed: ${failedBuilds.get(n)}`);
      if (!keep) fs.rmSync(dir, { recursive: true, force: true });
      continue;
    }
  }
  for (let i = 0; i < (huge ? 1 : runs); i++) {
    const f = huge ? full.results[0]! : runChild("full", corpus, bareDir, path.join(dir, "out-full"));
    const b = runChild("bare", corpus, bareDir, path.join(dir, "out-bare"));
    const c = runCheck(corpus);
    if (!huge) full.results.push(f);
    bare.results.push(b);
    checks.set(n, [...(checks.get(n) ?? []), c]);
    console.log(`  run ${i + 1}: full ${f.wall.toFixed(2)} s, bare ${b.wall.toFixed(2)} s, check ${c.toFixed(2)} s`);
  }
  rows.push(full, bare);
  sharedSteps.set(n, runSharedStep(corpus));
  if (n === watchN) {
    const result = await measureWatch(corpus, path.join(dir, "out-watch"), quick ? 1 : 3);
    watch = { n, result, cold: median(full.results.map((r) => r.wall)) };
  }
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
}

/** Full builds and `npm run check` with each entity count on the same articles. */
const nameRows: { entities: number; full: RunResult[]; check: number[] }[] = [];
if (names) {
  console.log(`\nNames: ${NAME_COUNTS.map(fmtN).join(", ")} entities on ${fmtN(NAMES_ON)} articles (the same text; entities are the corpus's own places and people)`);
  for (const entities of NAME_COUNTS) {
    const dir = path.join(work, `names${entities}`);
    const corpus = generateCorpus(path.join(dir, "corpus"), NAMES_ON, { entities });
    const row = { entities, full: [] as RunResult[], check: [] as number[] };
    if (warmup) runChild("full", corpus, dir, path.join(dir, "out-full"));
    for (let i = 0; i < runs; i++) {
      row.full.push(runChild("full", corpus, dir, path.join(dir, "out-full")));
      row.check.push(runCheck(corpus));
      console.log(`  ${fmtN(entities)} entities, run ${i + 1}: full ${row.full[i]!.wall.toFixed(2)} s (${fmtN(row.full[i]!.pages)} pages), check ${row.check[i]!.toFixed(2)} s`);
    }
    nameRows.push(row);
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- the table

const table: string[][] = [["N", "build", "runs", "median wall", "min wall", "CPU", "peak RSS", "pages", "largest page", "full/bare", "CPU full/bare"]];
for (const row of rows) {
  const walls = row.results.map((r) => r.wall);
  const other = rows.find((r) => r.n === row.n && r.kind !== row.kind)!;
  const ratio = median(walls) / median(other.results.map((r) => r.wall));
  const cpuRatio = median(row.results.map((r) => r.cpu)) / median(other.results.map((r) => r.cpu));
  const largest = row.results[0]!.largest;
  table.push([
    fmtN(row.n),
    row.kind,
    String(row.results.length),
    `${median(walls).toFixed(2)} s`,
    `${Math.min(...walls).toFixed(2)} s`,
    `${median(row.results.map((r) => r.cpu)).toFixed(2)} s`,
    `${Math.round(mb(Math.max(...row.results.map((r) => r.rssBytes))))} MB`,
    fmtN(row.results[0]!.pages),
    `${(largest.bytes / 1024).toFixed(1)} KB ${shorten(largest.file)}`,
    row.kind === "full" ? `${ratio.toFixed(2)}` : "",
    row.kind === "full" ? `${cpuRatio.toFixed(2)}` : "",
  ]);
}
const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
const line = (r: string[]) => "| " + r.map((cell, c) => (c === 8 || c === 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(" | ") + " |";
console.log("\nResults (wall = spawn to exit of the build's own process, median; CPU = its user + system time, median; peak RSS = its maxRSS, highest, without Pagefind's own process: see the search lines)\n");
console.log(line(table[0]!));
console.log("|" + widths.map((w, c) => (c === 8 || c === 1 ? ":" + "-".repeat(w + 1) : "-".repeat(w + 1) + ":")).join("|") + "|");
for (const r of table.slice(1)) console.log(line(r));

console.log("");
for (const row of rows.filter((r) => r.kind === "full")) {
  const s = row.results.map((r) => r.searchSeconds).filter((x): x is number => typeof x === "number");
  console.log(
    s.length
      ? `search index (Pagefind) at ${fmtN(row.n)}: median ${median(s).toFixed(2)} s, of which ${median(row.results.map((r) => r.searchWaitSeconds ?? 0)).toFixed(2)} s after Eleventy's last run; peak RSS ${peaks(row.results).label}`
      : `search index at ${fmtN(row.n)}: not part of this build (buildSite reports no searchSeconds)`,
  );
}
for (const row of rows.filter((r) => r.kind === "full")) {
  const step = sharedSteps.get(row.n);
  if (step) console.log(`shared text at ${fmtN(row.n)}: ${step.seconds.toFixed(2)} s for ${fmtN(step.comparisons)} comparison pages (${((step.seconds / median(row.results.map((r) => r.wall))) * 100).toFixed(1)} % of the full build)`);
}
for (const row of rows.filter((r) => r.kind === "full")) {
  const c = median(checks.get(row.n) ?? []);
  console.log(`npm run check at ${fmtN(row.n)}: median ${c.toFixed(2)} s (full build ${median(row.results.map((r) => r.wall)).toFixed(2)} s)`);
}
if (watch) {
  const edit = median(watch.result.edits);
  const done = median(watch.result.rebuildDone);
  console.log(
    `incremental at ${fmtN(watch.n)}: one-article edit → page rewritten in ${edit.toFixed(2)} s (rebuild finished ${done.toFixed(2)} s; median of ${watch.result.edits.length}); ` +
      `cold full build ${watch.cold.toFixed(2)} s → ${((edit / watch.cold) * 100).toFixed(1)} % of cold (watch start-up build ${watch.result.initial.toFixed(2)} s)`,
  );
}

for (const row of nameRows) {
  console.log(
    `names: ${fmtN(row.entities)} entities on ${fmtN(NAMES_ON)} articles: full build median ${median(row.full.map((r) => r.wall)).toFixed(2)} s, ${fmtN(row.full[0]!.pages)} pages, peak RSS ${Math.round(mb(Math.max(...row.full.map((r) => r.rssBytes))))} MB; npm run check median ${median(row.check).toFixed(2)} s`,
  );
}

// ---------------------------------------------------------------- targets

console.log("\nTargets");
const verdict = (ok: boolean) => (ok ? "OK" : "MISSED");
const fullAt = (n: number) => rows.find((r) => r.n === n && r.kind === "full");
const bareAt = (n: number) => rows.find((r) => r.n === n && r.kind === "bare");
{
  const f = fullAt(TARGET.ratioAt);
  const b = bareAt(TARGET.ratioAt);
  if (f && b) {
    const ratio = median(f.results.map((r) => r.wall)) / median(b.results.map((r) => r.wall));
    const cpuRatio = median(f.results.map((r) => r.cpu)) / median(b.results.map((r) => r.cpu));
    console.log(`  full ≤ ${TARGET.ratio} × bare at ${fmtN(TARGET.ratioAt)}: ${ratio.toFixed(2)} × wall (${cpuRatio.toFixed(2)} × CPU) → ${verdict(ratio <= TARGET.ratio)}`);
    // The search index is a separate program (Pagefind) that bare Eleventy does not run at all.
    const search = f.results.map((r) => r.searchWaitSeconds).filter((x): x is number => typeof x === "number");
    if (search.length === f.results.length) {
      // what the build waits for search after Eleventy: the rest of the step runs beside Eleventy's last runs
      const site = median(f.results.map((r) => r.wall - (r.searchWaitSeconds ?? 0))) / median(b.results.map((r) => r.wall));
      console.log(`    without the search index step (${median(search).toFixed(2)} s after Eleventy's last run): ${site.toFixed(2)} × wall`);
    }
  } else console.log(`  full ≤ ${TARGET.ratio} × bare at ${fmtN(TARGET.ratioAt)}: not measured in this run`);
}
{
  const f = fullAt(TARGET.rssAt);
  if (f) {
    const rss = peaks(f.results);
    console.log(`  peak RSS ≤ ${TARGET.rssMB} MB at ${fmtN(TARGET.rssAt)}: ${rss.label} → ${verdict(rss.mb <= TARGET.rssMB)}`);
    const page = f.results[0]!.largest;
    console.log(`  no page > ${TARGET.pageKB} KB at ${fmtN(TARGET.pageAt)}: largest ${(page.bytes / 1024).toFixed(1)} KB (${page.file}) → ${verdict(page.bytes <= TARGET.pageKB * 1024)}`);
  } else {
    console.log(`  peak RSS ≤ ${TARGET.rssMB} MB and no page > ${TARGET.pageKB} KB at ${fmtN(TARGET.rssAt)}: not measured (run with --full)`);
  }
}
{
  const f = fullAt(TARGET.ratioAt);
  const step = sharedSteps.get(TARGET.ratioAt);
  if (f && step) {
    const share = step.seconds / median(f.results.map((r) => r.wall));
    console.log(`  shared-text step ≤ ${TARGET.sharedShare * 100} % of the full build at ${fmtN(TARGET.ratioAt)}: ${step.seconds.toFixed(2)} s = ${(share * 100).toFixed(1)} % → ${verdict(share <= TARGET.sharedShare)}`);
  }
}
{
  const f = fullAt(TARGET.checkAt);
  const c = checks.get(TARGET.checkAt);
  if (f && c?.length) {
    const share = median(c) / median(f.results.map((r) => r.wall));
    console.log(`  npm run check ≤ ${TARGET.checkShare * 100} % of the full build at ${fmtN(TARGET.checkAt)}: ${median(c).toFixed(2)} s = ${(share * 100).toFixed(1)} % → ${verdict(share <= TARGET.checkShare)}`);
  } else console.log(`  npm run check ≤ ${TARGET.checkShare * 100} % of the full build at ${fmtN(TARGET.checkAt)}: not measured in this run`);
}
if (watch) {
  const share = median(watch.result.edits) / watch.cold;
  console.log(`  one-article edit ≤ ${TARGET.incrementalShare * 100} % of cold at ${fmtN(watch.n)}: ${(share * 100).toFixed(1)} % → ${verdict(share <= TARGET.incrementalShare)}`);
}
{
  const f = fullAt(TARGET.hugeAt);
  const base = fullAt(TARGET.rssAt);
  if (f && base) {
    const rss = peaks(f.results);
    const ratio = median(f.results.map((r) => r.wall)) / median(base.results.map((r) => r.wall));
    console.log(`  peak RSS ≤ ${TARGET.hugeRssMB} MB at ${fmtN(TARGET.hugeAt)}: ${rss.label} → ${verdict(rss.mb <= TARGET.hugeRssMB)}`);
    console.log(`  wall at ${fmtN(TARGET.hugeAt)} ≤ ${TARGET.hugeWallRatio} × wall at ${fmtN(TARGET.rssAt)}: ${ratio.toFixed(2)} × → ${verdict(ratio <= TARGET.hugeWallRatio)}`);
  } else if (failedBuilds.has(TARGET.hugeAt)) {
    console.log(`  peak RSS ≤ ${TARGET.hugeRssMB} MB and wall ≤ ${TARGET.hugeWallRatio} × the ${fmtN(TARGET.rssAt)} build at ${fmtN(TARGET.hugeAt)}: the build failed (${failedBuilds.get(TARGET.hugeAt)}) → MISSED`);
  } else console.log(`  peak RSS ≤ ${TARGET.hugeRssMB} MB and wall ≤ ${TARGET.hugeWallRatio} × the ${fmtN(TARGET.rssAt)} build at ${fmtN(TARGET.hugeAt)}: not measured (run with --n ${TARGET.hugeAt})`);
}
if (nameRows.length) {
  const none = nameRows.find((r) => r.entities === 0)!;
  const most = nameRows[nameRows.length - 1]!;
  const checkRatio = median(most.check) / median(none.check);
  const fullRatio = median(most.full.map((r) => r.wall)) / median(none.full.map((r) => r.wall));
  // matching is part of loading content, which `npm run check` runs without rendering a page
  console.log(`  names: content pipeline (npm run check) with ${fmtN(most.entities)} entities ≤ ${TARGET.namesRatio} × with 0 on ${fmtN(NAMES_ON)} articles: ${checkRatio.toFixed(2)} × → ${verdict(checkRatio <= TARGET.namesRatio)}`);
  console.log(
    `  names: full build with ${fmtN(most.entities)} entities ≤ ${TARGET.namesRatio} × with 0: ${fullRatio.toFixed(2)} × (it writes ${fmtN(most.full[0]!.pages - none.full[0]!.pages)} more pages, one per name) → ${verdict(fullRatio <= TARGET.namesRatio)}`,
  );
}
if (keep) console.log(`\nKept ${work}`);
