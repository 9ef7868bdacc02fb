/**
 * The bench's targets, as a table: each row names what is judged (its limit and size included),
 * reads the measured value from the measurements, and formats it; one loop judges every row
 * (OK when the value is at most the limit) and prints `name: value → OK` or `→ MISSED`.
 */
import type { Measurements, SizeResult } from "./measure.ts";
import { HUGE_AT, HUGE_BASE, NAME_COUNTS, NAMES_ON } from "./options.ts";
import { fmtN, median, peaks, summedPeak } from "./report.ts";

/** Where each target is judged (archive sizes). */
export interface TargetSizes {
  /** The full build with search against bare Eleventy, with 2 workers; the shared-text step and npm run check against the full build. */
  ratioAt: number;
  /** Memory and the largest page. */
  memoryAt: number;
  /** The one-article edit against the cold build. */
  watchAt: number;
  /** A huge archive's memory, and its wall time against the one at hugeBase. */
  hugeAt: number;
  hugeBase: number;
}

const TARGET_SIZES: TargetSizes = {
  ratioAt: 4000,
  memoryAt: 10000,
  watchAt: 4000,
  hugeAt: HUGE_AT,
  hugeBase: HUGE_BASE,
};

/** Every target judged at one size (`--quick`, so that every row's code runs). */
export const targetsAllAt = (n: number): TargetSizes => ({
  ratioAt: n,
  memoryAt: n,
  watchAt: n,
  hugeAt: n,
  hugeBase: n,
});

/** A measured value; undefined when this run did not measure it; `failed` when the build it needs failed (→ MISSED). */
type Reading = number | { failed: string } | undefined;

export interface Target {
  /** What is judged, limit and size included: "peak RSS ≤ 600 MB at 10,000". */
  name: string;
  /** The highest value that is OK, in the value's unit. */
  limit: number;
  value: (m: Measurements) => Reading;
  /** The value as printed before the verdict, e.g. "3.1 %" or "541 MB (build process …)". */
  format: (value: number, m: Measurements) => string;
  /** What to run so that it is measured. */
  unmeasured: string;
  /** Lines printed under the verdict. */
  notes?: (m: Measurements) => string[];
}

const sizeAt = (m: Measurements, n: number) => m.sizes.find((s) => s.n === n);
const walls = (results: { wall: number }[]) => median(results.map((r) => r.wall));

/** `get` on the size `n` when its full build ran; why, when it failed; undefined when `n` was not built or `get` has nothing. */
function at(m: Measurements, n: number, get: (size: SizeResult) => number | undefined): Reading {
  const size = sizeAt(m, n);
  if (!size) return undefined;
  if (size.failed) return { failed: size.failed };
  return size.full.length ? get(size) : undefined;
}

/** The full builds run with BUILD_WORKERS=count at `n`. */
const withWorkers = (m: Measurements, n: number, count: number) =>
  sizeAt(m, n)?.workers.find((w) => w.count === count)?.results ?? [];

const LIMIT = {
  ratio: 2.0,
  rssMB: 600,
  summedMB: 600,
  pageKB: 250,
  sharedPercent: 5,
  checkPercent: 15,
  editPercent: 10,
  hugeRssMB: 2048,
  hugeWallRatio: 5.5,
  namesRatio: 1.15,
};
/** The render workers the ratio target is judged with (BUILD_WORKERS). */
const RATIO_WORKERS = 2;

