/**
 * The record of each report as `npm run check` sees it: the figures per outlet
 * (src/content/record-coverage.ts) counted from record files the test writes, `npm run check --
 * --record` through its real CLI (text, JSON, GitHub job summary), the `archive` check
 * (src/content/archive-address.ts) through the pipeline with file, line, column and field, and the
 * recheck workflow.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readArchiveAddress } from "../src/content/archive-address.ts";
import { defaultPaths, loadContent } from "../src/content/pipeline.ts";
import { formatProblem } from "../src/content/problems.ts";
import { coverageMarkdown, coverageText, recordCoverage } from "../src/content/record-coverage.ts";
import { article, contentTree, SOURCES } from "./helpers/fixture.ts";
import { ROOT, TSX, tempDir } from "./helpers/site.ts";

const SHA = "a".repeat(64);

/** The day `n` days before `today` (UTC). */
function daysBefore(today: string, n: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}

const at = (day: string) => `${day}T09:00:00.000Z`;

function version(day: string, by: string, title: string, text: string[]) {
  return { at: at(day), by, from: "https://alpha.example/x", sha256: SHA, title, text };
}
const removal = (day: string, why = "HTTP 410") => ({
  at: at(day),
  by: "recheck",
  from: "https://alpha.example/x",
  removed: why,
});

const TEXT = ["The bridge was closed on Monday.", "Engineers found 2 cracks."];

/**
 * Seven reports of two outlets, their records dated from `today`:
 *   alpha-news: a1 captured, checked 5 days ago; a2 changed by the outlet (new headline and a
 *   figure), last checked 35 days ago; a3 with a url but no record; a4 without a url; a5 a draft
 *   with a record (not counted).
 *   beta-post: b1 removed 1 day ago; b2 removed, then back in the same words (not a change),
 *   checked 20 days ago through its last capture only.
 */
function recordTree(today: string): string {
  const report = (source: string, slug: string, front: Record<string, unknown> = {}) => ({
    [`src/articles/${source}/${slug}.md`]: article(
      Object.fromEntries(
        Object.entries({
          title: `Report ${slug}`,
          source,
          date: "2024-09-16",
          url: `https://${source}.example/${slug}`,
          ...front,
        }).filter(([, v]) => v !== undefined),
      ),
    ),
  });
  const record = (source: string, slug: string, data: Record<string, unknown>) => ({
    [`record/${source}/${slug}.json`]: JSON.stringify({ url: `https://${source}.example/${slug}`, ...data }, null, 2),
  });
  const first = daysBefore(today, 400);
  return contentTree({
    files: {
      ...report("alpha-news", "a1"),
      ...record("alpha-news", "a1", {
        checked: daysBefore(today, 5),
        captures: [version(first, "import", "Bridge closed", TEXT)],
      }),
      ...report("alpha-news", "a2"),
      ...record("alpha-news", "a2", {
        checked: daysBefore(today, 35),
        captures: [
          version(first, "discover", "Bridge closed", TEXT),
          version(daysBefore(today, 35), "recheck", "Bridge closed for weeks", [TEXT[0]!, "Engineers found 3 cracks."]),
        ],
      }),
      ...report("alpha-news", "a3"),
      ...report("alpha-news", "a4", { url: undefined }),
      ...report("alpha-news", "a5", { draft: true }),
      ...record("alpha-news", "a5", {
        checked: daysBefore(today, 1),
        captures: [version(first, "discover", "Draft", TEXT)],
      }),
      ...report("beta-post", "b1"),
      ...record("beta-post", "b1", {
        checked: daysBefore(today, 1),
        captures: [version(first, "import", "Bridge closed", TEXT), removal(daysBefore(today, 1))],
      }),
      ...report("beta-post", "b2"),
      ...record("beta-post", "b2", {
        captures: [
          version(first, "saved-page", "Bridge closed", TEXT),
          removal(daysBefore(today, 60), "redirected to the home page"),
          version(daysBefore(today, 20), "recheck", "Bridge closed", TEXT),
        ],
      }),
    },
  });
}

