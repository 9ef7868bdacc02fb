/** A reader's path through the site by clicks, and the timeline filters, in real Chromium. */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "vitest";
import { launchBrowser, serveSite, type Served } from "./helpers/browser.ts";
import { watchPage } from "./helpers/reader.ts";
import { buildSample } from "./helpers/site.ts";

let browser: Browser;
let server: Served;
let context: BrowserContext;
let page: Page;
let health: { problems: string[] };

beforeAll(async () => {
  server = await serveSite(buildSample(), "/");
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  page = await context.newPage();
  health = watchPage(page);
});
afterEach(async () => {
  expect(health.problems).toEqual([]);
  await context.close();
});

const MT_TITLE = "Kyiv Invites UN, Red Cross to Ukraine-Held Areas of Russia's Kursk Region";
const KC_TITLE = "Ukraine asks UN and Red Cross to visit Russia's Kursk region";

test("home → timeline → an article → its source → back to the report → the other outlet's report (Other coverage)", async () => {
  await page.goto(server.url);
  await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Timeline" }).click();
  await expect.poll(() => page.url()).toBe(server.url + "timeline/");
  await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Timeline");

  await page.locator(".timeline").getByRole("link", { name: MT_TITLE }).click();
  await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(MT_TITLE);

  await page.locator(".report-header .source-label").click();
  await expect.poll(() => page.url()).toBe(server.url + "sources/moscow-times/");
  await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toContain("The Moscow Times");

  await page.getByRole("link", { name: MT_TITLE }).click();
  const other = page.getByRole("region", { name: "Other coverage of this story" });
  await other.getByRole("link", { name: KC_TITLE }).click();
  await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(KC_TITLE);
  expect(await page.locator(".report-header .source-label").innerText()).toContain("Kumasi City");
  // and Other coverage leads back
  expect(await page.getByRole("region", { name: "Other coverage of this story" }).getByRole("link", { name: MT_TITLE }).count()).toBe(1);
});

async function visibleEntries(): Promise<string[]> {
  return page.locator(".timeline .entry:not(.event):visible").evaluateAll((els) => els.map((e) => e.getAttribute("data-source") ?? ""));
}

/** Ids of the dated events shown on the timeline. */
async function visibleEvents(): Promise<string[]> {
  return page.locator(".timeline .entry.event:visible").evaluateAll((els) => els.map((e) => e.id));
}

test("filters: one source shows only its reports, the address records it and reproduces it", async () => {
  await page.goto(server.url + "timeline/");
  expect(await visibleEntries()).toEqual(["kumasi-city", "moscow-times"]);
  await page.getByLabel("Source").selectOption("kumasi-city");
  await expect.poll(visibleEntries).toEqual(["kumasi-city"]);
  // events follow the filter too: the recapture of towns is reported by The Moscow Times only
  const events = await visibleEvents();
  expect(events).toContain("event-kursk-incursion-launched");
  expect(events).not.toContain("event-russia-claims-recapture");
  await expect.poll(() => page.getByRole("status").innerText()).toBe("Showing 1 report of 2 on this page: Kumasi City.");
  expect(new URL(page.url()).searchParams.get("source")).toBe("kumasi-city");
  const shared = page.url();

  // Loading the shared address shows the same view.
  const second = await context.newPage();
  const secondHealth = watchPage(second);
  await second.goto(shared);
  await expect.poll(() => second.locator(".timeline .entry:not(.event):visible").evaluateAll((els) => els.map((e) => e.getAttribute("data-source")))).toEqual(["kumasi-city"]);
  expect(await second.getByLabel("Source").inputValue()).toBe("kumasi-city");
  expect(secondHealth.problems).toEqual([]);

  // The other source, then a story, then "Show all".
  await page.getByLabel("Source").selectOption("moscow-times");
  await expect.poll(visibleEntries).toEqual(["moscow-times"]);
  await page.getByLabel("Source").selectOption("");
  await page.getByLabel("Story").selectOption("ukraine-invites-un-icrc-to-kursk");
  await expect.poll(visibleEntries).toEqual(["kumasi-city", "moscow-times"]);
  expect(new URL(page.url()).searchParams.get("story")).toBe("ukraine-invites-un-icrc-to-kursk");
  await page.getByRole("button", { name: "Show all" }).click();
  await expect.poll(() => page.url()).toBe(server.url + "timeline/");
  await expect.poll(() => page.getByRole("status").innerText()).toBe("Showing all 2 reports on this page.");
});

test("an unknown filter in the address is ignored, and without JavaScript every report is listed", async () => {
  await page.goto(server.url + "timeline/?source=nope");
  expect(await visibleEntries()).toEqual(["kumasi-city", "moscow-times"]);
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  try {
    const p = await noJs.newPage();
    await p.goto(server.url + "timeline/?source=kumasi-city");
    expect(await p.locator(".timeline .entry:not(.event):visible").count()).toBe(2);
    expect(await p.locator(".timeline .entry.event:visible").count()).toBe(await p.locator(".timeline .entry.event").count());
    expect(await p.locator("#timeline-filters").isVisible()).toBe(false);
  } finally {
    await noJs.close();
  }
});
