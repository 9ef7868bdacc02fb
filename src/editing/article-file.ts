/**
 * Writing a new article file for `npm run new` and `npm run import`: a slug from the title, a
 * path that is never an existing file, front matter in the contract's key order, and a check by
 * the content pipeline itself before anything is written.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import slugify from "@sindresorhus/slugify";
import { stringify } from "yaml";
import { defaultPaths, loadContent, type ContentPaths } from "../content/pipeline.ts";
import type { Problem } from "../content/problems.ts";
import { SLUG } from "../content/schema.ts";

/** The contract's keys, in the order a reader of the file expects them. */
const KEY_ORDER = [
  "title",
  "source",
  "date",
  "updated",
  "url",
  "language",
  "authors",
  "credit",
  "summary",
  "story",
  "tags",
  "image",
  "related",
  "note",
  "archive",
  "accessed",
  "provenance",
  "draft",
  "corrections",
];

/** `[a-z0-9-]` from any script ("Київ" → "kyiv"), at most 80 characters, never only digits. */
export function slugFor(title: string): string {
  let slug = slugify(title, { decamelize: false }).slice(0, 80).replace(/-+$/, "");
  if (!slug || /^\d+$/.test(slug)) slug = slug ? `report-${slug}` : "report";
  if (!SLUG.test(slug)) throw new Error(`could not make a file name from "${title}"`);
  return slug;
}

/** The first of `slug`, `slug-2`, `slug-3`… that is not a file of the source yet. */
export function uniqueSlug(paths: ContentPaths, source: string, slug: string): string {
  const taken = (s: string) =>
    ["md", "markdown"].some((ext) => fs.existsSync(path.join(paths.articlesDir, source, `${s}.${ext}`)));
  let candidate = slug;
  for (let n = 2; taken(candidate); n++) candidate = `${slug}-${n}`;
  return candidate;
}

/** The file's text: front matter (keys in the contract's order, values YAML-quoted where needed), then the body. */
export function articleText(front: Record<string, unknown>, body: string): string {
  const ordered = Object.fromEntries(
    Object.entries(front)
      .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
      .sort(([a], [b]) => KEY_ORDER.indexOf(a) - KEY_ORDER.indexOf(b)),
  );
  const yaml = stringify(ordered, { lineWidth: 0, defaultStringType: "PLAIN", defaultKeyType: "PLAIN" });
  return `---\n${yaml}---\n${body.trim()}\n`;
}

/**
 * The problems the pipeline finds in the new file, against the content's own sources, stories
 * and entities: those data files and the article are copied into a temporary content tree and
 * loaded there. Events and claims stay out (they cite articles the copy does not hold, and none
 * can cite a file that does not exist yet), and only the new file's problems are returned.
 */
export function checkArticle(paths: ContentPaths, rel: string, text: string): Problem[] {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "check-article-"));
  try {
    for (const name of ["site.json", "sources.json", "stories.json", "entities.json"]) {
      const from = path.join(paths.dataDir, name);
      if (fs.existsSync(from)) fs.cpSync(from, path.join(root, "_data", name));
    }
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    const { problems } = loadContent(defaultPaths(root), { renderHtml: false });
    return problems.filter((p) => p.file === rel);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Why `source` cannot name a folder of src/articles/ (`..`, `/`, `\\`, an absolute path, anything
 * but an id like "moscow-times"), or undefined when it can. Checked before anything is written.
 */
export function sourceIdProblem(source: string): string | undefined {
  return SLUG.test(source)
    ? undefined
    : `--source "${source}": a source id is lowercase letters, digits and single hyphens, like "moscow-times" (an id of _data/sources.json), never a path`;
}

/** Writes the file; never overwrites one (fails if it appeared meanwhile), never outside src/articles/<source>/. */
export function writeArticle(paths: ContentPaths, rel: string, text: string): string {
  const file = path.join(paths.root, rel);
  const inside = path.relative(path.resolve(paths.articlesDir), path.resolve(file)).split(path.sep);
  if (inside.length !== 2 || !SLUG.test(inside[0]!) || !/^[a-z0-9]+(?:-[a-z0-9]+)*\.md$/.test(inside[1]!))
    throw new Error(`${rel}: an article file is src/articles/<source>/<slug>.md: nothing was written`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { flag: "wx" });
  return file;
}
