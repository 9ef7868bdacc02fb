/**
 * Shared text that reads (issue 24), on a content tree of its own: one outlet with two reports
 * (named by report), two pairs of the same two outlets, pairs sorted by share, a stock phrase
 * counted apart, a story where nothing is shared (one line). Then the comparison pages in
 * Chromium: the passage list on a phone's first screen, numbers that lead to their twins, marks
 * that print, no horizontal overflow, no axe violations.
 */
import { referenceLocale } from "../src/content/locale.ts";
import fs from "node:fs";
import nodePath from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byShare, reportNames, shortTitle } from "../src/content/shared-pairs.ts";
import type { Article, SharedComparison } from "../src/content/model.ts";
import { launchBrowser, serveSite, type Served } from "./helpers/browser.ts";
import { article, contentTree } from "./helpers/fixture.ts";
import { buildContent } from "./helpers/build-tree.ts";
import { ROOT, readHtml } from "./helpers/site.ts";

const SHOTS = nodePath.join(ROOT, "test", "screenshots");

/** Prose no other call shares 8 words with: words drawn from a pool by a seeded generator. */
const POOL =
  "river bank harbour crane ferry barge lantern market square chapel orchard meadow quarry mill bakery tram depot kiosk tower gate wall lane field stone timber copper wool grain salt rope sail anchor tide fog rain frost spring autumn winter morning evening quiet busy narrow broad old new red green grey slow quick early late".split(
    " ",
  );
function prose(seed: number, words: number): string {
  let x = seed * 7919 + 13;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(POOL[x % POOL.length]!);
  }
  return `${out.join(" ")}.`;
}
/** Long texts copied between reports (the shared passages). */
const P_A = prose(1, 40),
  P_B = prose(2, 40),
  P_C = prose(3, 30),
  P_D = prose(4, 25),
  P_E = prose(5, 30);
const STOCK =
  "the Secretary General of the United Nations and the President of the International Committee of the Red Cross";
/** Many paragraphs of a report's own words: its passages sit far down the page. */
const own = (seed: number, paragraphs: number) =>
  Array.from({ length: paragraphs }, (_, i) => prose(seed * 100 + i, 45)).join("\n\n");

const SOURCES = [
  { id: "meridian-wire", name: "Meridian Wire", url: "https://meridian.example" },
  { id: "baltic-observer", name: "Baltic Observer", url: "https://baltic.example" },
  { id: "northern-ledger", name: "The Northern Ledger", url: "https://ledger.example" },
];
const STORIES = [
  { id: "bridge", title: "The bridge closes" },
  { id: "quiet", title: "A quiet story" },
];
const ENTITIES = [
  { id: "united-nations", name: "United Nations", type: "organization", aliases: ["UN"] },
  { id: "icrc", name: "International Committee of the Red Cross", type: "organization", aliases: ["ICRC"] },
];
const at = (time: string) => `2025-03-03T${time}:00+00:00`;
const md = (source: string, title: string, time: string, body: string, story = "bridge") =>
  article(
    { title, source, date: at(time), story, url: `https://${source}.example/${time.replace(":", "")}` },
    `${body}\n`,
  );

const FILES = {
  "_data/entities.json": JSON.stringify(ENTITIES),
  // Meridian Wire twice: the update copies the first text whole (the largest share)
  "src/articles/meridian-wire/bridge-closed.md": md(
    "meridian-wire",
    "Bridge closed",
    "09:00",
    `${P_A}\n\n${P_B}\n\n${prose(10, 20)}`,
  ),
  "src/articles/meridian-wire/bridge-update.md": md(
    "meridian-wire",
    "Bridge closed: an update with a long title that goes on and on",
    "10:00",
    `${P_A}\n\n${P_B}\n\n${P_C}`,
  ),
  // The Northern Ledger and the Baltic Observer twice each; the morning pair shares little, far down
  "src/articles/northern-ledger/ledger-morning.md": md(
    "northern-ledger",
    "Ledger morning",
    "11:00",
    `${own(20, 3)}\n\n${P_D}`,
  ),
  "src/articles/baltic-observer/observer-noon.md": md(
    "baltic-observer",
    "Observer at noon",
    "12:00",
    `${own(21, 12)}\n\n${P_D}`,
  ),
  "src/articles/northern-ledger/ledger-evening.md": md(
    "northern-ledger",
    "Ledger evening",
    "13:00",
    `${own(22, 2)}\n\nTalks were held with ${STOCK} in Geneva.\n\n${P_E}`,
  ),
  "src/articles/baltic-observer/observer-night.md": md(
    "baltic-observer",
    "Observer at night",
    "14:00",
    `${own(23, 2)}\n\n${P_E}\n\nDiplomats met ${STOCK} later.`,
  ),
  // nothing shared
  "src/articles/meridian-wire/quiet-one.md": md("meridian-wire", "Quiet one", "09:30", own(30, 2), "quiet"),
  "src/articles/baltic-observer/quiet-two.md": md("baltic-observer", "Quiet two", "10:30", own(31, 2), "quiet"),
};

