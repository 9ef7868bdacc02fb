import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, test } from "vitest";
import { launchBrowser, serveSite, type Served } from "./helpers/browser.ts";
import { buildContent } from "./helpers/build-tree.ts";
import { readHtml } from "./helpers/site.ts";
import { CONVOY, DAM, storyFixture } from "./helpers/story-fixture.ts";

const squash = (s: string) => s.replace(/\s+/g, " ").trim();
let dist: string;
let browser: Browser;
let server: Served;

beforeAll(async () => {
  dist = (await buildContent(storyFixture())).output;
  server = await serveSite(dist, "/");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the story page's HTML", () => {
  it("opens with the story at a glance: summary, reports and outlets over their span, the verdict", () => {
    const $ = readHtml(dist, `/stories/${DAM}/`);
    const glance = $(".at-a-glance");
    expect($("main > *").eq(1).is(glance)).toBe(true);
    expect(glance.find(".glance-summary").text()).toMatch(/^The Eastbrook dam failed before dawn/);
    expect(squash(glance.find(".glance-span").text())).toBe("5 reports from 4 outlets, 3–4 March 2025.");
    expect(glance.find(".verdict-total").text()).toBe("5 facts compared");
    expect(squash(glance.find(".verdict-differ").text())).toBe(
      "The reports differ on 2: People missing; Residents evacuated",
    );
    expect(squash(glance.find(".verdict-agree").text())).toBe("They agree on 1: Year the dam was built");
    expect(squash(glance.find(".verdict-single").text())).toBe("Only one outlet gives 1: Cause given for the failure");
    expect(squash(glance.find(".verdict-changed").text())).toBe(
      "2 figures changed over time: People killed; People missing",
    );
    // then the fact grid, the events, the reports
    const order = $("main > section h2")
      .map((_, h) => $(h).attr("id"))
      .get();
    expect(order.slice(0, 3)).toEqual(["glance", "facts", "events"]);
    expect(order.indexOf("reports")).toBeGreaterThan(order.indexOf("shared-text"));
  });

  it("every verdict link points at a row of the grid", () => {
    for (const story of [DAM, CONVOY]) {
      const $ = readHtml(dist, `/stories/${story}/`);
      const links = $(".verdict a")
        .map((_, a) => $(a).attr("href")!)
        .get();
      expect(links.length).toBeGreaterThan(1);
      for (const href of links) expect($(`[id="${href.slice(1)}"]`).length, href).toBe(1);
      expect(links.filter((h) => h.startsWith("#claim-")).every((h) => $(`tr${h}`).length === 1)).toBe(true);
    }
  });

  it("a death toll rising through the day is not a disagreement; it is read in time order with a chart", () => {
    const $ = readHtml(dist, `/stories/${DAM}/`);
    const row = $("#claim-death-toll");
    expect(row.attr("data-changes")).toBe("true");
    expect(row.hasClass("differs")).toBe(false);
    expect(row.find(".value-differs, .badge, .differs-note").length).toBe(0);
    expect(row.find(".moves-note").text()).toBe("Changed over time: 9 → 11 → 12");
    const chart = row.find("svg.claim-chart");
    expect(chart.attr("role")).toBe("img");
    expect(chart.attr("aria-label")).toBe(
      "Chart of the figure over time: 9 (River Gazette, 3 Mar, 08:00 UTC+1), 11 (Valley Times, 3 Mar, 12:00 UTC+1), 12 (River Gazette, 3 Mar, 18:00 UTC+1), 12 (Hill Radio, 4 Mar 2025)",
    );
    expect(chart.find("circle").length).toBe(4);
  });

  it("two different figures within the same hour are a disagreement, even for a moving figure", () => {
    const $ = readHtml(dist, `/stories/${DAM}/`);
    const row = $("#claim-missing");
    expect(row.hasClass("differs")).toBe(true);
    expect(row.find(".differs-note").text()).toBe("Reports of about the same time differ: 20 / 30");
    expect(
      row
        .find(".value-differs")
        .map((_, v) => $(v).text())
        .get(),
    ).toEqual(["20", "30"]);
    // a fact without the flag keeps the old rule: any two values differ
    expect($("#claim-evacuated").hasClass("differs")).toBe(true);
    expect($("#claim-built").hasClass("differs")).toBe(false);
  });

  it("every value shows its report's time; two reports of one outlet in a cell are told apart by time and title", () => {
    const $ = readHtml(dist, `/stories/${DAM}/`);
    const cell = $('#claim-death-toll td[data-source="river-gazette"]');
    expect(cell.attr("data-outlet")).toBe("River Gazette");
    const entries = cell.find(".cell-quote");
    expect(entries.length).toBe(2);
    expect(entries.map((_, e) => $(e).find("time").attr("datetime")).get()).toEqual([
      "2025-03-03T08:00:00+01:00",
      "2025-03-03T18:00:00+01:00",
    ]);
    expect(entries.map((_, e) => $(e).find(".cell-report").text()).get()).toEqual([
      "Eastbrook dam breaks before dawn",
      "Dam death toll rises to 12",
    ]);
    // one report in a cell: its time, no title
    const one = $('#claim-death-toll td[data-source="valley-times"] .cell-quote');
    expect(squash(one.find(".cell-when").text())).toBe("3 Mar, 12:00 UTC+1");
    expect($(".fact-grid .cell-quote").filter((_, e) => $(e).find("time").length !== 1).length).toBe(0);
  });

  it("a story of 24 reports from 12 outlets: six cards, then a compact row each", () => {
    const $ = readHtml(dist, `/stories/${CONVOY}/`);
    expect(squash($(".glance-span").text())).toBe("24 reports from 12 outlets, 5–7 March 2025.");
    expect($(".side-by-side .report-card").length).toBe(6);
    expect($(".report-rows li").length).toBe(18);
    expect($("#reports-more").text()).toBe("18 more reports, oldest first");
    expect($("table.fact-grid thead th[data-source]").length).toBe(12);
  });
});

