/**
 * Loads and validates everything editors write: `_data/sources.json`, `_data/stories.json`,
 * `_data/entities.json`, `_data/events.json`, `_data/claims.json` and
 * `src/articles/<source-id>/<slug>.md`. Every problem is collected (file, field, what was
 * expected) and the build stops with all of them at once.
 *
 * Order: sources, stories and entities first; then each article is parsed once (entity
 * mentions found and linked on the way); then events and claims are checked against the
 * articles (every quote must be in the cited article's text); then each article is rendered
 * once, with ids on the paragraphs that citations point at.
 */
import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { FileProblem, parseJsonFile, parseMarkdownFile, readTextFile } from "./files.ts";
import { anchorsKey, articleCache, fileStamp, matcherKey, reuseParse, type CachedArticle } from "./article-cache.ts";
import { parseBody, renderParsed, type ParsedBody } from "./markdown.ts";
import { MentionMatcher, nameKey } from "./mentions.ts";
import { Article, Citation, Claim, Content, Entity, NewsEvent, Source, Story, type ArticleMention } from "./model.ts";
import { ContentError, type Problem } from "./problems.ts";
import { QuoteIndex } from "./quotes.ts";
import {
  SLUG,
  articleSchema,
  claimSchema,
  describeIssues,
  entitySchema,
  eventSchema,
  sourceSchema,
  storySchema,
  type ArticleData,
} from "./schema.ts";

export interface ContentPaths {
  /** Project root: paths in messages are relative to it. */
  root: string;
  /** Folder holding sources.json, stories.json, entities.json, events.json and claims.json. */
  dataDir: string;
  /** Folder holding one folder of markdown files per source. */
  articlesDir: string;
}

export function defaultPaths(root = process.cwd()): ContentPaths {
  return { root, dataDir: path.join(root, "_data"), articlesDir: path.join(root, "src", "articles") };
}

const ARTICLE_KEYS = Object.keys(articleSchema.shape);
const MARKDOWN_EXT = /\.(md|markdown)$/;

