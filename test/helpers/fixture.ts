/** Tiny content trees for tests: `_data/sources.json`, `_data/stories.json`, `src/articles/...`. */
import fs from "node:fs";
import path from "node:path";
import { tempDir } from "./site.ts";

export const SOURCES = [
  { id: "alpha-news", name: "Alpha News", url: "https://alpha.example" },
  { id: "beta-post", name: "Beta Post", url: "https://beta.example" },
];
const STORIES = [{ id: "the-story", title: "The story" }];
const SITE = {
  title: "Test record",
  description: "A content tree of a test.",
  language: "en",
  url: "https://test.example",
};

export function article(front: Record<string, unknown> | string, body = "Body text.\n"): string {
  const fm =
    typeof front === "string"
      ? front
      : Object.entries(front)
          .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
          .join("\n");
  return `---\n${fm}\n---\n${body}`;
}

/** Writes a content tree; `files` maps relative paths to contents (string or bytes). `null` site/sources/stories = no file. */
export function contentTree(opts: {
  site?: unknown;
  sources?: unknown;
  stories?: unknown;
  files?: Record<string, string | Uint8Array>;
}): string {
  const root = tempDir("content-");
  const write = (rel: string, data: string | Uint8Array) => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data);
  };
  if (opts.site !== null)
    write("_data/site.json", typeof opts.site === "string" ? opts.site : JSON.stringify(opts.site ?? SITE));
  if (opts.sources !== null)
    write(
      "_data/sources.json",
      typeof opts.sources === "string" ? opts.sources : JSON.stringify(opts.sources ?? SOURCES),
    );
  if (opts.stories !== null)
    write(
      "_data/stories.json",
      typeof opts.stories === "string" ? opts.stories : JSON.stringify(opts.stories ?? STORIES),
    );
  for (const [rel, data] of Object.entries(opts.files ?? {})) write(rel, data);
  fs.mkdirSync(path.join(root, "src", "articles"), { recursive: true });
  return root;
}

/** A problem as `file: field: message`, without its position (the position is tested on its own). */
export function withoutPosition(p: { file: string; field?: string; message: string }): string {
  return p.field ? `${p.file}: ${p.field}: ${p.message}` : `${p.file}: ${p.message}`;
}
