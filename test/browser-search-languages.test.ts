/**
 * Search across languages, in real Chromium on a built fixture (one build, shared by the cases):
 * reports in English, Ukrainian, Russian, Arabic and Japanese, each indexed in its own language
 * (src/build/search-language.ts) while every page stays in the site's; the search page merges
 * every language's index, finds a name by any of its spellings across scripts, finds a Japanese
 * word inside a longer run of characters (Pagefind issue #1237), and filters by language.
 * The site's language is English: src/locales/ has only en.json so far.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "vitest";
import { launchBrowser, serveSite, type Served } from "./helpers/browser.ts";
import { buildTree, type TreeBuild } from "./helpers/build-tree.ts";
import { article } from "./helpers/fixture.ts";
import { searchFor, watchPage } from "./helpers/reader.ts";

const PREFIX = "/langs/";
const SOURCES = [
  { id: "wire-en", name: "Wire English", url: "https://wire.example", language: "en" },
  { id: "kyiv-desk", name: "Kyiv Desk", url: "https://kyiv.example", language: "uk" },
  { id: "moscow-desk", name: "Moscow Desk", url: "https://moscow.example", language: "ru" },
  { id: "gulf-desk", name: "Gulf Desk", url: "https://gulf.example", language: "ar" },
  { id: "tokyo-desk", name: "Tokyo Desk", url: "https://tokyo.example" },
];
const ENTITIES = [
  {
    id: "andrii-sybiha",
    name: "Andrii Sybiha",
    type: "person",
    aliases: ["Сибіга", "Сибига"],
    description: "Ukraine's foreign minister.",
  },
];
const report = (source: string, slug: string, front: Record<string, unknown>, body: string) => ({
  [`src/articles/${source}/${slug}.md`]: article({ source, date: "2025-03-05", story: "the-story", ...front }, body),
});
const FILES = {
  "_data/sources.json": JSON.stringify(SOURCES),
  "_data/entities.json": JSON.stringify(ENTITIES),
  ...report(
    "wire-en",
    "minister-in-geneva",
    { title: "Foreign minister meets the Red Cross in Geneva" },
    "Andrii Sybiha met the Red Cross delegation in Geneva on Wednesday.\n",
  ),
  ...report(
    "kyiv-desk",
    "minister-in-geneva",
    { title: "Міністр зустрівся з Червоним Хрестом" },
    "Міністр закордонних справ Сибіга зустрівся з делегацією Червоного Хреста у Женеві.\n",
  ),
  ...report(
    "moscow-desk",
    "minister-in-geneva",
    { title: "Министр встретился с Красным Крестом" },
    "Министр иностранных дел Сибига встретился с делегацией Красного Креста в Женеве.\n",
  ),
  ...report(
    "gulf-desk",
    "minister-in-geneva",
    { title: "الوزير يلتقي الصليب الأحمر" },
    "التقى وزير الخارجية الأوكراني بوفد الصليب الأحمر في جنيف يوم الأربعاء.\n",
  ),
  // the language from the front matter (the source has none); 新幹線 only inside the longer run 最新幹線…
  ...report(
    "tokyo-desk",
    "shinkansen",
    { title: "外務大臣が記者団に説明", language: "ja" },
    "昨日最新幹線の運転再開について外務大臣が記者団に説明した。\n",
  ),
};
const article_ = (source: string, slug = "minister-in-geneva") => `${PREFIX}sources/${source}/${slug}/`;

let build: TreeBuild;
let server: Served;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let health: { problems: string[] };

beforeAll(async () => {
  build = await buildTree(FILES, { env: { PATH_PREFIX: PREFIX } });
  server = await serveSite(build.output, PREFIX);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  health = watchPage(page);
  await page.goto(`${server.url}search/`);
});
afterEach(async () => {
  expect(health.problems).toEqual([]);
  await context.close();
});

const search = (q: string) => searchFor(page, q);

test("each report is indexed in its own language; every page stays in the site's", () => {
  const entry = JSON.parse(fs.readFileSync(path.join(build.output, "pagefind", "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, unknown>;
  };
  expect(Object.keys(entry.languages).sort()).toEqual(["ar", "en", "ja", "ru", "uk"]);
  const $ = build.html("/sources/kyiv-desk/minister-in-geneva/");
  expect($("html").attr("lang")).toBe("en");
  expect($("[data-pagefind-body]").attr("data-index-lang")).toBe("uk");
  expect($("[data-pagefind-body]").attr("data-pagefind-filter")).toBe("language:Ukrainian");
  // the published page carries no index tokens: they are only in the copy Pagefind reads
  expect(build.html("/sources/tokyo-desk/shinkansen/")("[data-search-pairs]")).toHaveLength(0);
});

test("the search page's words are the site's locale's, handed to the script", async () => {
  const en = JSON.parse(fs.readFileSync("src/locales/en.json", "utf8")) as { search: Record<string, string> };
  const words = JSON.parse((await page.locator("#search-form").getAttribute("data-words"))!) as {
    locale: string;
    messages: Record<string, string>;
  };
  expect(words.locale).toBe("en");
  for (const [key, message] of Object.entries(words.messages))
    expect(en.search[key.replace(/^search\./, "")]).toBe(message);
  await page.getByRole("button", { name: "Search" }).click();
  await expect.poll(() => page.getByRole("status").innerText()).toBe(en.search.typeToSearch);
  expect(await search("xylophone")).toEqual([]);
  expect(await page.getByRole("status").innerText()).toBe(
    "No reports match “xylophone”. Try another spelling, or browse the timeline.",
  );
});

test('"Sybiha" finds the Ukrainian report, which writes only "Сибіга", with its title in Ukrainian', async () => {
  const found = await search("Sybiha");
  expect(found).toEqual(expect.arrayContaining([article_("wire-en"), article_("kyiv-desk"), article_("moscow-desk")]));
  expect(found).toHaveLength(3);
  const title = page.locator(`#search-results .entry-title a[href$="sources/kyiv-desk/minister-in-geneva/"]`);
  expect(await title.getAttribute("lang")).toBe("uk");
  expect(await title.innerText()).toBe("Міністр зустрівся з Червоним Хрестом");
});

test('"Сибіга" finds the English report, which writes only "Sybiha"', async () => {
  const found = await search("Сибіга");
  expect(found).toEqual(expect.arrayContaining([article_("wire-en"), article_("kyiv-desk")]));
  await expect.poll(() => page.locator("#search-entities").innerText()).toContain("“Сибіга” names Andrii Sybiha");
});

test("a Japanese word inside a longer run of characters finds the Japanese report (Pagefind #1237)", async () => {
  expect(await search("新幹線")).toEqual([article_("tokyo-desk", "shinkansen")]);
  const summary = page.locator("#search-results .entry-summary");
  expect(await summary.getAttribute("lang")).toBe("ja");
  expect(await summary.locator("mark").innerText()).toBe("新幹線");
  expect(await summary.innerText()).not.toMatch(/qz[a-z]+q/);
  expect(await search("外務大臣")).toEqual([article_("tokyo-desk", "shinkansen")]);
  // two characters that are never next to each other in the text are no match
  expect(await search("新道")).toEqual([]);
});

test("an Arabic word finds the Arabic report, set right to left", async () => {
  expect(await search("جنيف")).toEqual([article_("gulf-desk")]);
  expect(await page.locator("#search-results .entry-title a").getAttribute("dir")).toBe("rtl");
});

test("the language filter narrows to one language, in the site's words, and the address keeps it", async () => {
  const options = await page.getByLabel("Language").locator("option").allInnerTexts();
  expect(options).toEqual(["All languages", "Arabic", "English", "Japanese", "Russian", "Ukrainian"]);
  await search("Sybiha");
  await page.getByLabel("Language").selectOption("Ukrainian");
  await expect.poll(() => page.getByRole("status").innerText()).toBe("1 report matches “Sybiha” in Ukrainian.");
  const links = await page
    .locator("#search-results .entry-title a")
    .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  expect(links).toEqual([article_("kyiv-desk")]);
  expect(new URL(page.url()).searchParams.get("language")).toBe("Ukrainian");
  await page.goto(page.url());
  await expect.poll(() => page.getByRole("status").innerText()).toBe("1 report matches “Sybiha” in Ukrainian.");
});
