/**
 * `npm run check`: validates everything `npm run build` validates, through the same pipeline
 * (src/content/pipeline.ts), without Eleventy or the search index. Exit 0 when there is no
 * error (warnings allowed), 1 otherwise.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { defaultPaths, loadContent } from "../src/content/pipeline.ts";
import { isError } from "../src/content/problems.ts";
import { counts, formatReport, summaryTable, type ReportFormat } from "../src/editing/problem-report.ts";

const USAGE = `Usage: npm run check [-- --format text|github|json]

Checks every content file (sources, stories, entities, events, claims, site.json, articles)
exactly as npm run build does, in a fraction of its time, and prints one line per problem:
  file:line:column: field: message
Warnings say "warning:" and do not fail the check. Exit code 0 when there is no error, 1 otherwise.

Options:
  --format text     lines as above (default)
  --format github   GitHub workflow commands (annotations); with GITHUB_STEP_SUMMARY set, the
                    full list is also appended to the job summary as a table
  --format json     a JSON array of { file, line, column, field, message, severity }
  -h, --help        show this help

Environment: CONTENT_ROOT (another content tree: _data/ and src/articles/).`;

const { values } = parseArgs({
  options: { format: { type: "string", default: "text" }, help: { type: "boolean", short: "h", default: false } },
});

function main(): number {
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = values.format as ReportFormat;
  if (!["text", "github", "json"].includes(format)) {
    console.error(`--format must be text, github or json (got "${values.format}")\n\n${USAGE}`);
    return 2;
  }
  const { problems } = loadContent(defaultPaths(process.env.CONTENT_ROOT || process.cwd()), { renderHtml: false });
  const out = formatReport(problems, format);
  if (out) console.log(out);
  if (format === "text") console.error(problems.length ? `Content check: ${counts(problems)}.` : "Content check: no problems.");
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (format === "github" && summary) fs.appendFileSync(summary, summaryTable(problems, "Content check") + "\n");
  return problems.some(isError) ? 1 : 0;
}

process.exitCode = main();
