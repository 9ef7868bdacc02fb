/**
 * The record of each report as readers see it, on a content tree of this test's own: two
 * reports of one story; Alpha News's has a record of four captures (the first at import; a
 * recheck that finds a new headline and a new figure; one that finds the cited paragraph gone;
 * then the page gone, HTTP 410), Beta Post's only its first capture. The article page says when
 * and from where we captured each and lists every change with its time in UTC; the versions page
 * shows each version's words put in (<ins>) and taken out (<del>); the fact grid and the events
 * mark the quote; the story's glance counts the changed report; the feeds carry an entry per
 * change. Then the same pages in Chromium: no axe violations, screenshots to look at.
 */
import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { HtmlValidate, StaticConfigLoader, type ConfigData } from "html-validate";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BuildSession } from "../src/build/session.ts";
import { defaultPaths, loadContent } from "../src/content/pipeline.ts";
import { isError } from "../src/content/problems.ts";
import { ReportRecord } from "../src/content/record.ts";
import { changeSentences } from "../src/content/record-words.ts";
import type { RecordData } from "../src/content/schema.ts";
import { launchBrowser, serveSite, type Served } from "./helpers/browser.ts";
import { buildTree, type TreeBuild } from "./helpers/build-tree.ts";
import { article, contentTree } from "./helpers/fixture.ts";
import { readXml, text } from "./helpers/publish.ts";
import { watchPage } from "./helpers/reader.ts";
import { internalUrls, ROOT, resolveToFile, tempDir } from "./helpers/site.ts";

const STORY = "the-story";
const ALPHA_URL = "https://alpha.example/2024/09/16/troops-enter/";
const P1 = "Troops entered Sudzha on Monday morning, officials said.";
const P2 = "At least 12 villages were taken in the first day.";
const P3 = "A regional official said the bridge over the river was destroyed overnight.";
const P4 = "Residents were told to leave by the evening.";
const P2_LATER = "At least 15 villages were taken in the first day.";

const capture = (at: string, title: string, text: string[], by = "recheck") => ({
  at,
  by,
  from: ALPHA_URL,
  sha256: "a".repeat(63) + String(text.length),
  title,
  text,
});

const ALPHA_RECORD = {
  url: ALPHA_URL,
  checked: "2024-09-19",
  captures: [
    capture("2024-09-16T10:00:00.000Z", "Troops enter Sudzha", [P1, P2, P3, P4], "import"),
    capture("2024-09-17T09:12:00.000Z", "Troops take Sudzha", [P1, P2_LATER, P3, P4]),
    capture("2024-09-18T07:30:00.000Z", "Troops take Sudzha", [P1, P2_LATER, P4]),
    { at: "2024-09-19T08:00:00.000Z", by: "recheck", from: ALPHA_URL, removed: "HTTP 410" },
  ],
};

const BETA_URL = "https://beta.example/news/sudzha";
const BETA_RECORD = {
  url: BETA_URL,
  checked: "2024-09-19",
  captures: [
    {
      at: "2024-09-16T13:05:00.000Z",
      by: "import",
      from: BETA_URL,
      sha256: "b".repeat(64),
      title: "Sudzha falls",
      text: ["Fourteen villages were taken, 14 villages in all, a spokesman said."],
    },
  ],
};

const FILES = {
  "src/articles/alpha-news/troops-enter.md": article(
    {
      title: "Troops enter Sudzha",
      source: "alpha-news",
      date: "2024-09-16T12:00+03:00",
      url: ALPHA_URL,
      story: STORY,
    },
    [P1, P2, P3, P4].join("\n\n") + "\n",
  ),
  "src/articles/beta-post/sudzha-falls.md": article(
    { title: "Sudzha falls", source: "beta-post", date: "2024-09-16T15:00+02:00", url: BETA_URL, story: STORY },
    "Fourteen villages were taken, 14 villages in all, a spokesman said.\n",
  ),
  "_data/claims.json": JSON.stringify([
    {
      id: "bridge",
      story: STORY,
      label: "Bridge destroyed",
      citations: [{ article: "alpha-news/troops-enter", quote: "the bridge over the river was destroyed" }],
      notReportedBy: ["beta-post"],
    },
    {
      id: "villages",
      story: STORY,
      label: "Villages taken",
      citations: [
        { article: "alpha-news/troops-enter", quote: "At least 12 villages", value: "12" },
        { article: "beta-post/sudzha-falls", quote: "14 villages in all", value: "14" },
      ],
    },
  ]),
  "_data/events.json": JSON.stringify([
    {
      id: "bridge-down",
      date: "2024-09-15",
      title: "The bridge is destroyed",
      story: STORY,
      citations: [{ article: "alpha-news/troops-enter", quote: "the bridge over the river was destroyed" }],
    },
  ]),
  "record/alpha-news/troops-enter.json": JSON.stringify(ALPHA_RECORD, null, 2),
  "record/beta-post/sudzha-falls.json": JSON.stringify(BETA_RECORD, null, 2),
};