/** Horizontal extent of the page and of every fact-grid value, as the browser lays them out. */
function measure(page: Page) {
  return page.evaluate(() => {
    const box = (el: Element | null) => el?.getBoundingClientRect().toJSON() as DOMRect | undefined;
    const outside = [
      ...document.querySelectorAll(".fact-grid td, .fact-grid .value, .fact-grid .cell-when, .fact-grid tbody th"),
    ]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.left < -0.5 || r.right > innerWidth + 0.5)
      .map(({ el, r }) => `${el.className || el.tagName} ${Math.round(r.left)}–${Math.round(r.right)}`);
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth,
      innerHeight,
      glance: box(document.querySelector(".at-a-glance")),
      outside,
      gridDisplay: getComputedStyle(document.querySelector("table.fact-grid")!).display,
      note: box(document.querySelector(".grid-note")),
      wrap: box(document.querySelector(".fact-grid-wrap")),
    };
  });
}

const VIEWS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
];

describe.each(VIEWS)("at $width × $height", ({ width, height }) => {
  describe.each(["light", "dark"] as const)("%s", (colorScheme) => {
    test.each([DAM, CONVOY])(
      "%s: at a glance in the first screen, no sideways overflow, nothing cut, no axe violations",
      async (story) => {
        const context = await browser.newContext({ viewport: { width, height }, colorScheme });
        try {
          const page = await context.newPage();
          await page.goto(`${server.url}stories/${story}/`, { waitUntil: "load" });
          const got = await measure(page);
          expect(got.glance!.top).toBeGreaterThanOrEqual(0);
          expect(got.glance!.bottom, `at a glance ends at ${got.glance!.bottom}`).toBeLessThanOrEqual(height);
          expect(got.scrollWidth).toBeLessThanOrEqual(got.innerWidth);
          expect(got.note!.right).toBeLessThanOrEqual(width);
          expect(got.wrap!.right).toBeLessThanOrEqual(width);
          if (width < 768 || story === CONVOY) {
            // the phone layout, and a story of 12 outlets at any width: blocks, every value inside the screen
            expect(got.gridDisplay).toBe("block");
            expect(got.outside).toEqual([]);
          } else {
            expect(got.gridDisplay).toBe("table");
          }
          const { violations } = await new AxeBuilder({ page }).analyze();
          expect(
            violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
          ).toEqual([]);
        } finally {
          await context.close();
        }
      },
    );
  });
});

test.each([320, 390, 1280])("no horizontal scrolling of the story page at %i px", async (width) => {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  try {
    const page = await context.newPage();
    for (const story of [DAM, CONVOY]) {
      await page.goto(`${server.url}stories/${story}/`, { waitUntil: "load" });
      const m = await measure(page);
      expect(m.scrollWidth, story).toBeLessThanOrEqual(m.innerWidth);
      if (width < 768 || story === CONVOY) expect(m.outside, story).toEqual([]);
    }
  } finally {
    await context.close();
  }
});
