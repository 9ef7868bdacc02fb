/** Which story a new item belongs to (src/editing/story-rules.ts), and the `watch` of a story in the content contract. */
import { describe, expect, it } from "vitest";
import { defaultPaths, loadContent } from "../src/content/pipeline.ts";
import { isError } from "../src/content/problems.ts";
import { matchStory } from "../src/editing/story-rules.ts";
import { contentTree } from "./helpers/fixture.ts";

const ENTITIES = [
  { name: "Kursk", aliases: ["Курск", "Курськ"], forms: { Курськ: ["Курська", "Курщині"] } },
  { name: "Oleksandr Syrskyi", aliases: ["Сирський"] },
];
const KURSK = { id: "kursk", title: "Kursk", watch: { terms: ["Kursk"], exclude: ["football"], since: "2024-08-06" } };
const SYRSKYI = { id: "syrskyi", title: "Syrskyi", watch: { terms: ["Oleksandr Syrskyi", "commander-in-chief"] } };
const UNWATCHED = { id: "other", title: "Other" };
const STORIES = [UNWATCHED, KURSK, SYRSKYI];

const at = (title: string, summary?: string, published = "2024-08-07T10:00:00.000Z") => ({ title, summary, published });

describe("matchStory", () => {
  it("a term as a whole word, in any case, in the title or the summary", () => {
    expect(matchStory(at("Troops enter KURSK region"), STORIES, ENTITIES)).toEqual({ story: KURSK, matched: "Kursk" });
    expect(matchStory(at("Front line", "Fighting near kursk."), STORIES, ENTITIES)).toEqual({
      story: KURSK,
      matched: "Kursk",
    });
    // inside a longer word is not the word
    expect(matchStory(at("Kurskaya station reopens"), STORIES, ENTITIES)).toEqual({
      skipped: "no story's terms in the title or summary",
    });
    expect(matchStory(at("New Commander-In-Chief named"), STORIES, ENTITIES)).toMatchObject({ story: SYRSKYI });
  });

  it("any spelling of an entity named as a term counts, across scripts and case forms", () => {
    expect(matchStory(at("Бої на Курщині тривають"), STORIES, ENTITIES)).toEqual({
      story: KURSK,
      matched: "Kursk",
      spelling: "Курщині",
    });
    expect(matchStory(at("ВСУ в КУРСКЕ"), STORIES, ENTITIES)).toMatchObject({ skipped: expect.any(String) }); // a form not listed
    expect(matchStory(at("Наступ під Курськ"), STORIES, ENTITIES)).toMatchObject({ story: KURSK, spelling: "Курськ" });
    expect(matchStory(at("Сирський про ситуацію"), STORIES, ENTITIES)).toEqual({
      story: SYRSKYI,
      matched: "Oleksandr Syrskyi",
      spelling: "Сирський",
    });
  });

  it("an exclude term vetoes, and says so", () => {
    expect(matchStory(at("Kursk football club wins"), STORIES, ENTITIES)).toEqual({
      skipped: 'story kursk: "Kursk" found, but "football" is excluded',
    });
  });

  it("an item older than since is skipped; one without a date is not", () => {
    expect(matchStory(at("Kursk region", undefined, "2024-08-05T23:59:00.000Z"), STORIES, ENTITIES)).toEqual({
      skipped: 'story kursk: "Kursk" found, but published 2024-08-05, before 2024-08-06 (since)',
    });
    expect(matchStory({ title: "Kursk region" }, STORIES, ENTITIES)).toMatchObject({ story: KURSK });
    expect(matchStory(at("Kursk", undefined, "2024-08-06T00:00:00.000Z"), STORIES, ENTITIES)).toMatchObject({
      story: KURSK,
    });
  });

  it("no story watching: says so", () => {
    expect(matchStory(at("Kursk"), [UNWATCHED], ENTITIES)).toEqual({
      skipped: "no story has a watch (terms) in _data/stories.json",
    });
  });
});

describe("a story's watch in the content contract", () => {
  const problems = (stories: unknown) =>
    loadContent(defaultPaths(contentTree({ stories: JSON.stringify(stories, null, 2) }))).problems.filter(isError);

  it("a valid watch is accepted", () => {
    expect(
      problems([{ id: "the-story", title: "The story", watch: { terms: ["Kursk"], since: "2024-08-06" } }]),
    ).toEqual([]);
  });

  it("a bad watch names the file, the line and the field", () => {
    const found = problems([
      {
        id: "the-story",
        title: "The story",
        watch: { terms: [], exclude: "football", since: "2024-02-30", tems: 1 },
      },
    ]);
    const lines = found.map((p) => `${p.file}:${p.line}: ${p.field}: ${p.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^_data\/stories\.json:6: \[0\] \(id "the-story"\)\.watch\.terms: is empty: list at least one word/,
        ),
        expect.stringMatching(/^_data\/stories\.json:7: \[0\] \(id "the-story"\)\.watch\.exclude: expected a list/),
        expect.stringMatching(
          /^_data\/stories\.json:8: \[0\] \(id "the-story"\)\.watch\.since: expected a calendar day as YYYY-MM-DD/,
        ),
        expect.stringMatching(/^_data\/stories\.json:9: \[0\] \(id "the-story"\)\.watch\.tems: unknown key/),
      ]),
    );
    expect(found).toHaveLength(4);
  });
});
