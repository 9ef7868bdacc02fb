/**
 * No page kind scrolls sideways on a phone: every page kind of the sample in Chromium at 320,
 * 390 and 1280 px wide, measured, not looked for: the document is no wider than the viewport,
 * and no element a reader can see reaches past the viewport's right edge, unless it sits inside a
 * box of its own that scrolls (a wide table a reader can swipe, labelled as such); and nothing
 * moves once shown (the layout shift Lighthouse counts); printed, nothing is wider than the page.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, serveSite, type Served } from "./helpers/browser.ts";
import { PAGE_KINDS } from "./helpers/reader.ts";
import { buildSample } from "./helpers/build-tree.ts";

let browser: Browser;
let server: Served;

beforeAll(async () => {
  server = await serveSite(await buildSample(), "/");
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
        // What of the element a reader can see reaches: ancestors that clip it (overflow hidden, as a
        // visually hidden table head does) cut it off; one that scrolls sideways holds it on purpose.
        const reach = (el: Element): number | undefined => {
          let right = el.getBoundingClientRect().right;
          for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
            const o = getComputedStyle(e).overflowX;
            if ((o === "auto" || o === "scroll") && e.scrollWidth > e.clientWidth - 1) return undefined;
            if (o === "hidden" || o === "clip") right = Math.min(right, e.getBoundingClientRect().right);
          }
          return right;
        };
        const out: string[] = [];
        for (const el of document.querySelectorAll("body *")) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
          const right = reach(el);
          if (right !== undefined && right > view + 1) {
            out.push(
              `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""} right=${Math.round(right)}`,
            );
          }
        }
        return { view, doc: document.documentElement.scrollWidth, past: out.slice(0, 5) };
      });
      expect(measured.doc, `document ${measured.doc} px wide in a ${measured.view} px viewport`).toBeLessThanOrEqual(
        measured.view,
      );
      expect(measured.past).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("at 390 px wide, on load", () => {
  test.each(PAGE_KINDS)("$kind: nothing moves once shown (layout shift under 0.01)", async ({ path: p }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { shift: number };
        w.shift = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
            if (!e.hadRecentInput) w.shift += e.value;
        }).observe({ type: "layout-shift", buffered: true });
      });
      await page.goto(server.url + p, { waitUntil: "networkidle" });
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as unknown as { shift: number }).shift)).toBeLessThan(0.01);
    } finally {
      await context.close();
    }
  });
});

describe("printed from a phone (390 px, print media)", () => {
  // paper does not scroll: a wide grid must wrap into the page, not run off it
  test.each(PAGE_KINDS)("$kind: nothing wider than the page", async ({ path: p }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      await page.goto(server.url + p, { waitUntil: "load" });
      await page.emulateMedia({ media: "print" });
      const { view, doc } = await page.evaluate(() => ({
        view: document.documentElement.clientWidth,
        doc: document.documentElement.scrollWidth,
      }));
      expect(doc, `printed ${doc} px wide on a ${view} px page`).toBeLessThanOrEqual(view);
    } finally {
      await context.close();
    }
  });
});
