/** A new item already known (src/editing/item-duplicates.ts): by address, by feed id, by headline within one source, by text. */
import { describe, expect, it } from "vitest";
import { duplicateOf, textDuplicateOf, titleKey } from "../src/editing/item-duplicates.ts";

const REPORT = {
  file: "src/articles/alpha-news/kursk-incursion.md",
  source: "alpha-news",
  url: "https://www.alpha.example/news/kursk-incursion",
  title: "Troops cross into the Kursk region",
};
const SEEN = {
  source: "beta-post",
  id: "beta-77",
  url: "https://beta.example/a/77",
  title: "Evacuation ordered in Sudzha district",
};
const KNOWN = { reports: [REPORT], items: [SEEN] };
const item = (over: Partial<{ id: string; url: string; title: string; source: string }>) => ({
  id: "new-id",
  url: "https://gamma.example/new",
  title: "Something else entirely happened",
  source: "alpha-news",
  ...over,
});

describe("duplicateOf", () => {
  it("address variants of a report are the report: scheme, www, trailing slash, utm_*, AMP, mobile host", () => {
    const variants = [
      "http://www.alpha.example/news/kursk-incursion",
      "https://alpha.example/news/kursk-incursion",
      "https://www.alpha.example/news/kursk-incursion/",
      "https://www.alpha.example/news/kursk-incursion?utm_source=rss&utm_medium=feed",
      "https://www.alpha.example/amp/news/kursk-incursion",
      "https://www.alpha.example/news/kursk-incursion?amp=1",
      "https://www.alpha.example/news/kursk-incursion.amp",
      "https://m.alpha.example/news/kursk-incursion",
    ];
    for (const url of variants)
      expect(duplicateOf(item({ url, source: "gamma" }), KNOWN), url).toEqual({
        duplicate: "address",
        of: REPORT.file,
      });
    expect(
      duplicateOf(item({ url: "https://alpha.example/news/kursk.amp.html" }), {
        reports: [{ ...REPORT, url: "https://alpha.example/news/kursk.html" }],
        items: [],
      }),
    ).toEqual({ duplicate: "address", of: REPORT.file });
    // another path, or a parameter that names another page, is another report
    expect(duplicateOf(item({ url: "https://alpha.example/news/kursk-incursion-2" }), KNOWN)).toBeUndefined();
    expect(duplicateOf(item({ url: "https://alpha.example/news/kursk-incursion?page=2" }), KNOWN)).toBeUndefined();
  });

  it("an item seen before, by address", () => {
    expect(duplicateOf(item({ url: "http://beta.example/a/77/?utm_campaign=x" }), KNOWN)).toEqual({
      duplicate: "address",
      of: SEEN.url,
    });
  });

  it("the feed's id, within its source only", () => {
    expect(duplicateOf(item({ id: "beta-77", source: "beta-post" }), KNOWN)).toEqual({ duplicate: "id", of: SEEN.url });
    expect(duplicateOf(item({ id: "beta-77", source: "alpha-news" }), KNOWN)).toBeUndefined();
  });

  it("the headline, case, punctuation, quotes and white space aside, within one source", () => {
    expect(
      duplicateOf(item({ title: "  TROOPS cross into the «Kursk» region!  ", source: "alpha-news" }), KNOWN),
    ).toEqual({ duplicate: "title", of: REPORT.file });
    expect(duplicateOf(item({ title: "Evacuation ordered in “Sudzha” district", source: "beta-post" }), KNOWN)).toEqual(
      {
        duplicate: "title",
        of: SEEN.url,
      },
    );
  });

  it("a wire story republished by another outlet under the same headline is not a duplicate", () => {
    expect(duplicateOf(item({ title: REPORT.title, source: "beta-post" }), KNOWN)).toBeUndefined();
  });

  it("short recurring headlines are not compared", () => {
    const known = { reports: [{ ...REPORT, title: "Live updates" }], items: [] };
    expect(duplicateOf(item({ title: "Live updates" }), known)).toBeUndefined();
  });

  it("titleKey folds case and sets punctuation, quotes and white space aside", () => {
    expect(titleKey("«Курськ»:  ЗСУ — наступ!")).toBe("курськ зсу наступ");
    expect(titleKey('Kyiv\'s "offer"')).toBe(titleKey("kyiv’s ‘offer’"));
  });
});

describe("textDuplicateOf", () => {
  const words = (n: number, seed: string) => Array.from({ length: n }, (_, i) => `${seed}${i}`).join(" ");
  const body = `${words(60, "w")}.`;

  it("a text sharing at least 90 % with a report is that report", () => {
    const copy = `${body.toUpperCase().replace(/ /g, "  ")}`;
    expect(
      textDuplicateOf(copy, [
        { file: "a.md", text: words(60, "other") },
        { file: "b.md", text: body },
      ]),
    ).toEqual({
      duplicate: "text",
      of: "b.md",
      percent: 100,
    });
  });

  it("less shared, or too short to say, is not", () => {
    const half = `${words(30, "w")} ${words(30, "x")}`;
    expect(textDuplicateOf(half, [{ file: "b.md", text: body }])).toBeUndefined();
    expect(textDuplicateOf("Too short.", [{ file: "b.md", text: "Too short." }])).toBeUndefined();
  });
});
