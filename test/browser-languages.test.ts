/**
 * The five-language story (helpers/languages-fixture.ts) as a Ukrainian site, in real Chromium:
 * every page kind, the Arabic and Japanese reports included, has no axe violation at a phone and
 * a desktop width and does not scroll sideways; the Arabic report reads right to left inside the
 * Ukrainian page; the search page speaks Ukrainian and finds reports across scripts.
 */
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { referenceLocale } from "../src/content/locale.ts";
import { launchBrowser, serveSite, type Served } from "./helpers/browser.ts";
import { buildContent } from "./helpers/build-tree.ts";
import { languageTree } from "./helpers/languages-fixture.ts";
import { watchPage } from "./helpers/reader.ts";

let browser: Browser;
let server: Served;

beforeAll(async () => {
  const build = await buildContent(languageTree("uk"));
  server = await serveSite(build.output, "/");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const PAGES = [
  ["home", ""],
  ["story", "stories/kursk-visit/"],
  ["Arabic report", "sources/al-jazeera/ukraine-invites-un/"],
  ["Japanese report", "sources/nhk/ukraine-kursk/"],
  ["Ukrainian report", "sources/ukrinform/sybiha-zaproshuie-oon/"],
  ["timeline", "timeline/"],
  ["source", "sources/al-jazeera/"],
  ["entity", "entities/andrii-sybiha/"],
  ["search", "search/?q=Sybiha"],
  ["404", "404.html"],
] as const;

describe.each([390, 1280])("the Ukrainian site at %i px", (width) => {
  test.each(PAGES)("%s: no axe violations, nothing sideways, no console errors", async (_, p) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    try {
      const page = await context.newPage();
      const health = watchPage(page);
      await page.goto(server.url + p, { waitUntil: "load" });
      if (p.startsWith("search")) await page.locator("#search-results li").first().waitFor();
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.waitForLoadState("networkidle");
      expect(health.problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

test("the Arabic report reads right to left inside the Ukrainian page", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`${server.url}sources/al-jazeera/ukraine-invites-un/`);
    const body = page.locator(".report-body");
    expect(await body.evaluate((e) => getComputedStyle(e).direction)).toBe("rtl");
    expect(await page.locator(".report-meta").evaluate((e) => getComputedStyle(e).direction)).toBe("ltr");
    // its text starts at the right edge of its column
    const [text, column] = await Promise.all([
      body
        .locator("p")
        .first()
        .evaluate((p) => {
          const range = document.createRange();
          range.selectNodeContents(p);
          return range.getClientRects()[0]!.right;
        }),
      body.evaluate((e) => e.getBoundingClientRect().right),
    ]);
    expect(Math.abs(column - text)).toBeLessThan(2);
  } finally {
    await page.close();
  }
});

test("search speaks the site's language and finds a name across scripts", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`${server.url}search/?q=${encodeURIComponent("Sybiha")}`);
    await page.locator("#search-results li").first().waitFor();
    const hrefs = await page
      .locator("#search-results .entry-title a")
      .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    // the Ukrainian report writes only "Сибіга", the Russian only "Сибига"
    expect(hrefs).toEqual(
      expect.arrayContaining(["/sources/ukrinform/sybiha-zaproshuie-oon/", "/sources/tass/kiev-priglasil-oon/"]),
    );
    const status = await page.getByRole("status").innerText();
    expect(status).toMatch(/\p{Script=Cyrillic}/u);
    // none of the English message's words
    const english = referenceLocale().text("search.matches", { count: 2, query: "Sybiha", from: "", inLanguage: "" });
    for (const w of english.match(/\p{L}{4,}/gu) ?? []) if (w !== "Sybiha") expect(status).not.toContain(w);
  } finally {
    await page.close();
  }
});
