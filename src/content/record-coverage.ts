/**
 * How far the record of each report (record.ts) reaches, per outlet: of its published reports,
 * how many give their original's address (`url`), how many have a capture of it, how many were
 * rechecked lately, changed by the outlet after the first capture, or removed. `npm run check --
 * --record` prints it. Pure: the day it is counted to is given, never read from a clock.
 */
import type { ReportRecord } from "./record.ts";

/** What is counted of a report: its outlet, its original's address and its record. */
export interface CountedReport {
  readonly source: { readonly id: string };
  readonly url?: string;
  readonly record?: ReportRecord;
}

/** The figures of one outlet, or of all of them. */
interface CoverageRow {
  /** Published reports (drafts are not counted: they are not on the site). */
  readonly reports: number;
  /** Of those, reports that give their original's address (`url`): only these can be captured and rechecked. */
  readonly withUrl: number;
  /** Reports with a record: at least a first capture. */
  readonly captured: number;
  /** Records whose original was last checked (`checked`, or a recheck's capture) on one of the last `days` days. */
  readonly rechecked: number;
  /** Records where the outlet changed the headline or the text after the first capture (a return after a removal in the same words is no change). */
  readonly changed: number;
  /** Records whose original is gone at the last look (the last capture is a removal). */
  readonly removed: number;
  /** `captured` of `reports`, in per cent, rounded down to a tenth (100 only when every report has a capture); null without reports. */
  readonly coverage: number | null;
}

export interface RecordCoverage {
  /** The day counted to (UTC, `YYYY-MM-DD`) and how many days back "rechecked" looks, today included. */
  readonly today: string;
  readonly days: number;
  /** One row per outlet with a published report, by source id. */
  readonly sources: readonly ({ readonly source: string } & CoverageRow)[];
  readonly total: CoverageRow;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

const dayOf = (instant: string) => new Date(instant).toISOString().slice(0, 10);

/**
 * The record's figures: the last day (UTC) `npm run recheck` looked at the original (`checked`,
 * or a later capture of a recheck: a version or a removal), whether the outlet changed the text
 * after the first capture, whether the original is gone.
 */
function recordFigures(record: ReportRecord): { last?: string; changed: boolean; removed: boolean } {
  const looks = [
    ...record.versions.filter((v) => v.by === "recheck").map((v) => v.at),
    ...record.changes.filter((c) => c.kind === "removed").map((c) => c.at),
  ].map(dayOf);
  const last = [record.checked, ...looks].reduce<string | undefined>((a, b) => (!a || (b && b > a) ? b : a), undefined);
  // a return after a removal with the same words is no change
  const changed = record.diffs.some(
    (d) => d.title.some((p) => p.op !== "same") || d.blocks.some((b) => b.kind !== "same"),
  );
  return { last, changed, removed: record.removed !== undefined };
}

function percent(part: number, whole: number): number | null {
  return whole ? Math.floor((part * 1000) / whole) / 10 : null;
}

/**
 * The figures of `reports` (the published ones), per outlet and in total, "rechecked" meaning on
 * `today` or one of the `days - 1` days before it.
 */
export function recordCoverage(
  reports: readonly CountedReport[],
  options: { today: string; days: number },
): RecordCoverage {
  const { today, days } = options;
  if (!DAY.test(today) || Number.isNaN(dayNumber(today))) throw new RangeError(`today is not a day: "${today}"`);
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days is not a whole number of days: ${days}`);
  const todayN = dayNumber(today);
  type Tally = {
    reports: number;
    withUrl: number;
    captured: number;
    rechecked: number;
    changed: number;
    removed: number;
  };
  const empty = (): Tally => ({ reports: 0, withUrl: 0, captured: 0, rechecked: 0, changed: 0, removed: 0 });
  const bySource = new Map<string, Tally>();
  const total = empty();
  for (const report of reports) {
    let row = bySource.get(report.source.id);
    if (!row) bySource.set(report.source.id, (row = empty()));
    const figures = report.record && recordFigures(report.record);
    for (const t of [row, total]) {
      t.reports++;
      if (report.url) t.withUrl++;
      if (!figures) continue;
      t.captured++;
      if (figures.last && todayN - dayNumber(figures.last) < days) t.rechecked++;
      if (figures.changed) t.changed++;
      if (figures.removed) t.removed++;
    }
  }
  const done = (t: Tally): CoverageRow => ({ ...t, coverage: percent(t.captured, t.reports) });
  return {
    today,
    days,
    sources: [...bySource]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([source, t]) => ({ source, ...done(t) })),
    total: done(total),
  };
}

const COLUMNS = [
  ["reports", "reports"],
  ["withUrl", "with url"],
  ["captured", "captured"],
  ["rechecked", "rechecked"],
  ["changed", "changed"],
  ["removed", "removed"],
] as const;

const shownPercent = (p: number | null) => (p === null ? "–" : `${p.toFixed(1)} %`);

/** The figures as rows of cells: a header, one row per outlet, the total. */
function cells(c: RecordCoverage): string[][] {
  const row = (label: string, r: CoverageRow) => [
    label,
    ...COLUMNS.map(([key]) => String(r[key])),
    shownPercent(r.coverage),
  ];
  return [
    ["source", ...COLUMNS.map(([, head]) => head), "coverage"],
    ...c.sources.map((s) => row(s.source, s)),
    row("total", c.total),
  ];
}

/** The heading both forms give: what "rechecked" counts. */
function heading(c: RecordCoverage): string {
  return `The record of each report: published reports, rechecked on one of the last ${c.days} day${c.days === 1 ? "" : "s"} to ${c.today} (UTC)`;
}

/** A terminal's table: the outlet left-aligned, the figures right-aligned, columns two spaces apart. */
export function coverageText(c: RecordCoverage): string {
  const rows = cells(c);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [`${heading(c)}:`, ...rows.map(line)].join("\n");
}

/** The same table in Markdown (a workflow's job summary). */
export function coverageMarkdown(c: RecordCoverage): string {
  const rows = cells(c);
  const line = (r: string[]) => `| ${r.join(" | ")} |`;
  return [
    `### ${heading(c)}`,
    "",
    line(rows[0]!),
    `| --- |${" ---: |".repeat(rows[0]!.length - 1)}`,
    ...rows.slice(1, -1).map(line),
    line(rows.at(-1)!.map((cell) => `**${cell}**`)),
    "",
  ].join("\n");
}
