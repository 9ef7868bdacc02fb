/**
 * Starting your own story: the sample content is cleared and replaced by empty, valid data files
 * and a `site.json` with the newsroom's own title, description, language and address.
 */
import fs from "node:fs";
import path from "node:path";
import { type ContentPaths, recordDirOf } from "../content/pipeline.ts";
import type { Problem } from "../content/problems.ts";
import { describeIssues, schemaKeys, siteSchema, type SiteData } from "../content/schema.ts";
import { isAddressProblem, resolveAddress } from "../publish/site.ts";

/** The data files an empty site starts with: each an empty list. */
const LISTS = ["sources.json", "stories.json", "entities.json", "events.json", "claims.json"];

export interface NewSiteResult {
  /** Files removed and written, relative to the content root. */
  removed: string[];
  written: string[];
}

/** Problems with the values for site.json, as `_data/site.json: field: message`. */
export function checkSite(values: Record<string, unknown>): { site?: SiteData; problems: Problem[] } {
  const result = siteSchema.safeParse(values);
  if (result.success) {
    // an address the build could not serve from (its path would break every link) is refused now
    const address = resolveAddress(result.data.url, {});
    if (isAddressProblem(address))
      return { problems: [{ file: "_data/site.json", field: "url", message: address.message }] };
    return { site: result.data, problems: [] };
  }
  return {
    problems: describeIssues(result.error, schemaKeys(siteSchema)).map((p) => ({
      file: "_data/site.json",
      field: p.field,
      message: p.message,
    })),
  };
}

/** What would be lost: the article files and the entries of the data files. */
export function existingContent(paths: ContentPaths): { articles: string[]; entries: number } {
  const articles = fs.existsSync(paths.articlesDir)
    ? (fs.readdirSync(paths.articlesDir, { recursive: true, encoding: "utf8" }) as string[])
        .filter((f) => /\.(md|markdown)$/i.test(f))
        .sort()
    : [];
  let entries = 0;
  for (const name of LISTS) {
    try {
      const value: unknown = JSON.parse(fs.readFileSync(path.join(paths.dataDir, name), "utf8"));
      if (Array.isArray(value)) entries += value.length;
    } catch {
      // missing or unreadable: nothing to lose
    }
  }
  return { articles, entries };
}

/** Clears the articles (and whatever else is in their folders), their records and discover's state, and writes empty data files and site.json. */
export function newSite(paths: ContentPaths, site: SiteData): NewSiteResult {
  const rel = (f: string) => path.relative(paths.root, f).split(path.sep).join("/");
  const removed: string[] = [];
  if (fs.existsSync(paths.articlesDir)) {
    for (const entry of fs.readdirSync(paths.articlesDir).sort()) {
      const target = path.join(paths.articlesDir, entry);
      removed.push(rel(target));
      fs.rmSync(target, { recursive: true, force: true });
    }
  }
  // the old story's records and discover's state go with its reports
  for (const dir of [recordDirOf(paths), path.join(paths.root, "discover")])
    if (fs.existsSync(dir)) {
      removed.push(rel(dir));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  fs.mkdirSync(paths.articlesDir, { recursive: true });
  fs.mkdirSync(paths.dataDir, { recursive: true });
  const written: string[] = [];
  const write = (name: string, value: unknown) => {
    const file = path.join(paths.dataDir, name);
    fs.writeFileSync(file, JSON.stringify(value, null, 2) + "\n");
    written.push(rel(file));
  };
  write("site.json", site);
  for (const name of LISTS) write(name, []);
  return { removed, written };
}
