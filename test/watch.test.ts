/**
 * `npm start`'s watch build (scripts/start.ts --watch-only) on a copy of the project: editing,
 * adding and deleting an article, editing a template and editing a module of the pipeline each
 * show up in the output; a deleted article's page disappears and it leaves every listing.
 * One watch process serves every test; before each test, what the last one changed (content,
 * templates, modules) is put back and the known tree's build awaited, so any test runs alone.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { article, contentTree } from "./helpers/fixture.ts";
import { ROOT, TSX, tempDir } from "./helpers/site.ts";

const A = "src/articles/alpha-news";
const body = (words: string) => `The UN said ${words}.\n`;

let project: string;
let content: string;
let output: string;
let child: ChildProcess;
let log = "";

const read = (rel: string) => {
  const file = path.join(output, rel);
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
};

/** Waits until `check` holds (an assertion: it fails when the wait times out or the watch build exits). */
async function until(what: string, check: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end && child.exitCode === null) await new Promise((r) => setTimeout(r, 200));
  expect(
    check(),
    `${child.exitCode !== null ? "the watch build exited" : "timed out"} waiting until ${what}; it printed:\n${log}`,
  ).toBe(true);
}

/** Every file of a folder with its contents, by path relative to it. */
function snapshot(dir: string): Map<string, string> {
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile());
  return new Map(files.map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
}

/** The content tree every test starts from, and the project's files as copied (tests edit some). */
let knownContent: Map<string, string>;
const editedProjectFiles = new Map<string, string>();

/** Edits a file of the project's code or templates; it is put back before the next test. */
function editProject(rel: string, edit: (text: string) => string): void {
  const file = path.join(project, rel);
  const text = fs.readFileSync(file, "utf8");
  if (!editedProjectFiles.has(rel)) editedProjectFiles.set(rel, text);
  fs.writeFileSync(file, edit(text));
}

/** The known tree, as built: both reports with their own words, the UN linked, no third report, no banner, no edited template or module. */
function knownTreeShown(): boolean {
  const first = read("sources/alpha-news/first/index.html") ?? "";
  const home = read("index.html") ?? "";
  return (
    first.includes("first words") &&
    !first.includes("A second paragraph.") &&
    first.includes('class="entity-link"') &&
    !!read("sources/alpha-news/second/index.html")?.includes("second words") &&
    read("sources/alpha-news/third/index.html") === undefined &&
    !!read("entities/un/index.html")?.includes("First report") &&
    ["First report", "Second report"].every((t) => home.includes(t)) &&
    [first, home].every((html) => !html.includes("content-problems") && !html.includes("Edited footer."))
  );
}

/** Puts back what earlier tests changed and waits for the watch build to show the known tree. */
async function restoreKnownTree(): Promise<void> {
  let changed = false;
  for (const [rel, text] of editedProjectFiles) {
    fs.writeFileSync(path.join(project, rel), text);
    changed = true;
  }
  editedProjectFiles.clear();
  const now = snapshot(content);
  for (const rel of now.keys()) {
    if (!knownContent.has(rel)) {
      fs.rmSync(path.join(content, rel));
      changed = true;
    }
  }
  for (const [rel, text] of knownContent) {
    if (now.get(rel) !== text) {
      fs.writeFileSync(path.join(content, rel), text);
      changed = true;
    }
  }
  if (changed) await until("the known tree is built again", knownTreeShown, 90_000);
  // the build that showed it may still be writing its last pages
  await settle();
}

/** Editors' edits land a moment apart, as in an editor: the watcher debounces within a build. */
const settle = () => new Promise((r) => setTimeout(r, 400));

beforeAll(async () => {
  // The code, copied (its modules are edited below), with the installed packages linked.
  project = tempDir("watch-project-");
  const files = spawnSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
  })
    .stdout.split("\n")
    .filter((f) => f && !f.startsWith("test/") && !f.startsWith("src/articles/"));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(project, f)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), path.join(project, f));
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"));
  content = contentTree({
    files: {
      "_data/entities.json": JSON.stringify([{ id: "un", name: "UN", type: "organization" }]),
      [`${A}/first.md`]: article(
        { title: "First report", source: "alpha-news", date: "2024-09-16" },
        body("first words"),
      ),
      [`${A}/second.md`]: article(
        { title: "Second report", source: "alpha-news", date: "2024-09-17" },
        body("second words"),
      ),
    },
  });
  knownContent = snapshot(content);
  output = path.join(tempDir("watch-out-"), "dist");
  child = spawn(process.execPath, [TSX, "scripts/start.ts", "--watch-only", "--output", output], {
    cwd: project,
    env: { ...process.env, CONTENT_ROOT: content },
    detached: true,
  });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  await until("the first build is written", knownTreeShown);
}, 90_000);

beforeEach(restoreKnownTree, 100_000);

afterAll(() => {
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
});

