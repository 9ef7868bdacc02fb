/**
 * The names index (/entities/) of an archive with hundreds of names: in pages, every name on
 * exactly one of them, in order, with a page list, previous/next links and sitemap entries.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadContent, defaultPaths } from "../src/content/pipeline.ts";
import { isError } from "../src/content/problems.ts";
import { article, contentTree, withoutPosition } from "./helpers/fixture.ts";
import { readXml } from "./helpers/publish.ts";
import { buildSample, readHtml } from "./helpers/site.ts";

const TYPES = [
  ["person", 700],
  ["organization", 150],
  ["place", 100],
] as const;

/** Names sorted as the index sorts them; ids in a different order so the test does not pass by accident. */
function entities(): { id: string; name: string; type: string }[] {
  return TYPES.flatMap(([type, n]) => Array.from({ length: n }, (_, i) => ({ id: `${type}-${String(n - i).padStart(4, "0")}`, name: `${type === "person" ? "Person" : type === "place" ? "Place" : "Body"} ${String(i).padStart(4, "0")}`, type })));
}

function tree(list: unknown[]): string {
  return contentTree({
    files: {
      "_data/entities.json": JSON.stringify(list),
      "src/articles/alpha-news/one.md": article({ title: "One", source: "alpha-news", date: "2025-01-02", story: "the-story" }, "Person 0000 and Place 0001 and Body 0002 were named.\n"),
      "src/articles/beta-post/two.md": article({ title: "Two", source: "beta-post", date: "2025-01-03", story: "the-story" }, "Person 0699 spoke.\n"),
    },
  });
}

describe("the names index, in pages", () => {
  let dist: string;
  const list = entities();

  beforeAll(() => {
    dist = buildSample({ CONTENT_ROOT: tree(list) });
  }, 120_000);

  const pages = ["/entities/", "/entities/2/", "/entities/3/"];

  it("cuts 950 names into pages of at most 400, each name on exactly one page, in index order", () => {
    const listed = pages.flatMap((p) => {
      const $ = readHtml(dist, p);
      const ids = $("li[data-entity]").map((_, li) => $(li).attr("data-entity")).get();
      expect(ids.length).toBeLessThanOrEqual(400);
      return ids;
    });
    expect(listed).toEqual(list.map((e) => e.id));
    expect(fs.existsSync(path.join(dist, "entities", "4", "index.html"))).toBe(false);
  });

  it("heads each page's groups and labels the page by its first and last names", () => {
    const second = readHtml(dist, "/entities/2/");
    expect(second("h2").map((_, h) => second(h).text()).get()).toEqual(["People", "Organisations"]);
    expect(second("title").text()).toContain("page 2 of 3");
    const third = readHtml(dist, "/entities/3/");
    expect(third("h2").map((_, h) => third(h).text()).get()).toEqual(["Organisations", "Places"]);
    const nav = third('nav[aria-label="Pages of the names index"] li a');
    expect(nav.map((_, a) => third(a).attr("href")).get()).toEqual(pages);
    expect(nav.eq(0).text()).toBe("People: Person 0000 – Person 0399");
    expect(nav.eq(2).text()).toBe("Organisations: Body 0100 – Body 0149; Places: Place 0000 – Place 0099");
    expect(third('nav[aria-label="Pages of the names index"] a[aria-current="page"]').attr("href")).toBe("/entities/3/");
  });

  it("links each page to the one before and after it", () => {
    const $ = readHtml(dist, "/entities/2/");
    expect($('nav.pager a[rel="prev"]').attr("href")).toBe("/entities/");
    expect($('nav.pager a[rel="next"]').attr("href")).toBe("/entities/3/");
    expect(readHtml(dist, "/entities/")('nav.pager a[rel="prev"]').length).toBe(0);
  });

  it("lists every page of the index in the sitemap", () => {
    const locs = [readXml(path.join(dist, "sitemap.xml")).urlset.url].flat().map((u: { loc: string }) => new URL(u.loc).pathname);
    for (const p of pages) expect(locs).toContain(p);
  });
});

describe("entity ids and index pages", () => {
  it("rejects an entity id of only digits, which is where a page of the index goes", () => {
    const out = loadContent(defaultPaths(tree([{ id: "2", name: "Two", type: "person" }]))).problems.filter(isError).map(withoutPosition);
    expect(out).toEqual(['_data/entities.json: [0] (id "2").id: is only digits: /entities/2/ is where page 2 of the names index goes; add a word']);
  });
});
