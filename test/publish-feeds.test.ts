/**
 * Feeds and sitemap, read with a real XML parser and JSON.parse: the sample site (counts,
 * required Atom and JSON Feed 1.1 fields) and a fixture with what the sample lacks (offsets,
 * `updated`, several authors, quotes and markup in a headline, relative links in a body),
 * built under a path prefix in a far-off time zone: the output must carry the articles' own
 * offsets, whatever the machine's zone.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FEED_LIMIT } from "../src/publish/feeds.ts";
import { readXml, text, writeFixture } from "./helpers/publish.ts";
import { buildContent, buildSample } from "./helpers/build-tree.ts";
import { SAMPLE, listFiles } from "./helpers/site.ts";

// biome-ignore lint/suspicious/noExplicitAny: parsed XML of any shape, walked freely by assertions (a wrong path fails the test)
type Xml = Record<string, any>;
const linkOf = (node: Xml, rel: string): string | undefined =>
  node.link.find((l: Xml) => l["@_rel"] === rel)?.["@_href"];
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function checkAtom(feed: Xml): void {
  for (const field of ["id", "title", "updated"]) expect(text(feed[field]), field).not.toBe("");
  expect(text(feed.updated)).toMatch(RFC3339);
  expect(linkOf(feed, "self")).toMatch(/^https?:\/\//);
  for (const e of feed.entry ?? []) {
    for (const field of ["id", "title", "updated", "published", "summary", "content"])
      expect(text(e[field]), field).not.toBe("");
    expect(text(e.updated)).toMatch(RFC3339);
    expect(linkOf(e, "alternate")).toMatch(/^https?:\/\//);
    expect(e.author.length).toBeGreaterThan(0);
    expect(e.content["@_type"]).toBe("html");
  }
}

function checkJsonFeed(feed: Xml): void {
  expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
  for (const field of ["title", "home_page_url", "feed_url"]) expect(typeof feed[field], field).toBe("string");
  for (const item of feed.items) {
    for (const field of ["id", "url", "title", "content_html", "date_published"])
      expect(typeof item[field], field).toBe("string");
    expect(item.date_published).toMatch(RFC3339);
    expect(item.authors.length).toBeGreaterThan(0);
  }
}

describe("the sample site's feeds", () => {
  let dist: string;
  const articleFiles = listFiles(path.join(SAMPLE, "src/articles")).filter((f) => f.endsWith(".md"));
  const sources = JSON.parse(fs.readFileSync(path.join(SAMPLE, "_data/sources.json"), "utf8")) as {
    id: string;
    name: string;
  }[];
  beforeAll(async () => {
    dist = await buildSample({ env: { SITE_URL: "https://owner.github.io" } });
  });

  it("site-wide Atom feed: required fields, one entry per article, newest first", () => {
    const feed = readXml(path.join(dist, "feed.xml")).feed;
    checkAtom(feed);
    expect(articleFiles.length).toBeLessThanOrEqual(FEED_LIMIT);
    expect(feed.entry.length).toBe(articleFiles.length);
    expect(text(feed.id)).toBe("https://owner.github.io/feed.xml");
    // each entry links to the original report
    for (const e of feed.entry) expect(linkOf(e, "related")).toMatch(/^https:\/\//);
    // updated comes from content, not the clock
    expect(text(feed.updated)).toBe("2024-09-16T00:00:00+00:00");
  });

  it("JSON Feed 1.1: required fields, one item per article, the same articles as the Atom feed", () => {
    const json = JSON.parse(fs.readFileSync(path.join(dist, "feed.json"), "utf8"));
    checkJsonFeed(json);
    expect(json.items.length).toBe(articleFiles.length);
    const atom = readXml(path.join(dist, "feed.xml")).feed;
    expect(json.items.map((i: Xml) => i.url)).toEqual(atom.entry.map((e: Xml) => linkOf(e, "alternate")));
    for (const item of json.items) expect(item.external_url).toMatch(/^https:\/\//);
  });

  it("one Atom feed per source, with that source's articles", () => {
    expect(sources.length).toBeGreaterThan(1);
    for (const source of sources) {
      const file = path.join(dist, "sources", source.id, "feed.xml");
      const feed = readXml(file).feed;
      checkAtom(feed);
      const count = articleFiles.filter((f) => f.startsWith(`${source.id}/`)).length;
      expect(feed.entry?.length ?? 0, source.id).toBe(count);
      for (const e of feed.entry ?? []) expect(text(e.id)).toContain(`/sources/${source.id}/`);
      expect(text(feed.title)).toContain(source.name);
    }
  });

  it("page heads link the site feeds everywhere and the source's feed on its pages", () => {
    const $home = fs.readFileSync(path.join(dist, "index.html"), "utf8");
    expect($home).toContain('<link rel="alternate" type="application/atom+xml" href="/feed.xml"');
    expect($home).toContain('<link rel="alternate" type="application/feed+json" href="/feed.json"');
    expect($home).not.toContain("/sources/moscow-times/feed.xml");
    const sourcePage = fs.readFileSync(path.join(dist, "sources/moscow-times/index.html"), "utf8");
    expect(sourcePage).toContain('type="application/atom+xml" href="/sources/moscow-times/feed.xml"');
    const articleDir = listFiles(path.join(dist, "sources/moscow-times")).find((f) => f.endsWith("/index.html"))!;
    const articlePage = fs.readFileSync(path.join(dist, "sources/moscow-times", articleDir), "utf8");
    expect(articlePage).toContain('type="application/atom+xml" href="/sources/moscow-times/feed.xml"');
  });
});

describe("feeds for content with offsets, updates, bylines and awkward headlines", () => {
  let dist: string;
  let atom: Xml;
  let json: Xml;
  const quotedTitle = 'He said "no" </script><script>alert(1)</script> & left';
  const quotedUrl = "https://news.example/pre/sources/wire-one/quoted/";

  beforeAll(async () => {
    dist = (
      await buildContent(writeFixture(), {
        env: { SITE_URL: "https://news.example", TZ: "Pacific/Kiritimati", PATH_PREFIX: "/pre/" },
      })
    ).output;
    atom = readXml(path.join(dist, "feed.xml")).feed;
    json = JSON.parse(fs.readFileSync(path.join(dist, "feed.json"), "utf8"));
  });

  it("Atom entries keep each date's own offset; feed updated is the latest change in the content", () => {
    checkAtom(atom);
    expect(atom.entry.length).toBe(3);
    const e = atom.entry.find((x: Xml) => text(x.id) === quotedUrl);
    expect(text(e.title)).toBe(quotedTitle);
    expect(text(e.published)).toBe("2024-09-16T14:50:00+03:00");
    expect(text(e.updated)).toBe("2024-09-17T09:05:00-04:00");
    expect(e.author.map((a: Xml) => text(a.name))).toEqual(["Jane Doe", "John Roe"]);
    expect(linkOf(e, "related")).toBe("https://wire.example/2024/09/16/quoted");
    expect(e.category.map((c: Xml) => c["@_term"])).toEqual(["Kursk", "ICRC"]);
    expect(text(atom.updated)).toBe("2024-09-17T09:05:00-04:00");
    const morning = atom.entry.find((x: Xml) => text(x.title) === "Morning report");
    expect(text(morning.published)).toBe("2024-09-16T08:00:00+00:00");
    // no byline: the outlet is the author
    expect(morning.author.map((a: Xml) => text(a.name))).toEqual(["Paper Two"]);
  });

  it("content has absolute URLs, with the path prefix, resolved against the article page", () => {
    const e = atom.entry.find((x: Xml) => text(x.id) === quotedUrl);
    const html = text(e.content);
    expect(html).toContain('href="https://news.example/pre/timeline/"');
    expect(html).toContain('href="https://news.example/pre/sources/wire-one/older/"');
    expect(html).toContain('href="https://elsewhere.example/x"');
    const item = json.items.find((i: Xml) => i.id === quotedUrl);
    expect(item.content_html.trim()).toBe(html.trim());
  });

  it("JSON Feed items carry offsets, date_modified, authors and the original address", () => {
    checkJsonFeed(json);
    const item = json.items.find((i: Xml) => i.id === quotedUrl);
    expect(item).toMatchObject({
      url: quotedUrl,
      title: quotedTitle,
      date_published: "2024-09-16T14:50:00+03:00",
      date_modified: "2024-09-17T09:05:00-04:00",
      external_url: "https://wire.example/2024/09/16/quoted",
      authors: [{ name: "Jane Doe" }, { name: "John Roe" }],
      language: "uk",
    });
    expect(json.feed_url).toBe("https://news.example/pre/feed.json");
    expect(json.home_page_url).toBe("https://news.example/pre/");
  });

  it("per-source feeds hold only that source's reports", () => {
    const wire = readXml(path.join(dist, "sources/wire-one/feed.xml")).feed;
    const paper = readXml(path.join(dist, "sources/paper-two/feed.xml")).feed;
    expect(wire.entry.length).toBe(2);
    expect(paper.entry.length).toBe(1);
    expect(text(wire.title)).toContain('The "Quoted" Wire & Co');
    expect(text(wire.updated)).toBe("2024-09-17T09:05:00-04:00");
    expect(text(paper.updated)).toBe("2024-09-16T08:00:00+00:00");
  });

  it("sitemap lastmod comes from content, with offsets", () => {
    const urls: Xml[] = readXml(path.join(dist, "sitemap.xml")).urlset.url;
    const byLoc = new Map(urls.map((u) => [u.loc, u.lastmod]));
    expect(byLoc.get(quotedUrl)).toBe("2024-09-17T09:05:00-04:00");
    expect(byLoc.get("https://news.example/pre/sources/wire-one/older/")).toBe("2024-09-15");
    expect(byLoc.get("https://news.example/pre/")).toBe("2024-09-17T09:05:00-04:00");
  });
});
