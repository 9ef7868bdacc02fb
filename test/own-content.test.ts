/**
 * A fork keeps a green suite: in a copy of the project whose content (src/articles/, _data/) is
 * another valid story (test/fixtures/other-story) and whose site settings differ from the sample's
 * in every field (title, description, language, and an address with a repository path, as a
 * GitHub project site has), `npm run build` and `npm run check` work and every other suite passes.
 * A suite that read the working copy's content or settings would fail here.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, TSX, internalUrls, listFiles, tempDir, urlOf } from "./helpers/site.ts";

const OTHER = path.join(ROOT, "test", "fixtures", "other-story");
/** A fork's own settings: nothing in common with the sample's or the fixtures'. */
const FORK_SITE = {
  title: "Dam Watch: the Albești failure",
  description: "How four outlets reported the failure of the Albești dam, hour by hour.",
  language: "ro",
  url: "https://newsroom.github.io/dam-watch/",
};
/** Every other suite: each builds content or tests code a fork runs (this one would only recurse). */
const SUITES = fs
  .readdirSync(path.join(ROOT, "test"))
  .filter((f) => f.endsWith(".test.ts") && f !== "own-content.test.ts")
  .sort()
  .map((f) => `test/${f}`);

let copy: string;
beforeAll(() => {
  copy = tempDir("own-content-");
  const files = spawnSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
  })
    .stdout.split("\n")
    .filter((f) => f && fs.existsSync(path.join(ROOT, f)));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(copy, f)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), path.join(copy, f));
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"));
  // The editor's move: every content file replaced by their own story, and their own site settings.
  fs.rmSync(path.join(copy, "src", "articles"), { recursive: true });
  fs.rmSync(path.join(copy, "_data"), { recursive: true });
  fs.cpSync(path.join(OTHER, "src", "articles"), path.join(copy, "src", "articles"), { recursive: true });
  fs.cpSync(path.join(OTHER, "_data"), path.join(copy, "_data"), { recursive: true });
  fs.writeFileSync(path.join(copy, "_data", "site.json"), JSON.stringify(FORK_SITE, null, 2) + "\n");
  // Its language has no shipped locale file: the newsroom adds its own beside its content, as the
  // README says (here the English words under the Romanian tag: the suite checks the mechanism).
  fs.mkdirSync(path.join(copy, "locales"));
  fs.copyFileSync(
    path.join(copy, "src", "locales", "en.json"),
    path.join(copy, "locales", `${FORK_SITE.language}.json`),
  );
  // A clone is a git work tree (the watch suite lists the project's files with git); the linked packages are not part of it.
  spawnSync("git", ["init", "-q"], { cwd: copy });
  fs.appendFileSync(path.join(copy, ".git", "info", "exclude"), "node_modules\n");
});

/** Runs one of the project's scripts in the copy, as its npm script does. */
const script = (name: string, args: string[] = []) =>
  spawnSync(process.execPath, [TSX, `scripts/${name}.ts`, ...args], {
    cwd: copy,
    encoding: "utf8",
    timeout: 180_000,
    env: { ...process.env, SITE_URL: "", PATH_PREFIX: "" },
  });

describe("a fork whose content and site settings replaced the sample", () => {
  it("npm run check finds no problems", () => {
    const run = script("check");
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  });

  it("npm run build builds the new story under the path its address gives", () => {
    const dist = path.join(copy, "dist");
    const run = script("build", ["--output", dist]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    const $ = cheerio.load(fs.readFileSync(path.join(dist, "index.html"), "utf8"));
    expect($("html").attr("lang")).toBe("ro");
    expect($("title").text()).toContain(FORK_SITE.title);
    expect($('meta[name="description"]').attr("content")).toBe(FORK_SITE.description);
    expect($('link[rel="canonical"]').attr("href")).toBe(FORK_SITE.url);
    expect(fs.existsSync(path.join(dist, "sources", "moscow-times"))).toBe(false);
    // every internal link of every page is under /dam-watch/ and names a file that exists
    const pages = listFiles(dist).filter((f) => f.endsWith(".html") && !f.startsWith("pagefind/"));
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      const html = cheerio.load(fs.readFileSync(path.join(dist, page), "utf8"));
      for (const url of internalUrls(html, urlOf(page, "/dam-watch/"))) {
        expect(url.startsWith("/dam-watch/"), `${page} links to ${url}`).toBe(true);
        const rel = url.split("#")[0]!.slice("/dam-watch/".length);
        const file = rel === "" || rel.endsWith("/") ? path.join(dist, rel, "index.html") : path.join(dist, rel);
        expect(fs.existsSync(file), `${page} links to ${url}, which is not in the build`).toBe(true);
      }
    }
  });

  it("every other suite passes in the fork", () => {
    const vitest = path.join(ROOT, "node_modules", "vitest", "vitest.mjs");
    const run = spawnSync(process.execPath, [vitest, "run", ...SUITES], {
      cwd: copy,
      encoding: "utf8",
      timeout: 1_500_000,
      env: { ...process.env, CI: "true" },
    });
    expect(run.status, `${run.stdout.slice(-6000)}\n${run.stderr.slice(-3000)}`).toBe(0);
    // eslint-disable-next-line no-control-regex
    const summary = run.stdout.replace(/\x1b\[[0-9;]*m/g, "");
    expect(summary).toMatch(new RegExp(`Test Files\\s+${SUITES.length} passed \\(${SUITES.length}\\)`));
    expect(summary).not.toMatch(/skipped|todo/);
  }, 1_600_000);
});
