/**
 * `npm run import` and `npm run new`: from a clipping, a saved page or a title to a checked
 * article file. The outlet is found by the host of the original address in `_data/sources.json`;
 * what the text does not give comes from flags (or, for a date, from the address), and where
 * each value came from is reported, and recorded in `note` when it is not the text itself.
 */
import fs from "node:fs";
import path from "node:path";
import { parseJsonFile, readTextFile } from "../content/files.ts";
import type { ContentPaths } from "../content/pipeline.ts";
import { isError, type Problem } from "../content/problems.ts";
import type { CaptureData } from "../content/schema.ts";
import { articleText, checkArticle, slugFor, sourceIdProblem, uniqueSlug, writeArticle } from "./article-file.ts";
import { parseClipping, parseDateLine, provenanceNote } from "./clipped-text.ts";
import { readDataList } from "./content-reads.ts";
import { checkDuplicate } from "./duplicates.ts";
import { decodePage, decodeText, EncodingProblem, looksLikeHtml } from "./page-encoding.ts";
import { type Declared, detectLanguage, languageTag, primary } from "./report-language.ts";
import { paragraphsOf, sha256Of, writeFirstCapture } from "./record-file.ts";
import { parseSavedPage } from "./saved-page.ts";

/** The flags `npm run import` and `npm run new` share, for node:util's parseArgs. */
export const ARTICLE_FLAGS = {
  source: { type: "string" },
  story: { type: "string" },
  date: { type: "string" },
  url: { type: "string" },
  force: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

export interface ImportFlags {
  source?: string;
  story?: string;
  title?: string;
  date?: string;
  url?: string;
  /** The report's language (BCP 47), instead of detecting it. */
  language?: string;
}

export interface ImportResult {
  /** Path relative to the content root; undefined when nothing was (or would be) written. */
  file?: string;
  written: boolean;
  /** What went where. */
  report: string[];
  problems: Problem[];
  /** Why the import stopped before checking (a duplicate, a missing flag, an unknown outlet). */
  stop?: string;
  /** The file's text and the report's body (markdown), once they are made (written or not). */
  text?: string;
  body?: string;
  /** A page's first capture, for its record (written with the article; record-file.ts). */
  capture?: { key: string; url: string; data: CaptureData };
  /** The record file written beside the article. */
  recordFile?: string;
}

interface SourceEntry {
  id: string;
  name: string;
  url: string;
  language?: string;
}

/** `_data/site.json`'s language, the language of a source that names none. */
function siteLanguage(paths: ContentPaths): string | undefined {
  try {
    const value = parseJsonFile(readTextFile(path.join(paths.dataDir, "site.json"), paths.root)).value as {
      language?: unknown;
    };
    return typeof value?.language === "string" ? value.language : undefined;
  } catch {
    return undefined;
  }
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host.replace(/^www\./, "").toLowerCase();
  } catch {
    return undefined;
  }
};

/** The sources, or none when sources.json cannot be read (the import then names the entry to add; npm run check says what is wrong). */
function readSources(paths: ContentPaths): SourceEntry[] {
  try {
    return readDataList<SourceEntry>(paths, "sources.json");
  } catch {
    return [];
  }
}

/** The outlet of an address: the source whose own address has the same host. */
function sourceFor(url: string | undefined, sources: SourceEntry[]): SourceEntry | undefined {
  const host = url && hostOf(url);
  return host ? sources.find((s) => hostOf(s.url) === host) : undefined;
}

