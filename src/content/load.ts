/**
 * Loads and validates everything editors write: `_data/sources.json`, `_data/stories.json`
 * and `src/articles/<source-id>/<slug>.md`. Every problem is collected (file, field, what was
 * expected) and the build stops with all of them at once.
 */
import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { FileProblem, parseJsonFile, parseMarkdownFile, readTextFile } from "./files.ts";
import { renderBody, type RenderedBody } from "./markdown.ts";
import { Article, Content, Source, Story } from "./model.ts";
import { ContentError, type Problem } from "./problems.ts";
import { SLUG, articleSchema, describeIssues, sourceSchema, storySchema, type ArticleData } from "./schema.ts";

export interface ContentPaths {
  /** Project root: paths in messages are relative to it. */
  root: string;
  /** Folder holding sources.json and stories.json. */
  dataDir: string;
  /** Folder holding one folder of markdown files per source. */
  articlesDir: string;
}

export function defaultPaths(root = process.cwd()): ContentPaths {
  return { root, dataDir: path.join(root, "_data"), articlesDir: path.join(root, "src", "articles") };
}

const ARTICLE_KEYS = Object.keys(articleSchema.shape);

/**
 * Parsed, validated and rendered articles by absolute path, kept for the life of the process
 * (on globalThis, so it survives Eleventy re-importing the config in watch mode). A file is
 * read again only when its modification time, change time or size changed: a watch rebuild
 * after editing one article parses and renders one file, not thousands. Entries hold only what
 * the file itself determines (front matter and body); links to sources, stories and other
 * articles are made afresh every build.
 */
interface CachedArticle {
  stamp: string;
  data: ArticleData;
  body?: RenderedBody;
}
const CACHE_KEY = Symbol.for("story-timeline.article-cache");
const articleCache: Map<string, CachedArticle> = ((globalThis as Record<symbol, unknown>)[CACHE_KEY] ??= new Map()) as Map<string, CachedArticle>;

function fileStamp(file: string): string | undefined {
  try {
    const st = fs.statSync(file, { bigint: true });
    return st.isFile() ? `${st.mtimeNs}:${st.ctimeNs}:${st.size}:${st.ino}` : undefined;
  } catch {
    return undefined;
  }
}
const MARKDOWN_EXT = /\.(md|markdown)$/;

export function loadContent(paths: ContentPaths = defaultPaths()): Content {
  const problems: Problem[] = [];
  const rel = (f: string) => path.relative(paths.root, f).split(path.sep).join("/");

  const sources = readList(path.join(paths.dataDir, "sources.json"), true, sourceSchema, "source", rel, problems).map(
    (d, i) => new Source(d, i),
  );
  const stories = readList(path.join(paths.dataDir, "stories.json"), false, storySchema, "story", rel, problems).map((d) => new Story(d));
  // When a data file itself is broken, do not also report every article that names one of its ids.
  const sourcesBroken = problems.some((p) => p.file.endsWith("sources.json"));
  const storiesBroken = problems.some((p) => p.file.endsWith("stories.json"));
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const storyById = new Map(stories.map((s) => [s.id, s]));

  const articles: Article[] = [];
  for (const { file, folder, slug } of listArticleFiles(paths, rel, problems)) {
    const name = rel(file);
    const at = (field: string | undefined, message: string) => problems.push({ file: name, field, message });
    // Unchanged since the last build in this process (watch mode): reuse the parsed, validated, rendered file.
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
      const hasBody = parsed.body.trim() !== "";
      entry = { stamp: stamp ?? "", data: result.data, body: hasBody ? renderBody(parsed.body) : undefined };
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
    if (!entry.body) {
      at(undefined, "has no body: paste the article's text below the front matter");
      continue;
    }
    articles.push(new Article({ file: name, slug, data, source, story, ...entry.body }));
  }

  if (problems.length) throw new ContentError(problems);
  return new Content(sources, stories, articles);
}

function readList<S extends z.ZodType>(
  file: string,
  required: boolean,
  schema: S,
  what: string,
  rel: (f: string) => string,
  problems: Problem[],
): z.output<S>[] {
  const name = rel(file);
  if (!fs.existsSync(file) && !required) return [];
  let raw: unknown;
  try {
    raw = parseJsonFile(readTextFile(file, path.dirname(path.dirname(file))));
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    problems.push({ file: name, message: e.message === "is missing" ? `is missing: the site needs a list of ${what === "source" ? "sources" : "stories"} here` : e.message });
    return [];
  }
  if (!Array.isArray(raw)) {
    problems.push({ file: name, message: `must be a JSON array of ${what} objects ([ { "id": … }, … ])` });
    return [];
  }
  const out: z.output<S>[] = [];
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
    out.push(result.data);
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
      if (MARKDOWN_EXT.test(top.name) || top.isSymbolicLink()) {
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