function load(root: string) {
  const { content, problems } = loadContent(defaultPaths(root), { renderHtml: false });
  return { content, problems: problems.map(formatProblem) };
}

describe("the record's figures per outlet (record-coverage.ts)", () => {
  const TODAY = "2026-12-06";
  const root = recordTree(TODAY);

  it("counts published reports from the record files: captured, rechecked lately, changed, removed, coverage", () => {
    const { content, problems } = load(root);
    expect(problems).toEqual([]);
    const c = recordCoverage(content!.articles, { today: TODAY, days: 30 });
    expect(c).toEqual({
      today: TODAY,
      days: 30,
      sources: [
        {
          source: "alpha-news",
          reports: 4,
          withUrl: 3,
          captured: 2,
          rechecked: 1,
          changed: 1,
          removed: 0,
          coverage: 50,
        },
        {
          source: "beta-post",
          reports: 2,
          withUrl: 2,
          captured: 2,
          rechecked: 2,
          changed: 0,
          removed: 1,
          coverage: 100,
        },
      ],
      total: { reports: 6, withUrl: 5, captured: 4, rechecked: 3, changed: 1, removed: 1, coverage: 66.6 },
    });
  });

  it("'rechecked' looks back the days asked for, today included", () => {
    const { content } = load(root);
    const rechecked = (days: number, today = TODAY) =>
      recordCoverage(content!.articles, { today, days }).total.rechecked;
    expect(rechecked(1)).toBe(0);
    expect(rechecked(2)).toBe(1); // b1, checked yesterday
    expect(rechecked(6)).toBe(2); // and a1, 5 days ago
    expect(rechecked(21)).toBe(3); // and b2, whose last capture was 20 days ago
    expect(rechecked(35)).toBe(3);
    expect(rechecked(36)).toBe(4); // and a2, 35 days ago
    // a later today: the same checks are older
    expect(rechecked(30, "2027-01-06")).toBe(0);
    expect(() => recordCoverage(content!.articles, { today: "06/12/2026", days: 30 })).toThrow(/not a day/);
    expect(() => recordCoverage(content!.articles, { today: TODAY, days: 0 })).toThrow(/whole number/);
  });

  it("a site without records: every report counted, none captured; no reports: no coverage", () => {
    const bare = contentTree({
      files: { "src/articles/alpha-news/x.md": article({ title: "X", source: "alpha-news", date: "2024-09-16" }) },
    });
    const { content } = load(bare);
    const c = recordCoverage(content!.articles, { today: TODAY, days: 30 });
    expect(c.total).toEqual({ reports: 1, withUrl: 0, captured: 0, rechecked: 0, changed: 0, removed: 0, coverage: 0 });
    expect(recordCoverage([], { today: TODAY, days: 30 }).total.coverage).toBeNull();
    expect(coverageText(recordCoverage([], { today: TODAY, days: 30 }))).toMatch(/^total +0 +0 +0 +0 +0 +0 +–$/m);
  });

  it("prints an aligned table and the same figures in Markdown", () => {
    const { content } = load(root);
    const c = recordCoverage(content!.articles, { today: TODAY, days: 30 });
    expect(coverageText(c).split("\n")).toEqual([
      "The record of each report: published reports, rechecked on one of the last 30 days to 2026-12-06 (UTC):",
      "source      reports  with url  captured  rechecked  changed  removed  coverage",
      "alpha-news        4         3         2          1        1        0    50.0 %",
      "beta-post         2         2         2          2        0        1   100.0 %",
      "total             6         5         4          3        1        1    66.6 %",
    ]);
    const md = coverageMarkdown(c);
    expect(md).toContain("| source | reports | with url | captured | rechecked | changed | removed | coverage |");
    expect(md).toContain("| alpha-news | 4 | 3 | 2 | 1 | 1 | 0 | 50.0 % |");
    expect(md).toContain("| **total** | **6** | **5** | **4** | **3** | **1** | **1** | **66.6 %** |");
  });
});

