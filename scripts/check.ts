/**
 * `npm run check`: validates everything `npm run build` validates, through the same pipeline
 * (src/content/pipeline.ts), without Eleventy or the search index. Exit 0 when there is no
 * error (warnings allowed), 1 otherwise.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { defaultPaths, loadContent } from "../src/content/pipeline.ts";
import { isError } from "../src/content/problems.ts";
import { coverageMarkdown, coverageText, recordCoverage } from "../src/content/record-coverage.ts";
import { addressSettings } from "../src/publish/site.ts";
import { counts, formatReport, jsonLines, summaryTable, type ReportFormat } from "../src/editing/problem-report.ts";

const USAGE = `Usage: npm run check [-- --format text|github|json] [--suggest [--story <id>]] [--record [--days <n>]]

Checks every content file (sources, stories, entities, events, claims, site.json, articles)
exactly as npm run build does, in a fraction of its time, and prints one line per problem:
  file:line:column: field: message
Warnings say "warning:" and do not fail the check. Exit code 0 when there is no error, 1 otherwise.

Options:
  --format text     lines as above (default)
  --format github   GitHub workflow commands (annotations); with GITHUB_STEP_SUMMARY set, the
                    full list is also appended to the job summary as a table
  --format json     a JSON array of { file, line, column, field, message, severity }
  --suggest         also list, per story, what its reports give that no claim cites and no entity
                    spells (nothing is added): figures grouped by what they count, with each
                    outlet's value ("dead: at least 9 (alpha-news); 12 (beta-post)"), and names,
                    spellings that differ only by diacritics or case as one name with aliases
  --story <id>      with --suggest: only this story (with --format json the output is one
                    object: { "problems": [...], "suggestions": [...] })
  --record          count the record of each report (record/<source-id>/<slug>.json) even when
                    there is none, and in JSON (in text it is counted whenever record/ holds one), per
                    outlet: published reports (drafts are not counted), those with a url, with a
                    capture, rechecked lately, changed by the outlet after the first capture,
                    removed, and the share captured (coverage); a table after the problems, with
                    --format github also in the job summary; with --format json the output is one
                    object: { "problems": [...], "record": { today, days, sources, total } }
                    (record is null when the content has errors: nothing is counted then)
  --days <n>        for the record: "rechecked" means on one of the last n days, today (UTC)
                    included (default 30)
  -h, --help        show this help

Environment: CONTENT_ROOT (another content tree: _data/ and src/articles/); SITE_URL and
PATH_PREFIX, checked against site.json's url as npm run build uses them.`;

/** How many days back "rechecked" looks by default. */
const DEFAULT_DAYS = 30;

const { values } = parseArgs({
  options: {
    format: { type: "string", default: "text" },
    suggest: { type: "boolean", default: false },
    story: { type: "string" },
    record: { type: "boolean", default: false },
    days: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

async function main(): Promise<number> {
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = values.format as ReportFormat;
  if (!["text", "github", "json"].includes(format)) {
    console.error(`--format must be text, github or json (got "${values.format}")\n\n${USAGE}`);
    return 2;
  }
  const days = values.days === undefined ? DEFAULT_DAYS : Number(values.days);
  if (values.days !== undefined && !/^[1-9]\d{0,4}$/.test(values.days)) {
    console.error(`--days must be a whole number of days, 1 or more (got "${values.days}")\n\n${USAGE}`);
    return 2;
  }
  const paths = defaultPaths(process.env.CONTENT_ROOT || process.cwd());
  // --suggest reads each report's paragraphs: only then are the bodies parsed in full
  const { content, problems } = loadContent(paths, {
    renderHtml: values.suggest,
    address: addressSettings(process.env),
  });
  const suggest = values.suggest && format === "json";
  // the record is counted when asked for, and in text whenever the content keeps one (record/)
  const countRecord = values.record || (format !== "json" && !!content?.articles.some((a) => a.record));
  const record =
    countRecord && content
      ? recordCoverage(content.articles, { today: new Date().toISOString().slice(0, 10), days })
      : undefined;
  const out = formatReport(problems, format);
  // with --suggest or --record, JSON is one object: { problems, suggestions, record }
  if (format === "json" && (values.suggest || values.record)) {
    if (!values.suggest) console.log(jsonLines({ problems: JSON.parse(out), record: record ?? null }));
  } else if (out) console.log(out);
  if (format === "text")
    console.error(problems.length ? `Content check: ${counts(problems)}.` : "Content check: no problems.");
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (format === "github" && summary) fs.appendFileSync(summary, summaryTable(problems, "Content check") + "\n");
  if (countRecord && format !== "json") {
    if (!record) console.error("The record of each report is not counted: the content has errors (above).");
    else {
      console.log(`${out ? "\n" : ""}${coverageText(record)}`);
      if (format === "github" && summary) fs.appendFileSync(summary, coverageMarkdown(record) + "\n");
    }
  }
  if (values.suggest && content) {
    if (values.story && !content.stories.some((s) => s.id === values.story)) {
      console.error(
        `unknown story "${values.story}": known stories are ${content.stories.map((s) => s.id).join(", ") || "none"}`,
      );
      return 2;
    }
    const { factCandidates, formatCandidates } = await import("../src/editing/fact-candidates.ts");
    const suggestions = factCandidates(content, values.story);
    if (!suggest) console.log(formatCandidates(suggestions));
    else
      console.log(
        jsonLines({
          problems: JSON.parse(out),
          suggestions: suggestions.map(({ story, candidates }) => ({ story: story.id, candidates })),
          ...(values.record ? { record: record ?? null } : {}),
        }),
      );
  }
  return problems.some(isError) ? 1 : 0;
}

process.exitCode = await main();
