/** The built sample site: story, entity and timeline pages, read with a parser. */
import fs from "node:fs";
import * as cheerio from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { normalizeQuote } from "../src/content/quotes.ts";
import { buildSample } from "./helpers/build-tree.ts";
import { readHtml, resolveToFile } from "./helpers/site.ts";

const STORY = "/stories/ukraine-invites-un-icrc-to-kursk/";
const MT_ARTICLE = "/sources/moscow-times/kyiv-invites-un-red-cross-to-ukraine-held-areas-of-russias-kursk-region/";
const KC_ARTICLE = "/sources/kumasi-city/ukraine-asks-un-and-red-cross-to-visit-russias-kursk-region/";
const squash = (s: string) => s.replace(/\s+/g, " ").trim();

let dist: string;
beforeAll(async () => {
  dist = await buildSample();
});

/** Checks that a quote link points at an element of the article page whose text holds the quote. */
function expectQuoteLinkResolves(href: string, quote: string): void {
  const [pathPart, anchor] = href.split("#");
  expect(anchor, href).toBeTruthy();
  const file = resolveToFile(dist, pathPart!);
  expect(file, href).toBeDefined();
  const $ = cheerio.load(fs.readFileSync(file!, "utf8"));
  const target = $(`[id="${anchor}"]`);
  expect(target.length, href).toBe(1);
  expect(target.closest(".report-body").length, href).toBe(1);
  expect(normalizeQuote(target.text())).toContain(normalizeQuote(quote));
}