function check(contentRoot: string, args: string[] = [], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [TSX, "scripts/check.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CONTENT_ROOT: contentRoot, GITHUB_STEP_SUMMARY: "", ...env },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run check -- --record", () => {
  // dated from the real today: the CLI counts to the day it runs
  const today = new Date().toISOString().slice(0, 10);
  const root = recordTree(today);

  it("prints the figures per outlet after the problems, from the record files", () => {
    const r = check(root, ["--record"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual([
      `The record of each report: published reports, rechecked on one of the last 30 days to ${today} (UTC):`,
      "source      reports  with url  captured  rechecked  changed  removed  coverage",
      "alpha-news        4         3         2          1        1        0    50.0 %",
      "beta-post         2         2         2          2        0        1   100.0 %",
      "total             6         5         4          3        1        1    66.6 %",
    ]);
    expect(r.stderr).toContain("Content check: no problems.");
    // --days: a2's check 35 days ago counts within 40 days
    expect(check(root, ["--record", "--days", "40"]).stdout).toMatch(/^total +6 +5 +4 +4 +1 +1 +66\.6 %$/m);
    // a record written afterwards is counted: nothing is remembered between runs
    fs.writeFileSync(
      path.join(root, "record/alpha-news/a3.json"),
      JSON.stringify({ url: "https://alpha-news.example/a3", captures: [version("2024-09-16", "import", "A3", TEXT)] }),
    );
    expect(check(root, ["--record"]).stdout).toMatch(/^alpha-news +4 +3 +3 +1 +1 +0 +75\.0 %$/m);
    fs.rmSync(path.join(root, "record/alpha-news/a3.json"));
  });

  it("without --record: the figures in text whenever the content keeps a record; JSON is the problems only", () => {
    const r = check(root);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^total +6 +5 +4 +3 +1 +1 +66\.6 %$/m);
    expect(check(root, ["--days", "40"]).stdout).toMatch(/^total +6 +5 +4 +4 +1 +1 +66\.6 %$/m);
    expect(JSON.parse(check(root, ["--format", "json"]).stdout)).toEqual([]);
    // a site without a record prints what it always printed
    const none = recordTree(today);
    fs.rmSync(path.join(none, "record"), { recursive: true });
    expect(check(none).stdout).toBe("");
  });

  it("--format json gives one object: the problems and the figures", () => {
    const r = check(root, ["--record", "--format", "json"]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.problems).toEqual([]);
    expect(json.record).toMatchObject({ today, days: 30 });
    expect(json.record.sources.map((s: { source: string }) => s.source)).toEqual(["alpha-news", "beta-post"]);
    expect(json.record.total).toEqual({
      reports: 6,
      withUrl: 5,
      captured: 4,
      rechecked: 3,
      changed: 1,
      removed: 1,
      coverage: 66.6,
    });
  });

  it("--format github also writes the figures to the job summary", () => {
    const summary = path.join(tempDir(), "summary.md");
    fs.writeFileSync(summary, "");
    const r = check(root, ["--record", "--format", "github"], { GITHUB_STEP_SUMMARY: summary });
    expect(r.status).toBe(0);
    const md = fs.readFileSync(summary, "utf8");
    expect(md).toContain("### Content check");
    expect(md).toContain("| beta-post | 2 | 2 | 2 | 2 | 0 | 1 | 100.0 % |");
  });

  it("with an error: the problem, exit 1, and nothing counted (JSON: record null)", () => {
    const broken = path.join(tempDir(), "broken");
    fs.cpSync(root, broken, { recursive: true });
    fs.writeFileSync(path.join(broken, "record/beta-post/b1.json"), '{ "url": "https://beta-post.example/b1" }');
    const r = check(broken, ["--record"]);
    expect(r.status).toBe(1);
    expect(r.stdout.trim()).toBe("record/beta-post/b1.json:1:1: captures: is required");
    expect(r.stderr).toContain("The record of each report is not counted: the content has errors (above).");
    const json = JSON.parse(check(broken, ["--record", "--format", "json"]).stdout);
    expect(json.problems).toHaveLength(1);
    expect(json.record).toBeNull();
  });

  it("refuses a --days that is no number of days", () => {
    for (const args of [
      ["--record", "--days", "0"],
      ["--record", "--days", "x"],
      ["--days", "1.5"],
    ]) {
      const r = check(root, args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/--days/);
    }
    expect(check(root, ["--help"]).stdout).toContain("--record");
  });
});

describe("the archive check (archive-address.ts)", () => {
  it("reads the services' addresses: the original where the address names it, the service where it does not", () => {
    expect(readArchiveAddress("https://web.archive.org/web/20240916100000/https://alpha.example/a?id=1")).toEqual({
      service: "web.archive.org",
      original: "https://alpha.example/a?id=1",
    });
    expect(readArchiveAddress("https://web.archive.org/web/20240916100000id_/alpha.example/a")).toEqual({
      service: "web.archive.org",
      original: "http://alpha.example/a",
    });
    expect(readArchiveAddress("http://archive.org/web/20240916100000/https:/alpha.example/a")).toEqual({
      service: "web.archive.org",
      original: "https://alpha.example/a",
    });
    expect(readArchiveAddress("https://archive.ph/20240916100000/https://alpha.example/a")).toEqual({
      service: "archive.ph",
      original: "https://alpha.example/a",
    });
    expect(readArchiveAddress("https://archive.is/2024.09.16-100000/https://alpha.example/a")).toMatchObject({
      original: "https://alpha.example/a",
    });
    expect(readArchiveAddress("https://archive.ph/AbCd1")).toEqual({ service: "archive.ph" });
    expect(readArchiveAddress("https://archive.today/wIpXb")).toEqual({ service: "archive.today" });
    expect(readArchiveAddress("https://perma.cc/ABC1-2DEF")).toEqual({ service: "perma.cc" });
    expect(readArchiveAddress("https://ghostarchive.org/archive/Xy12z")).toEqual({ service: "ghostarchive.org" });
    for (const bad of [
      "https://archive.example/copy",
      "https://alpha.example/a",
      "https://web.archive.org/web/2024/https://alpha.example/a",
      "https://web.archive.org/web/*/https://alpha.example/a",
      "https://perma.cc/about",
      "https://archive.ph/newest/https://alpha.example/a",
    ])
      expect(readArchiveAddress(bad), bad).toHaveProperty("problem");
  });

  /** One article with this `archive` (and `url`, unless null), through the pipeline: its problems. */
  function archiveProblems(archive: string, url: string | null = "https://www.alpha.example/2024/09/16/report/") {
    const front = [
      'title: "A report"',
      "source: alpha-news",
      "date: 2024-09-16",
      ...(url ? [`url: "${url}"`] : []),
      `archive: "${archive}"`,
    ].join("\n");
    return load(contentTree({ sources: [SOURCES[0]], files: { "src/articles/alpha-news/report.md": article(front) } }))
      .problems;
  }

  it("accepts a copy of the article's own url, in any spelling of it, and the short forms", () => {
    for (const archive of [
      "https://web.archive.org/web/20240916100000/https://www.alpha.example/2024/09/16/report/",
      "https://web.archive.org/web/20240916100000/http://alpha.example/2024/09/16/report?utm_source=x",
      "https://archive.ph/20240916100000/https://alpha.example/2024/09/16/report/",
      "https://archive.ph/AbCd1",
      "https://perma.cc/ABC1-2DEF",
      "https://ghostarchive.org/archive/Xy12z",
    ])
      expect(archiveProblems(archive), archive).toEqual([]);
    // a short form names no original: an article without a url may have one
    expect(archiveProblems("https://perma.cc/ABC1-2DEF", null)).toEqual([]);
  });

  it("refuses an address of no archive service, naming the file, line, column and field", () => {
    expect(archiveProblems("https://archive.example/copy")).toEqual([
      "src/articles/alpha-news/report.md:6:1: archive: is not an archive service's address (web.archive.org, archive.today (archive.ph, archive.is …), perma.cc, ghostarchive.org)",
    ]);
    expect(archiveProblems("https://web.archive.org/web/*/https://alpha.example/")).toEqual([
      "src/articles/alpha-news/report.md:6:1: archive: is not the address of one copy on the Wayback Machine: expected https://web.archive.org/web/<14-digit timestamp>/<the original's address>",
    ]);
    expect(archiveProblems("not an address")).toEqual([
      "src/articles/alpha-news/report.md:6:1: archive: expected an absolute http:// or https:// address",
    ]);
  });

  it("refuses a copy of another original, naming both; and one whose article gives no url", () => {
    expect(
      archiveProblems("https://web.archive.org/web/20240916100000/https://alpha.example/2024/09/16/other/"),
    ).toEqual([
      "src/articles/alpha-news/report.md:6:1: archive: is an archived copy of https://alpha.example/2024/09/16/other/, not of the article's url https://www.alpha.example/2024/09/16/report/: archive the report at its url, or correct one of the two",
    ]);
    expect(archiveProblems("https://archive.ph/20240916100000/https://beta.example/x")).toEqual([
      "src/articles/alpha-news/report.md:6:1: archive: is an archived copy of https://beta.example/x, not of the article's url https://www.alpha.example/2024/09/16/report/: archive the report at its url, or correct one of the two",
    ]);
    expect(archiveProblems("https://web.archive.org/web/20240916100000/https://alpha.example/r", null)).toEqual([
      "src/articles/alpha-news/report.md:5:1: archive: is an archived copy of https://alpha.example/r, and the article has no url: give the original's address, url: https://alpha.example/r",
    ]);
  });

  it("the sample articles and fixtures with an archive pass it", () => {
    for (const root of [ROOT, path.join(ROOT, "test/fixtures/sample"), path.join(ROOT, "test/fixtures/xss")])
      expect(load(root).problems.filter((p) => /: archive: /.test(p))).toEqual([]);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: the parsed workflow YAML, walked freely by assertions (a wrong path fails the test)
type Json = Record<string, any>;

describe(".github/workflows/recheck.yml", () => {
  const workflow = parse(fs.readFileSync(path.join(ROOT, ".github/workflows/recheck.yml"), "utf8")) as Json;
  const steps = Object.values(workflow.jobs as Record<string, Json>).flatMap((job) => job.steps as Json[]);

  it("runs daily and by hand, with only the permissions it needs", () => {
    expect(workflow.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d{1,2} \d{1,2} \* \* \*$/) }]);
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    expect(workflow.permissions).toEqual({ contents: "write", "pull-requests": "write" });
  });

  it("installs, rechecks, checks, and opens or updates one pull request with the record and the table as its body", () => {
    const runs = steps.filter((s) => s.run).map((s) => String(s.run).trim());
    expect(runs[0]).toMatch(/^npm ci\b/);
    expect(runs.some((r) => /^npm run recheck -- --table \S+/.test(r))).toBe(true);
    expect(runs.findIndex((r) => r.startsWith("npm run check"))).toBeGreaterThan(
      runs.findIndex((r) => r.startsWith("npm run recheck")),
    );
    const uses = steps.map((s) => s.uses).filter(Boolean);
    expect(uses[0]).toBe("actions/checkout@v6");
    expect(uses).toContain("actions/setup-node@v6");
    const pr = steps.find((s) => String(s.uses).startsWith("peter-evans/create-pull-request@"));
    expect(pr?.uses).toBe("peter-evans/create-pull-request@v7");
    expect(pr?.with).toMatchObject({ branch: "recheck/record", "body-path": expect.any(String) });
    expect(String(pr?.with["add-paths"]).trim().split("\n")).toEqual(["record/**"]);
    const table = /--table (\S+)/.exec(runs.find((r) => r.startsWith("npm run recheck"))!)![1];
    expect(pr?.with["body-path"]).toBe(table);
    expect(steps.find((s) => s.uses?.startsWith("actions/setup-node"))?.with?.["node-version"]).toBe(22);
  });

  it("discover's pull request carries the records of its drafts too", () => {
    const discover = parse(fs.readFileSync(path.join(ROOT, ".github/workflows/discover.yml"), "utf8")) as Json;
    const pr = Object.values(discover.jobs as Record<string, Json>)
      .flatMap((job) => job.steps as Json[])
      .find((s) => String(s.uses).startsWith("peter-evans/create-pull-request@"));
    expect(String(pr?.with["add-paths"])).toContain("record/**");
  });
});
