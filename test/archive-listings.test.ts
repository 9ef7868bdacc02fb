/**
 * Listings of a large archive stay light: the names index (/entities/) and the stories index
 * (/stories/) in pages, every entry on exactly one of them, in order, with previous/next links
 * and sitemap entries; the home page shows the stories with the newest reports, not all of them.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadContent, defaultPaths } from "../src/content/pipeline.ts";
import { isError } from "../src/content/problems.ts";
import { article, contentTree, withoutPosition } from "./helpers/fixture.ts";
import { readXml } from "./helpers/publish.ts";
import { buildContent } from "./helpers/build-tree.ts";
import { readHtml } from "./helpers/site.ts";

const TYPES = [
  ["person", 700],
  ["organization", 150],
  ["place", 100],
] as const;

/** Names sorted as the index sorts them; ids in a different order so the test does not pass by accident. */
function entities(): { id: string; name: string; type: string }[] {
  return TYPES.flatMap(([type, n]) =>
    Array.from({ length: n }, (_, i) => ({
      id: `${type}-${String(n - i).padStart(4, "0")}`,
      name: `${type === "person" ? "Person" : type === "place" ? "Place" : "Body"} ${String(i).padStart(4, "0")}`,
      type,
    })),
  );
}

function tree(list: unknown[]): string {
  return contentTree({
    files: {
      "_data/entities.json": JSON.stringify(list),
      "src/articles/alpha-news/one.md": article(
        { title: "One", source: "alpha-news", date: "2025-01-02", story: "the-story" },
        "Person 0000 and Place 0001 and Body 0002 were named.\n",
      ),
      "src/articles/beta-post/two.md": article(
        { title: "Two", source: "beta-post", date: "2025-01-03", story: "the-story" },
        "Person 0699 spoke.\n",
      ),
    },
  });
}

describe("the names index, in pages", () => {
  let dist: string;
  const list = entities();

  beforeAll(async () => {
    dist = (await buildContent(tree(list))).output;
  }, 120_000);

  const pages = ["/entities/", "/entities/2/", "/entities/3/"];

  it("cuts 950 names into pages of at most 400, each name on exactly one page, in index order", () => {
    const listed = pages.flatMap((p) => {
      const $ = readHtml(dist, p);
      const ids = $("li[data-entity]")
        .map((_, li) => $(li).attr("data-entity"))
        .get();
      expect(ids.length).toBeLessThanOrEqual(400);
      return ids;
    });
    expect(listed).toEqual(list.map((e) => e.id));
    expect(fs.existsSync(path.join(dist, "entities", "4", "index.html"))).toBe(false);
  });

  it("heads each page's groups and labels the page by its first and last names", () => {
    const second = readHtml(dist, "/entities/2/");
    expect(
      second("h2")
        .map((_, h) => second(h).text())
        .get(),
    ).toEqual(["People", "Organisations"]);
    expect(second("title").text()).toContain("page 2 of 3");
    const third = readHtml(dist, "/entities/3/");
    expect(
      third("h2")
        .map((_, h) => third(h).text())
        .get(),
    ).toEqual(["Organisations", "Places"]);
    const nav = third('nav[aria-label="Pages of the names index"] li a');
    expect(nav.map((_, a) => third(a).attr("href")).get()).toEqual(pages);
    expect(nav.eq(0).text()).toBe("People: Person 0000 – Person 0399");
    expect(nav.eq(2).text()).toBe("Organisations: Body 0100 – Body 0149; Places: Place 0000 – Place 0099");
    expect(third('nav[aria-label="Pages of the names index"] a[aria-current="page"]').attr("href")).toBe(
      "/entities/3/",
    );
  });

  it("links each page to the one before and after it", () => {
    const $ = readHtml(dist, "/entities/2/");
    expect($('nav.pager a[rel="prev"]').attr("href")).toBe("/entities/");
    expect($('nav.pager a[rel="next"]').attr("href")).toBe("/entities/3/");
    expect(readHtml(dist, "/entities/")('nav.pager a[rel="prev"]').length).toBe(0);
  });

  it("lists every page of the index in the sitemap", () => {
    const locs = [readXml(path.join(dist, "sitemap.xml")).urlset.url]
      .flat()
      .map((u: { loc: string }) => new URL(u.loc).pathname);
    for (const p of pages) expect(locs).toContain(p);
  });
});