export function loadContent(paths: ContentPaths = defaultPaths()): Content {
  const problems: Problem[] = [];
  const rel = (f: string) => path.relative(paths.root, f).split(path.sep).join("/");

  const sources = readEntries(path.join(paths.dataDir, "sources.json"), true, sourceSchema, "source", rel, problems).map(
    (e, i) => new Source(e.data, i),
  );
  const stories = readEntries(path.join(paths.dataDir, "stories.json"), false, storySchema, "story", rel, problems).map((e) => new Story(e.data));
  // When a data file itself is broken, do not also report every article that names one of its ids.
  const sourcesBroken = problems.some((p) => p.file.endsWith("sources.json"));
  const storiesBroken = problems.some((p) => p.file.endsWith("stories.json"));
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const storyById = new Map(stories.map((s) => [s.id, s]));

  const entityFile = path.join(paths.dataDir, "entities.json");
  const entityEntries = readEntries(entityFile, false, entitySchema, "entity", rel, problems);
  const entities = entityEntries.map((e) => new Entity(e.data));
  const entitiesBroken = problems.some((p) => p.file === rel(entityFile));
  const entityById = new Map(entities.map((e) => [e.id, e]));
  checkSpellings(entityEntries, entities, rel(entityFile), problems);
  const matcher = new MentionMatcher(entities.flatMap((e) => [e.name, ...e.aliases].map((name) => ({ name, target: e }))));
  const parseKey = matcherKey(entities);

  // Events and claims first: an article no citation points at is rendered as soon as it is
  // parsed, so only the few cited ones keep their token trees until their anchors are known.
  const eventFile = path.join(paths.dataDir, "events.json");
  const eventEntries = readEntries(eventFile, false, eventSchema, "event", rel, problems);
  const claimFile = path.join(paths.dataDir, "claims.json");
  const claimEntries = readEntries(claimFile, false, claimSchema, "claim", rel, problems);
  const cited = new Set([...eventEntries, ...claimEntries].flatMap((e) => e.data.citations.map((c) => c.article)));

  const pending: PendingArticle[] = [];
  /** Every article file found, loaded or not: a citation of a broken article is not also "unknown". */
  const articleFiles = new Set<string>();
  for (const { file, folder, slug } of listArticleFiles(paths, rel, problems)) {
    articleFiles.add(`${folder}/${slug}`);
    const name = rel(file);
    const at = (field: string | undefined, message: string) => problems.push({ file: name, field, message });
    // Unchanged since the last build in this process (watch mode): reuse what was read and validated.
    const stamp = fileStamp(file);
    let entry = stamp ? articleCache.get(file) : undefined;
    if (!entry || entry.stamp !== stamp) {
      entry = undefined;
      let parsed;
      try {
        parsed = parseMarkdownFile(readTextFile(file, paths.root));
      } catch (e) {
        if (e instanceof FileProblem) {
          at(e.field, e.message);
          continue;
        }
        throw e;
      }
      const result = articleSchema.safeParse(parsed.data);
      if (!result.success) {
        for (const p of describeIssues(result.error, ARTICLE_KEYS)) at(p.field, p.message);
        continue;
      }
      entry = { stamp: stamp ?? "", data: result.data, body: parsed.body };
      if (stamp) articleCache.set(file, entry);
    }
    const data: ArticleData = entry.data;
    let ok = true;
    const source = sourceById.get(data.source);
    if (data.source !== folder) {
      at("source", `is "${data.source}" but the file is in the folder of "${folder}": move it to src/articles/${data.source}/ or fix the source`);
      ok = false;
    }
    if (!source && !sourcesBroken) {
      at("source", `unknown source id "${data.source}": add it to _data/sources.json (known: ${[...sourceById.keys()].join(", ") || "none"})`);
      ok = false;
    }
    const story = data.story ? storyById.get(data.story) : undefined;
    if (data.story && !story && !storiesBroken) {
      at("story", `unknown story id "${data.story}": add it to _data/stories.json (known: ${[...storyById.keys()].join(", ") || "none"})`);
      ok = false;
    }
    if (!ok || !source || (data.story && !story)) continue;
    if (!entry.body.trim()) {
      at(undefined, "has no body: paste the article's text below the front matter");
      continue;
    }
    let body = entry.parsedFor === parseKey ? reuseParse(entry, entityById) : undefined;
    if (!body) {
      body = parseBody(entry.body, matcher);
      entry.parsed = body;
      entry.parsedFor = parseKey;
      entry.htmlFor = undefined;
    }
    const p: PendingArticle = { file: name, slug, data, source, story, body, anchors: new Map(), cache: entry };
    if (!cited.has(`${folder}/${slug}`)) {
      p.html = renderCached(p, matcher);
      p.body = entry.parsed ?? body;
    }
    pending.push(p);
  }
  const pendingByKey = new Map(pending.map((p) => [`${p.source.id}/${p.slug}`, p]));

  // Events and claims: every citation names a loaded article and quotes its text.
  const ctx: CitationContext = { pendingByKey, articleFiles, quoteIndexes: new Map(), problems };
  const storyProblem = (file: string, label: string, id: string) =>
    problems.push({ file, field: `${label}.story`, message: `unknown story id "${id}": add it to _data/stories.json (known: ${[...storyById.keys()].join(", ") || "none"})` });

  const eventDrafts = eventEntries.map(({ data, label }) => {
    const file = rel(eventFile);
    const story = data.story ? storyById.get(data.story) : undefined;
    if (data.story && !story && !storiesBroken) storyProblem(file, label, data.story);
    const eventEntities: Entity[] = [];
    (data.entities ?? []).forEach((id, j) => {
      const e = entityById.get(id);
      if (e) eventEntities.push(e);
      else if (!entitiesBroken)
        problems.push({ file, field: `${label}.entities[${j}]`, message: `unknown entity id "${id}": add it to _data/entities.json (known: ${[...entityById.keys()].join(", ") || "none"})` });
    });
    const cites = data.citations.map((c, j) => resolveCitation(ctx, file, `${label}.citations[${j}]`, c));
    return { data, story, entities: eventEntities, cites };
  });

  const claimDrafts = claimEntries.map(({ data, label }) => {
    const file = rel(claimFile);
    const story = storyById.get(data.story);
    if (!story && !storiesBroken) storyProblem(file, label, data.story);
    const cites = data.citations.map((c, j) => {
      const r = resolveCitation(ctx, file, `${label}.citations[${j}]`, c);
      if (r && story && r.pending.story !== story) {
        problems.push({
          file,
          field: `${label}.citations[${j}].article`,
          message: `article "${c.article}" (${r.pending.file}) is not part of story "${story.id}": a fact grid only has columns for the story's reports (set story: ${story.id} in the article, or cite another article)`,
        });
      }
      return r;
    });
    return { data, story, cites };
  });

  if (problems.length) throw new ContentError(problems);

  // Render each article once, with ids on the cited paragraphs.
  const articleByKey = new Map<string, Article>();
  for (const p of pending) {
    const mentions = collectMentions(p.body, p.data.image?.caption, matcher);
    const article = new Article({
      file: p.file,
      slug: p.slug,
      data: p.data,
      source: p.source,
      story: p.story,
      html: p.html ?? renderCached(p, matcher),
      text: p.body.text,
      words: p.body.words,
      firstParagraph: p.body.firstParagraph,
      mentions,
    });
    articleByKey.set(article.key, article);
  }
  const citation = (r: ResolvedCitation) => new Citation(articleByKey.get(r.key)!, r.quote, anchorId(r.block), r.value);
  const events = eventDrafts.map(
    (d) =>
      new NewsEvent({
        id: d.data.id,
        date: d.data.date,
        title: d.data.title,
        summary: d.data.summary,
        story: d.story,
        entities: d.entities,
        citations: d.cites.map((r) => citation(r!)),
      }),
  );
  const claims = claimDrafts.map((d) => new Claim({ id: d.data.id, story: d.story!, label: d.data.label, citations: d.cites.map((r) => citation(r!)) }));
  return new Content(sources, stories, [...articleByKey.values()], entities, events, claims);
}