const squash = (s: string) => s.replace(/\s+/g, " ").trim();
let dist: string;

beforeAll(async () => {
  dist = (await buildContent(contentTree({ sources: SOURCES, stories: STORIES, files: FILES }))).output;
}, 120_000);

describe("naming and ordering pairs (unit)", () => {
  const report = (source: string, title: string, time = "09:00") =>
    ({
      source: { id: source, name: source.toUpperCase() },
      title,
      date: { iso: at(time), hasTime: true, day: "2025-03-03", epochMs: Date.parse(at(time)) },
    }) as unknown as Article;
  const pair = (a: Article, b: Article, share: number, quoted = 0) =>
    ({
      a,
      b,
      share: { a: share, b: share },
      quoted: { a: quoted, b: quoted },
      passages: [],
    }) as unknown as SharedComparison;

  it("an outlet with one report among the pairs is named alone; with two, by title; with two of one title, by time too", () => {
    const [x1, x2, y, z1, z2] = [
      report("x", "One"),
      report("x", "Two"),
      report("y", "Why"),
      report("z", "Same", "09:00"),
      report("z", "Same", "10:00"),
    ];
    const names = reportNames([pair(x1, y, 5), pair(x1, x2, 3), pair(z1, z2, 1)], referenceLocale());
    expect([names.get(x1), names.get(x2), names.get(y)]).toEqual(["X, “One”", "X, “Two”", "Y"]);
    expect(names.get(z1)).toMatch(/^Z, “Same”, .*09:00/);
    expect(names.get(z1)).not.toBe(names.get(z2));
  });

  it("largest copied share first, then quotations; long titles cut at a word", () => {
    const [a, b] = [report("a", "A"), report("b", "B")];
    const list = [pair(a, b, 1), pair(a, b, 9), pair(a, b, 1, 4), pair(a, b, 0)];
    expect(list.sort(byShare).map((c) => [c.share.a, c.quoted.a])).toEqual([
      [9, 0],
      [1, 4],
      [1, 0],
      [0, 0],
    ]);
    expect(shortTitle("word ".repeat(30).trim())).toMatch(/^(word ){11}word…$/);
  });
});

describe("the story page's shared-text section (built)", () => {
  it("pairs sorted by share, each report named by outlet and title where an outlet repeats; the stock phrase counted apart", () => {
    const $ = readHtml(dist, "/stories/bridge/");
    const items = $(".shared-pairs li");
    expect(items.map((_, li) => squash($(li).find("a").first().text())).get()).toEqual([
      "Meridian Wire, “Bridge closed: an update with a long title that goes on and…” and Meridian Wire, “Bridge closed”",
      "Baltic Observer, “Observer at night” and The Northern Ledger, “Ledger evening”",
      "Baltic Observer, “Observer at noon” and The Northern Ledger, “Ledger morning”",
    ]);
    const shares = items.map((_, li) => Number(/([\d.]+) %/.exec($(li).text())![1])).get();
    expect([...shares].sort((x, y) => y - x)).toEqual(shares);
    // the evening pair: the stock phrase is a second passage, not in the copied share
    expect(squash(items.eq(1).text())).toContain(
      ": 1 shared passage (and 1 stock phrase). 21.3 % of the first’s words, 20.8 % of the second’s. The second was published first.",
    );
    expect($(".shared-none").length).toBe(0);
  });

  it("nothing shared: the heading and one line, no list", () => {
    const $ = readHtml(dist, "/stories/quiet/");
    const section = $("#shared-text").parent();
    expect(section.find("ul, ol").length).toBe(0);
    expect(section.find("p").length).toBe(1);
    expect(squash(section.find("p").text())).toBe("No two reports share a passage of 8 words or more.");
  });
});

const COMPARE = "/stories/bridge/compare/northern-ledger/ledger-morning/baltic-observer/observer-noon/";
const EVENING = "/stories/bridge/compare/northern-ledger/ledger-evening/baltic-observer/observer-night/";

