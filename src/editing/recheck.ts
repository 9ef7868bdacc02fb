/**
 * `npm run recheck`: is what each outlet published still what it says? Every published report
 * with an original address (`url`) is fetched again by the importer's fetcher (the same
 * User-Agent, robots.txt, per-host delay and limits), its headline and text extracted as the
 * importer extracts them (record-file.ts), and compared with its record's last capture:
 *
 *   - no record yet: this capture is the first;
 *   - the same words (white space, quote marks, dashes, paragraph breaks, page furniture and
 *     related links aside): nothing is recorded but the day (`checked`);
 *   - other words: a new version, with its time;
 *   - HTTP 404 or 410, or a redirect to the outlet's home page: removed by the outlet (once; our
 *     copy stays); a page that comes back is a new version;
 *   - anything else (a timeout, a 5xx, robots.txt): failed, one row, nothing written.
 *
 * A second run the same day with no change writes nothing.
 */
import { Duration } from "luxon";
import type { ContentPaths } from "../content/pipeline.ts";
import type { CaptureData, RecordData } from "../content/schema.ts";
import { addressKey } from "../content/address.ts";
import { readDataList, reportFronts, textField } from "./content-reads.ts";
import type { FetchOptions, FetchResult } from "./fetcher.ts";
import { cut, oneLine, renderTable } from "./table.ts";
import { differs, extractPage, readRecordFile, writeRecordFile } from "./record-file.ts";

interface RecheckOptions {
  /** Only this source's reports (`--source <id>`). */
  source?: string;
  /** Only this story's reports (`--story <id>`). */
  story?: string;
  /** Only reports not rechecked within this duration (`--older-than 7d`), in ms. */
  olderThanMs?: number;
  /** Compare and print, write nothing (`--dry-run`). */
  dryRun?: boolean;
}

export interface RecheckContext {
  paths: ContentPaths;
  /** `fetchPage` (fetcher.ts), or another with its shape. */
  fetch: (address: string, options: FetchOptions) => Promise<FetchResult>;
  fetchOptions: FetchOptions;
  /** The time of a capture, and the day recorded as `checked`. */
  now: () => Date;
  options: RecheckOptions;
}

type Outcome = "first capture" | "unchanged" | "changed" | "removed" | "still removed" | "restored" | "failed";

interface RecheckRow {
  /** `source-id/slug`. */
  article: string;
  title: string;
  outcome: Outcome;
  /** What changed, why it counts as removed, why it failed. */
  detail: string;
}

export interface RecheckResult {
  rows: RecheckRow[];
  /** Reports left out: rechecked more recently than --older-than. */
  recent: number;
  /** Record files written (relative to the content root). */
  written: string[];
  /** Why nothing was done (an unknown source or story, a bad duration). */
  stop?: string;
}

interface Report {
  key: string;
  source: string;
  title: string;
  url: string;
  story?: string;
}

/** `7d`, `12h`, `30m`, `2w`, or an ISO 8601 duration (`P7D`, `PT12H`): milliseconds, or undefined. */
export function parseDuration(value: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(m|min|h|d|w)$/i.exec(value.trim());
  if (m) {
    const unit = { m: 60e3, min: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 }[
      m[2]!.toLowerCase() as "m" | "min" | "h" | "d" | "w"
    ];
    return Number(m[1]) * unit;
  }
  const d = Duration.fromISO(value.trim());
  return d.isValid ? d.as("milliseconds") : undefined;
}

/** The published reports (not drafts) with an original address, in file order. */
function publishedReports(paths: ContentPaths): Report[] {
  return reportFronts(paths).flatMap(({ key, source, front }) => {
    const title = textField(front, "title");
    const url = textField(front, "url");
    return front.draft === true || !url || !title
      ? []
      : [{ key, source, title, url, story: textField(front, "story") }];
  });
}