export function targetTable(sizes: TargetSizes = TARGET_SIZES): Target[] {
  const { ratioAt, memoryAt, watchAt, hugeAt, hugeBase } = sizes;
  const none = NAME_COUNTS[0];
  const most = NAME_COUNTS[NAME_COUNTS.length - 1]!;
  const names = (m: Measurements) => {
    const zero = m.names.find((r) => r.entities === none);
    const full = m.names.find((r) => r.entities === most);
    return zero && full ? { zero, full } : undefined;
  };
  return [
    {
      name: `full build with search ≤ ${LIMIT.ratio.toFixed(1)} × bare at ${fmtN(ratioAt)} (${RATIO_WORKERS} workers)`,
      limit: LIMIT.ratio,
      value: (m) => {
        const full = withWorkers(m, ratioAt, RATIO_WORKERS);
        return at(m, ratioAt, (size) => (full.length ? walls(full) / walls(size.bare) : undefined));
      },
      format: (v) => `${v.toFixed(2)} × wall`,
      unmeasured: `needs --n ${ratioAt}, a default size, without --no-workers`,
      // The search index is a separate program (Pagefind) that bare Eleventy does not run at all.
      notes: (m) => {
        const full = withWorkers(m, ratioAt, RATIO_WORKERS);
        const size = sizeAt(m, ratioAt);
        if (!size?.bare.length || !full.every((r) => typeof r.searchWaitSeconds === "number")) return [];
        // what the build waits for search after Eleventy: the rest of the step runs beside Eleventy's last runs
        const site = median(full.map((r) => r.wall - r.searchWaitSeconds!)) / walls(size.bare);
        return [
          `    without the search index step (${median(full.map((r) => r.searchWaitSeconds!)).toFixed(2)} s after Eleventy's last run): ${site.toFixed(2)} × wall`,
        ];
      },
    },
    {
      name: `peak RSS ≤ ${LIMIT.rssMB} MB at ${fmtN(memoryAt)}`,
      limit: LIMIT.rssMB,
      value: (m) => at(m, memoryAt, (size) => peaks(size.full).mb),
      format: (_, m) => peaks(sizeAt(m, memoryAt)!.full).label,
      unmeasured: `run with --full or --n ${memoryAt}`,
    },
    {
      name: `peak memory, all processes summed, ≤ ${LIMIT.summedMB} MB at ${fmtN(memoryAt)}`,
      limit: LIMIT.summedMB,
      value: (m) => at(m, memoryAt, (size) => summedPeak(size.full).mb),
      format: (_, m) => summedPeak(sizeAt(m, memoryAt)!.full).label,
      unmeasured: `run with --full or --n ${memoryAt}`,
    },
    {
      name: `no page > ${LIMIT.pageKB} KB at ${fmtN(memoryAt)}`,
      limit: LIMIT.pageKB,
      value: (m) => at(m, memoryAt, (size) => size.full[0]!.largest.bytes / 1024),
      format: (v, m) => `largest ${v.toFixed(1)} KB (${sizeAt(m, memoryAt)!.full[0]!.largest.file})`,
      unmeasured: `run with --full or --n ${memoryAt}`,
    },
    {
      name: `shared-text step ≤ ${LIMIT.sharedPercent} % of the full build at ${fmtN(ratioAt)}`,
      limit: LIMIT.sharedPercent,
      value: (m) =>
        at(m, ratioAt, (size) => (size.shared ? (size.shared.seconds / walls(size.full)) * 100 : undefined)),
      format: (v, m) => `${sizeAt(m, ratioAt)!.shared!.seconds.toFixed(2)} s = ${v.toFixed(1)} %`,
      unmeasured: `needs --n ${ratioAt}, a default size`,
    },
    {
      name: `npm run check ≤ ${LIMIT.checkPercent} % of the full build at ${fmtN(ratioAt)}`,
      limit: LIMIT.checkPercent,
      value: (m) =>
        at(m, ratioAt, (size) => (size.checks.length ? (median(size.checks) / walls(size.full)) * 100 : undefined)),
      format: (v, m) => `${median(sizeAt(m, ratioAt)!.checks).toFixed(2)} s = ${v.toFixed(1)} %`,
      unmeasured: `needs --n ${ratioAt}, a default size`,
    },
    {
      name: `one-article edit ≤ ${LIMIT.editPercent} % of cold at ${fmtN(watchAt)}`,
      limit: LIMIT.editPercent,
      value: (m) => (m.watch?.n === watchAt ? (median(m.watch.result.edits) / m.watch.cold) * 100 : undefined),
      format: (v) => `${v.toFixed(1)} %`,
      unmeasured: `needs --n ${watchAt}, a default size, without --no-watch`,
    },
    {
      name: `peak RSS ≤ ${LIMIT.hugeRssMB} MB at ${fmtN(hugeAt)}`,
      limit: LIMIT.hugeRssMB,
      value: (m) => at(m, hugeAt, (size) => peaks(size.full).mb),
      format: (_, m) => peaks(sizeAt(m, hugeAt)!.full).label,
      unmeasured: `run with --n ${hugeAt}`,
    },
    {
      name: `wall at ${fmtN(hugeAt)} ≤ ${LIMIT.hugeWallRatio} × wall at ${fmtN(hugeBase)}`,
      limit: LIMIT.hugeWallRatio,
      value: (m) => {
        const base = sizeAt(m, hugeBase);
        return at(m, hugeAt, (size) => (base?.full.length ? walls(size.full) / walls(base.full) : undefined));
      },
      format: (v) => `${v.toFixed(2)} ×`,
      unmeasured: `run with --n ${hugeAt}`,
    },
    {
      // matching is part of loading content, which `npm run check` runs without rendering a page
      name: `names: content pipeline (npm run check) with ${fmtN(most)} entities ≤ ${LIMIT.namesRatio} × with ${none} on ${fmtN(NAMES_ON)} articles`,
      limit: LIMIT.namesRatio,
      value: (m) => {
        const r = names(m);
        return r && median(r.full.check) / median(r.zero.check);
      },
      format: (v) => `${v.toFixed(2)} ×`,
      unmeasured: `needs --n ${NAMES_ON}, a default size, without --no-names`,
    },
    {
      name: `names: full build with ${fmtN(most)} entities ≤ ${LIMIT.namesRatio} × with ${none}`,
      limit: LIMIT.namesRatio,
      value: (m) => {
        const r = names(m);
        return r && walls(r.full.full) / walls(r.zero.full);
      },
      format: (v, m) => {
        const r = names(m)!;
        return `${v.toFixed(2)} × (it writes ${fmtN(r.full.full[0]!.pages - r.zero.full[0]!.pages)} more pages, one per name)`;
      },
      unmeasured: `needs --n ${NAMES_ON}, a default size, without --no-names`,
    },
  ];
}

/** One line per target: its value and OK or MISSED, or why it was not measured. */
export function targetLines(targets: Target[], m: Measurements, heading = "Targets"): string[] {
  const out = ["", heading];
  for (const t of targets) {
    const v = t.value(m);
    if (v === undefined) out.push(`  ${t.name}: not measured (${t.unmeasured})`);
    else if (typeof v === "object") out.push(`  ${t.name}: the build failed (${v.failed}) → MISSED`);
    else out.push(`  ${t.name}: ${t.format(v, m)} → ${v <= t.limit ? "OK" : "MISSED"}`, ...(t.notes?.(m) ?? []));
  }
  return out;
}
