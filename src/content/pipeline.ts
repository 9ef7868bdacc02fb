/**
 * The content pipeline: everything editors write, read, validated and linked into one model.
 * Pure: no Eleventy, no global state; a plain script or a test calls `loadContent(paths)`.
 *
 *   1. read the data files        (data-files.ts)
 *   2. read the article files     (article-files.ts: front matter validated, source, story, picture)
 *   3. render the bodies          (bodies.ts: entity names, cited blocks located and anchored;
 *                                  translations as plain markdown, never compared or quoted)
 *   4. resolve events and claims  (citations.ts: every quote in its article)
 *   5. link the model             (link.ts, pages.ts)
 *   6. warnings                   (warnings.ts: pasted page furniture, gaps in the record)
 *
 * Every problem is collected; the model is only built when there is no error.
 */
import fs from "node:fs";
import path from "node:path";
import type { ArticleCache, ArticleDraft, TranslationDraft } from "./article-files.ts";
import { readArticleFiles } from "./article-files.ts";
import { anchorId, bodyImageProblems, renderArticleBody, scanArticleBody, type BodyResult } from "./bodies.ts";
import { citedQuotes, resolveEventsAndClaims, type QuoteBlocks, type ResolvedCitation } from "./citations.ts";
import { readDataFiles } from "./data-files.ts";
import { linkContent } from "./link.ts";
import { directionOf, loadLocale, SHIPPED_LOCALES, type Locale } from "./locale.ts";
import { deepNesting, MAX_NESTING, renderBody } from "./markdown.ts";
import { MentionMatcher } from "./mentions.ts";
import {
  Article,
  Citation,
  Claim,
  type ArticleTranslation,
  type Content,
  type Entity,
  type ArticleMention,
  matchedNames,
  NewsEvent,
} from "./model.ts";
import { isError, type Problem } from "./problems.ts";
import { readRecords, type ReportRecord } from "./record.ts";
import type { TokenCache } from "./shared-text.ts";
import type { SpillFile } from "./stored-text.ts";
import { summaryOf } from "./summary.ts";
import { furnitureWarnings, recordWarnings } from "./warnings.ts";
import type { AddressSettings } from "../publish/site.ts";

export interface ContentPaths {
  /** Project root: paths in messages are relative to it. */
  root: string;
  /** Folder holding sources.json, stories.json, entities.json, events.json and claims.json. */
  dataDir: string;
  /** Folder holding one folder of markdown files per source. */
  articlesDir: string;
  /** Folders of locale files, searched in order: the content root's own, then the shipped ones. */
  localeDirs: readonly string[];
  /** Folder of the reports' records (`<source-id>/<slug>.json`); `<root>/record` when not given. */
  recordDir?: string;
}

export function defaultPaths(root = process.cwd()): ContentPaths {
  return {
    root,
    dataDir: path.join(root, "_data"),
    articlesDir: path.join(root, "src", "articles"),
    localeDirs: [path.join(root, "locales"), SHIPPED_LOCALES],
    recordDir: path.join(root, "record"),
  };
}

/** The folder of the reports' records. */
export function recordDirOf(paths: ContentPaths): string {
  return paths.recordDir ?? path.join(paths.root, "record");
}

export interface LoadOptions {
  /** Kept by a caller that builds repeatedly (watch mode): unchanged files are not read or rendered again. */
  cache?: ArticleCache;
  /** Kept likewise: unchanged reports are not split into words again for the shared-text comparison. */
  tokenCache?: TokenCache;
  /** Include articles marked `draft: true` (`npm start` does; `npm run build` never). */
  includeDrafts?: boolean;
  /**
   * Render bodies to HTML (default). `npm run check` only validates: then a body is parsed only
   * when a citation needs its blocks, the model's HTML and automatic summaries are empty, and
   * reports are not compared for shared text.
   */
  renderHtml?: boolean;
  /**
   * Keep the rendered bodies in this temporary file instead of memory (a one-off build of a large
   * archive: the model then holds only where each body is; src/content/stored-text.ts).
   */
  spill?: SpillFile;
  /** SITE_URL and PATH_PREFIX, checked against site.json's url as the build uses them. */
  address?: AddressSettings;
}

export interface LoadResult {
  /** The linked model; undefined when there is any error. */
  content?: Content;
  /** Errors and warnings, in the order found. */
  problems: Problem[];
}

