/**
 * The path prefix: built with `--path-prefix /some-prefix/` and without one, every internal
 * address in the output (page links, stylesheets, icons, feed links, sitemap entries) resolves
 * to a file when the site is served under that prefix, as GitHub Pages serves a project site.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSample } from "./helpers/build-tree.ts";
import { internalUrls, listFiles, readHtml, resolveToFile, urlOf } from "./helpers/site.ts";
import { readXml } from "./helpers/publish.ts";

const variants = [
  { name: "no prefix", prefix: "/", siteUrl: "https://owner.github.io", env: {} as Record<string, string> },
  {
    name: "prefix /some-prefix/",
    prefix: "/some-prefix/",
    siteUrl: "https://owner.github.io/some-prefix/",
    env: { PATH_PREFIX: "/some-prefix/" },
  },
];

/** What a stylesheet loads: every url() (image, font, @import url()) and every @import "…". */
function cssReferences(css: string): string[] {
  const bare = css.replace(/\/\*[\s\S]*?\*\//g, "");
  const urls = [...bare.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/g)].map((m) => m[2]!.trim());
  const imports = [...bare.matchAll(/@import\s+(['"])([^'"]+)\1/g)].map((m) => m[2]!);
  return [...urls, ...imports];
}

it("finds what a stylesheet loads: url() in any form, @import, nothing in comments", () => {
  expect(
    cssReferences(
      `@import "a.css"; @import url(b.css); /* url(gone.png) */ x { background: url( 'i/x.png' ) } @font-face { src: url("f.woff2") format("woff2") }`,
    ),
  ).toEqual(["b.css", "i/x.png", "f.woff2", "a.css"]);
});

describe.each(variants)("built with $name", ({ prefix, siteUrl, env }) => {
  let dist: string;
  let files: string[];
  const home = new URL(prefix, siteUrl).href; // https://owner.github.io/some-prefix/

  /** An absolute address on this site → the file it serves (or undefined). */
  const resolveAbsolute = (url: string) => {
    expect(url.startsWith(home), `${url} is under ${home}`).toBe(true);
    return resolveToFile(dist, new URL(url).pathname, prefix);
  };

  beforeAll(async () => {
    dist = await buildSample({ env: { SITE_URL: siteUrl, ...env } });
    files = listFiles(dist);
  });

  it("writes the files GitHub Pages needs at the output root", () => {
    for (const f of [
      "index.html",
      "404.html",
      ".nojekyll",
      "favicon.ico",
      "robots.txt",
      "sitemap.xml",
      "feed.xml",
      "feed.json",
    ]) {
      expect(files, f).toContain(f);
    }
    expect(fs.readFileSync(path.join(dist, "favicon.ico")).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  });

  it("every internal href/src in every page resolves to a file under the prefix", () => {
    const pages = files.filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(5);
    const broken: string[] = [];
    let checked = 0;
    for (const rel of pages) {
      // 404.html is served at any address: its links must not depend on where it is shown
      const pageUrl = rel === "404.html" ? `${prefix}no/such/deep/page/` : urlOf(rel, prefix);
      const $ = readHtml(dist, urlOf(rel));
      for (const url of internalUrls($, pageUrl)) {
        if (url.startsWith(`${pageUrl}#`)) continue; // same-document fragment (the skip link)
        checked++;
        if (!resolveToFile(dist, url, prefix)) broken.push(`${rel}: ${url}`);
      }
      // favicon, stylesheet and the site feeds are linked from every page
      const hrefs = $("link[href]")
        .map((_, el) => $(el).attr("href"))
        .get();
      for (const want of ["favicon.ico", "feed.xml", "feed.json"])
        expect(hrefs, `${rel} links ${want}`).toContain(prefix + want);
      const css = $('link[rel="stylesheet"]').attr("href") ?? "";
      expect(css, `${rel} links the stylesheet`).toMatch(new RegExp(`^${prefix}assets/site\\.[0-9a-f]+\\.css$`));
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it("every stylesheet is linked by the pages, and every url() or @import in one resolves", () => {
    const sheets = files.filter((f) => f.endsWith(".css"));
    expect(sheets.length).toBeGreaterThan(0);
    // the stylesheets the pages load are the ones written (none missing, none left unlinked)
    const linked = new Set(
      files
        .filter((f) => f.endsWith(".html"))
        .flatMap((rel) =>
          readHtml(
            dist,
            urlOf(rel),
          )('link[rel="stylesheet"]')
            .map((_, el) => el.attribs.href)
            .get(),
        ),
    );
    expect([...linked].map((href) => resolveToFile(dist, href, prefix)).sort()).toEqual(
      sheets.map((css) => path.join(dist, css)),
    );
    const broken: string[] = [];
    for (const css of sheets) {
      for (const u of cssReferences(fs.readFileSync(path.join(dist, css), "utf8"))) {
        if (/^(data:|https?:|#)/.test(u)) continue;
        const target = new URL(u, `http://site.test${urlOf(css, prefix)}`).pathname;
        if (!resolveToFile(dist, target, prefix)) broken.push(`${css}: ${u}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("canonical links are absolute, under SITE_URL and point at the page itself", () => {
    const pages = files.filter((f) => f.endsWith(".html") && f !== "404.html");
    expect(pages.length).toBeGreaterThan(5);
    for (const rel of pages) {
      const $ = readHtml(dist, urlOf(rel));
      const canonical = $('link[rel="canonical"]').attr("href") ?? "";
      expect(canonical, rel).toBe(new URL(urlOf(rel, prefix), siteUrl).href);
      expect(resolveAbsolute(canonical), rel).toBe(path.join(dist, rel));
    }
  });

  it("every sitemap <loc> is absolute and resolves; robots.txt points at the sitemap", () => {
    const locs: string[] = readXml(path.join(dist, "sitemap.xml")).urlset.url.map((u: { loc: string }) => u.loc);
    // the search page has nothing of its own to index
    const pages = files.filter((f) => f.endsWith(".html") && f !== "404.html" && f !== "search/index.html");
    expect(locs.length).toBe(pages.length);
    for (const loc of locs) expect(resolveAbsolute(loc), loc).toBeDefined();
    const robots = fs.readFileSync(path.join(dist, "robots.txt"), "utf8");
    expect(robots).toContain(`Sitemap: ${home}sitemap.xml`);
  });

  it("every link in the feeds resolves: entries, self links, content links, icons", () => {
    const feedFiles = files.filter((f) => f.endsWith("feed.xml"));
    expect(feedFiles.length).toBe(4); // site + one per sample source + the sample story
    for (const rel of feedFiles) {
      const feed = readXml(path.join(dist, rel)).feed;
      const self = feed.link.find((l: Record<string, string>) => l["@_rel"] === "self");
      expect(resolveAbsolute(self["@_href"]), rel).toBe(path.join(dist, rel));
      expect(resolveAbsolute(feed.icon)).toBeDefined();
      for (const entry of feed.entry) {
        const alt = entry.link.find((l: Record<string, string>) => l["@_rel"] === "alternate");
        expect(resolveAbsolute(alt["@_href"]), `${rel}: ${alt["@_href"]}`).toBeDefined();
      }
    }
    const jsonFiles = files.filter((f) => f.endsWith("feed.json"));
    expect(jsonFiles.length).toBe(4);
    for (const rel of jsonFiles) {
      const json = JSON.parse(fs.readFileSync(path.join(dist, rel), "utf8"));
      expect(resolveAbsolute(json.feed_url), rel).toBe(path.join(dist, rel));
      for (const u of [
        json.home_page_url,
        json.feed_url,
        json.favicon,
        json.icon,
        ...json.items.map((i: { url: string }) => i.url),
      ]) {
        expect(resolveAbsolute(u), `${rel}: ${u}`).toBeDefined();
      }
    }
  });
});
