/** Test helpers: where the project and the sample are, temporary folders, and reading built HTML with a parser. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as cheerio from "cheerio";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The sample story as the tests know it: a copy kept under test/, never the editors' working content. */
export const SAMPLE = path.join(ROOT, "test", "fixtures", "sample");
/** The tsx CLI: commands run `node tsx scripts/<x>.ts` directly, as `npm run <x>` does, without npm in between. */
export const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

const tempDirs = new Set<string>();

/** A fresh temporary folder, removed at process exit (one exit listener for all of them). */
export function tempDir(prefix = "site-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (tempDirs.size === 0)
    process.on("exit", () => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  tempDirs.add(dir);
  return dir;
}

/** Every file under `dir`, as sorted paths relative to it (posix separators). */
export function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

export function readHtml(dist: string, urlPath: string): cheerio.CheerioAPI {
  const rel = urlPath.replace(/^\//, "");
  const file = rel === "" || rel.endsWith("/") ? path.join(dist, rel, "index.html") : path.join(dist, rel);
  return cheerio.load(fs.readFileSync(file, "utf8"));
}

/**
 * Resolves a site URL path (already including the path prefix, if any) to a file in `dist`.
 * Returns undefined when nothing would be served there.
 */
export function resolveToFile(dist: string, urlPath: string, prefix = "/"): string | undefined {
  const clean = decodeURIComponent(urlPath.split("#")[0]!.split("?")[0]!);
  if (!clean.startsWith(prefix)) return undefined;
  const rel = clean.slice(prefix.length);
  const candidates =
    rel === "" || rel.endsWith("/")
      ? [path.join(dist, rel, "index.html")]
      : [path.join(dist, rel), path.join(dist, rel, "index.html")];
  return candidates.find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
}

/** Every internal href/src/srcset URL in an HTML document, resolved against the page's URL. */
export function internalUrls($: cheerio.CheerioAPI, pageUrl: string): string[] {
  const base = new URL(pageUrl, "http://site.test");
  const out: string[] = [];
  const add = (v: string | undefined) => {
    if (!v) return;
    const u = new URL(v, base);
    if (u.origin === base.origin && (u.protocol === "http:" || u.protocol === "https:")) out.push(u.pathname + u.hash);
  };
  $("[href]").each((_, el) => add($(el).attr("href")));
  $("[src]").each((_, el) => add($(el).attr("src")));
  $("[srcset]").each((_, el) => {
    for (const part of ($(el).attr("srcset") ?? "").split(",")) add(part.trim().split(/\s+/)[0]);
  });
  return out;
}

/** URL path of an HTML file in dist (`sources/x/index.html` → `/sources/x/`). */
export function urlOf(relFile: string, prefix = "/"): string {
  return prefix + relFile.replace(/(^|\/)index\.html$/, "$1");
}
