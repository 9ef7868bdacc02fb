/**
 * What editors' commands read of the content without loading it: a data file's list, and each
 * report's file and front matter. Quick and forgiving of the rest: a file the check refuses is
 * reported by `npm run check`, not here.
 */
import fs from "node:fs";
import path from "node:path";
import { parseJsonFile, parseMarkdownFile, readTextFile } from "../content/files.ts";
import type { ContentPaths } from "../content/pipeline.ts";

/** A list in `_data/` (`sources.json`, …): empty when the file is missing; throws when it cannot be read. */
export function readDataList<T>(paths: ContentPaths, name: string): T[] {
  const file = path.join(paths.dataDir, name);
  if (!fs.existsSync(file)) return [];
  const value = parseJsonFile(readTextFile(file, paths.root)).value;
  return Array.isArray(value) ? (value as T[]) : [];
}

/** A report in src/articles/: its file (relative to the content root), `source/slug` key, source and front matter. */
export interface ReportFront {
  file: string;
  key: string;
  source: string;
  front: Record<string, unknown>;
}

/** Every report in src/articles/ (drafts too; not translations, `<slug>.<language>.md`), in file order. */
export function reportFronts(paths: ContentPaths): ReportFront[] {
  const out: ReportFront[] = [];
  if (!fs.existsSync(paths.articlesDir)) return out;
  const rel = path.relative(paths.root, paths.articlesDir).split(path.sep).join("/");
  for (const source of fs.readdirSync(paths.articlesDir).sort()) {
    const dir = path.join(paths.articlesDir, source);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (!/^[a-z0-9-]+\.md$/.test(name)) continue;
      try {
        const { data } = parseMarkdownFile(fs.readFileSync(path.join(dir, name), "utf8"));
        out.push({
          file: `${rel}/${source}/${name}`,
          key: `${source}/${name.slice(0, -3)}`,
          source,
          front: (data ?? {}) as Record<string, unknown>,
        });
      } catch {
        // a file the check refuses is reported by npm run check, not here
      }
    }
  }
  return out;
}

/** A front-matter value when it is text. */
export const textField = (front: Record<string, unknown>, key: string): string | undefined =>
  typeof front[key] === "string" ? (front[key] as string) : undefined;
