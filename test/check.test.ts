/**
 * `npm run check` through its real CLI: the same problems as `npm run build` (one pipeline),
 * one line each with file, line and column; GitHub annotations and job summary; JSON; exit codes.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, SAMPLE, TSX, runBuild, tempDir } from "./helpers/site.ts";

const HOSTILE = path.join(ROOT, "test", "fixtures", "hostile");
const OTHER = path.join(ROOT, "test", "fixtures", "other-story");

function check(contentRoot: string, args: string[] = [], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [TSX, "scripts/check.ts", ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, CONTENT_ROOT: contentRoot, ...env }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run check", () => {
  it("passes the sample with no problems", () => {
    const r = check(SAMPLE);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Content check: no problems.");
  });

  it("finds exactly what the build finds, as file:line:column: field: message, and exits 1", () => {
    for (const name of ["yaml-colon-in-title", "duplicate-json-key-sources", "quote-across-paragraphs", "offset-99-99"]) {
      const root = path.join(HOSTILE, name);
      const r = check(root);
      expect(r.status, name).toBe(1);
      const build = runBuild({ output: path.join(tempDir(), "dist"), env: { CONTENT_ROOT: root } });
      const fromBuild = build.stderr.split("\n").filter((l) => l.startsWith("  - ")).map((l) => l.slice(4));
      expect(r.stdout.trim().split("\n"), name).toEqual(fromBuild);
      expect(r.stdout).toMatch(/^[^:\s]+:\d+:\d+: /);
    }
  });

  it("lists warnings as warnings and still exits 0", () => {
    const r = check(OTHER);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(/^src\/articles\/[a-z-]+\/[a-z-]+\.md: warning: is part of story "bridge-closure"/);
    expect(r.stderr).toContain("Content check: 0 errors, 3 warnings.");
  });

  it("--format github writes workflow commands and the whole list to the job summary", () => {
    const summary = path.join(tempDir(), "summary.md");
    fs.writeFileSync(summary, "");
    const r = check(path.join(HOSTILE, "yaml-colon-in-title"), ["--format", "github"], { GITHUB_STEP_SUMMARY: summary });
    expect(r.status).toBe(1);
    expect(r.stdout.trim()).toBe(
      '::error file=src/articles/alpha/report.md,line=2,col=15,title=title::front matter is not valid YAML: the value of title has ": " in it, so it must be in quotes: title: "Ukraine: what next for Kursk"',
    );
    const table = fs.readFileSync(summary, "utf8");
    expect(table).toContain("### Content check");
    expect(table).toContain("1 error, 0 warnings.");
    expect(table).toMatch(/\| error \| `src\/articles\/alpha\/report\.md` \| 2 \| 15 \| title \| front matter is not valid YAML/);
    const warned = check(OTHER, ["--format", "github"]);
    expect(warned.status).toBe(0);
    expect(warned.stdout.split("\n").filter(Boolean).every((l) => l.startsWith("::warning file=src/articles/"))).toBe(true);
  });

  it("--format json gives every problem with its fields", () => {
    const r = check(path.join(HOSTILE, "duplicate-json-key-sources"), ["--format", "json"]);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([
      { file: "_data/sources.json", line: 5, column: 5, field: "[0].name", message: 'duplicate key "name" (also at line 4): JSON keeps only the last, so remove one', severity: "error" },
    ]);
  });

  it("answers --help, and refuses an unknown format", () => {
    const help = check(SAMPLE, ["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: npm run check");
    expect(check(SAMPLE, ["--format", "xml"]).status).toBe(2);
  });
});

describe("npm run check -- --suggest", () => {
  it("lists figures and names no claim or entity covers, the same figure in two reports as one, with reports and sentences", () => {
    const root = path.join(tempDir(), "suggest");
    fs.cpSync(OTHER, root, { recursive: true });
    fs.appendFileSync(path.join(root, "src/articles/harbour-daily/millbrook-bridge-closed.md"), "\nAbout 4,000 vehicles used the bridge each day, according to Highways Scotland.\n");
    fs.appendFileSync(path.join(root, "src/articles/valley-radio/listeners-react.md"), "\nMore than 4,000 vehicles crossed it daily. Nearly a dozen shops have closed early, and 30 percent of callers said they would work from home.\n");
    const r = check(root, ["--suggest"]);
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toContain('Story "bridge-closure" (5 reports)');
    // one candidate for 4,000 vehicles, seen in two reports
    expect(out).toMatch(/^ {4}About 4,000 vehicles \(in 2 reports\)$/m);
    expect(out).toContain('harbour-daily/millbrook-bridge-closed: "About 4,000 vehicles used the bridge each day, according to Highways Scotland."');
    expect(out).toContain('valley-radio/listeners-react: "More than 4,000 vehicles crossed it daily."');
    expect(out).toMatch(/^ {4}Nearly a dozen shops$/m);
    expect(out).toMatch(/^ {4}30 percent$/m);
    expect(out).toMatch(/^ {4}Highways Scotland$/m);
    // what a claim already quotes, and names the entities spell, are not suggested
    expect(out).not.toMatch(/six weeks|Ada Morrow|Councillor Morrow|Millbrook bridge$/m);
    const json = JSON.parse(check(root, ["--suggest", "--format", "json", "--story", "bridge-closure"]).stdout);
    expect(json.problems).toHaveLength(3);
    expect(json.suggestions[0].story).toBe("bridge-closure");
    expect(json.suggestions[0].candidates.find((c: { text: string }) => c.text === "About 4,000 vehicles").seen).toHaveLength(2);
  });
});
