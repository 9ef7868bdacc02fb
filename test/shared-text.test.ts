/**
 * Shared text between reports, with answers known in advance: a passage copied word for word, one
 * with a word changed in its middle (two passages), one with only punctuation and case changed, a
 * shared quotation, an outlet's boilerplate, and three reports of which two copy the first. Then
 * the story page, the comparison page and shared.json of the sample, as built.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  markedParagraphs,
  storiesSharedText,
  tokenize,
  reportText,
  type SharedTextReport,
} from "../src/content/shared-text.ts";
import { defaultPaths, loadContent } from "../src/content/pipeline.ts";
import { buildSample } from "./helpers/build-tree.ts";
import { SAMPLE, readHtml } from "./helpers/site.ts";

const WIRE =
  "Officials said on Monday that the bridge over the river would stay closed for at least six weeks while engineers examine the cracks.";
let n = 0;
const report = (
  sourceId: string,
  paragraphs: string[],
  day = "2025-03-03",
  storyId = "s",
): SharedTextReport & { paragraphs: string[] } => ({
  key: `${sourceId}/r${++n}`,
  sourceId,
  storyId,
  paragraphs,
  epochMs: Date.parse(`${day}T00:00:00Z`),
  hasTime: false,
  day,
});
/** The pairs of `reports`' story, with `all` (grouped by story, in order) as the whole archive. */
const run = (reports: SharedTextReport[], all: SharedTextReport[] = reports) => {
  const stories = new Map<string | undefined, SharedTextReport[]>();
  for (const r of all) stories.set(r.storyId, [...(stories.get(r.storyId) ?? []), r]);
  return storiesSharedText([...stories.values()])[[...stories.keys()].indexOf(reports[0]!.storyId)]!;
};

describe("words and quotation marks", () => {
  const words = (text: string) => {
    const t = tokenize(text);
    return Array.from(t.starts!, (st, i) => `${t.quoted[i] ? "“" : ""}${text.slice(st, t.ends![i])}`);
  };

  it("a word is letters and numbers of any script, joined by an apostrophe", () => {
    expect(words("Don’t rock'n'roll 1,500 Zelensky’s Київ 𝐀𝐁 naïve 東京")).toEqual([
      "Don’t",
      "rock'n'roll",
      "1",
      "500",
      "Zelensky’s",
      "Київ",
      "𝐀𝐁",
      "naïve",
      "東京",
    ]);
  });

  it("the same words in other case, apostrophes or compatibility forms get the same numbers", () => {
    const vocabulary = new Map<string, number>();
    expect(Array.from(tokenize("Don’t STOP ﬁre", vocabulary).ids)).toEqual(
      Array.from(tokenize("don't stop fire", vocabulary).ids),
    );
  });

  it("quotations in English, French, German and Danish style; apostrophes are not quotation marks", () => {
    expect(words("He said “go now” and ‘stay’ then")).toEqual(["He", "said", "“go", "“now", "and", "“stay", "then"]);
    expect(words("Il a dit « partez » puis")).toEqual(["Il", "a", "dit", "“partez", "puis"]);
    expect(words("Er sagte „geht“ dann")).toEqual(["Er", "sagte", "“geht", "dann"]);
    expect(words("Han sagde »gå« så")).toEqual(["Han", "sagde", "“gå", "så"]);
    expect(words("the ’90s and the workers’ union")).toEqual(["the", "90s", "and", "the", "workers", "union"]);
    expect(words("a ’𝐀𝐁 b")).toEqual(["a", "𝐀𝐁", "b"]);
    expect(words('"straight quotes" here')).toEqual(["“straight", "“quotes", "here"]);
  });

  it("a quotation left open ends with its paragraph", () => {
    expect(words("“Unclosed quote\n\nNext paragraph")).toEqual(["“Unclosed", "“quote", "Next", "paragraph"]);
  });
});