describe("stories", () => {
  it("the header links to Stories and to the names (People and places)", () => {
    const $ = readHtml(dist, "/");
    const links = $(".site-header nav a")
      .map((_, a) => $(a).attr("href"))
      .get();
    expect(links).toEqual(expect.arrayContaining(["/stories/", "/entities/"]));
    expect(readHtml(dist, "/stories/")(".site-header a[aria-current=page]").attr("href")).toBe("/stories/");
  });

  it("/stories/ lists the sample story", () => {
    const $ = readHtml(dist, "/stories/");
    expect($(`.story-list a[href="${STORY}"]`).text()).toContain("Ukraine invites the UN and the ICRC");
    expect(squash($(".story-list li").first().text())).toContain(
      "2 reports from 2 outlets · 5 facts compared, the reports differ on 1 · 8 dated events",
    );
    expect($(".story-list li .story-dates").first().text()).toBe("16 September 2024");
  });

  it("shows the reports side by side: outlet, headline, date, lede", () => {
    const $ = readHtml(dist, STORY);
    const cards = $(".side-by-side .report-card");
    expect(cards.length).toBe(2);
    const mt = cards.filter('[data-source="moscow-times"]');
    expect(mt.find(".source-label").text()).toContain("The Moscow Times");
    expect(mt.find(`h3 a[href="${MT_ARTICLE}"]`).text()).toBe(
      "Kyiv Invites UN, Red Cross to Ukraine-Held Areas of Russia's Kursk Region",
    );
    expect(mt.find("time").attr("datetime")).toBe("2024-09-16");
    expect(mt.find(".entry-summary").text()).toMatch(/^Ukraine said Monday/);
  });

  it("the fact grid has a row per claim and a column per outlet", () => {
    const $ = readHtml(dist, STORY);
    const grid = $("table.fact-grid");
    expect(
      grid
        .find("thead th[data-source]")
        .map((_, th) => $(th).attr("data-source"))
        .get(),
    ).toEqual(["kumasi-city", "moscow-times"]);
    expect(grid.find("tbody tr").length).toBe(5);
    expect(
      grid
        .find("tbody tr th[scope=row]")
        .map((_, th) => squash($(th).text()))
        .get()[0],
    ).toBe("Settlements in the Kursk region under Ukrainian control");
  });

  it("a fact one outlet leaves out shows the quote on one side and 'Not reported' on the other", () => {
    const $ = readHtml(dist, STORY);
    const cell = (claim: string, source: string) => $(`#claim-${claim} td[data-source="${source}"]`);
    expect(cell("settlements-under-ukrainian-control", "kumasi-city").find("q").text()).toContain(
      "approximately 100 settlements",
    );
    expect(cell("settlements-under-ukrainian-control", "moscow-times").text().trim()).toBe("Not reported");
    expect(cell("settlements-under-ukrainian-control", "moscow-times").hasClass("not-reported")).toBe(true);
    expect(cell("ukrainian-territory-occupied", "kumasi-city").find("q").text()).toContain("about 20 percent");
    expect(cell("ukrainian-territory-occupied", "moscow-times").text().trim()).toBe("Not reported");
    expect(cell("towns-recaptured-by-russia", "moscow-times").find("q").text()).toContain(
      "recapturing nearly one dozen towns",
    );
    expect(cell("towns-recaptured-by-russia", "kumasi-city").text().trim()).toBe("Not reported");
  });

  it("differing values are marked; equal ones are not", () => {
    const $ = readHtml(dist, STORY);
    const row = $("#claim-russian-civilians-evacuated");
    expect(row.hasClass("differs")).toBe(true);
    expect(row.find("th .differs-note").text()).toContain("around 150,000 / more than 150,000");
    expect(row.find('td[data-source="kumasi-city"] .value-differs').text()).toBe("around 150,000");
    expect(row.find('td[data-source="moscow-times"] .value-differs').text()).toBe("more than 150,000");
    expect(row.find('td[data-source="moscow-times"] q').text()).toBe(
      "forced the evacuation of more than 150,000 Russian civilians",
    );
    const same = $("#claim-icrc-workers-killed");
    expect(same.hasClass("differs")).toBe(false);
    expect(same.find(".value-differs").length).toBe(0);
    expect(
      same
        .find(".value")
        .map((_, v) => $(v).text())
        .get(),
    ).toEqual(["three", "three"]);
  });

  it("every quote link on the story page leads to the paragraph that holds the quote", () => {
    const $ = readHtml(dist, STORY);
    const links = $("a.quote-link");
    expect(links.length).toBeGreaterThan(10);
    links.each((_, a) => expectQuoteLinkResolves($(a).attr("href")!, $(a).find("q").text()));
  });

  it("lists the story's events, dated honestly", () => {
    const $ = readHtml(dist, STORY);
    const events = $(".story-events .event");
    expect(events.length).toBe(8);
    expect(events.first().find("time").text()).toBe("February 2022");
    expect(
      events
        .find("time[data-circa=true]")
        .map((_, t) => $(t).text())
        .get(),
    ).toEqual(["c. 12 September 2024", "c. 12 September 2024"]);
  });

  it("lists the entities with each outlet's spelling", () => {
    const $ = readHtml(dist, STORY);
    const row = $('table.entity-grid tr[data-entity="andrii-sybiha"]');
    expect(row.find('td[data-source="kumasi-city"]').text()).toBe("Andrii Sybiha, Sybiha");
    expect(row.find('td[data-source="moscow-times"]').text()).toBe("Andriy Sybiga");
    expect($('table.entity-grid tr[data-entity="sergey-lavrov"] td[data-source="moscow-times"]').text().trim()).toBe(
      "Not named",
    );
  });
});

