/**
 * Ways on from every page (issue 24): every entity's, source's and the stories index's pages
 * reach every item by their pager links; entity pages link to their stories; the stories index
 * is newest first with dates and "differ on"; story feeds; the current page is marked; article
 * pages name their story before the text (within a phone's first screen); the 404 page offers a
 * search and the newest stories; the menu's words; counts and spans as a newspaper prints them.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheerioAPI } from "cheerio";
import type { Browser } from "playwright-core";
import { pagerNumbers } from "../src/content/pages.ts";
import { launchBrowser, serveSite, type Served } from "./helpers/browser.ts";
import { article, contentTree } from "./helpers/fixture.ts";
import { readXml, text } from "./helpers/publish.ts";
import { buildContent, buildSample } from "./helpers/build-tree.ts";
import { readHtml } from "./helpers/site.ts";
import { xmlError } from "./helpers/xml.ts";
import { referenceLocale } from "../src/content/locale.ts";

const en = referenceLocale().dates;

const pad = (n: number) => String(n).padStart(3, "0");
/** The day `n` days after 1 January 2025, as YYYY-MM-DD. */
const dayAfter = (start: string, n: number) =>
  new Date(Date.parse(`${start}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

// 60 reports by Alpha News (1 January – 1 March 2025), each naming Person Zed, six to a story
// (stories 000–009); 50 by Beta Post (1 April – 20 May), the first ten in story 020; 210 stories.
const ALPHA = Array.from({ length: 60 }, (_, i) => ({
  slug: `alpha-${pad(i)}`,
  date: dayAfter("2025-01-01", i),
  story: `story-${pad(Math.floor(i / 6))}`,
}));
const BETA = Array.from({ length: 50 }, (_, i) => ({
  slug: `beta-${pad(i)}`,
  date: dayAfter("2025-04-01", i),
  story: i < 10 ? "story-020" : undefined,
}));
const STORIES = Array.from({ length: 210 }, (_, i) => ({ id: `story-${pad(i)}`, title: `Story ${i}` }));

function tree(): string {
  const files: Record<string, string> = {
    "_data/entities.json": JSON.stringify([{ id: "person-zed", name: "Person Zed", type: "person" }]),
  };
  for (const a of ALPHA)
    files[`src/articles/alpha-news/${a.slug}.md`] = article(
      { title: a.slug, source: "alpha-news", date: a.date, story: a.story },
      `Person Zed spoke on ${a.date}.\n`,
    );
  for (const b of BETA)
    files[`src/articles/beta-post/${b.slug}.md`] = article(
      { title: b.slug, source: "beta-post", date: b.date, ...(b.story ? { story: b.story } : {}) },
      `A report of ${b.date}.\n`,
    );
  return contentTree({ stories: STORIES, files });
}

/**
 * Every page of a paged list, reached from the first by following its pager's links (and only
 * those), in page order; fails on a link to a page that does not exist.
 */
function followPager(dist: string, first: string, label: string): { href: string; $: CheerioAPI }[] {
  const seen = new Map<string, CheerioAPI>();
  const queue = [first];
  while (queue.length) {
    const href = queue.shift()!;
    if (seen.has(href)) continue;
    const $ = readHtml(dist, href);
    seen.set(href, $);
    const nav = $(`nav.pager[aria-label="${label}"]`);
    nav.find("a[href]").each((_, a) => {
      queue.push($(a).attr("href")!);
    });
  }
  const number = (href: string) => Number(/\/(\d+)\/$/.exec(href)?.[1] ?? 1);
  return [...seen].sort(([a], [b]) => number(a) - number(b)).map(([href, $]) => ({ href, $ }));
}

const ids = ($: CheerioAPI, selector: string, attr: string) =>
  $(selector)
    .map((_, el) => $(el).attr(attr))
    .get();

describe("paged lists reach every item, and mark the page a reader is on", () => {
  let dist: string;
  beforeAll(async () => {
    dist = (await buildContent(tree())).output;
  }, 180_000);

  it("an entity's pages list every report that names it, newest first, at most 25 a page", () => {
    const pages = followPager(dist, "/entities/person-zed/", "Pages of reports that name Person Zed");
    expect(pages.map((p) => p.href)).toEqual([
      "/entities/person-zed/",
      "/entities/person-zed/2/",
      "/entities/person-zed/3/",
    ]);
    const listed = pages.flatMap(({ $ }) => {
      const hrefs = ids($, "section[aria-labelledby=mentioned-in] .entry-title a", "href");
      expect(hrefs.length).toBeLessThanOrEqual(25);
      return hrefs;
    });
    expect(listed).toEqual([...ALPHA].reverse().map((a) => `/sources/alpha-news/${a.slug}/`));
    expect(pages[1]!.$("title").text()).toContain("Person Zed, page 2");
  });

  it("an entity's page lists the stories that name it, newest first, with their dates and counts", () => {
    const $ = readHtml(dist, "/entities/person-zed/");
    const items = $("section[aria-labelledby=in-stories] li[data-story]");
    expect(ids($, "section[aria-labelledby=in-stories] li[data-story]", "data-story")).toEqual(
      Array.from({ length: 10 }, (_, i) => `story-${pad(9 - i)}`),
    );
    expect(items.find("a").first().attr("href")).toBe("/stories/story-009/");
    // story-005: 31 January – 5 February; story-000: 1–6 January
    expect($('li[data-story="story-005"]').text()).toContain("31 January – 5 February 2025");
    expect($('li[data-story="story-000"]').text()).toContain("1–6 January 2025 · named in 6 of its 6 reports");
  });

  it("a source's pages list every report, newest first, at most 25 a page", () => {
    const pages = followPager(dist, "/sources/alpha-news/", "Pages of reports by Alpha News");
    expect(pages).toHaveLength(3);
    const listed = pages.flatMap(({ $ }) => {
      const hrefs = ids($, "section[aria-labelledby=reports] .entry-title a", "href");
      expect(hrefs.length).toBeLessThanOrEqual(25);
      return hrefs;
    });
    expect(listed).toEqual([...ALPHA].reverse().map((a) => `/sources/alpha-news/${a.slug}/`));
  });

  it("the stories index lists every story, newest first, with its dates and the facts its reports differ on", () => {
    const pages = followPager(dist, "/stories/", "Stories index pages");
    expect(pages.map((p) => p.href)).toEqual(["/stories/", "/stories/2/", "/stories/3/"]);
    const listed = pages.flatMap(({ $ }) => ids($, ".story-list li[data-story]", "data-story"));
    const withReports = ["story-020", ...Array.from({ length: 10 }, (_, i) => `story-${pad(9 - i)}`)];
    expect(listed).toEqual([...withReports, ...STORIES.map((s) => s.id).filter((id) => !withReports.includes(id))]);
    const $ = pages[0]!.$;
    expect($('li[data-story="story-020"] .story-dates').text()).toBe("1–10 April 2025");
    expect($('li[data-story="story-000"] .story-dates').text()).toBe("1–6 January 2025");
  });

  it("marks the current page in every pager and in the timeline's page list", () => {
    for (const [href, label] of [
      ["/sources/alpha-news/2/", "Pages of reports by Alpha News"],
      ["/entities/person-zed/3/", "Pages of reports that name Person Zed"],
      ["/stories/2/", "Stories index pages"],
      ["/timeline/2/", "Timeline pages"],
    ] as const) {
      const $ = readHtml(dist, href);
      const current = $(`nav.pager[aria-label="${label}"] a[aria-current="page"]`);
      expect(current.length, href).toBe(1);
      expect(current.attr("href")).toBe(href);
    }
    const timeline = readHtml(dist, "/timeline/2/");
    expect(timeline('nav.page-list a[aria-current="page"]').attr("href")).toBe("/timeline/2/");
    // visible too: the stylesheet styles the marked link
    const css = fs.readFileSync(path.join(dist, timeline('link[rel="stylesheet"]').attr("href")!), "utf8");
    expect(css).toMatch(/\.pager a\[aria-current="?page"?\][^{]*\{[^}]*font-weight/);
  });

  it("lists an entity's later pages in the sitemap", () => {
    const locs = [readXml(path.join(dist, "sitemap.xml")).urlset.url]
      .flat()
      .map((u: { loc: string }) => new URL(u.loc).pathname);
    for (const p of ["/entities/person-zed/", "/entities/person-zed/2/", "/entities/person-zed/3/"])
      expect(locs).toContain(p);
  });

  it("prints counts with thousands separated and the record's days as one span on the home page", () => {
    const $ = readHtml(dist, "/");
    expect($(".intro").text()).toContain("110 reports from 2 outlets, 1 January – 20 May 2025.");
    expect($('a[href="/stories/"]').text()).toContain("All 210 stories");
  });

  it("gives every story an Atom and a JSON feed of its reports, newest first, linked from its page", () => {
    const atom = fs.readFileSync(path.join(dist, "stories", "story-020", "feed.xml"), "utf8");
    expect(xmlError(atom)).toBeUndefined();
    const feed = readXml(path.join(dist, "stories", "story-020", "feed.xml")).feed;
    const entries = [feed.entry].flat();
    expect(entries.map((e: { title: unknown }) => text(e.title))).toEqual(
      BETA.slice(0, 10)
        .reverse()
        .map((b) => b.slug),
    );
    const json = JSON.parse(fs.readFileSync(path.join(dist, "stories", "story-020", "feed.json"), "utf8"));
    expect(json.feed_url).toBe("https://test.example/stories/story-020/feed.json");
    expect(json.items.map((i: { title: string }) => i.title)).toEqual(
      BETA.slice(0, 10)
        .reverse()
        .map((b) => b.slug),
    );
    const $ = readHtml(dist, "/stories/story-020/");
    expect(ids($, 'head link[rel="alternate"]', "href")).toEqual(
      expect.arrayContaining(["/stories/story-020/feed.xml", "/stories/story-020/feed.json"]),
    );
    expect(ids($, ".site-footer .follow a", "href")).toEqual(
      expect.arrayContaining(["/stories/story-020/feed.xml", "/stories/story-020/feed.json"]),
    );
  });

  it("links the home and source pages' feeds in the head and visibly", () => {
    const home = readHtml(dist, "/");
    expect(ids(home, 'head link[rel="alternate"]', "href")).toEqual(["/feed.xml", "/feed.json"]);
    expect(ids(home, "main .follow a", "href")).toEqual(["/feed.xml", "/feed.json"]);
    const source = readHtml(dist, "/sources/beta-post/");
    expect(ids(source, 'head link[rel="alternate"]', "href")).toEqual(
      expect.arrayContaining(["/sources/beta-post/feed.xml", "/sources/beta-post/feed.json"]),
    );
    expect(ids(source, "main .follow a", "href")).toEqual([
      "/sources/beta-post/feed.xml",
      "/sources/beta-post/feed.json",
    ]);
    expect(fs.existsSync(path.join(dist, "sources", "beta-post", "feed.json"))).toBe(true);
  });
});

describe("ways on from the sample's pages", () => {
  let dist: string;
  const ARTICLE = "/sources/moscow-times/kyiv-invites-un-red-cross-to-ukraine-held-areas-of-russias-kursk-region/";
  const STORY = "/stories/ukraine-invites-un-icrc-to-kursk/";
  beforeAll(async () => {
    dist = await buildSample();
  }, 120_000);

  it("names an article's story before its text, with the fact grid and its comparisons", () => {
    const $ = readHtml(dist, ARTICLE);
    const nav = $("main .report-header nav.report-story");
    expect(nav.length).toBe(1);
    const hrefs = ids($, "main .report-header nav.report-story a", "href");
    expect(hrefs[0]).toBe(STORY);
    expect(hrefs).toContain(`${STORY}#facts`);
    expect(hrefs.some((h) => h.startsWith(`${STORY}compare/`))).toBe(true);
    // the story page has the fact grid where the link points
    expect(readHtml(dist, STORY)("#facts").length).toBe(1);
    // before the body in document order
    const html = $("main").html()!;
    expect(html.indexOf("report-story")).toBeLessThan(html.indexOf("report-body"));
  });

  it("says People and places in the menu, at the same address", () => {
    const $ = readHtml(dist, "/");
    const link = $('.site-header nav a[href="/entities/"]');
    expect(link.text()).toBe("People and places");
    expect($(".site-header nav").text()).not.toContain("Entities");
  });

  it("offers a search and the newest stories on the 404 page", () => {
    const $ = readHtml(dist, "/404.html");
    const form = $('main form[action="/search/"]');
    expect(form.attr("method")).toBe("get");
    // the search page reads its query from `q`
    expect(form.find('input[name="q"]').length).toBe(1);
    expect(form.find("label").attr("for")).toBe(form.find("input").attr("id"));
    expect(ids($, "main li[data-story] a", "href")).toEqual([STORY]);
  });

  describe("on a phone (390 px wide, Chromium)", () => {
    let browser: Browser;
    let served: Served;
    beforeAll(async () => {
      browser = await launchBrowser();
      served = await serveSite(dist);
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await served?.close();
    });

    it("shows the article's story link within the first screen", async () => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await page.goto(served.url + ARTICLE.slice(1));
      const box = await page.locator(".report-story-link").boundingBox();
      await page.close();
      expect(box).not.toBeNull();
      // measured from the top of the page: the link's bottom edge is on the first screen
      expect(box!.y + box!.height).toBeLessThanOrEqual(844);
      console.log(`story link at y = ${Math.round(box!.y)}–${Math.round(box!.y + box!.height)} px of an 844 px screen`);
    }, 60_000);
  });
});

