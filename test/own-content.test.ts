/**
 * A newsroom that replaces the sample with its own story keeps a green suite: in a copy of the
 * project whose content (src/articles/, _data/) is another valid story (test/fixtures/other-story),
 * the suites that once read the working copy pass, and `npm run build` builds that story.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, TSX, tempDir } from "./helpers/site.ts";

const OTHER = path.join(ROOT, "test", "fixtures", "other-story");
/** Every suite that builds or reads the sample story. */
const SUITES = ["site", "stories-pages", "stories-integrity", "validation", "publish-feeds", "publish-links", "publish-metadata", "reader-markup"].map(
  (s) => `test/${s}.test.ts`,
);

let copy: string;
beforeAll(() => {
  copy = tempDir("own-content-");
  const files = spawnSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
    .stdout.split("\n")
    .filter((f) => f && fs.existsSync(path.join(ROOT, f)));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(copy, f)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), path.join(copy, f));
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"));
  // The editor's move: every content file replaced by their own story.
  fs.rmSync(path.join(copy, "src", "articles"), { recursive: true });
  fs.rmSync(path.join(copy, "_data"), { recursive: true });
  fs.cpSync(path.join(OTHER, "src", "articles"), path.join(copy, "src", "articles"), { recursive: true });
  fs.cpSync(path.join(OTHER, "_data"), path.join(copy, "_data"), { recursive: true });
});

describe("a project whose sample was replaced by another story", () => {
  it("npm run build builds the new story", () => {
    const run = spawnSync(process.execPath, [TSX, "scripts/build.ts", "--output", path.join(copy, "dist")], { cwd: copy, encoding: "utf8", timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(fs.readFileSync(path.join(copy, "dist", "index.html"), "utf8")).toContain("The Millbrook bridge, as reported");
    expect(fs.existsSync(path.join(copy, "dist", "sources", "moscow-times"))).toBe(false);
  });

  it("the suites that read the sample still pass", () => {
    const vitest = path.join(ROOT, "node_modules", "vitest", "vitest.mjs");
    const run = spawnSync(process.execPath, [vitest, "run", ...SUITES], { cwd: copy, encoding: "utf8", timeout: 480_000, env: { ...process.env, CI: "true" } });
    expect(run.status, `${run.stdout.slice(-6000)}\n${run.stderr.slice(-3000)}`).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`Test Files\\s+.*${SUITES.length} passed`));
  }, 500_000);
});
