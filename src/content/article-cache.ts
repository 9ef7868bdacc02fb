/**
 * Parsed, validated and rendered articles by absolute path, kept for the life of the process
 * (on globalThis, so it survives Eleventy re-importing the config in watch mode). A watch
 * rebuild after editing one article reads, validates, parses and renders that one file; the
 * others are reused as long as what they depend on is unchanged:
 * - front matter and body: the file's stamp (modification and change time, size, inode);
 * - the parse (entity mentions): the entity names and aliases (`matcherKey`);
 * - the HTML: the paragraph anchors that citations need (`anchorsKey`).
 * Links to sources, stories and other articles are made afresh every build.
 * Only in watch mode (`npm start`): a one-off build has no second build to serve, and keeping
 * every article's text twice would only raise its memory peak.
 */
import fs from "node:fs";
import type { ParsedBody } from "./markdown.ts";
import type { Entity } from "./model.ts";
import type { ArticleData } from "./schema.ts";

export interface CachedArticle {
  stamp: string;
  data: ArticleData;
  /** The markdown below the front matter. */
  body: string;
  parsedFor?: string;
  /** The parse; its tokens are dropped once the article is rendered. */
  parsed?: ParsedBody<Entity>;
  htmlFor?: string;
  html?: string;
}

const CACHE_KEY = Symbol.for("story-timeline.article-cache");
export const articleCache: Map<string, CachedArticle> = ((globalThis as Record<symbol, unknown>)[CACHE_KEY] ??= new Map()) as Map<
  string,
  CachedArticle
>;

/** Eleventy sets ELEVENTY_RUN_MODE to "build", "watch" or "serve" before loading the config. */
const WATCHING = () => (process.env.ELEVENTY_RUN_MODE ?? "build") !== "build";

/** Changes whenever the file's content may have changed; undefined when it is not a readable file or nothing is cached. */
export function fileStamp(file: string): string | undefined {
  if (!WATCHING()) return undefined;
  try {
    const st = fs.statSync(file, { bigint: true });
    return st.isFile() ? `${st.mtimeNs}:${st.ctimeNs}:${st.size}:${st.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/** What a parse depends on besides the text: every entity's id, name and aliases. */
export function matcherKey(entities: readonly Entity[]): string {
  return JSON.stringify(entities.map((e) => [e.id, e.name, e.aliases]));
}

export function anchorsKey(anchors: ReadonlyMap<number, string>): string {
  return JSON.stringify([...anchors]);
}

/** The cached parse with its mentions pointing at this build's entities. */
export function reuseParse(entry: CachedArticle, entityById: ReadonlyMap<string, Entity>): ParsedBody<Entity> | undefined {
  const parsed = entry.parsed;
  if (!parsed) return undefined;
  const mentions = parsed.mentions.map((m) => ({ target: entityById.get(m.target.id), text: m.text }));
  if (mentions.some((m) => !m.target)) return undefined;
  return { ...parsed, mentions: mentions as ParsedBody<Entity>["mentions"] };
}