/** `/2024/09/16/` in an address. */
function dateFromAddress(url: string | undefined): string | undefined {
  const m = url && /\/(\d{4})\/(\d{2})\/(\d{2})\//.exec(new URL(url).pathname);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** The last path segment of an address, as a slug (for "is this title the address's?"). */
const addressSlug = (url: string) => new URL(url).pathname.split("/").filter(Boolean).pop() ?? "";

export function importReport(
  paths: ContentPaths,
  input: string,
  flags: ImportFlags,
  options: {
    dryRun?: boolean;
    force?: boolean;
    contentType?: string;
    /** A fetched page (`fetcher.ts`): its bytes instead of the file `input`, and the address it came from (its base, and its `url` when the page gives none). */
    fetched?: { bytes: Uint8Array; address: string };
    /** Front-matter keys set by the caller (`npm run discover`: `draft`, `accessed`, `provenance`). */
    front?: Record<string, unknown>;
    /** A page (fetched or saved) is captured for the report's record: how, and when (ISO 8601; a saved page: when it was imported). */
    capture?: { by: "import" | "saved-page" | "discover"; at: string };
  } = {},
): ImportResult {
  const badSource = flags.source === undefined ? undefined : sourceIdProblem(flags.source);
  if (badSource) return { written: false, report: [], problems: [], stop: badSource };
  const bytes = options.fetched?.bytes ?? fs.readFileSync(input);
  const report: string[] = [];
  const isPage =
    /\.x?html?$/i.test(input) || looksLikeHtml(bytes) || (!!options.fetched && /html/i.test(options.contentType ?? ""));
  // a page: its byte-order mark, a Content-Type header's charset (a fetcher's), its <meta>, else UTF-8
  let decoded: ReturnType<typeof decodePage>;
  try {
    decoded = isPage ? decodePage(bytes, { contentType: options.contentType, name: input }) : decodeText(bytes);
  } catch (e) {
    if (e instanceof EncodingProblem) return { written: false, report, problems: [], stop: e.message };
    throw e;
  }
  const text = decoded.text;
  if (decoded.encoding !== "utf-8" || decoded.from !== "default")
    report.push(`encoding ${decoded.encoding}: from the ${decoded.from === "default" ? "default" : decoded.from}`);
  if (decoded.replaced)
    report.push(
      `encoding: ${decoded.replaced} character${decoded.replaced === 1 ? " was" : "s were"} not valid ${decoded.encoding} and became "\uFFFD"`,
    );
  let declared: Declared[] = [];
  const front: Record<string, unknown> = {};
  let body: string;
  let note: string | undefined;
  let textTitle: string | undefined;
  let textDate: string | undefined;
  let url: string | undefined;
  let publisher: string | undefined;
  if (isPage) {
    const page = parseSavedPage(text, { url: flags.url ?? options.fetched?.address });
    report.push(...page.found.map((f) => `from the page: ${f}`));
    if (page.stop) return { written: false, report, problems: [], stop: `${input}: ${page.stop}` };
    ({ title: textTitle, date: textDate, url, publisher, body } = page);
    if (page.updated && page.updated !== page.date) front.updated = page.updated;
    if (page.authors.length) front.authors = page.authors;
    Object.assign(front, { credit: page.credit, image: page.image, related: page.related });
    note = page.notes.join(" ") || undefined;
    declared = page.languages;
  } else {
    const c = parseClipping(text, { title: flags.title, url: flags.url });
    report.push(...c.found.map((f) => `from the text: ${f}`));
    ({ title: textTitle, date: textDate, url, body } = c);
    front.credit = c.credit;
    front.authors = c.authors;
    if (c.image) front.image = c.image;
    if (c.related.length) front.related = c.related;
    const title = flags.title ?? textTitle;
    const finalUrl = flags.url ?? url;
    note = provenanceNote(c, {
      titleFromAddress: !textTitle && !!title && !!finalUrl && slugFor(title) === addressSlug(finalUrl),
      dateFromAddress: !textDate && !flags.date && !!dateFromAddress(finalUrl),
      hasByline: false,
    });
  }
  if (flags.url) url = flags.url;
  else if (!url && options.fetched) url = options.fetched.address;
  const duplicate = checkDuplicate(paths, { url, body }, options.force);
  if (duplicate.stop) return { written: false, report, problems: [], stop: duplicate.stop };
  report.push(...duplicate.report);
  const title = flags.title ?? textTitle;
  let date = flags.date ?? textDate;
  if (flags.title && textTitle && flags.title !== textTitle)
    report.push(`title: --title replaces the text's "${textTitle}"`);
  if (!date && (date = dateFromAddress(url))) report.push(`date ${date}: from the original address`);
  if (flags.date) date = parseDateLine(flags.date) ?? flags.date;

  const sources = readSources(paths);
  const source = flags.source ? sources.find((s) => s.id === flags.source) : sourceFor(url, sources);
  if (!source) {
    const host = url ? hostOf(url) : undefined;
    const entry = host
      ? { id: slugFor(host.replace(/\.[a-z]+$/, "")), name: publisher ?? host, url: `https://${host}` }
      : undefined;
    const stop = flags.source
      ? `unknown source "${flags.source}": known sources are ${sources.map((s) => s.id).join(", ") || "none"}`
      : entry
        ? `no source in _data/sources.json has the address ${host}: add this entry (check the name), then import again:\n${JSON.stringify(entry, null, 2)}`
        : "the outlet is not known: give --source <id>, or --url with the original address";
    return { written: false, report, problems: [], stop };
  }
  const missing = [!title && "--title", !date && "--date"].filter(Boolean);
  if (missing.length)
    return {
      written: false,
      report,
      problems: [],
      stop: `the text does not give its ${missing.map((m) => String(m).slice(2)).join(" or ")}: give ${missing.join(" and ")}`,
    };

  if (sourceIdProblem(source.id))
    return {
      written: false,
      report,
      problems: [],
      stop: `_data/sources.json: id "${source.id}" is not a source id (lowercase letters, digits and single hyphens, never a path): correct it, then import again`,
    };
  Object.assign(front, { title, source: source.id, date, url, story: flags.story, note });
  if (!flags.source) report.push(`source "${source.id}": ${source.name}, by the address's host`);
  const slug = uniqueSlug(paths, source.id, slugFor(title!));
  const file = `${path.relative(paths.root, paths.articlesDir).split(path.sep).join("/")}/${source.id}/${slug}.md`;
  const language = reportLanguage(flags, `${title}\n\n${body}`, declared, source.language ?? siteLanguage(paths), file);
  if ("stop" in language) return { written: false, report, problems: [], stop: language.stop };
  front.language = language.tag;
  report.push(language.report);
  Object.assign(front, options.front);
  const textOut = articleText(front, body);
  const problems = checkArticle(paths, file, textOut);
  const from = options.fetched?.address ?? url;
  const capture =
    isPage && options.capture && from
      ? {
          key: `${source.id}/${slug}`,
          url: url ?? from,
          data: {
            at: options.capture.at,
            by: options.capture.by,
            from,
            sha256: sha256Of(bytes),
            title: textTitle ?? title!,
            text: paragraphsOf(body),
          },
        }
      : undefined;
  if (problems.some(isError) || options.dryRun)
    return { file, written: false, report, problems, text: textOut, body, capture };
  writeArticle(paths, file, textOut);
  const recordFile = capture && writeFirstCapture(paths, capture.key, capture.url, capture.data);
  if (recordFile) report.push(`captured: ${recordFile} (the page's text, its time and SHA-256)`);
  return { file, written: true, report, problems, text: textOut, body, capture, recordFile };
}

/**
 * `language` for the front matter: the report's language when it is not the source's (or, for a
 * source without one, the site's); undefined when it is, or when the detector is not sure, and
 * then the report line asks the editor to set it.
 */
function reportLanguage(
  flags: ImportFlags,
  text: string,
  declared: Declared[],
  expected: string | undefined,
  file: string,
): { tag?: string; report: string } | { stop: string } {
  const differs = (tag: string) => !expected || primary(tag) !== primary(expected);
  const whose = expected
    ? `the source's language (${expected})`
    : "the language of the source and the site (none given)";
  if (flags.language !== undefined) {
    const tag = languageTag(flags.language);
    if (!tag) return { stop: `--language "${flags.language}" is not a BCP 47 language tag (e.g. uk, en-GB, pt-BR)` };
    return differs(tag)
      ? { tag, report: `language ${tag}: by --language` }
      : { report: `language ${tag}: by --language, ${whose}: not written` };
  }
  const guess = detectLanguage(text, declared);
  if (!guess.tag) {
    const candidates = guess.candidates.map((c) => `${c.tag} (${c.score.toFixed(2)})`).join(", ") || "none";
    return {
      report: `language: not sure (${guess.why}; candidates ${candidates}): set language: <tag> in ${file} if it is not ${whose}, or import again with --language <tag>`,
    };
  }
  return differs(guess.tag)
    ? { tag: guess.tag, report: `language ${guess.tag}: ${guess.why}, not ${whose}` }
    : { report: `language ${guess.tag}: ${guess.why}, ${whose}: not written` };
}

/** `npm run new`: a valid article file to paste a report into, kept a draft until its text is in. */
export function newArticle(
  paths: ContentPaths,
  fields: { source: string; title: string; story?: string; date: string; url?: string },
  options: { force?: boolean } = {},
): ImportResult {
  // the address only: the new file's text is a placeholder
  const badSource = sourceIdProblem(fields.source);
  if (badSource) return { written: false, report: [], problems: [], stop: badSource };
  const duplicate = checkDuplicate(paths, { url: fields.url }, options.force);
  if (duplicate.stop) return { written: false, report: [], problems: [], stop: duplicate.stop };
  const slug = uniqueSlug(paths, fields.source, slugFor(fields.title));
  const file = `${path.relative(paths.root, paths.articlesDir).split(path.sep).join("/")}/${fields.source}/${slug}.md`;
  const date = parseDateLine(fields.date) ?? fields.date;
  const text = articleText(
    { title: fields.title, source: fields.source, date, url: fields.url, story: fields.story, draft: true },
    "Paste the report's text here, one paragraph per block, then remove `draft: true` above.",
  );
  const problems = checkArticle(paths, file, text);
  if (problems.some(isError)) return { file, written: false, report: duplicate.report, problems };
  writeArticle(paths, file, text);
  return { file, written: true, report: duplicate.report, problems };
}
