/** A reader's path through the site by clicks, and the timeline filters, in real Chromium. */
import { expect, test } from "vitest";
import { readerSession, watchPage } from "./helpers/reader.ts";

const s = readerSession({ prefix: "/", viewport: { width: 375, height: 800 } });

const MT_TITLE = "Kyiv Invites UN, Red Cross to Ukraine-Held Areas of Russia's Kursk Region";
const KC_TITLE = "Ukraine asks UN and Red Cross to visit Russia's Kursk region";

test("home → timeline → an article → its source → back to the report → the other outlet's report (Other coverage)", async () => {
  await s.page.goto(s.server.url);
  await s.page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Timeline" }).click();
  await expect.poll(() => s.page.url()).toBe(s.server.url + "timeline/");
  await expect.poll(() => s.page.getByRole("heading", { level: 1 }).innerText()).toBe("Timeline");

  await s.page.locator(".timeline").getByRole("link", { name: MT_TITLE }).click();
  await expect.poll(() => s.page.getByRole("heading", { level: 1 }).innerText()).toBe(MT_TITLE);

  await s.page.locator(".report-header .source-label").click();
  await expect.poll(() => s.page.url()).toBe(s.server.url + "sources/moscow-times/");
  await expect.poll(() => s.page.getByRole("heading", { level: 1 }).innerText()).toContain("The Moscow Times");

  await s.page.getByRole("link", { name: MT_TITLE }).click();
  const other = s.page.getByRole("region", { name: "Other coverage of this story" });
  await other.getByRole("link", { name: KC_TITLE }).click();
  await expect.poll(() => s.page.getByRole("heading", { level: 1 }).innerText()).toBe(KC_TITLE);
  expect(await s.page.locator(".report-header .source-label").innerText()).toContain("Kumasi City");
  // and Other coverage leads back
  expect(
    await s.page
      .getByRole("region", { name: "Other coverage of this story" })
      .getByRole("link", { name: MT_TITLE })
      .count(),
  ).toBe(1);
});

async function visibleEntries(): Promise<string[]> {
  return s.page
    .locator(".timeline .entry:not(.event):visible")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-source") ?? ""));
}

/** Ids of the dated events shown on the timeline. */
async function visibleEvents(): Promise<string[]> {
  return s.page.locator(".timeline .entry.event:visible").evaluateAll((els) => els.map((e) => e.id));
}

test("filters: one source shows only its reports, the address records it and reproduces it", async () => {
  await s.page.goto(s.server.url + "timeline/");
  expect(await visibleEntries()).toEqual(["kumasi-city", "moscow-times"]);
  await s.page.getByLabel("Source").selectOption("kumasi-city");
  await expect.poll(visibleEntries).toEqual(["kumasi-city"]);
  // events follow the filter too: the recapture of towns is reported by The Moscow Times only
  const events = await visibleEvents();
  expect(events).toContain("event-kursk-incursion-launched");
  expect(events).not.toContain("event-russia-claims-recapture");
  await expect
    .poll(() => s.page.getByRole("status").innerText())
    .toBe("Showing 1 report of 2 on this page: Kumasi City.");
  expect(new URL(s.page.url()).searchParams.get("source")).toBe("kumasi-city");
  const shared = s.page.url();

  // Loading the shared address shows the same view.
  const second = await s.context.newPage();
  const secondHealth = watchPage(second);
  await second.goto(shared);
  await expect
    .poll(() =>
      second
        .locator(".timeline .entry:not(.event):visible")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-source"))),
    )
    .toEqual(["kumasi-city"]);
  expect(await second.getByLabel("Source").inputValue()).toBe("kumasi-city");
  expect(secondHealth.problems).toEqual([]);

  // The other source, then a story, then "Show all".
  await s.page.getByLabel("Source").selectOption("moscow-times");
  await expect.poll(visibleEntries).toEqual(["moscow-times"]);
  await s.page.getByLabel("Source").selectOption("");
  await s.page.getByLabel("Story").selectOption("ukraine-invites-un-icrc-to-kursk");
  await expect.poll(visibleEntries).toEqual(["kumasi-city", "moscow-times"]);
  expect(new URL(s.page.url()).searchParams.get("story")).toBe("ukraine-invites-un-icrc-to-kursk");
  await s.page.getByRole("button", { name: "Show all" }).click();
  await expect.poll(() => s.page.url()).toBe(s.server.url + "timeline/");
  await expect.poll(() => s.page.getByRole("status").innerText()).toBe("Showing all 2 reports on this page.");
});

test("an unknown filter in the address is ignored, and without JavaScript every report is listed", async () => {
  await s.page.goto(s.server.url + "timeline/?source=nope");
  expect(await visibleEntries()).toEqual(["kumasi-city", "moscow-times"]);
  const noJs = await s.browser.newContext({ javaScriptEnabled: false });
  try {
    const p = await noJs.newPage();
    await p.goto(s.server.url + "timeline/?source=kumasi-city");
    expect(await p.locator(".timeline .entry:not(.event):visible").count()).toBe(2);
    expect(await p.locator(".timeline .entry.event:visible").count()).toBe(
      await p.locator(".timeline .entry.event").count(),
    );
    expect(await p.locator("#timeline-filters").isVisible()).toBe(false);
  } finally {
    await noJs.close();
  }
});
