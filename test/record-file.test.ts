/**
 * The record files themselves: a bad record is one problem naming the file, line and field; what
 * counts as a change (white space, quote marks, dashes, paragraph breaks and page furniture do
 * not); what a change is said to be (headline, figures, paragraphs); the fate of a quote.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultPaths, loadContent } from "../src/content/pipeline.ts";
import { formatProblem, isError } from "../src/content/problems.ts";
import { ReportRecord } from "../src/content/record.ts";
import { differs, writeRecordFile } from "../src/editing/record-file.ts";
import { article, contentTree } from "./helpers/fixture.ts";

const SHA = "a".repeat(64);
const REPORT = "src/articles/alpha-news/the-report.md";
const tree = (record: string) =>
  contentTree({
    files: {
      [REPORT]: article(
        { title: "The report", source: "alpha-news", date: "2026-03-03", url: "https://alpha.example/the-report/" },
        "Twelve people died.\n",
      ),
      "record/alpha-news/the-report.json": record,
    },
  });
const problemsOf = (root: string) =>
  loadContent(defaultPaths(root), { renderHtml: false })
    .problems.filter((p) => !p.file.startsWith("_data/"))
    .map(formatProblem);

const capture = (at: string, title: string, text: string[]) => ({
  at,
  by: "recheck" as const,
  from: "https://alpha.example/the-report/",
  sha256: SHA,
  title,
  text,
});

describe("a record file is checked like the rest of the content", () => {
  it("names the file, line and field of each problem", () => {
    const root = tree(`{
  "url": "https://alpha.example/the-report/",
  "captures": [
    { "at": "2026-03-04T10:00:00Z", "by": "import", "from": "https://alpha.example/the-report/", "sha256": "${SHA}", "title": "A", "text": ["x"] },
    { "at": "2026-03-03T10:00:00Z", "by": "recheck", "from": "https://alpha.example/the-report/", "removed": "HTTP 410", "text": ["y"] },
    { "at": "2026-03-05T10:00:00Z", "by": "robot", "from": "https://alpha.example/the-report/", "title": "B" }
  ],
  "check": "2026-03-05"
}
`);
    const problems = problemsOf(root);
    const file = "record/alpha-news/the-report.json";
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(`^${file}:5:\\d+: captures\\[1\\]\\.text: a capture of a removed original has no text`),
      ),
      expect.stringMatching(
        new RegExp(`^${file}:6:\\d+: captures\\[2\\]\\.by: expected one of import, saved-page, discover, recheck`),
      ),
      `${file}:8:3: check: unknown key (a typo?); allowed keys: url, checked, captures`,
    ]);
    // once each capture is valid, their order is checked
    const unordered = tree(`{
  "url": "https://alpha.example/the-report/",
  "captures": [
    { "at": "2026-03-04T10:00:00Z", "by": "import", "from": "https://alpha.example/the-report/", "title": "A", "text": ["x"] },
    { "at": "2026-03-03T10:00:00Z", "by": "recheck", "from": "https://alpha.example/the-report/", "title": "B" }
  ]
}
`);
    expect(problemsOf(unordered)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${file}:5:\\d+: captures\\[1\\]\\.text: is required \\(or \`removed\`, for an original that is gone\\)`,
        ),
      ),
      expect.stringMatching(/:5:7: captures\[1\]\.at: is before the capture above it/),
    ]);
    const ordered = tree(`{
  "url": "https://alpha.example/the-report/",
  "captures": [
    { "at": "2026-03-04T10:00:00Z", "by": "import", "from": "https://alpha.example/the-report/", "title": "A", "text": ["x"] },
    { "at": "2026-03-03T10:00:00Z", "by": "recheck", "from": "https://alpha.example/the-report/", "removed": "HTTP 410" }
  ]
}
`);
    expect(problemsOf(ordered)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${file}:5:\\d+: captures\\[1\\]\\.at: is before the capture above it \\(2026-03-04T10:00:00Z\\): captures are kept oldest first`,
        ),
      ),
    ]);
    const { content, problems: all } = loadContent(defaultPaths(root), { renderHtml: false });
    expect(content).toBeUndefined();
    expect(all.filter(isError).length).toBe(problems.length);
  });

  it("a JSON syntax error is one line with its position; a record of no report is a warning", () => {
    const root = tree('{ "url": "https://alpha.example/the-report/", }\n');
    expect(problemsOf(root)).toEqual([
      expect.stringMatching(/^record\/alpha-news\/the-report\.json:1:45: is not valid JSON: remove the trailing comma/),
    ]);
    const orphan = tree(
      JSON.stringify({ url: "https://alpha.example/x/", captures: [capture("2026-03-03T10:00:00Z", "A", ["x"])] }),
    );
    fs.renameSync(
      path.join(orphan, "record/alpha-news/the-report.json"),
      path.join(orphan, "record/alpha-news/gone.json"),
    );
    const { content, problems } = loadContent(defaultPaths(orphan), { renderHtml: false });
    expect(content).toBeDefined();
    expect(problems.find((p) => p.file.startsWith("record/"))?.severity).toBe("warning");
    expect(problems.filter((p) => p.file.startsWith("record/")).map(formatProblem)).toEqual([
      "record/alpha-news/gone.json: a record of no report (src/articles/alpha-news/gone.md is not there): delete it with its report",
    ]);
  });

  it("writes keys in a fixed order, one paragraph per line, and reads back what it wrote", () => {
    const root = tree("{}");
    const data = {
      url: "https://alpha.example/the-report/",
      checked: "2026-03-04",
      captures: [capture("2026-03-03T10:00:00Z", "The report", ["Twelve people died.", "More."])],
    };
    writeRecordFile(defaultPaths(root), "alpha-news/the-report", data);
    const text = fs.readFileSync(path.join(root, "record/alpha-news/the-report.json"), "utf8");
    expect(text.split("\n").slice(0, 4)).toEqual([
      "{",
      '  "url": "https://alpha.example/the-report/",',
      '  "checked": "2026-03-04",',
      '  "captures": [',
    ]);
    expect(text).toContain('        "Twelve people died.",\n');
    const { content, problems } = loadContent(defaultPaths(root), { renderHtml: false });
    expect(problems.filter(isError)).toEqual([]);
    const record = content!.articleByKey.get("alpha-news/the-report")!.record!;
    expect(record.first).toEqual({
      at: "2026-03-03T10:00:00Z",
      by: "recheck",
      from: "https://alpha.example/the-report/",
      sha256: SHA,
    });
    expect(record.versions.map((v) => v.title)).toEqual(["The report"]);
  });
});

describe("what counts as a change", () => {
  const v1 = {
    title: "Toll rises to 12",
    text: ["Twelve people died on Monday.", "“We are searching,” he said — still."],
  };
  it("white space, quote marks, dashes, paragraph breaks and furniture are not", () => {
    expect(
      differs(v1, {
        title: " Toll  rises to 12 ",
        text: ["Twelve people\ndied on Monday.", '"We are searching," he said - still.'],
      }),
    ).toBe(false);
    expect(differs(v1, { ...v1, text: ["Twelve people died on Monday. “We are searching,” he said — still."] })).toBe(
      false,
    );
    expect(
      differs(v1, {
        ...v1,
        text: [...v1.text, "Share this article", "Reporting by Ann Reporter; Editing by Bob Editor"],
      }),
    ).toBe(false);
  });
  it("a word, a figure or the headline is", () => {
    expect(differs(v1, { ...v1, title: "Toll rises to 15" })).toBe(true);
    expect(differs(v1, { ...v1, text: ["Fifteen people died on Monday.", v1.text[1]!] })).toBe(true);
    expect(differs(v1, { ...v1, text: [v1.text[0]!] })).toBe(true);
  });
});

describe("what readers are told a change was", () => {
  const record = (captures: ReturnType<typeof capture>[] | object[]) =>
    new ReportRecord("alpha-news/the-report", "record/alpha-news/the-report.json", {
      url: "https://alpha.example/the-report/",
      captures: captures as never,
    });
  it("figures, paragraphs removed, added and rewritten; a quote no capture held is not marked", () => {
    const r = record([
      capture("2026-03-03T10:00:00Z", "Toll rises to 12", [
        "At least 12 people died, officials said.",
        "The mayor asked for help.",
        "Roads are shut.",
      ]),
      capture("2026-03-04T09:12:00Z", "Toll rises to 12", [
        "At least 15 people died, officials said on Tuesday.",
        "Roads are shut.",
        "A second dam is being watched by engineers from the capital.",
      ]),
    ]);
    expect(r.changes).toEqual([
      expect.objectContaining({
        kind: "changed",
        version: 2,
        headline: undefined,
        figures: [{ before: "12", after: "15" }],
        removed: ["The mayor asked for help."],
        added: ["A second dam is being watched by engineers from the capital."],
        rewritten: 1,
      }),
    ]);
    expect(r.diffs[0]!.blocks.map((b) => b.kind)).toEqual(["changed", "removed", "same", "added"]);
    expect(r.quoteFate("The mayor asked for help")).toEqual({ kind: "changed", at: "2026-03-04T09:12:00Z" });
    expect(r.quoteFate("Roads are shut")).toBeUndefined();
    // words the editor's copy has and no capture ever had: nothing to say
    expect(r.quoteFate("words only our copy has")).toBeUndefined();
  });
  it("a figure is a whole number (12,000 → 15,000, 3.5 → 3.8), named once though the headline repeats it", () => {
    const r = record([
      capture("2026-03-03T10:00:00Z", "12,000 flee the floods", ["About 12,000 people fled and 3.5 million were hit."]),
      capture("2026-03-04T10:00:00Z", "15,000 flee the floods", ["About 15,000 people fled and 3.8 million were hit."]),
    ]);
    expect(r.changes[0]!.figures).toEqual([
      { before: "12,000", after: "15,000" },
      { before: "3.5", after: "3.8" },
    ]);
    expect(r.diffs[0]!.blocks[0]!.parts).toEqual([
      { op: "same", text: "About " },
      { op: "del", text: "12,000" },
      { op: "ins", text: "15,000" },
      { op: "same", text: " people fled and " },
      { op: "del", text: "3.5" },
      { op: "ins", text: "3.8" },
      { op: "same", text: " million were hit." },
    ]);
  });
  it("Chinese and Japanese, without spaces, differ by character", () => {
    const r = record([
      capture("2026-03-03T10:00:00Z", "東京で地震", ["東京都で12人が死亡した。"]),
      capture("2026-03-04T10:00:00Z", "東京で大地震", ["東京都で15人が死亡した。"]),
    ]);
    expect(r.diffs[0]!.title).toEqual([
      { op: "same", text: "東京で" },
      { op: "ins", text: "大" },
      { op: "same", text: "地震" },
    ]);
    expect(r.changes[0]!.figures).toEqual([{ before: "12", after: "15" }]);
  });
  it("a removal seen twice is one; a page back after it is restored", () => {
    const gone = (at: string) => ({
      at,
      by: "recheck",
      from: "https://alpha.example/the-report/",
      removed: "HTTP 404",
    });
    const r = record([
      capture("2026-03-03T10:00:00Z", "A", ["x y z"]),
      gone("2026-03-04T10:00:00Z"),
      gone("2026-03-05T10:00:00Z"),
    ]);
    expect(r.changes.map((c) => c.kind)).toEqual(["removed"]);
    expect(r.removed?.at).toBe("2026-03-04T10:00:00Z");
    const back = record([
      capture("2026-03-03T10:00:00Z", "A", ["x y z"]),
      gone("2026-03-04T10:00:00Z"),
      capture("2026-03-06T10:00:00Z", "A", ["x y z"]),
    ]);
    expect(back.changes.map((c) => c.kind)).toEqual(["removed", "restored"]);
    expect(back.removed).toBeUndefined();
  });
});
