/**
 * No page kind scrolls sideways on a phone: every page kind of the sample in Chromium at 320,
 * 390 and 1280 px wide, measured, not looked for: the document is no wider than the viewport,
 * and no element reaches past the viewport's right edge unless it sits inside a box of its own
 * that scrolls (a wide table a reader can swipe, labelled as such).
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, serveSite, type Served } from "./helpers/browser.ts";
import { PAGE_KINDS } from "./helpers/reader.ts";
import { buildSample } from "./helpers/site.ts";

let browser: Browser;
let server: Served;

beforeAll(async () => {
  server = await serveSite(buildSample(), "/");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each([320, 390, 1280])("at %i px wide", (width) => {
  test.each(PAGE_KINDS)("$kind: nothing wider than the screen", async ({ path: p }) => {
    const context = await browser.newContext({ viewport: { width, height: 844 } });
    try {
      const page = await context.newPage();
      await page.goto(server.url + p, { waitUntil: "load" });
      const measured = await page.evaluate(() => {
        const view = document.documentElement.clientWidth;
        const scrolls = (el: Element | null): boolean => {
          for (let e = el; e && e !== document.body; e = e.parentElement) {
            const o = getComputedStyle(e).overflowX;
            if ((o === "auto" || o === "scroll") && e.scrollWidth > e.clientWidth - 1) return true;
          }
          return false;
        };
        const out: string[] = [];
        for (const el of document.querySelectorAll("body *")) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
          if (r.right > view + 1 && !scrolls(el.parentElement)) {
            out.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""} right=${Math.round(r.right)}`);
          }
        }
        return { view, doc: document.documentElement.scrollWidth, past: out.slice(0, 5) };
      });
      expect(measured.doc, `document ${measured.doc} px wide in a ${measured.view} px viewport`).toBeLessThanOrEqual(measured.view);
      expect(measured.past).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
