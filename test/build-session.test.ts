/**
 * The build session (src/build/session.ts) without Eleventy: each mode driven the way the plugin
 * drives it (beforeRun / afterRun / filesChanged), and what it hands the templates.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError } from "../src/content/problems.ts";
import { defaultPaths } from "../src/content/pipeline.ts";
import { BuildSession, type SessionOptions } from "../src/build/session.ts";
import { writeFixture } from "./helpers/publish.ts";
import { listFiles, ROOT, TSX, tempDir } from "./helpers/site.ts";

function options(root: string, mode: "build" | "watch", more: Partial<SessionOptions> = {}): SessionOptions {
  return {
    mode,
    paths: defaultPaths(root),
    address: {},
    pagesDir: path.join(ROOT, "src", "pages"),
    searchPartPages: 1500,
    ...more,
  };
}

describe("a build session in build mode", () => {
  it("loads the content once and cuts it into runs that together render every page once", async () => {
    const session = new BuildSession(options(writeFixture(), "build", { pagesPerRun: 1 }));
    const content = session.load();
    expect(session.load()).toBe(content);
    expect(session.runs).toBeGreaterThan(3);
    const output = tempDir();
    const seen: string[] = [];
    for (let i = 0; i < session.runs; i++) {
      session.useRun(i);
      await session.beforeRun({ watching: false, output });
      expect(session.content).toBe(content);
      seen.push(...session.plan.articles.map((a) => a.key));
      // only the first run renders the listings and copies the static files
      expect(session.copiesStatic).toBe(i === 0);
      if (i === 0) expect(session.ignores).toEqual([]);
      else expect(session.ignores.map((f) => path.basename(f))).toContain("index.njk");
    }
    expect(seen).toEqual(content.articles.map((a) => a.key));
    // the first runs render the articles, in order; the search index indexes them as they are written
    const perRun = session.articlesPerRun();
    expect(perRun).toHaveLength(session.runs);
    expect(perRun[0]).toBeGreaterThan(0);
    expect(perRun.at(-1)).toBe(0);
    expect(perRun.reduce((a, b) => a + b)).toBe(content.articles.length);
  });

  it("processes the pictures of the run's own articles into the output", async () => {
    const session = new BuildSession(options(writeFixture(), "build"));
    const output = tempDir();
    await session.beforeRun({ watching: false, output });
    const withPicture = session.content.articles.find((a) => a.image?.file)!;
    expect(session.image(withPicture)?.html).toMatch(/<picture>/);
    expect(fs.readdirSync(path.join(output, "img")).length).toBeGreaterThan(0);
  });

  it("counts the search index's later parts from the content", () => {
    const session = new BuildSession(options(writeFixture(), "build", { searchPartPages: 1 }));
    const n = session.load().articles.length;
    expect(n).toBeGreaterThan(2);
    expect(session.searchPartFolders.split(" ")).toEqual(
      Array.from({ length: n - 1 }, (_, k) => `pagefind/part-${k + 2}/`),
    );
    expect(new BuildSession(options(writeFixture(), "build")).searchPartFolders).toBe("");
  });

  it("throws the content's problems as one ContentError", () => {
    const root = writeFixture();
    fs.writeFileSync(path.join(root, "_data", "stories.json"), "[{");
    const session = new BuildSession(options(root, "build"));
    expect(() => session.load()).toThrow(ContentError);
    expect(() => session.content).toThrow(/no content yet/);
  });
});

describe("a build session in watch mode", () => {
  it("renders only what an edit changed, shows problems over the last good content, then everything again", async () => {
    const root = writeFixture();
    // the search index a watch run schedules would come after the test (it stops at the next run)
    const session = new BuildSession(options(root, "watch", { searchDelayMs: 60_000 }));
    const output = tempDir();
    const run = { watching: true, output };
    await session.beforeRun(run);
    expect(session.plan.partial).toBe(false);
    // "render" every page the way templates do, through the plan as they see it: what each page reads is recorded
    const render = () => {
      const data = session.renderData;
      for (const a of data.articles) void [a.title, a.html, a.story?.title, a.source.name];
      for (const p of [...data.timelinePages, ...data.sourcePages, ...data.entityPages]) void p.href;
      for (const s of data.stories) void s.articles.map((a) => a.title);
      for (const c of data.comparisons) void c.href;
      session.afterRun(run);
    };
    render();
    const first = session.content;

    // a body edit: that report's own page, and only what read its text
    const file = path.join(root, "src", "articles", "paper-two", "morning.md");
    fs.appendFileSync(file, "\nA new closing paragraph.\n");
    session.filesChanged([file]);
    await session.beforeRun(run);
    expect(session.plan.partial).toBe(true);
    expect(session.plan.articles.map((a) => a.key)).toEqual(["paper-two/morning"]);
    expect(session.plan.timelinePages).toEqual([]);
    expect(session.content).not.toBe(first);
    render();

    // a broken edit: the problem on every page, the last good content kept, everything rendered
    const good = session.content;
    const saved = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, saved.replace(/^source: .*$/m, "source: nowhere"));
    session.filesChanged([file]);
    await session.beforeRun(run);
    expect(session.problemsShown[0]).toMatch(/The content has \d+ problems?/);
    expect(session.problemsShown.join("\n")).toContain("morning.md");
    expect(session.content).toBe(good);
    expect(session.plan.partial).toBe(false);
    render();

    // fixed: the problems go, and every page is rendered again
    fs.writeFileSync(file, saved);
    session.filesChanged([file]);
    await session.beforeRun(run);
    expect(session.problemsShown).toEqual([]);
    expect(session.plan.partial).toBe(false);
  });

  it("removes the pages of a deleted report from the output", async () => {
    const root = writeFixture();
    const session = new BuildSession(options(root, "watch"));
    const output = tempDir();
    await session.beforeRun({ watching: true, output });
    const page = path.join(output, "sources", "paper-two", "morning", "index.html");
    fs.mkdirSync(path.dirname(page), { recursive: true });
    fs.writeFileSync(page, "stale");
    const file = path.join(root, "src", "articles", "paper-two", "morning.md");
    fs.rmSync(file);
    session.filesChanged([file]);
    await session.beforeRun({ watching: true, output });
    expect(fs.existsSync(page)).toBe(false);
    expect(session.content.articles.map((a) => a.key)).not.toContain("paper-two/morning");
  });
});

describe("Eleventy run on its own", () => {
  it("gets a one-off session from .eleventy.ts and writes the pages npm run build writes", () => {
    const env = { ...process.env, CONTENT_ROOT: writeFixture(), SITE_URL: "https://news.example" };
    const ours = path.join(tempDir(), "dist");
    const built = spawnSync(process.execPath, [TSX, "scripts/build.ts", "--output", ours], {
      cwd: ROOT,
      env,
      encoding: "utf8",
    });
    expect(built.status, built.stderr).toBe(0);
    const alone = path.join(tempDir(), "dist");
    const eleventy = path.join(ROOT, "node_modules", "@11ty", "eleventy", "cmd.cjs");
    const run = spawnSync(process.execPath, [TSX, eleventy, "--config=.eleventy.ts", `--output=${alone}`, "--quiet"], {
      cwd: ROOT,
      env,
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    // the same files but the search index, which only the build writes
    const ourFiles = listFiles(ours).filter(
      (f) => !f.startsWith("pagefind/") && f !== ".nojekyll" && f !== ".story-timeline-build",
    );
    expect(ourFiles.length).toBeGreaterThan(20);
    expect(listFiles(alone)).toEqual(ourFiles);
    const differing = ourFiles.filter(
      (f) => !fs.readFileSync(path.join(ours, f)).equals(fs.readFileSync(path.join(alone, f))),
    );
    expect(differing).toEqual([]);
  }, 120_000);
});