describe("entity ids and index pages", () => {
  it("rejects an entity id of only digits, which is where a page of the index goes", () => {
    const out = loadContent(defaultPaths(tree([{ id: "2", name: "Two", type: "person" }])))
      .problems.filter(isError)
      .map(withoutPosition);
    expect(out).toEqual([
      '_data/entities.json: [0] (id "2").id: is only digits: /entities/2/ is where page 2 of the names index goes; add a word',
    ]);
  });
});

describe("the stories index, in pages, and the home page's stories", () => {
  let dist: string;
  // 250 stories; three have reports, the newest in the story listed first of the three
  const stories = Array.from({ length: 250 }, (_, i) => ({
    id: `story-${String(i).padStart(3, "0")}`,
    title: `Story ${i}`,
  }));
  const report = (source: string, slug: string, story: string, date: string) => [
    `src/articles/${source}/${slug}.md`,
    article({ title: slug, source, date, story }, "Text.\n"),
  ];

  beforeAll(async () => {
    const root = contentTree({
      stories,
      files: Object.fromEntries([
        report("alpha-news", "old", "story-200", "2025-01-01"),
        report("beta-post", "newest", "story-005", "2025-03-01"),
        report("alpha-news", "middle", "story-100", "2025-02-01"),
      ]),
    });
    dist = (await buildContent(root)).output;
  }, 120_000);

  it("cuts 250 stories into pages of 100, those with the newest reports first, then in the order of stories.json, each linked to the next", () => {
    const pages = ["/stories/", "/stories/2/", "/stories/3/"];
    const listed = pages.flatMap((p) => {
      const $ = readHtml(dist, p);
      return $(".story-list li[data-story]")
        .map((_, li) => $(li).attr("data-story"))
        .get();
    });
    const recent = ["story-005", "story-100", "story-200"];
    expect(listed).toEqual([...recent, ...stories.map((s) => s.id).filter((id) => !recent.includes(id))]);
    const second = readHtml(dist, "/stories/2/");
    expect(second("title").text()).toContain("Stories, page 2 of 3");
    expect(second('nav.pager a[rel="prev"]').attr("href")).toBe("/stories/");
    expect(second('nav.pager a[rel="next"]').attr("href")).toBe("/stories/3/");
    const locs = [readXml(path.join(dist, "sitemap.xml")).urlset.url]
      .flat()
      .map((u: { loc: string }) => new URL(u.loc).pathname);
    for (const p of pages) expect(locs).toContain(p);
  });

  it("shows 12 stories on the home page, those with the newest reports first, and links to all of them", () => {
    const $ = readHtml(dist, "/");
    const shown = $(".story-list li[data-story]")
      .map((_, li) => $(li).attr("data-story"))
      .get();
    expect(shown).toHaveLength(12);
    expect(shown.slice(0, 3)).toEqual(["story-005", "story-100", "story-200"]);
    expect($('a[href="/stories/"]').filter((_, a) => $(a).text() === "All 250 stories").length).toBe(1);
  });

  it("rejects a story id of only digits, which is where a page of the index goes", () => {
    const out = loadContent(defaultPaths(contentTree({ stories: [{ id: "3", title: "Three" }] })))
      .problems.filter(isError)
      .map(withoutPosition);
    expect(out).toEqual([
      '_data/stories.json: [0] (id "3").id: is only digits: /stories/3/ is where page 3 of the stories index goes; add a word',
    ]);
  });
});
