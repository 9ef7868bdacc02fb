/** Printing what the bench measured: the results table and one line per measurement. */
import os from "node:os";
import type { Measurements, RunResult, SizeResult } from "./measure.ts";
import { NAMES_ON, type BenchOptions } from "./options.ts";

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
export const fmtN = (n: number) => n.toLocaleString("en-GB");
const mb = (bytes: number) => bytes / 1024 / 1024;
/** "1 worker", "2 workers" */
export const workersLabel = (count: number) => `${count} worker${count === 1 ? "" : "s"}`;
/** `sources/x/some-long-slug-42/index.html` → `sources/x/…/index.html` */
const shorten = (file: string) => (file.length <= 32 ? file : file.replace(/^([^/]+\/[^/]+\/).*(\/[^/]+)$/, "$1…$2"));
const walls = (results: RunResult[]) => median(results.map((r) => r.wall));

/** The higher peak of the build's process and Pagefind's, over runs, in MB, with how it splits. */
export function peaks(results: RunResult[]): { mb: number; label: string } {
  const node = mb(Math.max(...results.map((r) => r.rssBytes)));
  const known = results.map((r) => r.pagefindBytes).filter((x): x is number => typeof x === "number");
  if (!known.length)
    return { mb: node, label: `${Math.round(node)} MB (build process; Pagefind's process not measured here)` };
  const search = mb(Math.max(...known));
  return {
    mb: Math.max(node, search),
    label: `${Math.round(Math.max(node, search))} MB (build process ${Math.round(node)} MB, Pagefind's process ${Math.round(search)} MB)`,
  };
}

/** A run's peak memory with every process summed: the build's own, each render worker's and Pagefind's. */
const summedBytes = (r: RunResult) =>
  r.rssBytes + (r.workerBytes ?? []).reduce((a, b) => a + b, 0) + (r.pagefindBytes ?? 0);

/** The highest summed peak over runs, in MB, with how that run's splits. */
export function summedPeak(results: RunResult[]): { mb: number; label: string } {
  const top = results.reduce((a, b) => (summedBytes(b) > summedBytes(a) ? b : a));
  const total = mb(summedBytes(top));
  const workers = top.workerBytes
    ? `${workersLabel(top.workerBytes.length)} ${Math.round(mb(top.workerBytes.reduce((a, b) => a + b, 0)))} MB`
    : "workers not reported by the build";
  const pagefind =
    top.pagefindBytes === undefined
      ? "Pagefind's process not measured"
      : `Pagefind's process ${Math.round(mb(top.pagefindBytes))} MB`;
  return {
    mb: total,
    label: `${Math.round(total)} MB (build process ${Math.round(mb(top.rssBytes))} MB, ${workers}, ${pagefind})`,
  };
}

/** Sizes whose full build ran (not failed), with their bare builds. */
const built = (m: Measurements): SizeResult[] => m.sizes.filter((s) => s.full.length && s.bare.length);

export function introLines(opts: BenchOptions, work: string): string[] {
  return [
    `Benchmark: ${opts.sizes.map(fmtN).join(", ")} articles, ${opts.runs} run${opts.runs === 1 ? "" : "s"} each${opts.warmup ? " after a warm-up" : ""}; temporary folder ${work}`,
    `Machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GB memory, Node ${process.version}`,
  ];
}