export function loadContent(paths: ContentPaths, options: LoadOptions = {}): LoadResult {
  const problems: Problem[] = [];
  const rel = (f: string) => path.relative(paths.root, f).split(path.sep).join("/");

  const data = readDataFiles(paths.dataDir, rel, problems, options.address);
  const locale = data.site && siteLocale(paths, data.site.language, rel, problems);
  const articleFiles = readArticleFiles(paths.root, paths.articlesDir, data, rel, problems, options);

  const { drafts } = articleFiles;
  const matcher = new MentionMatcher(matchedNames(data.entities, (e) => e));
  const quotes = citedQuotes(data);
  const names = JSON.stringify(data.entities.map((e) => [e.id, e.name, e.aliases, [...e.forms]]));
  const bodies = new Map<ArticleDraft, BodyResult>();
  const translations = new Map<ArticleDraft, ArticleTranslation[]>();
  const blocks: QuoteBlocks = new Map();
  const furniture: Problem[] = [];
  const render = options.renderHtml ?? true;
  for (const draft of drafts) {
    const asked = quotes.get(draft.key) ?? [];
    const language = languageOf(draft);
    const body =
      render || asked.length
        ? renderCached(draft, `${names}\u0000${language ?? ""}\u0000${JSON.stringify(asked)}`, () =>
            renderArticleBody(draft.body, matcher, asked, render, options.spill, language),
          )
        : scanArticleBody(draft.body, matcher, language);
    bodies.set(draft, body);
    for (const [file, bodyLine, deep] of [
      [draft.file, draft.bodyLine, body.tooDeep] as const,
      ...draft.translations.map((t) => [t.file, t.bodyLine, deepNesting(t.body)] as const),
    ])
      if (deep)
        problems.push({
          file,
          line: bodyLine + deep.line,
          message: `the text nests ${deep.depth} levels deep (quotes, lists, emphasis or links inside one another; at most ${MAX_NESTING}): remove the extra *, _, [ or > marks`,
        });
    // The original's text alone is quoted and compared (its blocks above); a translation is only shown.
    translations.set(draft, makeTranslations(draft.translations, render));
    if (asked.length)
      blocks.set(
        draft.key,
        new Map(asked.map((q, i) => [q, { block: body.quoteBlocks[i]!, nearest: body.nearest[i] }])),
      );
    furniture.push(...furnitureWarnings(draft));
    problems.push(...bodyImageProblems(draft.file, draft.body, draft.bodyLine));
    for (const t of draft.translations) problems.push(...bodyImageProblems(t.file, t.body, t.bodyLine));
    // Without a cache the markdown is not needed again: let it go (an archive's worth of text).
    if (!options.cache) {
      draft.body = "";
      for (const t of draft.translations) t.body = "";
    }
  }

  const resolved = resolveEventsAndClaims(data, articleFiles, blocks, problems);
  const records = readRecords(
    recordDirOf(paths),
    paths.root,
    (key) => fs.existsSync(path.join(paths.articlesDir, `${key}.md`)),
    rel,
    problems,
  );
  if (problems.some(isError) || !data.site || !locale) return { problems };

  const entityById = new Map(data.entities.map((e) => [e.id, e]));
  const articles = new Map(
    drafts.map((d) => [
      d.key,
      makeArticle(d, bodies.get(d)!, translations.get(d)!, entityById, matcher, locale.tag, records.get(d.key)),
    ]),
  );
  const citation = (r: ResolvedCitation) =>
    new Citation({
      article: articles.get(r.key)!,
      quote: r.quote,
      translation: r.translation,
      anchor: anchorId(r.block),
      value: r.value,
    });
  const events = resolved.events.map(
    (e) =>
      new NewsEvent({
        id: e.data.id,
        date: e.data.date,
        title: e.data.title,
        summary: e.data.summary,
        story: e.story,
        entities: e.entities,
        citations: e.citations.map(citation),
        notReportedBy: e.notReportedBy,
        dateLabel: locale.dates.eventDate(e.data.date),
      }),
  );
  const claims = resolved.claims.map(
    (c) =>
      new Claim({
        id: c.data.id,
        story: c.story,
        label: c.data.label,
        citations: c.citations.map(citation),
        notReportedBy: c.notReportedBy,
        changes: c.data.changes,
      }),
  );
  const content = linkContent({
    site: data.site,
    locale,
    sources: data.sources,
    stories: data.stories,
    articles: [...articles.values()],
    entities: data.entities,
    events,
    claims,
    tokenCache: options.tokenCache,
    sharedText: options.renderHtml ?? true,
  });
  problems.push(...furniture, ...recordWarnings(content, data));
  return { content, problems };
}

