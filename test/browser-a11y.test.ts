/**
 * Every page kind in real Chromium, at a phone width and a desktop width, light and dark:
 * zero axe violations, no console errors, no failed requests, a screenshot for people to
 * look at (test/screenshots/, git-ignored). Plus keyboard order on the home page.
 */
import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, serveSite, type Served } from "./helpers/browser.ts";
import { PAGE_KINDS, watchPage } from "./helpers/reader.ts";
import { buildSample } from "./helpers/build-tree.ts";
import { ROOT } from "./helpers/site.ts";

const SHOTS = path.join(ROOT, "test", "screenshots");
let browser: Browser;
let server: Served;

beforeAll(async () => {
  const dist = await buildSample();
  server = await serveSite(dist, "/");
  browser = await launchBrowser();
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  console.log(`Screenshots of every page kind: ${SHOTS}`);
});

describe.each([375, 1280])("at %i px wide", (width) => {
  describe.each(["light", "dark"] as const)("in %s mode", (colorScheme) => {
    test.each(PAGE_KINDS)(
      "$kind: no axe violations, no console errors, no failed requests",
      async ({ kind, path: p, status }) => {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
        try {
          const page = await context.newPage();
          const health = watchPage(page);
          const response = await page.goto(server.url + p, { waitUntil: "load" });
          expect(response?.status()).toBe(status);
          if (kind === "search") await page.locator("#search-results li").first().waitFor();
          const { violations } = await new AxeBuilder({ page }).analyze();
          const summary = violations.map(
            (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
          );
          expect(summary).toEqual([]);
          await page.screenshot({ path: path.join(SHOTS, `${kind}-${width}-${colorScheme}.png`), fullPage: true });
          await page.waitForLoadState("networkidle");
          expect(health.problems).toEqual([]);
        } finally {
          await context.close();
        }
      },
    );
  });
});

test("keyboard: Tab reaches the skip link first, then the masthead, the navigation and the page's links", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(server.url, { waitUntil: "load" });
    const order: string[] = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Tab");
      order.push(await page.evaluate(() => document.activeElement?.textContent?.trim().replace(/\s+/g, " ") ?? ""));
    }
    expect(order.slice(0, 7)).toEqual([
      "Skip to content",
      "Kursk, as reported",
      "Timeline",
      "Stories",
      "Sources",
      "People and places",
      "Search",
    ]);
    // the home page leads with the stories, then the latest reports
    expect(order.slice(7)).toEqual([
      "in order on the timeline",
      "by outlet",
      "Ukraine invites the UN and the ICRC to the Ukrainian-held parts of Russia's Kursk region",
    ]);

    // The skip link moves focus to the main content.
    await page.goto(server.url, { waitUntil: "load" });
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("in order on the timeline");

    // The timeline filters are operable from the keyboard.
    await page.goto(server.url + "timeline/", { waitUntil: "load" });
    await page.focus("#filter-source");
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => page.locator("#filter-status").innerText()).toMatch(/^Showing 1 report of 2/);
  } finally {
    await context.close();
  }
});
