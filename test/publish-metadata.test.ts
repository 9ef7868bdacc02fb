/**
 * Page metadata in the built HTML: title and description everywhere, canonical and OpenGraph,
 * a Twitter card and NewsArticle JSON-LD on article pages, CollectionPage/ItemList on listings,
 * and html-validate (with the project's .htmlvalidate.json) over every page: zero errors.
 */
import fs from "node:fs";
import path from "node:path";
import { HtmlValidate, StaticConfigLoader, type ConfigData } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { writeFixture } from "./helpers/publish.ts";
import { buildContent, buildSample } from "./helpers/build-tree.ts";
import { ROOT, SAMPLE, listFiles, readHtml, urlOf } from "./helpers/site.ts";

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON-LD and data files of any shape, walked freely by assertions (a wrong path fails the test)
type Json = Record<string, any>;
const ARTICLE_PAGE = /^sources\/[^/]+\/[^/]+\/index\.html$/;
const SITE_URL = "https://owner.github.io/some-prefix/";

function jsonLd(dist: string, rel: string): Json[] {
  const $ = readHtml(dist, urlOf(rel));
  return $('script[type="application/ld+json"]')
    .map((_, el) => JSON.parse($(el).text()) as Json)
    .get();
}

describe("page metadata (sample site, built under a path prefix)", () => {
  let dist: string;
  let pages: string[];
  beforeAll(async () => {
    dist = await buildSample({ env: { SITE_URL, PATH_PREFIX: "/some-prefix/" } });
    pages = listFiles(dist).filter((f) => f.endsWith(".html"));
  });

  it("every page has a <title>, a meta description and og:site_name", () => {
    for (const rel of pages) {
      const $ = readHtml(dist, urlOf(rel));
      expect($("head > title").length, rel).toBe(1);
      expect($("head > title").text().trim(), rel).not.toBe("");
      expect($('meta[name="description"]').attr("content")?.trim(), rel).toBeTruthy();
      if (rel !== "404.html")
        expect($('meta[property="og:site_name"]').attr("content"), rel).toBe("Kursk, as reported");
    }
    expect(readHtml(dist, "/404.html")('meta[name="robots"]').attr("content")).toBe("noindex");
  });

  it("article pages: OpenGraph article, published time, Twitter card, canonical to itself", () => {
    const articles = pages.filter((f) => ARTICLE_PAGE.test(f));
    expect(articles.length).toBe(2);
    for (const rel of articles) {
      const $ = readHtml(dist, urlOf(rel));
      const url = SITE_URL + urlOf(rel).slice(1);
      const meta = (p: string) => $(`meta[property="${p}"]`).attr("content");
      expect(meta("og:type"), rel).toBe("article");
      expect(meta("og:url")).toBe(url);
      expect($('link[rel="canonical"]').attr("href")).toBe(url);
      expect(meta("og:title")).toBe($("h1").first().text());
      expect(meta("og:description")).toBe($('meta[name="description"]').attr("content"));
      expect(meta("article:published_time")).toMatch(/^\d{4}-\d{2}-\d{2}/);
      expect($('meta[name="twitter:card"]').attr("content")).toBe("summary");
    }
    for (const rel of pages.filter((f) => !ARTICLE_PAGE.test(f) && f !== "404.html")) {
      expect(readHtml(dist, urlOf(rel))('meta[property="og:type"]').attr("content"), rel).toBe("website");
    }
  });

  it("NewsArticle JSON-LD on every article page: page URL, dates, author, publisher = the outlet, isBasedOn = the original", () => {
    const sources = new Map(
      (JSON.parse(fs.readFileSync(path.join(SAMPLE, "_data/sources.json"), "utf8")) as Json[]).map((s) => [s.id, s]),
    );
    const articlePages = pages.filter((f) => ARTICLE_PAGE.test(f));
    expect(articlePages.length).toBeGreaterThan(1);
    for (const rel of articlePages) {
      const [ld, ...rest] = jsonLd(dist, rel);
      expect(rest).toEqual([]);
      const $ = readHtml(dist, urlOf(rel));
      const source = sources.get(rel.split("/")[1]!)!;
      expect(ld).toMatchObject({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        headline: $("h1").first().text(),
        url: SITE_URL + urlOf(rel).slice(1),
        publisher: { "@type": "Organization", name: source.name, url: source.url },
      });
      expect(ld!.datePublished).toBe($(".report-meta time").first().attr("datetime"));
      expect(ld!.dateModified).toMatch(/^\d{4}-\d{2}-\d{2}/);
      expect(ld!.author.length).toBeGreaterThan(0);
      expect(ld!.isBasedOn).toBe($(".original a").attr("href"));
    }
  });

  it("CollectionPage + ItemList on timeline and source pages, listing the page's articles", () => {
    const listings = pages.filter((f) => /^(timeline|sources\/[^/]+)\/index\.html$/.test(f));
    expect(listings.length).toBe(3);
    for (const rel of listings) {
      const [ld] = jsonLd(dist, rel);
      expect(ld!["@type"], rel).toBe("CollectionPage");
      expect(ld!.url).toBe(SITE_URL + urlOf(rel).slice(1));
      const $ = readHtml(dist, urlOf(rel));
      const listed = $(".entry-title a")
        .map((_, a) => new URL($(a).attr("href")!, SITE_URL).href)
        .get();
      expect(ld!.mainEntity["@type"]).toBe("ItemList");
      expect(ld!.mainEntity.itemListElement.map((i: Json) => i.url)).toEqual(listed);
      expect(ld!.mainEntity.itemListElement.map((i: Json) => i.position)).toEqual(listed.map((_, i) => i + 1));
    }
  });

  it("html-validate: zero errors on every page", async () => {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, ".htmlvalidate.json"), "utf8")) as ConfigData;
    const validator = new HtmlValidate(new StaticConfigLoader(config));
    const problems: string[] = [];
    for (const rel of pages) {
      const report = await validator.validateString(fs.readFileSync(path.join(dist, rel), "utf8"), rel);
      for (const r of report.results)
        for (const m of r.messages) problems.push(`${rel}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    expect(problems).toEqual([]);
  });
});

describe("JSON-LD and OpenGraph for content with offsets, bylines, an image credit and hostile headlines", () => {
  let dist: string;
  const page = "sources/wire-one/quoted/index.html";
  beforeAll(async () => {
    dist = (
      await buildContent(writeFixture(), { env: { SITE_URL: "https://news.example", TZ: "America/Los_Angeles" } })
    ).output;
  });

  it("the headline cannot close the script block, and parses back exactly", () => {
    const html = fs.readFileSync(path.join(dist, page), "utf8");
    const open = '<script type="application/ld+json">';
    const block = html.slice(html.indexOf(open) + open.length);
    expect(block.slice(0, block.indexOf("</script>"))).not.toContain("<");
    const [ld] = jsonLd(dist, page);
    expect(ld!.headline).toBe('He said "no" </script><script>alert(1)</script> & left');
  });

  it("NewsArticle has dates with offsets, Person authors, the image with its credit", () => {
    const [ld] = jsonLd(dist, page);
    expect(ld).toMatchObject({
      url: "https://news.example/sources/wire-one/quoted/",
      datePublished: "2024-09-16T14:50:00+03:00",
      dateModified: "2024-09-17T09:05:00-04:00",
      author: [
        { "@type": "Person", name: "Jane Doe" },
        { "@type": "Person", name: "John Roe" },
      ],
      publisher: { "@type": "Organization", name: 'The "Quoted" Wire & Co', url: "https://wire.example" },
      isBasedOn: "https://wire.example/2024/09/16/quoted",
      image: {
        "@type": "ImageObject",
        url: expect.stringMatching(/^https:\/\/news\.example\/img\/[\w-]+-96\.jpeg$/),
        caption: "A caption",
        creditText: "Someone / Agency",
      },
      inLanguage: "uk",
    });
  });

  it("OpenGraph times keep their offsets", () => {
    const $ = readHtml(dist, "/sources/wire-one/quoted/");
    expect($('meta[property="article:published_time"]').attr("content")).toBe("2024-09-16T14:50:00+03:00");
    expect($('meta[property="article:modified_time"]').attr("content")).toBe("2024-09-17T09:05:00-04:00");
    const ogImage = $('meta[property="og:image"]').attr("content") ?? "";
    expect(ogImage).toMatch(/^https:\/\/news\.example\/img\/[\w-]+-96\.jpeg$/);
    expect(fs.existsSync(path.join(dist, new URL(ogImage).pathname))).toBe(true);
  });

  it("html-validate: zero errors on the fixture's pages too", async () => {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, ".htmlvalidate.json"), "utf8")) as ConfigData;
    const validator = new HtmlValidate(new StaticConfigLoader(config));
    const problems: string[] = [];
    for (const rel of listFiles(dist).filter((f) => f.endsWith(".html"))) {
      const report = await validator.validateString(fs.readFileSync(path.join(dist, rel), "utf8"), rel);
      for (const r of report.results)
        for (const m of r.messages) problems.push(`${rel}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    expect(problems).toEqual([]);
  });
});
