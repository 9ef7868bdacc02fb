/**
 * Search in real Chromium, with the site built and served under a path prefix as on a
 * GitHub Pages project site: the Pagefind bundle, the index and the result links must all
 * respect it.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { KC_ARTICLE, MT_ARTICLE, readerSession, searchFor, watchPage } from "./helpers/reader.ts";
import { readHtml } from "./helpers/site.ts";

const PREFIX = "/some-prefix/";
const s = readerSession({ prefix: PREFIX, viewport: { width: 1280, height: 900 } });

const search = (q: string) => searchFor(s.page, q);

test("the build indexes only article pages, with the source as a filter", () => {
  expect(fs.existsSync(path.join(s.dist, "pagefind", "pagefind.js"))).toBe(true);
  const fragments = fs.readdirSync(path.join(s.dist, "pagefind", "fragment"));
  expect(fragments).toHaveLength(2);
  const $ = readHtml(s.dist, MT_ARTICLE);
  expect($("[data-pagefind-body]")).toHaveLength(1);
  expect($("[data-pagefind-body] [data-pagefind-filter=source]").text()).toBe("The Moscow Times");
  expect(readHtml(s.dist, "/")("[data-pagefind-body]")).toHaveLength(0);
  expect(readHtml(s.dist, "/search/")("[data-pagefind-body]")).toHaveLength(0);
});

test("names spelled several ways are a JSON file beside the search page, not part of it", () => {
  const names = JSON.parse(fs.readFileSync(path.join(s.dist, "search", "names.json"), "utf8")) as {
    name: string;
    href: string;
    spellings: string[];
  }[];
  const sybiha = names.find((n) => n.name === "Andrii Sybiha");
  expect(sybiha?.href).toBe("entities/andrii-sybiha/");
  expect(sybiha?.spellings).toEqual(expect.arrayContaining(["Andrii Sybiha", "Sybiha", "Sybiga"]));
  const $ = readHtml(s.dist, "/search/");
  expect($("#entity-spellings")).toHaveLength(0);
  expect($("#search-form").attr("data-names")).toMatch(/search\/names\.json$/);
});

test("the search page is linked from every page's header", async () => {
  await s.page.goto(s.server.url + MT_ARTICLE);
  await s.page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Search" }).click();
  await expect.poll(() => s.page.url()).toBe(s.server.url + "search/");
});

test('any spelling of a name finds every report that names it: "Sybiga" (The Moscow Times) finds the Kumasi City report ("Sybiha") too, and points to the entity', async () => {
  await s.page.goto(s.server.url + "search/");
  for (const q of ["Sybiga", "Sybiha"]) {
    expect((await search(q)).sort(), q).toEqual([PREFIX + KC_ARTICLE, PREFIX + MT_ARTICLE].sort());
    expect(await s.page.getByRole("status").innerText()).toBe(`2 reports match “${q}”.`);
    // each result is quoted from the report's own words, in the spelling that report uses, never from the site's "(also …)" line
    const snippets = await s.page.locator("#search-results .entry-summary").allInnerTexts();
    expect(snippets).toHaveLength(2);
    for (const text of snippets) {
      expect(text).not.toMatch(/other spellings|\(also /);
      expect(text).toMatch(/Sybiha|Sybiga/);
    }
    const note = s.page.locator("#search-entities");
    await expect.poll(() => note.innerText()).toContain(`“${q}” names Andrii Sybiha`);
    expect(new URL((await note.locator("a").getAttribute("href"))!, s.server.url).pathname).toBe(
      PREFIX + "entities/andrii-sybiha/",
    );
  }
  expect(new URL(s.page.url()).searchParams.get("q")).toBe("Sybiha");
  // a result leads to the article under the prefix
  await s.page.locator("#search-results a").first().click();
  await expect.poll(() => s.page.url()).toMatch(/\/sources\//);
});

test('"Spoljaric" finds both reports; the source filter narrows to one; the address reproduces it', async () => {
  await s.page.goto(s.server.url + "search/");
  expect((await search("Spoljaric")).sort()).toEqual([PREFIX + KC_ARTICLE, PREFIX + MT_ARTICLE].sort());
  expect(await s.page.locator("#search-results mark").first().innerText()).toMatch(/Spoljaric/);
  await s.page.getByLabel("Outlet").selectOption("The Moscow Times");
  await expect
    .poll(() => s.page.getByRole("status").innerText())
    .toBe("1 report matches “Spoljaric” from The Moscow Times.");
  const links = await s.page
    .locator("#search-results .entry-title a")
    .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  expect(links).toEqual([PREFIX + MT_ARTICLE]);

  const shared = s.page.url();
  const second = await s.context.newPage();
  const secondHealth = watchPage(second);
  await second.goto(shared);
  await expect
    .poll(() => second.getByRole("status").innerText())
    .toBe("1 report matches “Spoljaric” from The Moscow Times.");
  expect(secondHealth.problems).toEqual([]);
});

test("a query with no match says so", async () => {
  await s.page.goto(s.server.url + "search/");
  expect(await search("xylophone")).toEqual([]);
  expect(await s.page.getByRole("status").innerText()).toBe(
    "No reports match “xylophone”. Try another spelling, or browse the timeline.",
  );
});

test("navigation chrome is not indexed: the word Timeline finds nothing", async () => {
  await s.page.goto(s.server.url + "search/?q=Timeline");
  await expect.poll(() => s.page.getByRole("status").innerText()).toMatch(/^No reports match “Timeline”/);
});