describe("counts and dates as a newspaper prints them", () => {
  it("separates thousands", () => {
    const locale = referenceLocale();
    expect(locale.count(0)).toBe("0");
    expect(locale.count(999)).toBe("999");
    expect(locale.count(1000)).toBe("1,000");
    expect(locale.count(1234567)).toBe("1,234,567");
    expect(locale.text("sources.count", { count: 1 })).toBe("1 report");
    expect(locale.text("sources.count", { count: 1000 })).toBe("1,000 reports");
  });

  it("prints a span of days as briefly as it can", () => {
    expect(en.daySpan("2024-09-16", "2024-09-16")).toBe("16 September 2024");
    expect(en.daySpan("2024-09-16", "2024-09-18")).toBe("16–18 September 2024");
    expect(en.daySpan("2024-09-30", "2024-10-02")).toBe("30 September – 2 October 2024");
    expect(en.daySpan("2024-12-30", "2025-01-02")).toBe("30 December 2024 – 2 January 2025");
  });

  it("numbers a pager's links: first, last and two either side of the current page", () => {
    expect(pagerNumbers(1, 1)).toEqual([1]);
    expect(pagerNumbers(1, 3)).toEqual([1, 2, 3]);
    expect(pagerNumbers(1, 10)).toEqual([1, 2, 3, null, 10]);
    expect(pagerNumbers(6, 10)).toEqual([1, null, 4, 5, 6, 7, 8, null, 10]);
    expect(pagerNumbers(10, 10)).toEqual([1, null, 8, 9, 10]);
  });
});