describe("the watch build (npm start)", () => {
  it("shows an edited article", async () => {
    fs.writeFileSync(
      path.join(content, A, "first.md"),
      article({ title: "First report", source: "alpha-news", date: "2024-09-16" }, body("edited words")),
    );
    await until(
      "the edit is on the page",
      () => !!read("sources/alpha-news/first/index.html")?.includes("edited words"),
    );
  }, 70_000);

  it("an edit that keeps the names leaves the name's page alone; one that drops a name takes the report off its page", async () => {
    const entityPage = path.join(output, "entities/un/index.html");
    const before = fs.statSync(entityPage).mtimeMs;
    // the first paragraph (the automatic summary, shown in listings) stays; a later one changes
    fs.writeFileSync(
      path.join(content, A, "first.md"),
      article(
        { title: "First report", source: "alpha-news", date: "2024-09-16" },
        `${body("first words")}\nA second paragraph.\n`,
      ),
    );
    await until(
      "the edit is on the page",
      () => !!read("sources/alpha-news/first/index.html")?.includes("A second paragraph."),
    );
    expect(fs.statSync(entityPage).mtimeMs, "the entity page was rendered again for an edit that changed no name").toBe(
      before,
    );
    await settle();
    fs.writeFileSync(
      path.join(content, A, "first.md"),
      article({ title: "First report", source: "alpha-news", date: "2024-09-16" }, "Nobody is named here.\n"),
    );
    await until("the name's page no longer lists it", () => !read("entities/un/index.html")?.includes("First report"));
    await settle();
    fs.writeFileSync(
      path.join(content, A, "first.md"),
      article({ title: "First report", source: "alpha-news", date: "2024-09-16" }, body("first words")),
    );
    await until("the name's page lists it again", () => !!read("entities/un/index.html")?.includes("First report"));
  }, 90_000);

  it("adds a new article to its page and every listing", async () => {
    fs.writeFileSync(
      path.join(content, A, "third.md"),
      article({ title: "Third report", source: "alpha-news", date: "2024-09-18" }, body("third words")),
    );
    await until(
      "the new page is written",
      () => !!read("sources/alpha-news/third/index.html")?.includes("third words"),
    );
    await until("the listings name it", () =>
      ["timeline/index.html", "sources/alpha-news/index.html", "index.html"].every(
        (f) => !!read(f)?.includes("Third report"),
      ),
    );
  }, 70_000);

  it("removes a deleted article's page and takes it off every listing", async () => {
    fs.rmSync(path.join(content, A, "second.md"));
    await until("the deleted page is gone", () => read("sources/alpha-news/second/index.html") === undefined);
    const listings = [
      "timeline/index.html",
      "sources/alpha-news/index.html",
      "index.html",
      "feed.xml",
      "sitemap.xml",
      "entities/un/index.html",
    ];
    await until("no listing names it", () =>
      listings.every((f) => !read(f)?.includes("Second report") && !read(f)?.includes("/sources/alpha-news/second/")),
    );
    for (const f of listings) expect(read(f), f).toBeDefined();
  }, 70_000);

  it("shows a content error on every page, without a stack trace, until it is fixed", async () => {
    const file = path.join(content, A, "first.md");
    const good = fs.readFileSync(file, "utf8");
    fs.writeFileSync(
      file,
      good.replace('"date":"2024-09-16"', '"date":"2024-02-30"').replace('date: "2024-09-16"', 'date: "2024-02-30"'),
    );
    const banner = (f: string) =>
      cheerio
        .load(read(f) ?? "")(".content-problems")
        .text();
    // file:line:column: field: message, as in the terminal
    await until(
      "the problem is on the pages",
      () =>
        banner("index.html").includes(`${A}/first.md:4:1: date:`) &&
        banner("sources/alpha-news/second/index.html").includes("is not a calendar date"),
    );
    expect(log).toContain(`${A}/first.md:4:1: date:`);
    expect(log).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    // the last good content is still there under the banner
    expect(read("sources/alpha-news/first/index.html")).toContain("first words");
    fs.writeFileSync(file, good);
    await until(
      "the banner is gone from every page",
      () =>
        !read("index.html")!.includes("content-problems") &&
        !read("sources/alpha-news/second/index.html")!.includes("content-problems"),
    );
  }, 70_000);

  it("keeps the search index up to date", async () => {
    // the files are written before Pagefind's process closes and the server says so
    await until(
      "the index is written and reported",
      () => fs.existsSync(path.join(output, "pagefind", "pagefind-entry.json")) && log.includes("search index updated"),
    );
    expect(log).not.toContain("could not be updated");
  }, 70_000);

  it("shows an edited template", async () => {
    editProject("_includes/partials/footer.njk", (text) =>
      text.replace("</footer>", "<p>Edited footer.</p>\n</footer>"),
    );
    await until(
      "the template edit is on the pages",
      () =>
        !!read("sources/alpha-news/first/index.html")?.includes("Edited footer.") &&
        !!read("index.html")?.includes("Edited footer."),
    );
  }, 70_000);

  it("runs an edited module of the content pipeline", async () => {
    expect(read("sources/alpha-news/first/index.html")).toContain('class="entity-link"');
    editProject("src/content/markdown.ts", (text) =>
      text.replace('["class", "entity-link"]', '["class", "entity-link edited"]'),
    );
    await until(
      "the new markup is on the pages",
      () => !!read("sources/alpha-news/first/index.html")?.includes('class="entity-link edited"'),
      90_000,
    );
  }, 100_000);
});
