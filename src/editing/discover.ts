/**
 * `npm run discover` (issue 27): new reports of the stories, from the sources' feeds and listing
 * pages, imported as drafts. For every source with `feeds` (or a `listing`) in
 * `_data/sources.json`: each feed is fetched (`fetcher.ts`, politely) and read (`feeds.ts`); an
 * item already in `discover/seen.json` is passed over; the others are matched to a story by its
 * `watch` (`story-rules.ts`), compared with the reports already there and the other items of the
 * run (`item-duplicates.ts`: address, feed id, headline), and each one left is fetched and imported
 * (`importer.ts`) as a draft (`draft: true`, its `story`, `accessed` and `provenance`), unless its
 * text is 90 % another's. Every item's outcome is one row of the table and (except a failure, tried
 * again next run) one entry of the state file, so a second run writes nothing. One outlet's broken
 * feed is a row, never a stop.
 */
import path from "node:path";
import { parseJsonFile, readTextFile } from "../content/files.ts";
import type { ContentPaths } from "../content/pipeline.ts";
import { isError } from "../content/problems.ts";
import { addressKey } from "../content/address.ts";
import { writeArticle } from "./article-file.ts";
import { readDataList, reportFronts, textField } from "./content-reads.ts";
import { readSeen, recordSeen, type SeenState, writeSeen } from "./discover-state.ts";
import type { FetchOptions, FetchResult } from "./fetcher.ts";
import { ROBOTS_TOKEN, userAgentFor } from "./fetcher.ts";
import { type FeedFormat, type FeedItem, parseFeed, parseListing } from "./feeds.ts";
import { importReport } from "./importer.ts";
import { writeFirstCapture } from "./record-file.ts";
import { duplicateOf, textDuplicateOf } from "./item-duplicates.ts";
import { matchStory } from "./story-rules.ts";
import { cut, oneLine, renderTable } from "./table.ts";

interface DiscoverOptions {
  /** Only this story's reports (`--story <id>`). */
  story?: string;
  /** YYYY-MM-DD: replaces every story's `watch.since` (`--since <date>`). */
  since?: string;
  /** Print the table, write nothing (`--dry-run`). */
  dryRun?: boolean;
}

export interface DiscoverContext {
  paths: ContentPaths;
  /** `fetchPage` (fetcher.ts), or another with its shape. */
  fetch: (address: string, options: FetchOptions) => Promise<FetchResult>;
  /** The fetcher's settings: the User-Agent, and the delays and limits (its defaults when left out). */
  fetchOptions: FetchOptions;
  /** The time recorded in the state file. */
  now: () => Date;
  options: DiscoverOptions;
}

type Outcome = "draft" | "skipped" | "duplicate" | "failed";

interface DiscoverRow {
  source: string;
  /** The item's headline, or the feed's address for a feed that failed. */
  title: string;
  url?: string;
  outcome: Outcome;
  /** The draft's file, the reason it was skipped or failed, what it duplicates. */
  detail: string;
  story?: string;
}

export interface DiscoverResult {
  rows: DiscoverRow[];
  /** Items passed over because the state file has them. */
  seenBefore: number;
  /** Draft files written (relative to the content root). */
  written: string[];
  /** Their record files (record/<source-id>/<slug>.json: the first capture of each). */
  records: string[];
  /** Why nothing was done (an unknown story, a bad state file, a bad --since). */
  stop?: string;
}

interface Source {
  id: string;
  feeds?: { url: string; format?: FeedFormat }[];
  listing?: { url: string; links: string };
}

interface Story {
  id: string;
  watch?: { terms: string[]; exclude?: string[]; since?: string };
}

/** The User-Agent: USER_AGENT, else one naming the site (`_data/site.json`'s title and url). */
export function siteUserAgent(paths: ContentPaths): string {
  if (process.env.USER_AGENT) return process.env.USER_AGENT;
  try {
    const site = parseJsonFile(readTextFile(path.join(paths.dataDir, "site.json"), paths.root)).value as {
      title?: unknown;
      url?: unknown;
    };
    if (typeof site?.title === "string" && typeof site.url === "string")
      return userAgentFor({ title: site.title, url: site.url });
  } catch {}
  return ROBOTS_TOKEN;
}