/** A redirect that lands on the outlet's home page (or the site's root) instead of the report. */
function homeRedirect(requested: string, landed: string, home: string | undefined): boolean {
  if (addressKey(requested) === addressKey(landed)) return false;
  const path = (u: string) => {
    try {
      return new URL(u).pathname.replace(/\/+$/, "");
    } catch {
      return "?";
    }
  };
  const at = path(landed);
  return at === "" || (!!home && addressKey(landed) === addressKey(home)) || (!!home && at === path(home));
}

/** What a new version changed, in a few words for the table. */
function changeWords(before: CaptureData, after: { title: string; text: string[] }): string {
  const what: string[] = [];
  if (oneLine(before.title ?? "") !== oneLine(after.title)) what.push("headline");
  const a = new Set((before.text ?? []).map(oneLine));
  const b = new Set(after.text.map(oneLine));
  const gone = [...a].filter((p) => !b.has(p)).length;
  const added = [...b].filter((p) => !a.has(p)).length;
  if (gone || added) what.push(`text (${gone} paragraph${gone === 1 ? "" : "s"} out, ${added} in)`);
  return what.join(", ") || "text";
}

/** Rechecks one report: its row, or that it was checked within --older-than, and the record file written. */
async function recheckOne(
  ctx: RecheckContext,
  report: Report,
  homes: Map<string, string | undefined>,
): Promise<{ row?: RecheckRow; recent?: true; written?: string }> {
  const now = ctx.now();
  const today = now.toISOString().slice(0, 10);
  const row: RecheckRow = { article: report.key, title: report.title, outcome: "failed", detail: "" };
  const read = readRecordFile(ctx.paths, report.key);
  if (read === "broken") {
    row.detail = `record/${report.key}.json cannot be read (npm run check says why): correct it first`;
    return { row };
  }
  const record = read;
  if (
    record?.checked &&
    ctx.options.olderThanMs !== undefined &&
    now.getTime() - Date.parse(`${record.checked}T00:00:00Z`) < ctx.options.olderThanMs
  ) {
    return { recent: true };
  }
  const fetched = await ctx.fetch(report.url, ctx.fetchOptions);
  // the run's clock (the response's own time is within a second of it), so a run with its clock set is one time line
  const lastAt = record?.captures.at(-1)?.at;
  const at = lastAt && Date.parse(lastAt) > now.getTime() ? lastAt : now.toISOString();
  let next: RecordData;
  const last = record?.captures.at(-1);
  const lastText = [...(record?.captures ?? [])].reverse().find((c) => c.removed === undefined);
  const gone =
    !fetched.ok && (fetched.status === 404 || fetched.status === 410)
      ? `HTTP ${fetched.status}`
      : fetched.ok && homeRedirect(report.url, fetched.url, homes.get(report.source))
        ? `redirected to the home page ${fetched.url}`
        : undefined;
  if (gone) {
    if (!record) {
      Object.assign(row, { outcome: "failed", detail: `${gone}: gone before it was ever captured` });
      return { row };
    }
    if (last?.removed !== undefined) {
      Object.assign(row, { outcome: "still removed", detail: `${gone} (since ${last.at})` });
      next = { ...record, checked: today };
    } else {
      Object.assign(row, { outcome: "removed", detail: gone });
      next = {
        ...record,
        checked: today,
        captures: [...record.captures, { at, by: "recheck", from: fetched.url, removed: gone }],
      };
    }
  } else if (!fetched.ok) {
    Object.assign(row, { outcome: "failed", detail: oneLine(fetched.reason) });
    return { row };
  } else {
    let page: ReturnType<typeof extractPage>;
    try {
      page = extractPage(fetched.bytes, { contentType: fetched.contentType, address: fetched.url });
    } catch (e) {
      page = { stop: `the page could not be read: ${(e as Error).message}` };
    }
    if ("stop" in page) {
      Object.assign(row, { outcome: "failed", detail: oneLine(page.stop) });
      return { row };
    }
    const capture: CaptureData = {
      at,
      by: "recheck",
      from: fetched.url,
      sha256: fetched.sha256,
      title: page.title,
      text: page.text,
    };
    if (!record || !lastText) {
      Object.assign(row, { outcome: "first capture", detail: `${page.text.length} paragraphs` });
      next = { url: record?.url ?? report.url, checked: today, captures: [...(record?.captures ?? []), capture] };
    } else if (last?.removed !== undefined) {
      Object.assign(row, { outcome: "restored", detail: `back after ${last.removed} (${last.at})` });
      next = { ...record, checked: today, captures: [...record.captures, capture] };
    } else if (differs(lastText, page)) {
      Object.assign(row, { outcome: "changed", detail: changeWords(lastText, page) });
      next = { ...record, checked: today, captures: [...record.captures, capture] };
    } else {
      Object.assign(row, { outcome: "unchanged", detail: "" });
      next = { ...record, checked: today };
    }
  }
  const same = record && record.checked === next.checked && record.captures.length === next.captures.length;
  if (same || ctx.options.dryRun) return { row };
  return { row, written: writeRecordFile(ctx.paths, report.key, next) };
}

