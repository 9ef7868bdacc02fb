/**
 * What the commands print from content (issue 26): a quote or a key crafted to emit GitHub
 * workflow commands (`::add-mask::`, `::warning::`) in a CI log is printed on one line with its
 * line breaks escaped, by `npm run check` in every format and by `npm run build`; one missing
 * comma is one problem; classic Mac line endings give the right lines. In-process checks of the
 * same classes: test/lies.test.ts.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBuildAsync } from "./helpers/build-async.ts";
import { article, contentTree } from "./helpers/fixture.ts";
import { ROOT, TSX, tempDir } from "./helpers/site.ts";

function check(contentRoot: string, args: string[] = []) {
  const r = spawnSync(process.execPath, [TSX, "scripts/check.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CONTENT_ROOT: contentRoot, GITHUB_STEP_SUMMARY: "" },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Lines as a CI runner splits them (any of LF, CRLF, CR). */
const lines = (s: string) => s.split(/\r\n|\r|\n/);
/** The lines a runner would read as workflow commands. */
const commands = (s: string) => lines(s).filter((l) => /^\s*::/.test(l));

const QUOTE = "said\n::add-mask::secret";
/** A tree whose claim quotes crafted words and whose article has a crafted key: two problems. */
function crafted(): string {
  return contentTree({
    files: {
      "src/articles/alpha-news/report.md": article(
        "title: A report\nsource: alpha-news\ndate: 2024-09-16\nstory: the-story",
        "Officials said on Monday that talks would begin.\n",
      ),
      "src/articles/beta-post/report.md": article(
        `title: A report\nsource: beta-post\ndate: 2024-09-16\nstory: the-story\n"\\r::warning::x": 1`,
      ),
      "_data/claims.json": JSON.stringify([
        {
          id: "talks",
          story: "the-story",
          label: "Talks",
          citations: [{ article: "alpha-news/report", quote: QUOTE }],
        },
      ]),
    },
  });
}

describe("content printed by the commands", () => {
  const root = crafted();

  it("npm run check: one line per problem, escaped, and no line a runner reads as a command", () => {
    const r = check(root);
    expect(r.status).toBe(1);
    expect(commands(r.stdout + r.stderr)).toEqual([]);
    expect(lines(r.stdout.trim())).toHaveLength(2);
    expect(r.stdout).toContain('"said\\n::add-mask::secret"');
    expect(r.stdout).toMatch(/beta-post\/report\.md:6:1: \\r::warning::x: unknown key/);
  });

  it("--format github: only its own annotations start with ::, the content escaped inside them", () => {
    const r = check(root, ["--format", "github"]);
    expect(r.status).toBe(1);
    const own = commands(r.stdout);
    expect(own).toHaveLength(2);
    for (const l of own) expect(l).toMatch(/^::error file=[^:]+(,line=\d+)?(,col=\d+)?,title=[^:]*::/);
    expect(commands(r.stdout).some((l) => /::(add-mask|warning)::/.test(l.slice(0, 14)))).toBe(false);
  });

  it("--format json: valid JSON that gives the words back exactly", () => {
    const r = check(root, ["--format", "json"]);
    expect(commands(r.stdout)).toEqual([]);
    const problems = JSON.parse(r.stdout) as { message: string; field: string }[];
    expect(problems.some((p) => p.message.includes(QUOTE))).toBe(true);
    expect(problems.some((p) => p.field === "\r::warning::x")).toBe(true);
  });

  it("npm run build: the same lines, exit 1", async () => {
    const run = await runBuildAsync({ output: path.join(tempDir("printed-"), "dist"), env: { CONTENT_ROOT: root } });
    expect(run.status).toBe(1);
    expect(commands(run.stdout + run.stderr)).toEqual([]);
    expect(run.stderr).toContain("The content has 2 problems:");
  });
});

describe("files as editors save them, through npm run check", () => {
  it("one missing comma in sources.json is one problem, at the comma's place", () => {
    const r = check(path.join(ROOT, "test", "fixtures", "hostile", "sources-missing-comma"));
    expect(r.status).toBe(1);
    expect(r.stdout.trim()).toBe(
      '_data/sources.json:9:24: is not valid JSON: a comma is missing after "name": "Beta Post"',
    );
    expect(r.stderr).toContain("Content check: 1 error, 0 warnings.");
  });

  it("classic Mac line endings: a problem in front matter or a data file at its own line", () => {
    const root = contentTree({
      sources: '[\r  {\r    "id": "alpha-news",\r    "name": "Alpha News",\r    "url": "ftp://alpha.example"\r  }\r]\r',
      files: {
        "src/articles/alpha-news/report.md":
          "---\rtitle: A report\rsource: alpha-news\rdate: 2024-09-16\rtittle: x\r---\rText.\r",
      },
    });
    const r = check(root);
    expect(r.status).toBe(1);
    expect(lines(r.stdout.trim()).sort()).toEqual([
      '_data/sources.json:5:5: [0] (id "alpha-news").url: expected an absolute http:// or https:// address',
      expect.stringMatching(
        /^src\/articles\/alpha-news\/report\.md:5:1: tittle: unknown key \(did you mean "title"\?\)/,
      ),
    ]);
  });
});