/** The reports already in src/articles/ (drafts too): file, source, address and headline. */
function knownReports(paths: ContentPaths): { file: string; source: string; url?: string; title?: string }[] {
  return reportFronts(paths).map((r) => ({
    file: r.file,
    source: r.source,
    url: textField(r.front, "url"),
    title: textField(r.front, "title"),
  }));
}

/** Runs discover: see the module's comment. Never throws for what a site sends. */
export async function discover(ctx: DiscoverContext): Promise<DiscoverResult> {
  const { paths, options } = ctx;
  const result: DiscoverResult = { rows: [], seenBefore: 0, written: [], records: [] };
  if (options.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.since))
    return { ...result, stop: `--since "${options.since}" is not a date (YYYY-MM-DD)` };
  let sources: Source[];
  let stories: Story[];
  let entities: { name: string; aliases?: string[]; forms?: Record<string, string[]> }[];
  try {
    sources = readDataList<Source>(paths, "sources.json");
    stories = readDataList<Story>(paths, "stories.json");
    entities = readDataList(paths, "entities.json");
  } catch (e) {
    return { ...result, stop: `_data/ cannot be read: ${(e as Error).message}; run npm run check` };
  }
  if (options.story !== undefined) {
    const story = stories.find((s) => s.id === options.story);
    if (!story)
      return {
        ...result,
        stop: `unknown story "${options.story}": known stories are ${stories.map((s) => s.id).join(", ") || "none"}`,
      };
    if (!story.watch) return { ...result, stop: `story "${story.id}" has no watch (terms) in _data/stories.json` };
    stories = [story];
  }
  if (options.since !== undefined)
    stories = stories.map((s) => (s.watch ? { ...s, watch: { ...s.watch, since: options.since } } : s));
  const seen = readSeen(paths.root);
  if (!seen.ok) return { ...result, stop: seen.reason };
  let state: SeenState = seen.state;
  // a narrowed run (--story, --since) does not record what it passes over: a full run may take it
  const recordSkips = options.story === undefined && options.since === undefined;
  const reports = knownReports(paths);
  const runItems: { source: string; id?: string; url?: string; title?: string }[] = [];
  const runDrafts: { file: string; text: string }[] = [];
  const record = (source: string, item: FeedItem, outcome: "draft" | "skipped" | "duplicate", file?: string) => {
    if (options.dryRun) return;
    const entry = { seen: ctx.now().toISOString(), outcome, ...(file ? { file } : {}) };
    state = recordSeen(state, source, addressKey(item.url), entry);
    writeSeen(paths.root, state);
  };

  for (const source of sources) {
    const lists = [
      ...(source.feeds ?? []).map((f) => ({ url: f.url, format: f.format, links: undefined as string | undefined })),
      ...(source.listing ? [{ url: source.listing.url, format: undefined, links: source.listing.links }] : []),
    ];
    for (const list of lists) {
      const page = await ctx.fetch(list.url, ctx.fetchOptions);
      const parsed = !page.ok
        ? { ok: false as const, reason: page.reason }
        : list.links !== undefined
          ? parseListing(page.bytes, page.url, list.links)
          : parseFeed(page.bytes, { url: page.url, format: list.format });
      if (!parsed.ok) {
        result.rows.push({
          source: source.id,
          title: list.url,
          url: list.url,
          outcome: "failed",
          detail: `${list.links !== undefined ? "listing" : "feed"}: ${oneLine(parsed.reason)}`,
        });
        continue;
      }
      for (const item of parsed.items) {
        const keys = [addressKey(item.url), item.id];
        if (keys.some((k) => state[source.id]?.[k])) {
          result.seenBefore++;
          continue;
        }
        const row: DiscoverRow = {
          source: source.id,
          title: item.title,
          url: item.url,
          outcome: "skipped",
          detail: "",
        };
        result.rows.push(row);
        const match = matchStory(item, stories, entities);
        if ("skipped" in match) {
          row.detail = match.skipped;
          if (recordSkips) record(source.id, item, "skipped");
          continue;
        }
        row.story = match.story.id;
        const dup = duplicateOf({ ...item, source: source.id }, { reports, items: runItems });
        runItems.push({ source: source.id, id: item.id, url: item.url, title: item.title });
        if (dup) {
          Object.assign(row, { outcome: "duplicate", detail: `${dup.of} (the same ${dup.duplicate})` });
          record(source.id, item, "duplicate");
          continue;
        }
        const fetched = await ctx.fetch(item.url, ctx.fetchOptions);
        if (!fetched.ok) {
          Object.assign(row, { outcome: "failed", detail: oneLine(fetched.reason) });
          continue;
        }
        const front = {
          accessed: fetched.fetchedAt.slice(0, 10),
          provenance: { feed: list.url, item: item.id, fetched: fetched.fetchedAt, sha256: fetched.sha256 },
          draft: true,
        };
        const run = (flags: { title?: string; date?: string }) =>
          importReport(
            paths,
            fetched.url,
            { source: source.id, story: match.story.id, ...flags },
            {
              dryRun: true,
              contentType: fetched.contentType,
              fetched: { bytes: fetched.bytes, address: fetched.url },
              front,
              capture: { by: "discover", at: fetched.fetchedAt },
            },
          );
        let imported: ReturnType<typeof importReport>;
        try {
          imported = run({});
          // a page without its headline or date: the feed's
          if (imported.stop && /does not give its/.test(imported.stop))
            imported = run({ title: item.title, date: item.published });
        } catch (e) {
          Object.assign(row, {
            outcome: "failed",
            detail: oneLine(`the page could not be imported: ${(e as Error).message}`),
          });
          continue;
        }
        if (imported.stop) {
          const duplicate = /^a duplicate of (.*?); give --force/.exec(imported.stop);
          if (duplicate) {
            Object.assign(row, { outcome: "duplicate", detail: oneLine(duplicate[1]!) });
            record(source.id, item, "duplicate");
          } else Object.assign(row, { outcome: "failed", detail: oneLine(imported.stop) });
          continue;
        }
        const errors = imported.problems.filter(isError);
        if (errors.length || !imported.file || !imported.text) {
          Object.assign(row, {
            outcome: "failed",
            detail: oneLine(`the draft would not pass the check: ${errors.map((p) => p.message).join("; ")}`),
          });
          continue;
        }
        const sameText = textDuplicateOf(imported.body ?? "", runDrafts);
        if (sameText) {
          Object.assign(row, {
            outcome: "duplicate",
            detail: `${sameText.of} (${sameText.percent} % of the text shared)`,
          });
          record(source.id, item, "duplicate");
          continue;
        }
        runDrafts.push({ file: imported.file, text: imported.body ?? "" });
        Object.assign(row, { outcome: "draft", detail: imported.file });
        if (options.dryRun) continue;
        writeArticle(paths, imported.file, imported.text);
        result.written.push(imported.file);
        if (imported.capture)
          result.records.push(
            writeFirstCapture(paths, imported.capture.key, imported.capture.url, imported.capture.data),
          );
        record(source.id, item, "draft", imported.file);
      }
    }
  }
  return result;
}

/** What a row says in the outcome column. */
function outcomeText(row: DiscoverRow, dryRun = false): string {
  switch (row.outcome) {
    case "draft":
      return `${dryRun ? "would draft" : "draft"} → ${row.detail} (story ${row.story})`;
    case "duplicate":
      return `duplicate of ${row.detail}`;
    default:
      return `${row.outcome}: ${row.detail}`;
  }
}

/** The table, as text for a terminal or as markdown (a pull request's body). */
export function formatTable(result: DiscoverResult, options: { markdown?: boolean; dryRun?: boolean } = {}): string {
  const rows = result.rows.map((r) => [r.source, cut(r.title, 60), outcomeText(r, options.dryRun)]);
  const drafts = result.rows.filter((r) => r.outcome === "draft").length;
  const summary = `${result.rows.length} new item${result.rows.length === 1 ? "" : "s"}, ${drafts} ${options.dryRun ? "would be " : ""}draft${drafts === 1 ? "" : "s"}; ${result.seenBefore} seen before (discover/seen.json)`;
  return renderTable(["source", "title", "outcome"], rows, summary, options.markdown);
}
