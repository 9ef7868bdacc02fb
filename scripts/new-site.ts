/**
 * `npm run new-site`: replaces the sample story with an empty site of your own. See src/editing/new-site.ts.
 */
import { parseArgs } from "node:util";
import { defaultPaths } from "../src/content/pipeline.ts";
import { formatProblem } from "../src/content/problems.ts";
import { checkSite, existingContent, newSite } from "../src/editing/new-site.ts";
import { normalizePrefix } from "../src/publish/site.ts";

const USAGE = `Usage: npm run new-site -- [--title "…"] [--description "…"] [--language en] [--url https://…] [--force]

Clears the sample content (every article under src/articles/ and every entry of the data files
in _data/) and writes empty data files and a _data/site.json with your site's title, description,
language (a BCP 47 tag: en, en-GB, uk-UA) and public address. In a terminal it asks for what the
flags do not give. It refuses to remove existing articles or entries without --force.

Options:
  --title <text>         the site's name
  --description <text>   one sentence on what it covers
  --language <tag>       the language of the site's own words (default en)
  --url <address>        the public address of the home page, e.g. https://owner.github.io/repo/
  --force                remove existing content without asking
  -h, --help             show this help`;

const { values } = parseArgs({
  options: {
    title: { type: "string" },
    description: { type: "string" },
    language: { type: "string" },
    url: { type: "string" },
    force: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

async function main(): Promise<number> {
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const paths = defaultPaths(process.env.CONTENT_ROOT || process.cwd());
  const interactive = process.stdin.isTTY && process.stdout.isTTY;
  const site: Record<string, string | undefined> = {
    title: values.title,
    description: values.description,
    language: values.language,
    url: values.url,
  };
  const missing = Object.keys(site).filter((k) => site[k] === undefined && k !== "language");
  if (missing.length && !interactive) {
    console.error(
      `Missing ${missing.map((k) => `--${k}`).join(", ")} (or run it in a terminal to be asked).\n\n${USAGE}`,
    );
    return 1;
  }
  const existing = existingContent(paths);
  if (interactive) {
    const { confirm, input } = await import("@inquirer/prompts");
    site.title ??= await input({ message: "Title of the site", required: true });
    site.description ??= await input({ message: "What it covers, in one sentence", required: true });
    site.language ??= await input({ message: "Language tag (en, en-GB, uk-UA)", default: "en" });
    site.url ??= await input({
      message: "Public address of the home page",
      required: true,
      default: "https://example.org/",
    });
    if ((existing.articles.length || existing.entries) && !values.force) {
      values.force = await confirm({
        message: `Remove ${existing.articles.length} articles and ${existing.entries} data entries?`,
        default: false,
      });
    }
  }
  site.language ??= "en";
  const { site: valid, problems } = checkSite(site);
  if (!valid) {
    console.error(
      `Nothing was changed: ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`,
    );
    return 1;
  }
  if ((existing.articles.length || existing.entries) && !values.force) {
    console.error(
      `Nothing was changed: the content has ${existing.articles.length} article${existing.articles.length === 1 ? "" : "s"} and ${existing.entries} data ` +
        `entr${existing.entries === 1 ? "y" : "ies"}. Run again with --force to remove them (commit or copy anything you want to keep first).`,
    );
    return 1;
  }
  const result = newSite(paths, valid);
  for (const f of result.removed) console.log(`removed ${f}`);
  for (const f of result.written) console.log(`wrote   ${f}`);
  const prefix = normalizePrefix(new URL(valid.url).pathname);
  if (prefix !== "/")
    console.log(
      `\nThe site is served from ${prefix}, the path of its address: npm run build puts every link under it, npm start serves it at http://localhost:8080${prefix}`,
    );
  console.log(
    `\nYour site "${valid.title}" is ready for its first source and report: see "Make it yours" in the README.`,
  );
  return 0;
}

process.exitCode = await main();
