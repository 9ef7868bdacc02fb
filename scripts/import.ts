/** `npm run import`: a clipped report or a saved web page → a checked article file. See src/editing/importer.ts. */
import { parseArgs } from "node:util";
import { defaultPaths } from "../src/content/pipeline.ts";
import { formatProblem, isError, printable } from "../src/content/problems.ts";
import { siteUserAgent } from "../src/editing/discover.ts";
import { fetchPage } from "../src/editing/fetcher.ts";
import { ARTICLE_FLAGS, importReport } from "../src/editing/importer.ts";

const USAGE = `Usage: npm run import -- <file or http(s) address> [--source <id>] [--story <id>] [--title "…"] [--date <date>] [--url <address>] [--language <tag>] [--force] [--dry-run]

Turns a report into src/articles/<source>/<slug>.md:
  - plain text as clipped: a title line, a byline, a date line ("September 16, 2024"), a photo
    caption with a **bold credit** or "Photo: …", the paragraphs, "Related article: [title](url)"
    lines, a wire byline ("(Reporting by …; Editing by …)") or "… contributed reporting." line
    and "Original url:" with the address go to front matter (blank lines between them or not),
    the rest is the body; a copy with none of these is all body;
  - a saved web page (.html): the text by Readability, as markdown; title, date, authors and
    address from the page's JSON-LD, OpenGraph, canonical link and author meta tag.
Both are cleaned like an editor would: links made absolute (<base href>, the address), links to
the outlet's own section, tag, author, podcast or newsletter pages dropped (their words kept in a
sentence), newsletter, cookie, listen-live, promo and share boxes removed, the figure caption and
credit to image, "Related" lists to related, bylines to authors and credit. The rules are those
of npm run check (src/content/furniture.ts): an imported file has no furniture warnings.
A page's encoding is its byte-order mark's, else its <meta charset> or http-equiv Content-Type
(any label of the Encoding Standard: windows-1251, koi8-r, shift_jis, gb18030, …), else UTF-8; an
unknown label stops the import. The report's language is detected from its text (franc), with the
page's <html lang>, og:locale and JSON-LD inLanguage as evidence, and written as language: only
when it is not the source's (or the site's); when unsure it asks instead (--language sets it).
The outlet is found by the address's host in _data/sources.json (or --source). Flags give what
the text does not (or replace it); a date can come from the address (/2024/09/16/). The result
is checked by the content pipeline before it is written; nothing is ever overwritten. A report
already in src/articles/ (drafts too) is refused, naming its file: the same original address
(http/https, www., trailing slash, tracking parameters and AMP variants aside) or 90 % or more of
the same text.
An address (http: or https:) is fetched first, politely: a User-Agent naming the site
("<title> (+<url>) story-timeline", or USER_AGENT), robots.txt obeyed, one request at a time
per host a second apart, 20 s and 5 MB at most, 5 redirects, a 429 or 503 retried twice after
its Retry-After (60 s at most); the page is then imported as a saved page, its address its base.

Options:
  --source <id>     the outlet, when the address does not tell
  --story <id>      the story the report belongs to
  --title "…"       the headline
  --date <date>     2024-09-16, a date-time with its offset, or "September 16, 2024"
  --url <address>   the original address
  --language <tag>  the report's language (BCP 47: uk, pt-BR), instead of detecting it
  --force           import even a duplicate of a report already there
  --dry-run         check and report, write nothing
  -h, --help        show this help`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ...ARTICLE_FLAGS,
    title: { type: "string" },
    language: { type: "string" },
    "dry-run": { type: "boolean", default: false },
  },
});

async function main(): Promise<number> {
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`Give one file to import.\n\n${USAGE}`);
    return 2;
  }
  const paths = defaultPaths(process.env.CONTENT_ROOT || process.cwd());
  let fetched: { contentType: string; fetched: { bytes: Uint8Array; address: string } } | undefined;
  let fetchedAt: string | undefined;
  if (/^https?:\/\//i.test(positionals[0]!)) {
    const page = await fetchPage(positionals[0]!, { userAgent: siteUserAgent(paths) });
    if (!page.ok) {
      console.error(`Nothing was written: ${printable(page.reason)}`);
      return 1;
    }
    console.log(
      `  fetched ${printable(page.url)}: HTTP ${page.status}, ${page.bytes.length} bytes, ${printable(page.contentType)}`,
    );
    fetched = { contentType: page.contentType, fetched: { bytes: page.bytes, address: page.url } };
    fetchedAt = page.fetchedAt;
  }
  let result: ReturnType<typeof importReport>;
  try {
    result = importReport(paths, positionals[0]!, values, {
      dryRun: values["dry-run"],
      force: values.force,
      ...fetched,
      capture: { by: fetched ? "import" : "saved-page", at: fetchedAt ?? new Date().toISOString() },
    });
  } catch (e) {
    // a page whose elements nest thousands deep overflows the HTML-to-markdown walk (Turndown)
    const deep = e instanceof RangeError && /call stack/i.test(e.message);
    console.error(
      `Nothing was written: ${deep ? `${printable(positionals[0]!)}: the page nests its elements too deep to read; copy the report's text into a .txt file and import that` : printable((e as Error).message)}`,
    );
    return 1;
  }
  for (const line of result.report) console.log(`  ${printable(line)}`);
  if (result.stop) {
    console.error(`Nothing was written: ${printable(result.stop)}`);
    return 1;
  }
  for (const p of result.problems) console.error(`  ${isError(p) ? "" : "warning: "}${formatProblem(p)}`);
  if (result.problems.some(isError)) {
    console.error(`Nothing was written: ${printable(result.file ?? "")} would have the problems above.`);
    return 1;
  }
  console.log(
    `${result.written ? "Wrote" : "Would write"} ${printable(result.file ?? "")}${result.written ? "" : " (--dry-run)"}`,
  );
  return 0;
}

process.exitCode = await main();
