/**
 * Every bad input the content contract names stops the build with one message per problem,
 * naming the file, the field and what was expected.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultPaths, loadContent } from "../src/content/pipeline.ts";
import { isError } from "../src/content/problems.ts";
import { article, contentTree, SOURCES, withoutPosition } from "./helpers/fixture.ts";
import { runBuildAsync } from "./helpers/build-async.ts";
import { tempDir } from "./helpers/site.ts";

const good = { title: "A title", source: "alpha-news", date: "2024-09-16", story: "the-story" };
const A = "src/articles/alpha-news";

function problemsOf(root: string): string[] {
  return loadContent(defaultPaths(root)).problems.filter(isError).map(withoutPosition);
}

describe("content validation", () => {
  it("accepts a valid tree", () => {
    const root = contentTree({
      files: {
        [`${A}/one.md`]: article(good),
        "src/articles/beta-post/two.md": article({ ...good, source: "beta-post" }),
      },
    });
    expect(problemsOf(root)).toEqual([]);
  });

  it.each<[string, Parameters<typeof contentTree>[0], string[]]>([
    [
      "unknown source id",
      { files: { "src/articles/gamma/x.md": article({ ...good, source: "gamma" }) } },
      [
        'src/articles/gamma/x.md: source: unknown source id "gamma": add it to _data/sources.json (known: alpha-news, beta-post)',
      ],
    ],
    [
      "folder/source mismatch",
      { files: { [`${A}/x.md`]: article({ ...good, source: "beta-post" }) } },
      [
        `${A}/x.md: source: is "beta-post" but the file is in the folder of "alpha-news": move it to src/articles/beta-post/ or set source: alpha-news`,
      ],
    ],
    [
      "missing title",
      { files: { [`${A}/x.md`]: article({ source: "alpha-news", date: "2024-09-16" }) } },
      [`${A}/x.md: title: is required`],
    ],
    [
      "empty title",
      { files: { [`${A}/x.md`]: article({ ...good, title: "  " }) } },
      [`${A}/x.md: title: must not be empty`],
    ],
    [
      "title that is not text",
      { files: { [`${A}/x.md`]: article("title: [1, 2]\nsource: alpha-news\ndate: 2024-09-16") } },
      [`${A}/x.md: title: expected the headline (got a list)`],
    ],
    [
      "missing date",
      { files: { [`${A}/x.md`]: article({ title: "T", source: "alpha-news" }) } },
      [`${A}/x.md: date: is required`],
    ],
    [
      "malformed date",
      { files: { [`${A}/x.md`]: article({ ...good, date: "16/09/2024" }) } },
      [
        `${A}/x.md: date: expected a date YYYY-MM-DD or a date-time with an offset like 2024-09-16T14:50:00+03:00 (got "16/09/2024")`,
      ],
    ],
    [
      "impossible date",
      { files: { [`${A}/x.md`]: article({ ...good, date: "2024-02-30" }) } },
      [`${A}/x.md: date: "2024-02-30" is not a calendar date`],
    ],
    [
      "date-time without offset",
      { files: { [`${A}/x.md`]: article({ ...good, date: "2024-09-16T14:50:00" }) } },
      [`${A}/x.md: date: "2024-09-16T14:50:00" has a time but no offset: add one, e.g. 2024-09-16T14:50:00+00:00`],
    ],
    [
      "malformed url",
      { files: { [`${A}/x.md`]: article({ ...good, url: "www.example.com/story" }) } },
      [`${A}/x.md: url: expected an absolute http:// or https:// address`],
    ],
    [
      "javascript: url",
      { files: { [`${A}/x.md`]: article({ ...good, url: "javascript:alert(1)" }) } },
      [`${A}/x.md: url: expected an absolute http:// or https:// address`],
    ],
    [
      "unknown front-matter key",
      { files: { [`${A}/x.md`]: article({ ...good, tittle: "typo" }) } },
      [
        `${A}/x.md: tittle: unknown key (did you mean "title"?); allowed keys: title, source, date, url, language, authors, credit, updated, summary, story, tags, image, related, note, archive, accessed, provenance, draft, corrections`,
      ],
    ],
    [
      "unknown story",
      { files: { [`${A}/x.md`]: article({ ...good, story: "nope" }) } },
      [`${A}/x.md: story: unknown story id "nope": add it to _data/stories.json (known: the-story)`],
    ],
    [
      "duplicate source id",
      { sources: [...SOURCES, { ...SOURCES[0] }] },
      [`_data/sources.json: [2].id: duplicate source id "alpha-news" (also at [0])`],
    ],
    [
      "source with a bad url",
      { sources: [{ id: "alpha-news", name: "A", url: "ftp://alpha.example" }] },
      [`_data/sources.json: [0] (id "alpha-news").url: expected an absolute http:// or https:// address`],
    ],
    [
      "source without a name",
      { sources: [{ id: "alpha-news", url: "https://alpha.example" }] },
      [`_data/sources.json: [0] (id "alpha-news").name: is required`],
    ],
    [
      "unreadable sources.json",
      { sources: '[{ "id": ' },
      [`_data/sources.json: is not valid JSON: a value was expected (a comma before a closing bracket?)`],
    ],
    [
      "sources.json that is not an array",
      { sources: { id: "alpha-news" } },
      ['_data/sources.json: must be a JSON array of source objects ([ { "id": … }, … ])'],
    ],
    [
      "missing sources.json",
      { sources: null },
      ["_data/sources.json: is missing: the site needs a list of sources here"],
    ],
    [
      "two articles with the same slug in one source",
      { files: { [`${A}/x.md`]: article(good), [`${A}/x.markdown`]: article(good) } },
      [`${A}/x.md: slug: duplicate slug "x" in source "alpha-news" (also ${A}/x.markdown)`],
    ],
  ])("%s", (_name, tree, expected) => {
    expect(problemsOf(contentTree(tree))).toEqual(expected);
  });

  it("reports every problem of every file at once", () => {
    const root = contentTree({
      files: {
        [`${A}/one.md`]: article({ source: "alpha-news", date: "2024-02-30" }),
        [`${A}/two.md`]: article({ ...good, url: "nope", colour: "red" }),
      },
    });
    expect(problemsOf(root)).toEqual([
      `${A}/one.md: title: is required`,
      `${A}/one.md: date: "2024-02-30" is not a calendar date`,
      `${A}/two.md: url: expected an absolute http:// or https:// address`,
      `${A}/two.md: colour: unknown key (a typo?); allowed keys: title, source, date, url, language, authors, credit, updated, summary, story, tags, image, related, note, archive, accessed, provenance, draft, corrections`,
    ]);
  });

  it("makes `npm run build` exit non-zero with the messages and no stack trace", async () => {
    const root = contentTree({ files: { [`${A}/x.md`]: article({ ...good, tittle: "typo", date: "2024-02-30" }) } });
    const output = path.join(tempDir(), "dist");
    const run = await runBuildAsync({ output, env: { CONTENT_ROOT: root } });
    expect(run.status).toBe(1);
    // file:line:column: field: message (the front matter starts on line 2)
    expect(run.stderr).toContain(`${A}/x.md:4:1: date: "2024-02-30" is not a calendar date`);
    expect(run.stderr).toContain(`${A}/x.md:6:1: tittle: unknown key`);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(output)).toBe(false);
  });
});