/** The id of a cited block on the article page: `p3` is the third paragraph (or heading, list item). */
export function anchorId(block: number): string {
  return `p${block + 1}`;
}

/** The article's HTML with its anchors: from the cache when the parse and the anchors are unchanged. */
function renderCached(p: PendingArticle, matcher: MentionMatcher<Entity>): string {
  const key = anchorsKey(p.anchors);
  const entry = p.cache;
  if (entry.htmlFor === key && entry.html !== undefined) return entry.html;
  // a reused parse has no tokens left: parse the text again (same matcher, same result)
  const parsed = p.body.tokens.length ? p.body : parseBody(entry.body, matcher);
  const html = renderParsed(parsed, p.anchors);
  entry.html = html;
  entry.htmlFor = key;
  // keep what later builds need, not the token tree
  entry.parsed = { ...parsed, tokens: [], blockTokens: [] };
  return html;
}

interface PendingArticle {
  file: string;
  slug: string;
  data: ArticleData;
  source: Source;
  story?: Story;
  body: ParsedBody<Entity>;
  /** Cache entry of the file (watch rebuilds reuse its parse and HTML). */
  cache: CachedArticle;
  /** Rendered already (no citation points at it). */
  html?: string;
  /** Block index → id, for every block a citation points at. */
  anchors: Map<number, string>;
}

interface CitationContext {
  pendingByKey: Map<string, PendingArticle>;
  articleFiles: Set<string>;
  quoteIndexes: Map<PendingArticle, QuoteIndex>;
  problems: Problem[];
}

