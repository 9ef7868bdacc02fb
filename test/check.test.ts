/**
 * `npm run check` through its real CLI: the same problems as `npm run build` (one pipeline),
 * one line each with file, line and column; GitHub annotations and job summary; JSON; exit codes.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentTree } from "./helpers/fixture.ts";
import { runBuildAsync } from "./helpers/build-async.ts";
import { ROOT, SAMPLE, TSX, tempDir } from "./helpers/site.ts";

const HOSTILE = path.join(ROOT, "test", "fixtures", "hostile");
const OTHER = path.join(ROOT, "test", "fixtures", "other-story");

function check(contentRoot: string, args: string[] = [], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [TSX, "scripts/check.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CONTENT_ROOT: contentRoot, ...env },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run check", () => {
  it("passes the sample with no problems", () => {
    const r = check(SAMPLE);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Content check: no problems.");
  });

  it("finds exactly what the build finds, as file:line:column: field: message, and exits 1", async () => {
    for (const name of [
      "yaml-colon-in-title",
      "duplicate-json-key-sources",
      "quote-across-paragraphs",
      "offset-99-99",
    ]) {
      const root = path.join(HOSTILE, name);
      const r = check(root);
      expect(r.status, name).toBe(1);
      const build = await runBuildAsync({ output: path.join(tempDir(), "dist"), env: { CONTENT_ROOT: root } });
      const fromBuild = build.stderr
        .split("\n")
        .filter((l) => l.startsWith("  - "))
        .map((l) => l.slice(4));
      expect(r.stdout.trim().split("\n"), name).toEqual(fromBuild);
      expect(r.stdout).toMatch(/^[^:\s]+:\d+:\d+: /);
    }
  });

  it("lists warnings as warnings and still exits 0", () => {
    const r = check(OTHER);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    for (const l of lines)
      expect(l).toMatch(/^src\/articles\/[a-z-]+\/[a-z-]+\.md: warning: is part of story "bridge-closure"/);
    expect(r.stderr).toContain("Content check: 0 errors, 3 warnings.");
  });

  it("--format github writes workflow commands and the whole list to the job summary", () => {
    const summary = path.join(tempDir(), "summary.md");
    fs.writeFileSync(summary, "");
    const r = check(path.join(HOSTILE, "yaml-colon-in-title"), ["--format", "github"], {
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(r.status).toBe(1);
    expect(r.stdout.trim()).toBe(
      '::error file=src/articles/alpha/report.md,line=2,col=15,title=title::front matter is not valid YAML: the value of title has ": " in it, so it must be in quotes: title: "Ukraine: what next for Kursk"',
    );
    const table = fs.readFileSync(summary, "utf8");
    expect(table).toContain("### Content check");
    expect(table).toContain("1 error, 0 warnings.");
    expect(table).toMatch(
      /\| error \| `src\/articles\/alpha\/report\.md` \| 2 \| 15 \| title \| front matter is not valid YAML/,
    );
    const warned = check(OTHER, ["--format", "github"]);
    expect(warned.status).toBe(0);
    expect(
      warned.stdout
        .split("\n")
        .filter(Boolean)
        .every((l) => l.startsWith("::warning file=src/articles/")),
    ).toBe(true);
  });

  it("--format json gives every problem with its fields", () => {
    const r = check(path.join(HOSTILE, "duplicate-json-key-sources"), ["--format", "json"]);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        file: "_data/sources.json",
        line: 5,
        column: 5,
        field: "[0].name",
        message: 'duplicate key "name" (also at line 4): JSON keeps only the last, so remove one',
        severity: "error",
      },
    ]);
  });

  it("answers --help, and refuses an unknown format", () => {
    const help = check(SAMPLE, ["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: npm run check");
    expect(check(SAMPLE, ["--format", "xml"]).status).toBe(2);
  });
});

describe("npm run check: one mistake, one error", () => {
  const BAD = path.join(ROOT, "test", "fixtures", "bad-input");
  // a fact grid (events and claims cite both outlets, list the other in notReportedBy) broken one file at a time:
  // the complete output is the one line, at the character that is wrong, with advice that names only known-good values
  it.each([
    [
      "sources-trailing-comma",
      '_data/sources.json:10:34: is not valid JSON: remove the trailing comma after "url": "https://beta.example" (JSON allows no comma before a closing })',
    ],
    [
      "source-entry-refused",
      '_data/sources.json:10:5: [1] (id "beta").url: expected an absolute http:// or https:// address',
    ],
    [
      "stories-trailing-comma",
      '_data/stories.json:4:25: is not valid JSON: remove the trailing comma after "title": "The story" (JSON allows no comma before a closing })',
    ],
    ["entities-not-a-list", '_data/entities.json:1:1: must be a JSON array of entity objects ([ { "id": … }, … ])'],
    [
      "yaml-colon-cascade",
      'src/articles/beta/report.md:2:13: title: front matter is not valid YAML: the value of title has ": " in it, so it must be in quotes: title: "Talks: next week"',
    ],
    [
      "folder-misspelt",
      'src/articles/bta/report.md:3:1: source: is "beta" but the file is in the folder "bta", which is not a source id: move the file to src/articles/beta/',
    ],
    [
      "quote-not-found-closest",
      '_data/events.json:8:48: [0] (id "towns-recaptured").citations[0].quote: quote not found in article "alpha/report" (src/articles/alpha/report.md): "Russia said it had recaptured nine towns"; the closest passage (line 7) reads "Russia said it had recaptured 9 towns"; where the quote has "nine", the article has "9"; copy the words exactly as the article has them',
    ],
  ])("%s", (name, line) => {
    const r = check(path.join(BAD, name));
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split("\n")).toEqual([line]);
    expect(r.stderr).toContain("Content check: 1 error, 0 warnings.");
  });

  // beta's one report, cited by a claim and listed in an event's notReportedBy, refused where it lies: the one error is the file's
  it.each<[string, (articles: string) => void, string]>([
    [
      "a file name that is no slug",
      (a) => fs.renameSync(path.join(a, "beta/report.md"), path.join(a, "beta/Report.md")),
      'src/articles/beta/Report.md: file name "Report" is not a valid slug: use lowercase letters, digits and single hyphens',
    ],
    [
      "a .txt file",
      (a) => fs.renameSync(path.join(a, "beta/report.md"), path.join(a, "beta/report.txt")),
      "src/articles/beta/report.txt: is not published: an article's file name ends in .md (rename it to report.md)",
    ],
    [
      "a subfolder",
      (a) => {
        fs.mkdirSync(path.join(a, "beta/2024"));
        fs.renameSync(path.join(a, "beta/report.md"), path.join(a, "beta/2024/report.md"));
      },
      "src/articles/beta/2024: articles must sit directly in their source folder, not in a subfolder",
    ],
    [
      "no source folder",
      (a) => {
        fs.renameSync(path.join(a, "beta/report.md"), path.join(a, "report.md"));
        fs.rmdirSync(path.join(a, "beta"));
      },
      "src/articles/report.md: is not in a source folder: articles go in src/articles/<source-id>/<slug>.md",
    ],
    [
      "a folder name that is no id",
      (a) => fs.renameSync(path.join(a, "beta"), path.join(a, "Beta")),
      'src/articles/Beta: folder name "Beta" is not a source id (lowercase letters, digits, hyphens)',
    ],
    [
      "a symlinked folder",
      (a) => {
        const outside = path.join(tempDir(), "beta");
        fs.renameSync(path.join(a, "beta"), outside);
        fs.symlinkSync(outside, path.join(a, "beta"));
      },
      "src/articles/beta: is a symbolic link: source folders must be real folders inside src/articles/ (copy the files in)",
    ],
  ])("an article refused by where it is: %s", (_name, move, line) => {
    const root = path.join(tempDir(), "tree");
    fs.cpSync(path.join(BAD, "fact-grid-baseline"), root, { recursive: true });
    move(path.join(root, "src/articles"));
    const r = check(root);
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split("\n")).toEqual([line]);
  });

  it("passes the fact grid those cases break", () => {
    const r = check(path.join(BAD, "fact-grid-baseline"));
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
  });

  it("suggests only known-good values: the source's folder, never a misspelt one", () => {
    const good = (source: string) => `---\ntitle: A report\nsource: ${source}\ndate: 2024-09-16\n---\nText.\n`;
    const lines = (files: Record<string, string>) => check(contentTree({ files })).stdout.trim().split("\n");
    // the source is right, the folder is not: move the file (never "use alpha-nwes")
    expect(lines({ "src/articles/alpha-nwes/x.md": good("alpha-news") })).toEqual([
      'src/articles/alpha-nwes/x.md:3:1: source: is "alpha-news" but the file is in the folder "alpha-nwes", which is not a source id: move the file to src/articles/alpha-news/',
    ]);
    // the folder is right, the source is not: set the folder's source
    expect(lines({ "src/articles/alpha-news/x.md": good("alpha-nwes") })).toEqual([
      'src/articles/alpha-news/x.md:3:1: source: unknown source id "alpha-nwes" (did you mean "alpha-news"?): set source: alpha-news, the source of the file\'s folder',
    ]);
    // both are known: either fix
    expect(lines({ "src/articles/alpha-news/x.md": good("beta-post") })).toEqual([
      'src/articles/alpha-news/x.md:3:1: source: is "beta-post" but the file is in the folder of "alpha-news": move it to src/articles/beta-post/ or set source: alpha-news',
    ]);
    // neither is known: the closest known source, and its folder; with none close, a new source and its folder
    expect(lines({ "src/articles/gamma/x.md": good("alpha-nws") })).toEqual([
      'src/articles/gamma/x.md:3:1: source: unknown source id "alpha-nws" (did you mean "alpha-news"?): set source: alpha-news and move the file to src/articles/alpha-news/ (known: alpha-news, beta-post)',
    ]);
    expect(lines({ "src/articles/alpha-nws/x.md": good("alpha-nws") })).toEqual([
      'src/articles/alpha-nws/x.md:3:1: source: unknown source id "alpha-nws" (did you mean "alpha-news"?): set source: alpha-news and move the file to src/articles/alpha-news/ (known: alpha-news, beta-post)',
    ]);
    // a citation's did-you-mean offers where an article is or goes once fixed, never a misspelt folder
    const cite = (article: string) =>
      JSON.stringify([{ id: "e", date: "2024-09-16", title: "E", citations: [{ article, quote: "Text." }] }]);
    expect(
      lines({
        "src/articles/alpha-news/x.md": good("alpha-news"),
        "src/articles/alpha-nwes/y.md": good("alpha-news"),
        "_data/events.json": cite("alpha-nwes/yy"),
      }),
    ).toEqual([
      'src/articles/alpha-nwes/y.md:3:1: source: is "alpha-news" but the file is in the folder "alpha-nwes", which is not a source id: move the file to src/articles/alpha-news/',
      '_data/events.json:1:58: [0] (id "e").citations[0].article: unknown article "alpha-nwes/yy" (did you mean "alpha-news/y"?): there is no src/articles/alpha-nwes/yy.md',
    ]);
    expect(lines({ "src/articles/gamma/x.md": good("delta") })).toEqual([
      'src/articles/gamma/x.md:3:1: source: unknown source id "delta": add it to _data/sources.json and move the file to src/articles/delta/ (known: alpha-news, beta-post)',
    ]);
  });
});

describe("npm run check -- --suggest", () => {
  it("lists figures and names no claim or entity covers, the same fact in two reports as one, with reports and sentences", () => {
    const root = path.join(tempDir(), "suggest");
    fs.cpSync(OTHER, root, { recursive: true });
    fs.appendFileSync(
      path.join(root, "src/articles/harbour-daily/millbrook-bridge-closed.md"),
      "\nAbout 4,000 vehicles used the bridge each day, according to Highways Scotland.\n",
    );
    fs.appendFileSync(
      path.join(root, "src/articles/valley-radio/listeners-react.md"),
      "\nMore than 4,000 vehicles crossed it daily. Nearly a dozen shops have closed early, and 30 percent of callers said they would work from home.\n",
    );
    const r = check(root, ["--suggest"]);
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toContain('Story "bridge-closure" (5 reports)');
    // one candidate for the vehicles, seen in two reports, with the value each gives
    expect(out).toMatch(
      /^ {4}vehicles: about 4,000 \(harbour-daily\); more than 4,000 \(valley-radio\) \(in 2 reports\)$/m,
    );
    expect(out).toContain(
      'harbour-daily/millbrook-bridge-closed: About 4,000 vehicles — "About 4,000 vehicles used the bridge each day, according to Highways Scotland."',
    );
    expect(out).toContain(
      'valley-radio/listeners-react: More than 4,000 vehicles — "More than 4,000 vehicles crossed it daily."',
    );
    expect(out).toMatch(/^ {4}shops: nearly 12 \(valley-radio\)$/m);
    expect(out).toMatch(/^ {4}percent of callers: 30 \(valley-radio\)$/m);
    expect(out).toMatch(/^ {4}Highways Scotland$/m);
    // what a claim already quotes, and names the entities spell, are not suggested
    expect(out).not.toMatch(/six weeks|Ada Morrow|Councillor Morrow|Millbrook bridge$/m);
    const json = JSON.parse(check(root, ["--suggest", "--format", "json", "--story", "bridge-closure"]).stdout);
    expect(json.problems).toHaveLength(3);
    expect(json.suggestions[0].story).toBe("bridge-closure");
    expect(json.suggestions[0].candidates.find((c: { text: string }) => c.text === "vehicles").seen).toHaveLength(2);
  });
});
