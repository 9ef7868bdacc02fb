/**
 * The site's front-end assets: one stylesheet (src/reader/site.css + one generated colour rule
 * per source) and the two enhancement scripts. Each file is named by a hash of its content
 * (`/assets/site.1a2b3c4d5e.css`), so hosts and browsers may cache them forever; templates get
 * the names from the global `assets` data. Read once per build: no per-page work.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { urls } from "../content/urls.ts";
import { sourceColourCss } from "./colors.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));

interface AssetFile {
  /** Output path with a leading slash (the path prefix is added by the HTML base plugin). */
  href: string;
  text: string;
}

export interface Assets {
  css: string;
  timelineJs: string;
  searchJs: string;
  files: AssetFile[];
}

function hashed(name: string, ext: string, text: string): AssetFile {
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 10);
  return { href: urls.asset(name, hash, ext), text };
}

/** Comments and indentation out; gzip does the rest. */
function compactCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join("\n");
}

/** A script with the page-words helper (words.js) it imports put in front: each script stays one file. */
function withWords(script: string, words: string): string {
  const IMPORT = 'import { wordsOf } from "./words.js";\n';
  if (!script.includes(IMPORT)) return script;
  return `${words.replace(/^export /gm, "")}\n${script.replace(IMPORT, "")}`;
}

export function buildAssets(sources: readonly { id: string; index: number }[]): Assets {
  const read = (f: string) => fs.readFileSync(path.join(HERE, f), "utf8");
  const css = hashed("site", "css", compactCss(read("site.css") + "\n" + sourceColourCss(sources)));
  const words = read("words.js");
  const timeline = hashed("timeline", "js", withWords(read("timeline.js"), words));
  const search = hashed("search", "js", withWords(read("search.js"), words));
  return { css: css.href, timelineJs: timeline.href, searchJs: search.href, files: [css, timeline, search] };
}