interface ResolvedCitation {
  key: string;
  pending: PendingArticle;
  quote: string;
  value?: string;
  block: number;
}

function resolveCitation(
  ctx: CitationContext,
  file: string,
  field: string,
  c: { article: string; quote: string; value?: string },
): ResolvedCitation | undefined {
  const pending = ctx.pendingByKey.get(c.article);
  if (!pending) {
    // An article that exists but has its own problems is reported once, in its own file.
    if (!ctx.articleFiles.has(c.article)) {
      ctx.problems.push({
        file,
        field: `${field}.article`,
        message: `unknown article "${c.article}": there is no src/articles/${c.article}.md`,
      });
    }
    return undefined;
  }
  let index = ctx.quoteIndexes.get(pending);
  if (!index) ctx.quoteIndexes.set(pending, (index = new QuoteIndex(pending.body.blocks)));
  const block = index.locate(c.quote);
  if (block < 0) {
    const shown = c.quote.length > 80 ? `${c.quote.slice(0, 77)}…` : c.quote;
    ctx.problems.push({
      file,
      field: `${field}.quote`,
      message: `quote not found in article "${c.article}" (${pending.file}): "${shown}"; copy the words exactly as the article has them`,
    });
    return undefined;
  }
  pending.anchors.set(block, anchorId(block));
  return { key: c.article, pending, quote: c.quote, value: c.value, block };
}

/** An article's mentions, one entry per entity in order of first mention; the photo caption counts too. */
function collectMentions(body: ParsedBody<Entity>, caption: string | undefined, matcher: MentionMatcher<Entity>): ArticleMention[] {
  const byEntity = new Map<Entity, ArticleMention>();
  const add = (entity: Entity, text: string) => {
    let m = byEntity.get(entity);
    if (!m) byEntity.set(entity, (m = { entity, spellings: [], count: 0 }));
    m.count++;
    if (!m.spellings.includes(text)) m.spellings.push(text);
  };
  for (const m of body.mentions) add(m.target, m.text);
  if (caption) for (const hit of matcher.scan(caption)) add(hit.target, hit.text);
  return [...byEntity.values()];
}

/** A name or alias may belong to one entity only: otherwise a mention could not be attributed. */
function checkSpellings(entries: { data: { id: string }; label: string }[], entities: Entity[], file: string, problems: Problem[]): void {
  const owner = new Map<string, string>();
  entities.forEach((e, i) => {
    const label = entries[i]!.label;
    [e.name, ...e.aliases].forEach((name, j) => {
      const key = nameKey(name);
      const other = owner.get(key);
      const field = j === 0 ? `${label}.name` : `${label}.aliases[${j - 1}]`;
      if (other === undefined) owner.set(key, e.id);
      else if (other === e.id) problems.push({ file, field, message: `"${name}" is listed twice for this entity` });
      else problems.push({ file, field, message: `"${name}" is also a spelling of entity "${other}": one spelling can name only one entity` });
    });
  });
}

const PLURALS: Record<string, string> = { source: "sources", story: "stories", entity: "entities", event: "events", claim: "claims" };

