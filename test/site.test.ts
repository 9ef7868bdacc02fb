/**
 * The sample site, built by the real CLI and read with an HTML parser: every page kind
 * exists with the right title, links, dates and story grouping, and every internal link
 * resolves to a file.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSample } from "./helpers/build-tree.ts";
import { SAMPLE, internalUrls, listFiles, readHtml, resolveToFile, urlOf } from "./helpers/site.ts";

const MT = "/sources/moscow-times/kyiv-invites-un-red-cross-to-ukraine-held-areas-of-russias-kursk-region/";
const KC = "/sources/kumasi-city/ukraine-asks-un-and-red-cross-to-visit-russias-kursk-region/";
const MT_TITLE = "Kyiv Invites UN, Red Cross to Ukraine-Held Areas of Russia's Kursk Region";
const KC_TITLE = "Ukraine asks UN and Red Cross to visit Russia's Kursk region";

let dist: string;
beforeAll(async () => {
  dist = await buildSample({ env: { TZ: "UTC" } });
});

const text = (s: string) => s.replace(/\s+/g, " ").trim();

describe("the sample site", () => {
  it("writes every page kind", () => {
    const files = listFiles(dist);
    for (const page of [
      "index.html",
      "timeline/index.html",
      "sources/index.html",
      "sources/moscow-times/index.html",
      "sources/kumasi-city/index.html",
      `${MT.slice(1)}index.html`,
      `${KC.slice(1)}index.html`,
      "404.html",
    ]) {
      expect(files).toContain(page);
    }
  });

  it("home says what the site covers and links to the latest reports, the timeline and the sources", () => {
    const $ = readHtml(dist, "/");
    const site = JSON.parse(fs.readFileSync(path.join(SAMPLE, "_data/site.json"), "utf8"));
    expect($("title").text()).toBe(site.title);
    expect($("h1").text()).toBe(site.title);
    expect($('meta[name="description"]').attr("content")).toBe(site.description);
    const latest = $("#latest")
      .parent()
      .find(".entry-title a")
      .map((_, a) => $(a).attr("href"))
      .get();
    expect(latest.sort()).toEqual([KC, MT].sort());
    expect($('main a[href="/timeline/"]').length).toBeGreaterThan(0);
    expect($('main a[href="/sources/"]').length).toBeGreaterThan(0);
  });

  it("timeline: one heading per day, entries with title, source, summary, grouped by story", () => {
    const $ = readHtml(dist, "/timeline/");
    expect($("title").text()).toMatch(/^Timeline · /);
    // the reports' day; other days hold the dated events of the story
    const days = $(".timeline > li.day").filter((_, d) => $(d).find("article.entry:not(.event)").length > 0);
    expect(days.length).toBe(1);
    const headings = $(".timeline > li.day > h2")
      .map((_, h) => $(h).text())
      .get();
    expect(new Set(headings).size).toBe(headings.length);
    const heading = days.first().find("h2 time");
    expect(heading.attr("datetime")).toBe("2024-09-16");
    expect(heading.text()).toBe("Monday 16 September 2024");
    const group = days.first().find(".story-group");
    expect(group.attr("data-story")).toBe("ukraine-invites-un-icrc-to-kursk");
    expect(text(group.find(".story-group-title").text())).toContain("Same story, 2 reports");
    const entries = group.find("article.entry:not(.event)");
    expect(entries.length).toBe(2);
    const byHref = new Map(
      entries.map((_, e) => [[$(e).find(".entry-title a").attr("href"), $(e)]]).get() as [
        string,
        ReturnType<typeof $>,
      ][],
    );
    const mt = byHref.get(MT)!;
    expect(mt.find(".entry-title a").text()).toBe(MT_TITLE);
    expect(mt.find(".source-label").attr("href")).toBe("/sources/moscow-times/");
    expect(text(mt.find(".source-label").text())).toBe("MT The Moscow Times");
    expect(mt.find("time").attr("datetime")).toBe("2024-09-16");
    expect(mt.find(".entry-summary").text()).toMatch(/^Ukraine said Monday that it asked the United Nations/);
    expect(byHref.get(KC)!.find(".source-label").attr("href")).toBe("/sources/kumasi-city/");
  });

  it("sources index lists every source with its article count", () => {
    const $ = readHtml(dist, "/sources/");
    const items = $(".source-list > li");
    expect(items.length).toBe(2);
    const rows = items
      .map((_, li) => text($(li).find(".source-label").text()) + " | " + $(li).find(".count").text())
      .get();
    expect(rows).toEqual(["MT The Moscow Times | 1 report", "KC Kumasi City | 1 report"]);
  });

  it("a source page shows its metadata and its articles, newest first", () => {
    const $ = readHtml(dist, "/sources/moscow-times/");
    expect($("h1").text()).toContain("The Moscow Times");
    expect($(".facts a").attr("href")).toBe("https://www.themoscowtimes.com");
    expect(
      $(".entry-title a")
        .map((_, a) => $(a).attr("href"))
        .get(),
    ).toEqual([MT]);
  });

  it("an article page: title, source, date, credit, body, image caption, original link, note, other coverage", () => {
    const $ = readHtml(dist, MT);
    expect($("title").text()).toBe(`${MT_TITLE} · Kursk, as reported`);
    expect($("h1").text()).toBe(MT_TITLE);
    expect($(".report-header .source-label").attr("href")).toBe("/sources/moscow-times/");
    expect($(".report-meta time").attr("datetime")).toBe("2024-09-16");
    expect($(".report-meta time").text()).toBe("16 September 2024");
    const original = $(".original a");
    expect(original.text()).toBe("Read it at The Moscow Times");
    expect(original.attr("href")).toMatch(/^https:\/\/www\.themoscowtimes\.com\/2024\/09\/16\//);
    expect($(".report-credit").text()).toBe("AFP contributed reporting.");
    expect(text($("figure.report-image figcaption").text())).toContain(
      "A destroyed Russian tank outside the Ukrainian-controlled town of Sudzha",
    );
    expect($("figure.report-image .credit").text()).toBe("Yan Dobronosov / AFP");
    const paragraphs = $(".report-body p");
    expect(paragraphs.length).toBe(8);
    expect(paragraphs.first().text()).toMatch(/^Ukraine said Monday/);
    // metadata lines of the seed are structured parts, not stray paragraphs
    expect($(".report-body").text()).not.toMatch(/Related article|AFP contributed|Original url|Yan Dobronosov/);
    expect(text($(".related li").text())).toBe(
      "Shelling Kills 3 Red Cross Workers in Eastern Ukraine (address not known)",
    );
    expect($(".editor-note").text()).toContain("placeholders");
    const other = $(".other-coverage .entry-title a");
    expect(other.map((_, a) => $(a).attr("href")).get()).toEqual([KC]);
    expect($(".prev-next a").last().attr("href")).toBe("/sources/moscow-times/");
  });

  it("placeholder links in a body render as plain text, never as dead links", () => {
    const $ = readHtml(dist, MT);
    expect($('a[href="#"], a[href=""], a:not([href])').length).toBe(0);
    const p = $(".report-body p").filter((_, el) =>
      $(el).text().startsWith("Russia's Defense Ministry said last week"),
    );
    expect(p.length).toBe(1);
    // "said" was a placeholder link: it is text now (other links there are entity links)
    expect(p.find("a").filter((_, a) => $(a).text() === "said").length).toBe(0);
    expect(
      p
        .find("a")
        .map((_, a) => $(a).attr("href"))
        .get()
        .every((h) => h.startsWith("/entities/")),
    ).toBe(true);
  });

  it("the Kumasi City page says its title and date come from the original address", () => {
    const $ = readHtml(dist, KC);
    expect($("h1").text()).toBe(KC_TITLE);
    expect($(".editor-note").text()).toMatch(/title and the date are taken\s+from the original address/);
    expect($(".original a").attr("href")).toBe(
      "https://kumasi.city/2024/09/16/ukraine-asks-un-and-red-cross-to-visit-russias-kursk-region/",
    );
    expect($(".report-body p").length).toBe(7);
    expect($(".other-coverage .entry-title a").attr("href")).toBe(MT);
  });

  it("has a 404 page", () => {
    const $ = readHtml(dist, "/404.html");
    expect($("h1").text()).toBe("Page not found");
    expect($('main a[href="/"]').length).toBe(1);
  });

  it("every internal href and src resolves to a file", () => {
    const broken: string[] = [];
    for (const file of listFiles(dist).filter((f) => f.endsWith(".html"))) {
      const $ = readHtml(dist, "/" + file);
      for (const url of internalUrls($, urlOf(file))) {
        if (!resolveToFile(dist, url)) broken.push(`${file} → ${url}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("is byte-identical whatever TZ the build machine has", async () => {
    const pacific = await buildSample({ env: { TZ: "America/Los_Angeles" } });
    const files = listFiles(dist);
    expect(listFiles(pacific)).toEqual(files);
    const differ = files.filter(
      (f) => !fs.readFileSync(path.join(dist, f)).equals(fs.readFileSync(path.join(pacific, f))),
    );
    expect(differ).toEqual([]);
  });
});