/** Reports rechecked at once (on different hosts; one host's requests still wait their turn). */
const CONCURRENT = 6;

/** Runs recheck: see the module's comment. Never throws for what a site sends. */
export async function recheck(ctx: RecheckContext): Promise<RecheckResult> {
  const { paths, options } = ctx;
  const result: RecheckResult = { rows: [], recent: 0, written: [] };
  let sources: { id: string; url?: string }[];
  let stories: { id: string }[];
  try {
    sources = readDataList(paths, "sources.json");
    stories = readDataList(paths, "stories.json");
  } catch (e) {
    return { ...result, stop: `_data/ cannot be read: ${(e as Error).message}; run npm run check` };
  }
  if (options.source && !sources.some((s) => s.id === options.source))
    return {
      ...result,
      stop: `unknown source "${options.source}": known sources are ${sources.map((s) => s.id).join(", ") || "none"}`,
    };
  if (options.story) {
    if (!stories.some((s) => s.id === options.story))
      return {
        ...result,
        stop: `unknown story "${options.story}": known stories are ${stories.map((s) => s.id).join(", ") || "none"}`,
      };
  }
  const homes = new Map(sources.map((s) => [s.id, s.url]));
  const reports = publishedReports(paths).filter(
    (r) => (!options.source || r.source === options.source) && (!options.story || r.story === options.story),
  );
  // several reports at once: the fetcher still sends one request at a time to a host, a second apart
  const outcomes = new Array<Awaited<ReturnType<typeof recheckOne>>>(reports.length);
  let next = 0;
  const worker = async () => {
    while (next < reports.length) {
      const i = next++;
      outcomes[i] = await recheckOne(ctx, reports[i]!, homes);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT, reports.length) }, worker));
  for (const o of outcomes) {
    if (o.recent) result.recent++;
    if (o.row) result.rows.push(o.row);
    if (o.written) result.written.push(o.written);
  }
  return result;
}

/** The table, as text for a terminal or as markdown (the workflow's pull request body). */
export function formatRecheckTable(
  result: RecheckResult,
  options: { markdown?: boolean; dryRun?: boolean } = {},
): string {
  const rows = result.rows.map((r) => [
    r.article,
    cut(r.title, 50),
    r.detail ? `${r.outcome}: ${cut(r.detail, 90)}` : r.outcome,
  ]);
  const count = (o: Outcome) => result.rows.filter((r) => r.outcome === o).length;
  const summary = [
    `${result.rows.length} report${result.rows.length === 1 ? "" : "s"} rechecked`,
    `${count("changed")} changed`,
    `${count("removed")} removed`,
    `${count("restored")} restored`,
    `${count("first capture")} first captures`,
    `${count("failed")} failed`,
    `${result.recent} checked within --older-than`,
  ].join(", ");
  const tail = `${summary}${options.dryRun ? " (--dry-run: nothing written)" : `; ${result.written.length} record file${result.written.length === 1 ? "" : "s"} written`}`;
  return renderTable(["report", "headline", "outcome"], rows, tail, options.markdown);
}