describe("the comparison page (parsed)", () => {
  it("opens with a numbered list of the passages, each linking to its mark in both reports; a link back to the story's shared text", () => {
    const $ = readHtml(dist, EVENING);
    const items = $(".passage-index li");
    expect(items.length).toBe(2);
    items.each((_, li) => {
      const hrefs = $(li)
        .find("a")
        .map((_, a) => $(a).attr("href"))
        .get();
      expect(hrefs).toHaveLength(2);
      expect($(hrefs[0]).closest(".comparison-side").attr("aria-labelledby")).toBe("side-a");
      expect($(hrefs[1]).closest(".comparison-side").attr("aria-labelledby")).toBe("side-b");
      expect($(hrefs[0]).is("mark.shared") && $(hrefs[1]).is("mark.shared")).toBe(true);
    });
    expect(squash(items.eq(0).text())).toMatch(/^Stock phrase .*“the Secretary General of the United Nations/);
    expect($(".compare-header a[href='/stories/bridge/#shared-text']").length).toBe(1);
  });

  it("two reports of one outlet: the page says so, and names the sides first and second", () => {
    const $ = readHtml(dist, "/stories/bridge/compare/meridian-wire/bridge-closed/meridian-wire/bridge-update/");
    expect(squash($("h1").text())).toBe("Shared text: two Meridian Wire reports");
    expect(
      $(".comparison-side h2")
        .map((_, h) => squash($(h).text()))
        .get(),
    ).toEqual(["First report: MW Meridian Wire", "Second report: MW Meridian Wire"]);
    expect(
      $(".passage-index li a")
        .map((_, a) => $(a).text())
        .get(),
    ).toEqual(["in the first report", "in the second report"]);
  });

  it("each passage number links to its twin in the other report", () => {
    const $ = readHtml(dist, EVENING);
    const numbers = $(".comparison a.passage-number");
    expect(numbers.length).toBe(4);
    numbers.each((_, a) => {
      const mark = $(a).closest("mark");
      const target = $($(a).attr("href")!);
      expect(target.length).toBe(1);
      expect(target.attr("data-passage")).toBe(mark.attr("data-passage"));
      expect(target.closest(".comparison-side").attr("aria-labelledby")).not.toBe(
        mark.closest(".comparison-side").attr("aria-labelledby"),
      );
    });
  });
});

describe("the comparison page in Chromium", () => {
  let browser: Browser;
  let server: Served;
  beforeAll(async () => {
    server = await serveSite(dist, "/");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const open = async (
    width: number,
    path = COMPARE,
    height = 844,
    colorScheme: "light" | "dark" = "light",
  ): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme });
    const page = await context.newPage();
    // the context goes with its page (after the browser has closed, there is nothing left to close)
    page.on("close", () => void context.close().catch(() => undefined));
    await page.goto(server.url + path.slice(1), { waitUntil: "load" });
    return page;
  };

  it("on a 390 × 844 phone the list's first passage and its links are on the first screen (the marks are far below)", async () => {
    const page = await open(390);
    try {
      const first = await page.locator(".passage-index li").first().locator("a").first().boundingBox();
      expect(first!.y + first!.height).toBeLessThanOrEqual(844);
      const mark = await page.locator("#passage-b1").boundingBox();
      expect(mark!.y).toBeGreaterThan(844 * 2);
      // the list's link reaches the mark
      await page.locator(".passage-index li").first().locator("a").nth(1).click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe("#passage-b1");
      // (scrolling may be smooth: wait for it to settle)
      const onScreen = (id: string) =>
        page.evaluate((id) => {
          const y = document.getElementById(id)!.getBoundingClientRect().y;
          return y >= 0 && y < 844;
        }, id);
      await expect.poll(() => onScreen("passage-b1")).toBe(true);
      // and its number leads to the twin in the other report
      await page.locator("#passage-b1 a.passage-number").click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe("#passage-a1");
      await expect.poll(() => onScreen("passage-a1")).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("printed, the marks keep their background (print-color-adjust: exact) and an underline for black and white", async () => {
    const page = await open(1280, EVENING);
    try {
      await page.emulateMedia({ media: "print" });
      const styles = await page.locator(".comparison mark.shared").evaluateAll((marks) =>
        marks.map((m) => {
          const s = getComputedStyle(m);
          return { adjust: s.printColorAdjust, line: s.textDecorationLine, background: s.backgroundColor };
        }),
      );
      expect(styles.length).toBe(4);
      for (const s of styles) {
        expect(s.adjust).toBe("exact");
        expect(s.line).toContain("underline");
        expect(s.background).not.toBe("rgba(0, 0, 0, 0)");
      }
    } finally {
      await page.close();
    }
  });

  it.each([320, 390, 1280])("no horizontal overflow at %i px", async (width) => {
    for (const path of [COMPARE, EVENING, "/stories/bridge/"]) {
      const page = await open(width, path);
      try {
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
          path,
        ).toBe(0);
      } finally {
        await page.close();
      }
    }
  });

  it.each([
    [390, "light"],
    [1280, "light"],
    [390, "dark"],
  ] as const)(
    "no axe violations at %i px, %s (comparison pages, story page); screenshots for people to look at",
    async (width, scheme) => {
      for (const path of [COMPARE, EVENING, "/stories/bridge/", "/stories/quiet/"]) {
        const page = await open(width, path, 900, scheme);
        try {
          const { violations } = await new AxeBuilder({ page }).analyze();
          expect(
            violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
          ).toEqual([]);
          fs.mkdirSync(SHOTS, { recursive: true });
          const name = `shared-${path.split("/").filter(Boolean).slice(-1)[0]}-${width}-${scheme}.png`;
          // a story page: its shared-text section; a comparison page: the first screen
          if (path.includes("/compare/")) await page.screenshot({ path: nodePath.join(SHOTS, name) });
          else await page.locator("section:has(> #shared-text)").screenshot({ path: nodePath.join(SHOTS, name) });
        } finally {
          await page.close();
        }
      }
    },
  );
});