const ARTICLE = "/sources/alpha-news/troops-enter/";
const VERSIONS = "/sources/alpha-news/troops-enter/versions/";
const squash = (s: string) => s.replace(/\s+/g, " ").trim();

describe("the record model", () => {
  const record = new ReportRecord("alpha-news/troops-enter", "record/alpha-news/troops-enter.json", {
    ...(ALPHA_RECORD as RecordData),
  });

  it("derives each change: the headline and a figure, a paragraph taken out, the removal", () => {
    expect(record.versions.map((v) => v.n)).toEqual([1, 2, 3]);
    expect(record.changes.map((c) => [c.kind, c.at, c.anchor])).toEqual([
      ["changed", "2024-09-17T09:12:00.000Z", "change-1"],
      ["changed", "2024-09-18T07:30:00.000Z", "change-2"],
      ["removed", "2024-09-19T08:00:00.000Z", "change-3"],
    ]);
    const [v2, v3, gone] = record.changes;
    expect(v2!.headline).toEqual({ before: "Troops enter Sudzha", after: "Troops take Sudzha" });
    expect(v2!.figures).toEqual([{ before: "12", after: "15" }]);
    expect(v3!.removed).toEqual([P3]);
    expect(gone!.why).toBe("HTTP 410");
    expect(record.removed).toBe(gone);
    expect(record.lastChange).toBe(gone);
    expect(record.history.map((h) => h.diff?.version.n)).toEqual([2, 3, undefined]);
    // each run of untouched paragraphs is folded into its count
    expect(record.diffs[0]!.shown.map((b) => b.kind)).toEqual(["kept", "changed", "kept"]);
    expect(record.diffs[1]!.shown).toEqual([
      { kind: "kept", count: 2 },
      { kind: "removed", parts: [{ op: "del", text: P3 }] },
      { kind: "kept", count: 1 },
    ]);
  });

  it("does not count a capture that changed only white space or quotation marks as a version", () => {
    const spaced = new ReportRecord("a/b", "record/a/b.json", {
      url: ALPHA_URL,
      captures: [
        capture("2024-09-16T10:00:00.000Z", "Troops enter Sudzha", [P1, P2]),
        capture("2024-09-16T11:00:00.000Z", "Troops  enter Sudzha ", [` ${P1}`, P2.replace(/ /g, "\u00a0")]),
      ],
    } as RecordData);
    expect(spaced.versions).toHaveLength(1);
    expect(spaced.changedSince).toBe(false);
  });

  it("knows what became of a quote: its words taken out (changed), the report removed, or still there", () => {
    const withoutRemoval = new ReportRecord("a/b", "record/a/b.json", {
      ...ALPHA_RECORD,
      captures: ALPHA_RECORD.captures.slice(0, 3),
    } as RecordData);
    expect(withoutRemoval.quoteFate("the bridge over the river was destroyed")).toEqual({
      kind: "changed",
      at: "2024-09-18T07:30:00.000Z",
    });
    expect(withoutRemoval.quoteFate("At least 12 villages")).toEqual({
      kind: "changed",
      at: "2024-09-17T09:12:00.000Z",
    });
    expect(withoutRemoval.quoteFate("Residents were told to leave")).toBeUndefined();
    expect(record.quoteFate("Residents were told to leave")).toEqual({
      kind: "removed",
      at: "2024-09-19T08:00:00.000Z",
    });
    // words no version held (the editor's copy differs from the capture): nothing is said
    expect(record.quoteFate("nobody said this")).toBeUndefined();
  });

  it("refuses a record that starts with a removal: it holds the text as first captured", () => {
    const root = contentTree({
      files: {
        "src/articles/alpha-news/troops-enter.md": FILES["src/articles/alpha-news/troops-enter.md"],
        "record/alpha-news/troops-enter.json": JSON.stringify({
          url: ALPHA_URL,
          captures: [ALPHA_RECORD.captures[3]],
        }),
      },
    });
    const problems = loadContent(defaultPaths(root)).problems.filter(isError);
    expect(problems.map((p) => `${p.file}: ${p.field}: ${p.message}`)).toEqual([
      "record/alpha-news/troops-enter.json: captures[0].removed: is in the first capture: a record starts with the text as first captured",
    ]);
  });

  it("says each change in Ukrainian and Russian too, times in UTC", () => {
    for (const [language, expected] of [
      ["uk", "17 вересня 2024 року, 09:12 UTC змінено заголовок: «Troops enter Sudzha» → «Troops take Sudzha»."],
      ["ru", "17 сентября 2024 года, 09:12 UTC изменён заголовок: «Troops enter Sudzha» → «Troops take Sudzha»."],
    ] as const) {
      const root = contentTree({
        site: { title: "T", description: "D", language, url: "https://test.example" },
        files: { "src/articles/alpha-news/troops-enter.md": FILES["src/articles/alpha-news/troops-enter.md"] },
      });
      const { content, problems } = loadContent(defaultPaths(root));
      expect(problems.filter(isError)).toEqual([]);
      const lines = changeSentences(record.changes[0]!, content!.locale, "text");
      expect(lines[0]).toBe(expected);
      expect(lines).toHaveLength(3);
      expect(changeSentences(record.changes[1]!, content!.locale, "text")[1]).toBe(
        language === "uk" ? "Вилучено абзац." : "Удалён абзац.",
      );
    }
  });
});