describe("shared passages", () => {
  it("a passage copied word for word: one passage, its words counted both ways", () => {
    const a = report("alpha", [`Our own opening sentence here. ${WIRE}`]);
    const b = report("beta", [`A different start for this report. ${WIRE} And a different ending.`], "2025-03-04");
    const [pair] = run([a, b]);
    expect(pair!.passages).toHaveLength(1);
    expect(pair!.passages[0]).toMatchObject({ n: 1, kind: "copied", text: WIRE.replace(/\.$/, "") });
    const words = tokenize(WIRE).ids.length;
    expect(pair!.share.a).toBe(Math.round((words / tokenize(reportText(a.paragraphs)).ids.length) * 1000) / 10);
    expect(pair!.order).toBe("a-first");
  });

  it("a word changed in the middle of a long passage: two passages", () => {
    const a = report("alpha", [WIRE]);
    const b = report("beta", [WIRE.replace("river", "canal")]);
    const [pair] = run([a, b]);
    expect(pair!.passages.map((p) => p.text)).toEqual([
      "Officials said on Monday that the bridge over the",
      "would stay closed for at least six weeks while engineers examine the cracks",
    ]);
    expect(pair!.order).toBe("unknown");
  });

  it("only punctuation and case changed: still one passage", () => {
    const a = report("alpha", [WIRE]);
    const b = report("beta", [
      WIRE.toUpperCase()
        .replace(/ that /i, ", that ")
        .replace(/\.$/, "!"),
    ]);
    expect(run([a, b])[0]!.passages).toHaveLength(1);
  });

  it("a passage in quotation marks in both reports is a shared quotation, counted apart", () => {
    const quote = "We will not take any risks with the safety of people who cross the river every day";
    const a = report("alpha", [`The councillor said: “${quote}.” Nothing else was said.`]);
    const b = report("beta", [`“${quote},” the councillor told reporters on the bank.`]);
    const [pair] = run([a, b]);
    expect(pair!.passages).toHaveLength(1);
    expect(pair!.passages[0]!.kind).toBe("quotation");
    expect(pair!.share).toEqual({ a: 0, b: 0 });
    expect(pair!.quoted.a).toBeGreaterThan(0);
    const html = markedParagraphs(b.paragraphs, pair!.passages, "b")[0]!;
    expect(html).toContain(
      '<mark class="shared quotation" id="passage-b1" data-passage="1"><a class="passage-number" href="#passage-a1"><span class="visually-hidden">shared quotation </span>❝1<span class="visually-hidden">, in the other report</span></a>',
    );
  });

  it("an outlet's boilerplate (the same words in its reports of different stories) is not counted", () => {
    const credit = "This report was written with help from our partners at the regional news agency";
    const a1 = report("alpha", [`${credit}. First story text about the bridge closure.`], "2025-03-03", "s");
    const b1 = report("alpha", [`${credit}. Second report on the bridge, by another writer.`], "2025-03-04", "s");
    const other = report(
      "alpha",
      [`${credit}. A report of another story entirely, about the harbour.`],
      "2025-03-02",
      "t",
    );
    expect(run([a1, b1], [a1, b1, other])).toEqual([]);
    // without the other story, the same words are shared text
    expect(run([a1, b1], [a1, b1])).toHaveLength(1);
  });

  it("a stock phrase (only names, titles and function words) is labelled, not counted as copying", () => {
    const phrase =
      "the Secretary General of the United Nations and the President of the International Committee of the Red Cross";
    const a = report("alpha", [`Talks were held on Monday with ${phrase} in Geneva.`]);
    const b = report("beta", [`Diplomats met ${phrase}, officials confirmed.`], "2025-03-04");
    const names = ["United Nations", "International Committee of the Red Cross", "ICRC"];
    const [pair] = storiesSharedText([[a, b]], undefined, { names })[0]!;
    expect(pair!.passages.map((p) => p.kind)).toEqual(["stock"]);
    expect(pair!.share).toEqual({ a: 0, b: 0 });
    expect(markedParagraphs(b.paragraphs, pair!.passages, "b")[0]).toContain(
      '<mark class="shared stock" id="passage-b1"',
    );
    // without the names the same words are copied text
    expect(storiesSharedText([[a, b]])[0]![0]!.passages[0]!.kind).toBe("copied");
  });

  it("a run found in reports of three or more stories (any outlets) is a stock phrase; in two, it is copying", () => {
    const formula = "Anyone with information is asked to call the police on the number below";
    // other outlets in each story: no outlet's own boilerplate
    const story = (id: string, day: string) => [
      report(`${id}-a`, [`Story ${id} opens here. ${formula}.`], day, id),
      report(`${id}-b`, [`Another outlet on story ${id}. ${formula}.`], day, id),
    ];
    const [s1, s2, s3] = [story("one", "2025-03-01"), story("two", "2025-03-02"), story("three", "2025-03-03")];
    expect(run(s1!, [...s1!, ...s2!, ...s3!])[0]!.passages.map((p) => p.kind)).toEqual(["stock"]);
    expect(run(s1!, [...s1!, ...s2!])[0]!.passages.map((p) => p.kind)).toEqual(["copied"]);
  });

  it("three reports of which two copy the first: each is compared with the first, numbered in its order", () => {
    const first = report(
      "wire",
      [`${WIRE} Traffic will use the ring road until further notice from the council.`],
      "2025-03-01",
    );
    const second = report("alpha", [`Intro. ${WIRE}`], "2025-03-02");
    const third = report(
      "beta",
      [`Traffic will use the ring road until further notice from the council. ${WIRE}`],
      "2025-03-03",
    );
    const pairs = run([first, second, third]);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([
      [first.key, second.key],
      [first.key, third.key],
    ]);
    const withThird = pairs[1]!;
    expect(withThird.passages.map((p) => p.n)).toEqual([1, 2]);
    // passage 1 is the first in the earlier report (the wire), wherever it sits in the later one
    expect(withThird.passages[0]!.text).toBe(WIRE.replace(/\.$/, ""));
    const marked = markedParagraphs(third.paragraphs, withThird.passages, "b")[0]!;
    expect(marked.indexOf('data-passage="2"')).toBeLessThan(marked.indexOf('data-passage="1"'));
  });

  it("cost follows the words, not the pairs: 200 reports of one wire text give 199 comparisons, quickly", () => {
    const reports = Array.from({ length: 200 }, (_, i) =>
      report(
        `s${i % 12}`,
        [`Report ${i} opens on its own. ${WIRE} ${WIRE.replace("bridge", "tunnel")}`],
        `2025-03-${String((i % 28) + 1).padStart(2, "0")}`,
      ),
    );
    const t = performance.now();
    const pairs = run(reports);
    expect(performance.now() - t).toBeLessThan(5000);
    expect(pairs.length).toBe(199);
  });
});

