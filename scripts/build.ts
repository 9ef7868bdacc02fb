/**
 * `npm run build`: builds the site into a temporary folder beside the output and replaces
 * the output only when every step succeeded, so a failed build leaves the last good `dist/`
 * untouched. Content problems are printed one per line (file: field: message), exit code 1.
 *
 *   npm run build -- [--output dir] [--path-prefix /repo/]
 *   PATH_PREFIX=/news/ SITE_URL=https://example.org npm run build
 */
import fs from "node:fs";
import path from "node:path";
import { buildSite } from "../src/build/build-site.ts";
import { findRefusal } from "../src/build/output-guard.ts";
import { findContentError, printable } from "../src/content/problems.ts";
import { exitWithHelp } from "./help.ts";

exitWithHelp(`Usage: npm run build [-- --output <folder>] [-- --force] [-- --path-prefix /repo/]

Builds the site into dist/ (or --output) atomically: the old output is replaced only when every
step succeeded. An output folder that holds files but is not a build of this site (no
.story-timeline-build) is refused unless --force; the project or the content never are replaced. Content problems are printed one per line (file:line:column: field: message)
and exit 1; warnings are listed and do not stop the build.

The site is built under the path of its address (url in _data/site.json, or SITE_URL):
https://owner.github.io/repo/ is served from /repo/. --path-prefix (or PATH_PREFIX) adds a
prefix to a bare-origin address, and must otherwise agree with the address.

Environment: PATH_PREFIX (the folder the site is served from), SITE_URL (its public address),
CONTENT_ROOT (another content tree: _data/ and src/articles/), BUILD_SLICE_PAGES (pages Eleventy
renders per run, in article pages' worth, default 1000: a large archive is rendered in several runs so memory stays bounded),
BUILD_WORKERS (processes rendering those runs in parallel, default one fewer than the cores, at least one; a site of one run builds in one process),
SEARCH_PART_PAGES (article pages per part of the search index, default 1500: Pagefind holds a part in memory).`);

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

const output = path.resolve(arg("output") ?? "dist");
// --path-prefix is PATH_PREFIX: the build, the content check and the templates read it there.
const prefixArg = arg("path-prefix");
if (prefixArg !== undefined) process.env.PATH_PREFIX = prefixArg;

try {
  const result = await buildSite({ output, force: process.argv.includes("--force") });
  console.log(
    `Built ${result.pages} pages (${result.files} files) into ${path.relative(process.cwd(), output) || "."} in ${result.seconds.toFixed(2)} s` +
      ` (Eleventy ${result.eleventySeconds.toFixed(2)} s${result.slices > 1 ? ` in ${result.slices} runs` : ""}${result.workers > 1 ? ` by ${result.workers} workers` : ""}, search index ${result.searchSeconds.toFixed(2)} s${result.searchParts > 1 ? ` in ${result.searchParts} parts` : ""})` +
      (result.pathPrefix !== "/" ? ` with path prefix ${result.pathPrefix}` : ""),
  );
  for (const note of result.notes) console.warn(note);
} catch (error) {
  const contentError = findContentError(error);
  const refusal = findRefusal(error);
  if (refusal) {
    // stopped before anything was written: its one line says it all
    console.error(refusal.message);
  } else {
    if (contentError) {
      console.error(contentError.message);
    } else {
      // a library's message may quote content: each of its lines printable (none a workflow command)
      const message = String((error as Error)?.message ?? error);
      console.error(`Build failed: ${message.split("\n").map(printable).join("\n")}`);
      if (process.env.DEBUG) console.error(error);
    }
    console.error(
      fs.existsSync(output) ? `The previous ${path.basename(output)}/ was left as it was.` : "Nothing was written.",
    );
  }
  process.exitCode = 1;
}
