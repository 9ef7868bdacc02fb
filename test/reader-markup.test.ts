/** The reader-facing markup, read with a parser: ready for a strict Content-Security-Policy. */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { buildSample } from "./helpers/build-tree.ts";
import { listFiles, readHtml } from "./helpers/site.ts";

let dist: string;
let pages: string[];
beforeAll(async () => {
  dist = await buildSample();
  pages = listFiles(dist).filter((f) => f.endsWith(".html") && !f.startsWith("pagefind/"));
});

test("no inline script, no inline event handler, no style attribute or element on any page", () => {
  expect(pages.length).toBeGreaterThan(5);
  for (const f of pages) {
    const $ = readHtml(dist, "/" + f);
    const inline = $("script:not([src])").filter((_, el) => $(el).attr("type") !== "application/ld+json");
    expect(inline.length, f).toBe(0);
    expect($("[style]").length, f).toBe(0);
    expect($("style").length, f).toBe(0);
    const handlers = $("*").filter((_, el) =>
      Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {}).some((a) => /^on/i.test(a)),
    );
    expect(handlers.length, f).toBe(0);
  }
});

test("one content-hashed stylesheet with a colour rule per source, in light and dark", () => {
  const hrefs = new Set(pages.map((f) => readHtml(dist, "/" + f)('link[rel="stylesheet"]').attr("href")));
  expect(hrefs.size).toBe(1);
  const href = [...hrefs][0]!;
  expect(href).toMatch(/^\/assets\/site\.[0-9a-f]{10}\.css$/);
  const css = fs.readFileSync(path.join(dist, href), "utf8");
  expect(css.match(/\[data-source="moscow-times"\]\{--src:#[0-9a-f]{6}\}/g)).toHaveLength(2);
  expect(css.match(/\[data-source="kumasi-city"\]\{--src:#[0-9a-f]{6}\}/g)).toHaveLength(2);
  expect(css).toMatch(/@media \(prefers-color-scheme: dark\)/);
  expect(css).toMatch(/@media print/);
});

test("the search page is linked from every page; only article pages are search bodies", () => {
  expect(pages.length).toBeGreaterThan(5);
  for (const f of pages) {
    const $ = readHtml(dist, "/" + f);
    expect($('header nav a[href="/search/"]').length, f).toBe(1);
    const isArticle = /^sources\/[^/]+\/[^/]+\/index\.html$/.test(f);
    expect($("[data-pagefind-body]").length, f).toBe(isArticle ? 1 : 0);
  }
});