/** The results table, then a line per search index, shared-text step, check, worker count, incremental edit and entity count. */
export function resultLines(m: Measurements): string[] {
  const sizes = built(m);
  const table: string[][] = [
    [
      "N",
      "build",
      "runs",
      "median wall",
      "min wall",
      "CPU",
      "peak RSS",
      "pages",
      "largest page",
      "full/bare",
      "CPU full/bare",
    ],
  ];
  for (const size of sizes) {
    for (const kind of ["full", "bare"] as const) {
      const results = size[kind];
      const other = size[kind === "full" ? "bare" : "full"];
      const cpu = median(results.map((r) => r.cpu));
      const largest = results[0]!.largest;
      table.push([
        fmtN(size.n),
        kind,
        String(results.length),
        `${walls(results).toFixed(2)} s`,
        `${Math.min(...results.map((r) => r.wall)).toFixed(2)} s`,
        `${cpu.toFixed(2)} s`,
        `${Math.round(mb(Math.max(...results.map((r) => r.rssBytes))))} MB`,
        fmtN(results[0]!.pages),
        `${(largest.bytes / 1024).toFixed(1)} KB ${shorten(largest.file)}`,
        kind === "full" ? `${(walls(results) / walls(other)).toFixed(2)}` : "",
        kind === "full" ? `${(cpu / median(other.map((r) => r.cpu))).toFixed(2)}` : "",
      ]);
    }
  }
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  const leftAligned = (c: number) => c === 8 || c === 1;
  const line = (r: string[]) =>
    "| " +
    r.map((cell, c) => (leftAligned(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(" | ") +
    " |";
  const out = [
    "",
    "Results (wall = spawn to exit of the build's own process, median; CPU = its user + system time, median; peak RSS = its maxRSS, highest, without Pagefind's own process: see the search lines)",
    "",
    line(table[0]!),
    "|" + widths.map((w, c) => (leftAligned(c) ? ":" + "-".repeat(w + 1) : "-".repeat(w + 1) + ":")).join("|") + "|",
    ...table.slice(1).map(line),
    "",
  ];

  for (const { n, full } of sizes) {
    const s = full.map((r) => r.searchSeconds).filter((x): x is number => typeof x === "number");
    out.push(
      s.length
        ? `search index (Pagefind) at ${fmtN(n)}: median ${median(s).toFixed(2)} s, of which ${median(full.map((r) => r.searchWaitSeconds ?? 0)).toFixed(2)} s after Eleventy's last run; peak RSS ${peaks(full).label}`
        : `search index at ${fmtN(n)}: not part of this build (buildSite reports no searchSeconds)`,
    );
  }
  for (const { n, full, shared } of sizes) {
    if (shared)
      out.push(
        `shared text at ${fmtN(n)}: ${shared.seconds.toFixed(2)} s for ${fmtN(shared.comparisons)} comparison pages (${((shared.seconds / walls(full)) * 100).toFixed(1)} % of the full build)`,
      );
  }
  for (const { n, full, checks } of sizes)
    out.push(
      `npm run check at ${fmtN(n)}: median ${median(checks).toFixed(2)} s (full build ${walls(full).toFixed(2)} s)`,
    );
  for (const { n, bare, workers } of sizes) {
    const measured = workers.filter((w) => w.results.length);
    if (!measured.length) continue;
    out.push(
      `workers at ${fmtN(n)}: ${measured.map((w) => `${workersLabel(w.count)} median ${walls(w.results).toFixed(2)} s`).join(", ")} ` +
        `(full/bare ${measured.map((w) => `${w.count}: ${(walls(w.results) / walls(bare)).toFixed(2)} ×`).join(", ")})`,
    );
  }
  if (m.watch) {
    const { n, result, cold } = m.watch;
    const edit = median(result.edits);
    out.push(
      `incremental at ${fmtN(n)}: one-article edit → page rewritten in ${edit.toFixed(2)} s (rebuild finished ${median(result.rebuildDone).toFixed(2)} s; median of ${result.edits.length}); ` +
        `cold full build ${cold.toFixed(2)} s → ${((edit / cold) * 100).toFixed(1)} % of cold (watch start-up build ${result.initial.toFixed(2)} s)`,
    );
  }
  for (const row of m.names) {
    out.push(
      `names: ${fmtN(row.entities)} entities on ${fmtN(NAMES_ON)} articles: full build median ${walls(row.full).toFixed(2)} s, ${fmtN(row.full[0]!.pages)} pages, peak RSS ${Math.round(mb(Math.max(...row.full.map((r) => r.rssBytes))))} MB; npm run check median ${median(row.check).toFixed(2)} s`,
    );
  }
  return out;
}