describe("entities", () => {
  it("/entities/ lists people, organisations and places", () => {
    const $ = readHtml(dist, "/entities/");
    expect(
      $("h2")
        .map((_, h) => $(h).text())
        .get(),
    ).toEqual(["People", "Organisations", "Places"]);
    expect(
      $('#type-person ~ ul a[href="/entities/andrii-sybiha/"]').length + $('[data-entity="andrii-sybiha"] a').length,
    ).toBeGreaterThan(0);
  });

  it('"Sybiga" and "Sybiha" land on one entity page that lists both spellings by outlet', () => {
    const $ = readHtml(dist, "/entities/andrii-sybiha/");
    expect($("h1").text()).toBe("Andrii Sybiha");
    expect($(".kicker").first().text()).toBe("Person");
    const rows = $("table.spellings tbody tr")
      .map(
        (_, tr) =>
          `${$(tr).find("th .spelling").text()}: ${$(tr)
            .find(".source-label")
            .map((_, a) => $(a).attr("data-source"))
            .get()
            .join(" ")}`,
      )
      .get();
    expect(rows).toEqual(
      expect.arrayContaining(["Andrii Sybiha: kumasi-city", "Andriy Sybiga: moscow-times", "Sybiha: kumasi-city"]),
    );
    const articles = $("#mentioned-in ~ .entry h3 a")
      .map((_, a) => $(a).attr("href"))
      .get();
    expect(articles.sort()).toEqual([KC_ARTICLE, MT_ARTICLE].sort());
  });

  it("both article pages link their first mention of the minister to that one page", () => {
    for (const [url, spelling] of [
      [MT_ARTICLE, "Andriy Sybiga"],
      [KC_ARTICLE, "Andrii Sybiha"],
    ] as const) {
      const $ = readHtml(dist, url);
      const links = $('.report-body a[href="/entities/andrii-sybiha/"]');
      expect(links.length, url).toBe(1);
      expect(links.text()).toBe(spelling);
    }
  });

  it("entity links never nest and appear once per entity per article", () => {
    for (const url of [MT_ARTICLE, KC_ARTICLE]) {
      const $ = readHtml(dist, url);
      expect($(".report-body a a").length).toBe(0);
      const ids = $(".report-body a.entity-link")
        .map((_, a) => $(a).attr("data-entity"))
        .get();
      expect(new Set(ids).size).toBe(ids.length);
    }
    // "UN" is linked, and only as a word
    const $ = readHtml(dist, MT_ARTICLE);
    expect($('.report-body a[data-entity="united-nations"]').text()).toBe("United Nations");
  });

  it("the photo caption counts as a mention: Sudzha is named only there", () => {
    const $ = readHtml(dist, "/entities/sudzha/");
    expect($("table.spellings tbody tr th").text()).toBe("Sudzha");
    expect($("#mentioned-in ~ .entry h3 a").attr("href")).toBe(MT_ARTICLE);
  });
});

describe("timeline with events", () => {
  it("interleaves events with the reports by date, with honest precision", () => {
    const $ = readHtml(dist, "/timeline/");
    const headings = $("ol.timeline > li.day > h2 time")
      .map((_, t) => $(t).attr("datetime"))
      .get();
    expect(headings).toEqual(["2022-02", "2024-08-06", "2024-09-12", "2024-09-16", "2024-09-17"]);
    expect($("#day-2022-02").text()).toBe("February 2022");
    const day16 = $("#day-2024-09-16").parent();
    expect(day16.find(".event").length).toBe(3);
    expect(day16.find(".entry:not(.event)").length).toBe(2);
    const circa = $("#day-2024-09-12").parent().find(".event time");
    expect(circa.map((_, t) => $(t).text()).get()).toEqual(["c. 12 September 2024", "c. 12 September 2024"]);
    expect($("#event-russian-invasion-of-ukraine time").text()).toBe("February 2022");
    expect($("#event-russian-invasion-of-ukraine time").attr("data-precision")).toBe("month");
  });

  it("each event cites its reports and is filterable like the articles", () => {
    const $ = readHtml(dist, "/timeline/");
    const events = $(".event");
    expect(events.length).toBe(8);
    events.each((_, el) => {
      expect($(el).attr("data-story")).toBe("ukraine-invites-un-icrc-to-kursk");
      expect($(el).attr("data-sources")).toMatch(/^(moscow-times|kumasi-city)( |$)/);
      const links = $(el).find("a.quote-link");
      expect(links.length).toBeGreaterThan(0);
      links.each((_, a) => expectQuoteLinkResolves($(a).attr("href")!, $(a).find("q").text()));
    });
    expect($("#event-kursk-incursion-launched").attr("data-sources")).toBe("moscow-times kumasi-city");
  });

  it("article pages give cited paragraphs ids and link the story page", () => {
    const $ = readHtml(dist, KC_ARTICLE);
    expect(
      $(".report-body p[id]")
        .map((_, p) => $(p).attr("id"))
        .get(),
    ).toEqual(["p1", "p2", "p3", "p5", "p6", "p7"]);
    expect($(`.other-coverage a[href="${STORY}"]`).length).toBe(1);
  });
});
