/** `npm run discover`: new reports of the stories, from the sources' feeds, as drafts. See src/editing/discover.ts. */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { defaultPaths } from "../src/content/pipeline.ts";
import { printable } from "../src/content/problems.ts";
import { discover, formatTable, siteUserAgent } from "../src/editing/discover.ts";
import { fetchPage } from "../src/editing/fetcher.ts";
import { terminalLines } from "../src/editing/table.ts";

const USAGE = `Usage: npm run discover [-- --story <id>] [--since <date>] [--dry-run] [--table <file>]

Looks for new reports of the stories: for every source in _data/sources.json with "feeds" (RSS 2.0,
RSS 1.0, Atom, JSON Feed) or a "listing" (a page and the CSS selector of its report links), fetches
each feed (politely: a User-Agent naming the site, robots.txt obeyed, one request at a time per
host a second apart, 20 s and 5 MB at most, a 429 or 503 retried after its Retry-After), and takes
the items a story's "watch" in _data/stories.json claims (its terms in the headline or summary, an
entity's every spelling, not an "exclude" term, not before "since"). An item is passed over when
discover/seen.json has it; it is a duplicate when a report in src/articles/ (drafts too) or another
item of the run has its address (http/https, www., tracking parameters and AMP variants aside),
the same feed id or headline (within its source), or, once fetched, 90 % of its text. Each item
left is fetched and imported like npm run import does, as a draft (draft: true) of its story, with
accessed and provenance (feed, item id, fetched, sha256) in its front matter.

It prints one row per new item: its source, its headline, and what became of it (draft → file,
skipped: why, duplicate of …, failed: why). One outlet's broken feed is a row, not a stop. Every
outcome but a failure is recorded in discover/seen.json, so a second run writes nothing; a
failed item is tried again next run.

Options:
  --story <id>      only this story's reports (what it passes over is not recorded)
  --since <date>    YYYY-MM-DD: instead of every story's watch.since (passed-over items are not recorded)
  --dry-run         print the table against the current rules; write nothing (no drafts, no state)
  --table <file>    also write the table as markdown to this file (a pull request's body)
  -h, --help        show this help`;

const { values } = parseArgs({
  options: {
    story: { type: "string" },
    since: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    table: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

async function main(): Promise<number> {
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const paths = defaultPaths(process.env.CONTENT_ROOT || process.cwd());
  const dryRun = values["dry-run"];
  const result = await discover({
    paths,
    fetch: fetchPage,
    fetchOptions: { userAgent: siteUserAgent(paths) },
    now: () => new Date(),
    options: { story: values.story, since: values.since, dryRun },
  });
  if (result.stop) {
    console.error(`Nothing was written: ${printable(result.stop)}`);
    return 1;
  }
  console.log(terminalLines(formatTable(result, { dryRun })));
  if (values.table) fs.writeFileSync(values.table, formatTable(result, { markdown: true, dryRun }));
  if (dryRun) console.log("Nothing was written (--dry-run).");
  return 0;
}

process.exitCode = await main();
