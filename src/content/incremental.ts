/**
 * Watch-mode rebuilds that render only what changed. Eleventy re-renders every page of a
 * paginated template when any watched file changes (articles are data, not templates, so
 * its own --incremental cannot tell which pages use them). When the only files changed since
 * the last build are articles, and each edit leaves unchanged everything that other pages
 * show of it (title, date, summary, story, …), only those articles' own pages are rendered;
 * every other page already in the output is still right (pages that paginate over anything
 * but `news.render`, such as feeds, story and entity pages, are always rendered). Anything else — a new or deleted
 * article, a changed title or date, a template, a data file — renders everything.
 * Cold builds (`npm run build`) always render everything: this needs a previous build in
 * the same process and a list of changed files from Eleventy's watcher.
 */
import path from "node:path";
import type { Article, Content } from "./model.ts";

const STATE_KEY = Symbol.for("story-timeline.incremental-state");
interface State {
  previous?: Content;
  changed?: string[];
}
const state: State = ((globalThis as Record<symbol, unknown>)[STATE_KEY] ??= {}) as State;

/** Called from Eleventy's `eleventy.beforeWatch` event with the files that triggered the rebuild. */
export function noteChangedFiles(files: string[]): void {
  state.changed = [...(state.changed ?? []), ...files.map((f) => path.resolve(f))];
}

/**
 * What other pages show of an article: its listing fields, and the paragraph ids that the
 * timeline's event citations link to. When this is unchanged, only its own page changes.
 */
function listingSignature(a: Article, anchors: ReadonlyMap<Article, string[]>): string {
  return JSON.stringify([a.key, a.title, a.date.iso, a.updated?.iso, a.summary, a.story?.id, a.source.id, a.authors, a.url, anchors.get(a) ?? []]);
}

/** Every citation's paragraph id, by the article it cites. */
function citedAnchors(content: Content): Map<Article, string[]> {
  const out = new Map<Article, string[]>();
  for (const c of [...content.events.flatMap((e) => e.citations), ...content.claims.flatMap((x) => x.citations)]) {
    const list = out.get(c.article) ?? [];
    list.push(c.anchor);
    out.set(c.article, list);
  }
  return out;
}

/** Narrows `content.render` to the edited articles when that is safe; remembers `content` for the next build. */
export function planRender(content: Content, articlesDir: string): Content {
  const { previous, changed } = state;
  state.previous = content;
  state.changed = undefined;
  if (!previous || !changed?.length || previous.articles.length !== content.articles.length) return content;
  const root = path.resolve(articlesDir) + path.sep;
  const edited: Article[] = [];
  const anchorsBefore = citedAnchors(previous);
  const anchorsAfter = citedAnchors(content);
  for (const file of new Set(changed)) {
    if (!file.startsWith(root) || !/\.(md|markdown)$/.test(file)) return content;
    const key = path.relative(root, file).split(path.sep).join("/").replace(/\.(md|markdown)$/, "");
    const before = previous.articleByKey.get(key);
    const after = content.articleByKey.get(key);
    if (!before || !after || listingSignature(before, anchorsBefore) !== listingSignature(after, anchorsAfter)) return content;
    edited.push(after);
  }
  content.render = { articles: edited, timelinePages: [], sourcePages: [], partial: true };
  return content;
}