/** Reads a JSON list of entries; each valid entry comes with its label for messages: `[2] (id "x")`. */
function readEntries<S extends z.ZodType>(
  file: string,
  required: boolean,
  schema: S,
  what: string,
  rel: (f: string) => string,
  problems: Problem[],
): { data: z.output<S>; label: string }[] {
  const name = rel(file);
  if (!fs.existsSync(file) && !required) return [];
  let raw: unknown;
  try {
    raw = parseJsonFile(readTextFile(file, path.dirname(path.dirname(file))));
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    problems.push({ file: name, message: e.message === "is missing" ? `is missing: the site needs a list of ${PLURALS[what] ?? what} here` : e.message });
    return [];
  }
  if (!Array.isArray(raw)) {
    problems.push({ file: name, message: `must be a JSON array of ${what} objects ([ { "id": … }, … ])` });
    return [];
  }
  const out: { data: z.output<S>; label: string }[] = [];
  const ids = new Map<string, number>();
  raw.forEach((entry, i) => {
    const label = typeof (entry as { id?: unknown })?.id === "string" ? `[${i}] (id "${(entry as { id: string }).id}")` : `[${i}]`;
    const result = schema.safeParse(entry);
    if (!result.success) {
      for (const p of describeIssues(result.error)) problems.push({ file: name, field: p.field ? `${label}.${p.field}` : label, message: p.message });
      return;
    }
    const id = (result.data as { id: string }).id;
    const first = ids.get(id);
    if (first !== undefined) {
      problems.push({ file: name, field: `[${i}].id`, message: `duplicate ${what} id "${id}" (also at [${first}])` });
      return;
    }
    ids.set(id, i);
    out.push({ data: result.data, label });
  });
  return out;
}

interface ArticleFile {
  file: string;
  folder: string;
  slug: string;
}

/** Lists src/articles/<folder>/<slug>.md, reporting anything that is not where the contract puts it. */
function listArticleFiles(paths: ContentPaths, rel: (f: string) => string, problems: Problem[]): ArticleFile[] {
  const out: ArticleFile[] = [];
  if (!fs.existsSync(paths.articlesDir)) return out;
  const seen = new Map<string, string>();
  for (const top of fs.readdirSync(paths.articlesDir, { withFileTypes: true }).sort(byName)) {
    const topPath = path.join(paths.articlesDir, top.name);
    if (top.name.startsWith(".")) continue;
    if (!top.isDirectory()) {
      if (top.isSymbolicLink()) {
        problems.push({ file: rel(topPath), message: "is a symbolic link: source folders must be real folders inside src/articles/ (copy the files in)" });
      } else if (MARKDOWN_EXT.test(top.name)) {
        problems.push({ file: rel(topPath), message: "is not in a source folder: articles go in src/articles/<source-id>/<slug>.md" });
      }
      continue;
    }
    if (!SLUG.test(top.name)) {
      problems.push({ file: rel(topPath), message: `folder name "${top.name}" is not a source id (lowercase letters, digits, hyphens)` });
      continue;
    }
    for (const entry of fs.readdirSync(topPath, { withFileTypes: true }).sort(byName)) {
      const file = path.join(topPath, entry.name);
      if (entry.name.startsWith(".")) continue;
      if (entry.isDirectory()) {
        if (containsMarkdown(file)) problems.push({ file: rel(file), message: "articles must sit directly in their source folder, not in a subfolder" });
        continue;
      }
      if (!MARKDOWN_EXT.test(entry.name)) continue; // images and other assets beside articles
      const slug = entry.name.replace(MARKDOWN_EXT, "");
      if (!SLUG.test(slug)) {
        problems.push({ file: rel(file), message: `file name "${slug}" is not a valid slug: use lowercase letters, digits and single hyphens` });
        continue;
      }
      const key = `${top.name}/${slug}`;
      const other = seen.get(key);
      if (other) {
        problems.push({ file: rel(file), field: "slug", message: `duplicate slug "${slug}" in source "${top.name}" (also ${other})` });
        continue;
      }
      seen.set(key, rel(file));
      out.push({ file, folder: top.name, slug });
    }
  }
  return out;
}

function containsMarkdown(dir: string): boolean {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).some((f) => MARKDOWN_EXT.test(f));
}

function byName(a: fs.Dirent, b: fs.Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Reads a JSON data file for Eleventy's data cascade; a bad file stops the build with its name. */
export function readJsonDataFile(file: string, root = process.cwd()): unknown {
  try {
    return parseJsonFile(readTextFile(file, root));
  } catch (e) {
    if (e instanceof FileProblem) throw new ContentError([{ file: path.relative(root, file).split(path.sep).join("/"), message: e.message }]);
    throw e;
  }
}