describe("shared text on the built sample", () => {
  let dist: string;
  beforeAll(async () => {
    dist = await buildSample();
  });

  it("the sample's only passage in common is a stock phrase (names and function words): one line on the story page, labelled on the comparison page", () => {
    const $ = readHtml(dist, "/stories/ukraine-invites-un-icrc-to-kursk/");
    expect($(".shared-pairs li").length).toBe(0);
    const line = $("#shared-text").parent().find(".shared-none");
    expect(line.length).toBe(1);
    expect(line.text().replace(/\s+/g, " ")).toBe(
      "No two reports share a passage of 8 words or more beyond stock phrases of names and titles (The Moscow Times and Kumasi City).",
    );
    const data = JSON.parse(
      fs.readFileSync(path.join(dist, "stories/ukraine-invites-un-icrc-to-kursk/shared.json"), "utf8"),
    );
    expect(data.pairs[0].passages[0]).toMatchObject({
      kind: "stock",
      text: "the United Nations and the International Committee of the Red Cross (ICRC) to",
    });
    expect(data.pairs[0].share).toEqual({ a: 0, b: 0 });
    const href = line.find("a").attr("href")!;
    const page = readHtml(dist, href);
    expect(page(".comparison mark.shared.stock").length).toBe(2);
    expect(
      page(".comparison mark.shared .passage-number")
        .map((_, e) => page(e).text())
        .get(),
    ).toEqual(["stock phrase ≈1, in the other report", "stock phrase ≈1, in the other report"]);
    expect(page(".passage-index li").first().text().replace(/\s+/g, " ")).toContain("Stock phrase");
    expect(page("script").filter((_, s) => !page(s).attr("src")).length).toBe(0);
  });

  it("each article page links its comparison", () => {
    const $ = readHtml(dist, "/sources/kumasi-city/ukraine-asks-un-and-red-cross-to-visit-russias-kursk-region/");
    expect($(".shared-note a").text()).toBe(
      "Shares only stock phrases (names and titles) with The Moscow Times’s report",
    );
  });
});

describe("shared text and checking", () => {
  it("is worked out for a build, and not by `npm run check`, which parses only cited bodies", () => {
    expect(loadContent(defaultPaths(SAMPLE)).content!.comparisons.length).toBeGreaterThan(0);
    expect(loadContent(defaultPaths(SAMPLE), { renderHtml: false }).content!.comparisons).toEqual([]);
  });
});
