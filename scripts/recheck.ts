/** `npm run recheck`: each report's original fetched again and compared with its record. See src/editing/recheck.ts. */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { defaultPaths } from "../src/content/pipeline.ts";
import { printable } from "../src/content/problems.ts";
import { siteUserAgent } from "../src/editing/discover.ts";
import { fetchPage } from "../src/editing/fetcher.ts";
import { terminalLines } from "../src/editing/table.ts";
import { formatRecheckTable, parseDuration, recheck } from "../src/editing/recheck.ts";

const USAGE = `Usage: npm run recheck [-- --source <id>] [--story <id>] [--older-than <duration>] [--dry-run] [--table <file>]

Fetches each published report's original (its url) again, politely (the importer's fetcher: a
User-Agent naming the site, robots.txt obeyed, one request at a time per host a second apart, 20 s
and 5 MB at most), extracts its headline and text as npm run import does, and compares them with
the last capture in record/<source-id>/<slug>.json:
  - the same words (white space, quote marks, paragraph breaks, page furniture, related links
    aside): nothing is recorded but the day it was checked;
  - other words: a new version is kept, with its time;
  - HTTP 404 or 410, or a redirect to the outlet's home page: recorded as removed by the outlet
    (our copy stays);
  - no record yet: this is its first capture;
  - anything else (a timeout, a server error, robots.txt): failed, nothing written.
A second run the same day with no change writes nothing.

Options:
  --source <id>            only this outlet's reports
  --story <id>             only this story's reports
  --older-than <duration>  only reports not rechecked within it: 12h, 7d, 2w, or ISO 8601 (P7D)
  --dry-run                compare and print; write nothing
  --table <file>           also write the table as markdown to this file (a pull request's body)
  -h, --help               show this help`;

const { values } = parseArgs({
  options: {
    source: { type: "string" },
    story: { type: "string" },
    "older-than": { type: "string" },
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
  const olderThan = values["older-than"];
  const olderThanMs = olderThan === undefined ? undefined : parseDuration(olderThan);
  if (olderThan !== undefined && olderThanMs === undefined) {
    console.error(`Nothing was written: --older-than "${printable(olderThan)}" is not a duration (12h, 7d, 2w, P7D)`);
    return 2;
  }
  const paths = defaultPaths(process.env.CONTENT_ROOT || process.cwd());
  const dryRun = values["dry-run"];
  const result = await recheck({
    paths,
    fetch: fetchPage,
    fetchOptions: { userAgent: siteUserAgent(paths) },
    now: () => new Date(),
    options: { source: values.source, story: values.story, olderThanMs, dryRun },
  });
  if (result.stop) {
    console.error(`Nothing was written: ${printable(result.stop)}`);
    return 1;
  }
  console.log(terminalLines(formatRecheckTable(result, { dryRun })));
  if (values.table) fs.writeFileSync(values.table, formatRecheckTable(result, { markdown: true, dryRun }));
  return 0;
}

process.exitCode = await main();