/** The locale site.json's `language` picks; a problem at that line when there is none. */
function siteLocale(
  paths: ContentPaths,
  tag: string,
  rel: (f: string) => string,
  problems: Problem[],
): Locale | undefined {
  const file = path.join(paths.dataDir, "site.json");
  const lines = fs.readFileSync(file, "utf8").split(/\r\n|\r|\n/);
  const line = lines.findIndex((l) => l.includes('"language"')) + 1;
  const where: Problem = { file: rel(file), field: "language", message: "", ...(line ? { line, column: 1 } : {}) };
  return loadLocale(paths.localeDirs, tag, rel, where, problems);
}

/** A report's language, as far as it is known before the site's is (where words begin in scripts without spaces). */
function languageOf(draft: ArticleDraft): string | undefined {
  return draft.data.language ?? draft.source.language;
}

/** The cached rendering when the file and what its rendering depends on are unchanged. */
function renderCached(draft: ArticleDraft, key: string, render: () => BodyResult): BodyResult {
  const cached = draft.cached;
  if (cached?.rendered?.key === key) return cached.rendered.result;
  const result = render();
  if (cached) cached.rendered = { key, result };
  return result;
}

/**
 * An article's translations for the model, sorted by language. The body is rendered as an
 * article's (the same markdown-it, raw HTML off, the same link policy), without entity links or
 * citation anchors; cached with the file, so an edited translation is read and rendered anew.
 */
function makeTranslations(drafts: readonly TranslationDraft[], render: boolean): ArticleTranslation[] {
  const html = (t: TranslationDraft) => {
    // nested too deep: refused (above), never rendered
    if (!render || deepNesting(t.body)) return "";
    if (t.cached?.html !== undefined) return t.cached.html;
    const out = renderBody(t.body);
    if (t.cached) t.cached.html = out;
    return out;
  };
  return drafts
    .map((t) => ({
      file: t.file,
      language: t.language,
      dir: directionOf(t.language),
      title: t.data.title,
      html: html(t),
      translator: t.data.translator,
      machine: t.data.machine ?? false,
      date: t.data.date,
    }))
    .sort((a, b) => (a.language < b.language ? -1 : a.language > b.language ? 1 : 0));
}

function makeArticle(
  draft: ArticleDraft,
  body: BodyResult,
  translations: readonly ArticleTranslation[],
  entityById: Map<string, Entity>,
  matcher: MentionMatcher<Entity>,
  siteLanguage: string,
  record: ReportRecord | undefined,
): Article {
  const { data } = draft;
  return new Article({
    record,
    language: data.language ?? draft.source.language ?? siteLanguage,
    translations,
    file: draft.file,
    slug: draft.slug,
    data,
    source: draft.source,
    story: draft.story,
    html: body.html,
    paragraphs: body.blocks,
    summary: data.summary ?? summaryOf(body.firstParagraph),
    image: data.image && { ...data.image, file: draft.imageFile },
    mentions: collectMentions(body, data.image?.caption, entityById, matcher, languageOf(draft)),
  });
}

/** An article's mentions, one entry per entity in order of first mention; the photo caption counts too. */
function collectMentions(
  body: BodyResult,
  caption: string | undefined,
  entityById: Map<string, Entity>,
  matcher: MentionMatcher<Entity>,
  language: string | undefined,
): ArticleMention[] {
  // built here, then read-only in the model
  const byEntity = new Map<Entity, { entity: Entity; spellings: string[]; count: number }>();
  const add = (entity: Entity, text: string) => {
    let m = byEntity.get(entity);
    if (!m) byEntity.set(entity, (m = { entity, spellings: [], count: 0 }));
    m.count++;
    if (!m.spellings.includes(text)) m.spellings.push(text);
  };
  for (const m of body.mentions) add(entityById.get(m.id)!, m.text);
  if (caption) for (const hit of matcher.scan(caption, language)) add(hit.target, hit.text);
  // exact-size copies: an array grown by push keeps room for 17 (~150 bytes × ~200,000 at 10,000 reports)
  for (const m of byEntity.values()) m.spellings = m.spellings.slice();
  return [...byEntity.values()];
}