describe("the record on the site", () => {
  let build: TreeBuild;
  beforeAll(async () => {
    // a zone far from UTC: the times shown are UTC all the same
    build = await buildTree(FILES, { env: { TZ: "Pacific/Kiritimati" } });
  });

  it("the article page says when and from where we captured the report, and lists each change with its time", () => {
    const $ = build.html(ARTICLE);
    const section = $("section#record");
    expect(section.find("h2").text()).toBe("The record");
    expect(squash(section.find(".record-captured").text())).toBe(
      `Captured 16 September 2024, 10:00 UTC from ${ALPHA_URL}. Last checked against the original on 19 September 2024.`,
    );
    expect(section.find(".record-captured a").attr("href")).toBe(ALPHA_URL);
    expect(section.find(".record-captured time").attr("datetime")).toBe("2024-09-16T10:00:00Z");
    const changes = section
      .find(".record-changes > li")
      .map((_, li) => squash($(li).text()))
      .get();
    expect(changes).toEqual([
      "Headline changed on 17 September 2024, 09:12 UTC: “Troops enter Sudzha” → “Troops take Sudzha”. A figure changed: 12 → 15. A paragraph reworded.",
      "Changed on 18 September 2024, 07:30 UTC. A paragraph removed.",
      "Removed by the outlet on 19 September 2024, 08:00 UTC (HTTP 410); our copy stays.",
    ]);
    expect(section.find(".record-versions a").attr("href")).toBe(VERSIONS);
    // our copy stays: the text as imported
    expect($(".report-body").text()).toContain(P3);
  });

  it("says near the top of the page that the outlet removed the report, linking to the record", () => {
    const $ = build.html(ARTICLE);
    const notice = $(".report-header .record-notice");
    expect(squash(notice.text())).toBe(
      "Alpha News removed this report on 19 September 2024, 08:00 UTC; our copy stays. What changed",
    );
    expect(notice.find("a").attr("href")).toBe("#record");
    // before the report's text
    expect($.html().indexOf("record-notice")).toBeLessThan($.html().indexOf("report-body"));
  });

  it("says nothing of changes for a report its outlet left as it was; no versions page for it", () => {
    const $ = build.html("/sources/beta-post/sudzha-falls/");
    expect($(".record-notice")).toHaveLength(0);
    expect(squash($("section#record .record-captured").text())).toBe(
      `Captured 16 September 2024, 13:05 UTC from ${BETA_URL}. Unchanged by the outlet when last checked, 19 September 2024.`,
    );
    expect($("section#record .record-changes")).toHaveLength(0);
    expect(fs.existsSync(path.join(build.output, "sources/beta-post/sudzha-falls/versions"))).toBe(false);
  });

  it("the versions page shows every version with its time, words put in and taken out", () => {
    const $ = build.html(VERSIONS);
    expect($("title").text()).toBe("Versions of “Troops enter Sudzha” · Test record");
    expect($("h1").text()).toBe("Every version of this report");
    expect($(".versions-of a").attr("href")).toBe(ARTICLE);
    const versions = $(".version-list > li.version");
    expect(versions.map((_, v) => squash($(v).children("h2").text())).get()).toEqual([
      "Version 1, captured 16 September 2024, 10:00 UTC",
      "Version 2, captured 17 September 2024, 09:12 UTC",
      "Version 3, captured 18 September 2024, 07:30 UTC",
      "Removed by the outlet, 19 September 2024, 08:00 UTC",
    ]);
    expect(versions.map((_, v) => $(v).attr("id")).get()).toEqual(["version-1", "change-1", "change-2", "change-3"]);
    // version 1: its text, a click away
    expect(
      versions
        .eq(0)
        .find("details.version-text p")
        .map((_, p) => $(p).text())
        .get(),
    ).toEqual(["Troops enter Sudzha", P1, P2, P3, P4]);
    // version 2: the headline's word and the figure
    const v2 = versions.eq(1);
    expect(v2.find(".diff-headline del").text()).toBe("enter");
    expect(v2.find(".diff-headline ins").text()).toBe("take");
    const changed = v2.find(".diff-changed");
    expect(changed.find(".diff-label").text()).toBe("Paragraph changed");
    expect(changed.find("del").text()).toBe("12");
    expect(changed.find("ins").text()).toBe("15");
    // what a screen reader reads: the change said in words, not by colour or line alone
    expect(squash(changed.find(".diff-text").text())).toBe(
      "At least [deleted: 12 ][inserted: 15 ] villages were taken in the first day.",
    );
    expect(
      v2
        .find(".diff-kept")
        .map((_, p) => $(p).text())
        .get(),
    ).toEqual(["1 paragraph unchanged", "2 paragraphs unchanged"]);
    // version 3: the cited paragraph taken out, labelled
    const removed = versions.eq(2).find(".diff-removed");
    expect(removed.find(".diff-label").text()).toBe("Paragraph removed");
    expect(removed.find("del").text()).toBe(P3);
    expect(versions.eq(2).find("ins")).toHaveLength(0);
    // the removal
    expect(squash(versions.eq(3).find("p").text())).toBe(
      "The outlet no longer serves the report (HTTP 410). Our copy of its last version stays on our page.",
    );
    expect($(".versions-back a").attr("href")).toBe(ARTICLE);
  });

  it("the fact grid and the event mark a quote whose report the outlet has since removed, in words", () => {
    const $ = build.html(`/stories/${STORY}/`);
    const alphaCells = $("td[data-source='alpha-news']");
    expect(alphaCells).toHaveLength(2);
    alphaCells.each((_, td) => {
      const fate = $(td).find(".quote-fate");
      expect(squash(fate.text())).toBe("The outlet has since removed the report (19 September 2024).");
      expect(fate.attr("href")).toBe(VERSIONS);
    });
    expect($("td[data-source='beta-post'] .quote-fate")).toHaveLength(0);
    expect(squash($("#event-bridge-down .quote-fate").text())).toBe(
      "The outlet has since removed the report (19 September 2024).",
    );
  });

  it("the story's glance counts the report changed after publication, linked to its versions", () => {
    const $ = build.html(`/stories/${STORY}/`);
    const line = $(".at-a-glance .glance-changed");
    expect(squash(line.text())).toBe(
      "1 of 2 reports was changed by their outlet after publication (1 removed): Alpha News.",
    );
    expect(line.find("a").attr("href")).toBe(VERSIONS);
  });

  it("the site's and the story's Atom feeds carry an entry per change, newest first, linked to the versions page", () => {
    for (const feed of ["feed.xml", `stories/${STORY}/feed.xml`]) {
      const atom = readXml(path.join(build.output, feed)).feed;
      const entries = atom.entry as Record<string, unknown>[];
      expect(entries.map((e) => text(e.title))).toEqual([
        "Removed by Alpha News: Troops enter Sudzha",
        "Changed by Alpha News: Troops enter Sudzha",
        "Changed by Alpha News: Troops enter Sudzha",
        "Sudzha falls",
        "Troops enter Sudzha",
      ]);
      const ids = entries.map((e) => text(e.id));
      expect(ids.slice(0, 3)).toEqual(
        ["change-3", "change-2", "change-1"].map((a) => `https://test.example${VERSIONS}#${a}`),
      );
      expect(new Set(ids).size).toBe(ids.length);
      expect(entries.slice(0, 3).map((e) => text(e.updated))).toEqual([
        "2024-09-19T08:00:00+00:00",
        "2024-09-18T07:30:00+00:00",
        "2024-09-17T09:12:00+00:00",
      ]);
      const alternate = (e: Record<string, unknown>) =>
        (e.link as Record<string, string>[]).find((l) => l["@_rel"] === "alternate")!["@_href"];
      expect(alternate(entries[2]!)).toBe(`https://test.example${VERSIONS}#change-1`);
      expect(text(entries[2]!.summary)).toBe(
        "Headline changed on 17 September 2024, 09:12 UTC: “Troops enter Sudzha” → “Troops take Sudzha”. A figure changed: 12 → 15. A paragraph reworded.",
      );
      // the newest entry's date is the feed's
      expect(text(atom.updated)).toBe("2024-09-19T08:00:00+00:00");
    }
  });

  it("the JSON feed carries the changes too", () => {
    const feed = JSON.parse(fs.readFileSync(path.join(build.output, "feed.json"), "utf8"));
    const items = feed.items as { id: string; title: string; date_published: string; external_url?: string }[];
    expect(items.map((i) => i.title).slice(0, 3)).toEqual([
      "Removed by Alpha News: Troops enter Sudzha",
      "Changed by Alpha News: Troops enter Sudzha",
      "Changed by Alpha News: Troops enter Sudzha",
    ]);
    expect(items[0]!.id).toBe(`https://test.example${VERSIONS}#change-3`);
    expect(items[0]!.date_published).toBe("2024-09-19T08:00:00+00:00");
    expect(items[0]!.external_url).toBe(ALPHA_URL);
  });

  it("every link of the article, versions and story pages resolves, anchors included", () => {
    const broken: string[] = [];
    for (const page of [ARTICLE, VERSIONS, `/stories/${STORY}/`]) {
      for (const url of internalUrls(build.html(page), page)) {
        const file = resolveToFile(build.output, url);
        if (!file) broken.push(`${page} → ${url}`);
        else if (url.includes("#") && file.endsWith(".html")) {
          const id = decodeURIComponent(url.split("#")[1]!);
          if (!fs.readFileSync(file, "utf8").includes(`id="${id}"`)) broken.push(`${page} → ${url} (no #${id})`);
        }
      }
    }
    expect(broken).toEqual([]);
    // the feeds' change entries link to their versions' anchors
    const $ = build.html(VERSIONS);
    for (const a of ["change-1", "change-2", "change-3"]) expect($(`#${a}`)).toHaveLength(1);
  });

  it("the versions page is in the sitemap", () => {
    const sitemap = fs.readFileSync(path.join(build.output, "sitemap.xml"), "utf8");
    expect(sitemap).toContain(`<loc>https://test.example${VERSIONS}</loc>`);
  });

  it("html-validate: zero errors on the article, versions and story pages", async () => {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, ".htmlvalidate.json"), "utf8")) as ConfigData;
    const validator = new HtmlValidate(new StaticConfigLoader(config));
    const problems: string[] = [];
    for (const page of [ARTICLE, VERSIONS, "/sources/beta-post/sudzha-falls/", `/stories/${STORY}/`]) {
      const file = path.join(build.output, page, "index.html");
      const report = await validator.validateString(fs.readFileSync(file, "utf8"), page);
      for (const r of report.results)
        for (const m of r.messages) problems.push(`${page}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    expect(problems).toEqual([]);
  });
});

describe("a report the outlet changed but still serves", () => {
  let build: TreeBuild;
  beforeAll(async () => {
    build = await buildTree({
      ...FILES,
      "record/alpha-news/troops-enter.json": JSON.stringify({
        ...ALPHA_RECORD,
        captures: ALPHA_RECORD.captures.slice(0, 3),
      }),
    });
  });

  it("says near the top that the outlet changed it, and when last", () => {
    const $ = build.html(ARTICLE);
    expect(squash($(".report-header .record-notice").text())).toBe(
      "Alpha News changed this report after publication (last on 18 September 2024, 07:30 UTC). What changed",
    );
    expect($("section#record .record-changes > li")).toHaveLength(2);
  });

  it("marks each quote whose words the outlet took out, dated when they went", () => {
    const $ = build.html(`/stories/${STORY}/`);
    expect(squash($("#claim-bridge td[data-source='alpha-news'] .quote-fate").text())).toBe(
      "The outlet has since removed this passage (18 September 2024).",
    );
    expect(squash($("#claim-villages td[data-source='alpha-news'] .quote-fate").text())).toBe(
      "The outlet has since removed this passage (17 September 2024).",
    );
    expect(squash($(".glance-changed").text())).toBe(
      "1 of 2 reports was changed by their outlet after publication: Alpha News.",
    );
  });
});

describe("npm start's watch build and the record", () => {
  it("renders again only the report whose record changed; a versions page goes with its record's changes", async () => {
    const root = contentTree({ files: FILES });
    const session = new BuildSession({
      mode: "watch",
      paths: defaultPaths(root),
      address: {},
      pagesDir: path.join(ROOT, "src", "pages"),
      searchPartPages: 1500,
      // the search index a watch run schedules would come after the test (it stops at the next run)
      searchDelayMs: 60_000,
    });
    const output = tempDir();
    const run = { watching: true, output };
    await session.beforeRun(run);
    // "render" the pages as the templates do: what each reads of the record is recorded
    const render = () => {
      const data = session.renderData;
      for (const a of data.articles) void [a.title, a.record?.changedSince, a.record?.changes.map((c) => c.at)];
      for (const p of [...data.timelinePages, ...data.sourcePages, ...data.entityPages]) void p.href;
      for (const st of data.stories) void st.changedReports.map((a) => a.title);
      for (const c of data.comparisons) void c.href;
      session.afterRun(run);
    };
    render();

    // a recheck finds Beta Post's report changed: its page and its story's, nothing else
    const beta = path.join(root, "record", "beta-post", "sudzha-falls.json");
    const later = structuredClone(BETA_RECORD);
    later.captures.push({
      ...later.captures[0]!,
      at: "2024-09-20T06:00:00.000Z",
      by: "recheck",
      text: ["Gone quiet."],
    });
    fs.writeFileSync(beta, JSON.stringify(later));
    session.filesChanged([beta]);
    await session.beforeRun(run);
    expect(session.plan.partial).toBe(true);
    expect(session.plan.articles.map((a) => a.key)).toEqual(["beta-post/sudzha-falls"]);
    expect(session.plan.stories.map((st) => st.id)).toEqual([STORY]);
    expect(session.plan.timelinePages).toEqual([]);
    render();

    // Alpha News's record deleted: its versions page is taken out of the output
    const page = path.join(output, "sources", "alpha-news", "troops-enter", "versions", "index.html");
    fs.mkdirSync(path.dirname(page), { recursive: true });
    fs.writeFileSync(page, "stale");
    const alpha = path.join(root, "record", "alpha-news", "troops-enter.json");
    fs.rmSync(alpha);
    session.filesChanged([alpha]);
    await session.beforeRun(run);
    expect(fs.existsSync(page)).toBe(false);
    expect(session.plan.articles.map((a) => a.key)).toEqual(["alpha-news/troops-enter"]);
  });
});

describe("the record in Ukrainian", () => {
  /** The words (4 letters or more) of the English messages these pages use. */
  const english = (() => {
    const en = JSON.parse(fs.readFileSync(path.join(ROOT, "src/locales/en.json"), "utf8"));
    const messages = [
      ...Object.values(en.record),
      ...Object.values(en.versions),
      en.grid.quoteRemoved,
      en.grid.reportRemoved,
      en.story.glanceChanged,
    ] as string[];
    const words = new Set<string>();
    for (const m of messages)
      for (const w of m
        .replace(/\{\s*\w+\s*\}/g, " ")
        .replace(/\b(plural|one|other)\b/g, " ")
        .toLowerCase()
        .match(/\p{L}{4,}/gu) ?? [])
        words.add(w);
    return words;
  })();
  let build: TreeBuild;
  beforeAll(async () => {
    build = await buildTree({
      ...FILES,
      "_data/site.json": JSON.stringify({
        title: "Тестовий запис",
        description: "Тест.",
        language: "uk",
        url: "https://test.example",
      }),
    });
  });

  it("says the record, the versions and the quote's fate in Ukrainian, no English word of ours left", () => {
    const article = build.html(ARTICLE);
    const versions = build.html(VERSIONS);
    const story = build.html(`/stories/${STORY}/`);
    // the site's words only: the outlet's addresses and the report's own text left out
    for (const $ of [article, versions, story]) $("a[rel~='noopener'], .diff-text, .version-text > div").remove();
    const said = [
      article(".record-notice").text(),
      article("section#record").text(),
      versions(".report-header").text(),
      versions(".version-list").text(),
      versions(".versions-back").text(),
      story(".quote-fate").text(),
      story(".glance-changed").text(),
    ].join(" ");
    const left = (said.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((w) => english.has(w));
    expect(left).toEqual([]);
    expect(squash(article("section#record .record-changes > li").last().text())).toBe(
      "19 вересня 2024 року, 08:00 UTC видання вилучило повідомлення (HTTP 410); наша копія лишається.",
    );
    expect(squash(story(".glance-changed").text())).toBe(
      "Видання змінили після публікації 1 з 2 повідомлень (вилучено: 1): Alpha News.",
    );
    expect(versions(".diff-kept").first().text()).toBe("1 абзац без змін");
  });
});

describe("the record's pages in Chromium", () => {
  const SHOTS = "/tmp/record-shots";
  let build: TreeBuild;
  let browser: Browser;
  let server: Served;
  beforeAll(async () => {
    build = await buildTree(FILES);
    server = await serveSite(build.output, "/");
    browser = await launchBrowser();
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const width of [390, 1280])
    for (const colorScheme of ["light", "dark"] as const)
      for (const [name, page] of [
        ["article", ARTICLE],
        ["versions", VERSIONS],
        ["story", `/stories/${STORY}/`],
      ] as const)
        it(`${name} at ${width} px, ${colorScheme}: no axe violations, no console errors, nothing wider than the screen`, async () => {
          const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
          try {
            const tab = await context.newPage();
            const health = watchPage(tab);
            const response = await tab.goto(server.url + page.slice(1), { waitUntil: "load" });
            expect(response?.status()).toBe(200);
            // the first version's text opened, so axe checks it too
            await tab.locator("details.version-text").evaluateAll((ds) => {
              for (const d of ds) (d as HTMLDetailsElement).open = true;
            });
            const { violations } = await new AxeBuilder({ page: tab }).analyze();
            expect(
              violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
            ).toEqual([]);
            // nothing wider than the screen (a long address, a struck-through paragraph)
            expect(
              await tab.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
            ).toBeLessThanOrEqual(0);
            await tab.screenshot({ path: path.join(SHOTS, `${name}-${width}-${colorScheme}.png`), fullPage: true });
            await tab.waitForLoadState("networkidle");
            expect(health.problems).toEqual([]);
          } finally {
            await context.close();
          }
        });
});
