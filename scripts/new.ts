/** `npm run new`: a new, valid article file (a draft) to paste a report into. See src/editing/importer.ts. */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseJsonFile, readTextFile } from "../src/content/files.ts";
import { defaultPaths } from "../src/content/pipeline.ts";
import { formatProblem, isError } from "../src/content/problems.ts";
import { ARTICLE_FLAGS, newArticle } from "../src/editing/importer.ts";

const USAGE = `Usage: npm run new -- --source <id> [--story <id>] [--date <date>] [--url <address>] [--force] "<title>"

Writes src/articles/<source>/<slug>.md with valid front matter (the slug from the title, in
[a-z0-9-], made unique) and "draft: true", and prints its path; never overwrites a file. Paste
the report's text below the front matter and remove "draft: true". Run in a terminal without
arguments, it asks for each field, offering the known sources and stories. An address that a
report in src/articles/ already has (drafts too; http/https, www., trailing slash, tracking
parameters and AMP variants aside) is refused, naming that report's file.

Options:
  --source <id>     the outlet (an id of _data/sources.json)
  --story <id>      the story (an id of _data/stories.json)
  --date <date>     2024-09-16 or a date-time with its offset (default: today)
  --url <address>   the original address
  --force           write it even when a report already has the address
  -h, --help        show this help`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: ARTICLE_FLAGS,
});

const paths = defaultPaths(process.env.CONTENT_ROOT || process.cwd());
const list = (name: string): { id: string; name?: string; title?: string }[] => {
  const file = path.join(paths.dataDir, name);
  if (!fs.existsSync(file)) return [];
  const v = parseJsonFile(readTextFile(file, paths.root)).value;
  return Array.isArray(v) ? v : [];
};
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

async function main(): Promise<number> {
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  let title = positionals.join(" ").trim() || undefined;
  let { source, story, date, url } = values;
  if (!title && !source) {
    if (!(process.stdin.isTTY && process.stdout.isTTY)) {
      console.error(USAGE);
      return 1;
    }
    const { input, select } = await import("@inquirer/prompts");
    source = await select({
      message: "Source",
      choices: list("sources.json").map((s) => ({ name: `${s.name} (${s.id})`, value: s.id })),
    });
    const stories = list("stories.json");
    story = stories.length
      ? await select({
          message: "Story",
          choices: [{ name: "(none)", value: "" }, ...stories.map((s) => ({ name: s.title ?? s.id, value: s.id }))],
        })
      : undefined;
    title = await input({ message: "Headline, as published", required: true });
    date = await input({ message: "Date (2024-09-16, or with a time and its offset)", default: today() });
    url = (await input({ message: "Original address (optional)" })) || undefined;
  }
  if (!source || !title) {
    console.error(`Give --source and the title.\n\n${USAGE}`);
    return 2;
  }
  const result = newArticle(
    paths,
    { source, title, story: story || undefined, date: date ?? today(), url },
    { force: values.force },
  );
  for (const line of result.report) console.error(`  ${line}`);
  if (result.stop) {
    console.error(`Nothing was written: ${result.stop}`);
    return 1;
  }
  for (const p of result.problems) console.error(`  ${isError(p) ? "" : "warning: "}${formatProblem(p)}`);
  if (!result.written) {
    console.error("Nothing was written.");
    return 1;
  }
  console.log(result.file);
  return 0;
}

process.exitCode = await main();
