/**
 * Issue 7: a failed build never half-replaces dist/, and the same content always gives the
 * same bytes — twice in a row, in three time zones (UTC, UTC−8/−7, UTC+14) and two locales.
 * The tests' in-process build writes the same bytes as the command. Trees are compared file by
 * file through SHA-256 hashes.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pool, runBuildAsync } from "./helpers/build-async.ts";
import { buildContent } from "./helpers/build-tree.ts";
import { ROOT, SAMPLE, listFiles, tempDir } from "./helpers/site.ts";

const FIXTURES = path.join(ROOT, "test", "fixtures");

/** Relative path → SHA-256 of every file under `dir`. */
function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of listFiles(dir))
    out[f] = crypto
      .createHash("sha256")
      .update(fs.readFileSync(path.join(dir, f)))
      .digest("hex");
  return out;
}

/** Differences between two hashed trees, as readable lines (empty when identical). */
function diffTrees(a: Record<string, string>, b: Record<string, string>): string[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names
    .filter((n) => a[n] !== b[n])
    .map((n) => (!(n in a) ? `only in second: ${n}` : !(n in b) ? `only in first: ${n}` : `differs: ${n}`));
}

describe("atomic builds", () => {
  it("a failed build leaves the previous dist/ byte for byte, exits non-zero and leaves no staging folder", async () => {
    const parent = tempDir("atomic-");
    const output = path.join(parent, "dist");
    // a staging folder left by a build that was killed (no such process) is cleaned up too
    fs.mkdirSync(path.join(parent, ".dist-building-999999999", "assets"), { recursive: true });
    const good = await runBuildAsync({ output, env: { CONTENT_ROOT: SAMPLE } });
    expect(good.status, good.stderr).toBe(0);
    const before = hashTree(output);
    expect(Object.keys(before)).toContain("index.html");

    const bad = await runBuildAsync({
      output,
      env: { CONTENT_ROOT: path.join(FIXTURES, "bad-input", "updated-before-date") },
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("src/articles/alpha/report.md:5:1: updated: is before date");
    expect(bad.stderr).toContain("The previous dist/ was left as it was.");
    expect(diffTrees(before, hashTree(output))).toEqual([]);
    expect(fs.readdirSync(parent)).toEqual(["dist"]);

    // and the next good build replaces it, again without leftovers
    const again = await runBuildAsync({
      output,
      env: { CONTENT_ROOT: path.join(FIXTURES, "bad-input", "ok-baseline") },
    });
    expect(again.status, again.stderr).toBe(0);
    expect(listFiles(output)).toContain("sources/alpha/report/index.html");
    expect(listFiles(output)).not.toContain("sources/moscow-times/index.html");
    expect(fs.readdirSync(parent)).toEqual(["dist"]);
  });

  it("a failed first build writes nothing at all", async () => {
    const parent = tempDir("atomic-");
    const bad = await runBuildAsync({
      output: path.join(parent, "dist"),
      env: { CONTENT_ROOT: path.join(FIXTURES, "bad-input", "missing-sources-json") },
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("Nothing was written.");
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  it("the last good output that a build killed between its two renames moved aside is restored by the next build, even a failing one", async () => {
    const parent = tempDir("atomic-");
    // a build that no longer runs (pid out of range) left the last good dist/ under its -old name
    const moved = path.join(parent, ".dist-building-4194303-old");
    fs.mkdirSync(moved);
    fs.writeFileSync(path.join(moved, "index.html"), "last good");
    fs.mkdirSync(path.join(parent, ".dist-building-4194303"));
    const bad = await runBuildAsync({
      output: path.join(parent, "dist"),
      env: { CONTENT_ROOT: path.join(FIXTURES, "bad-input", "missing-sources-json") },
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(
      "Restored the last good dist/ that an interrupted build had moved to .dist-building-4194303-old.",
    );
    expect(bad.stderr).toContain("The previous dist/ was left as it was.");
    expect(fs.readFileSync(path.join(parent, "dist", "index.html"), "utf8")).toBe("last good");
    expect(fs.readdirSync(parent)).toEqual(["dist"]);
  });
});

describe("reproducible builds", () => {
  const C = { LANG: "C.UTF-8", LC_ALL: "C.UTF-8" };

  it("two clean builds of the sample site are byte-identical", async () => {
    const dir = tempDir("repro-");
    const runs = await pool([1, 2], 2, (n) =>
      runBuildAsync({ output: path.join(dir, `dist-${n}`), env: { TZ: "UTC", ...C, CONTENT_ROOT: SAMPLE } }),
    );
    for (const r of runs) expect(r.status, r.stderr).toBe(0);
    expect(diffTrees(hashTree(runs[0]!.output), hashTree(runs[1]!.output))).toEqual([]);
  });

  it("the tests' in-process build (helpers/build-tree.ts) writes what `npm run build` writes, byte for byte", async () => {
    // a path prefix, an address and a time zone of their own, set for the in-process build only
    const env = { PATH_PREFIX: "/pre/", SITE_URL: "https://news.example", TZ: "Pacific/Kiritimati" };
    const cli = await runBuildAsync({
      output: path.join(tempDir("repro-"), "dist"),
      env: { ...env, CONTENT_ROOT: SAMPLE },
    });
    expect(cli.status, cli.stderr).toBe(0);
    const tz = process.env.TZ;
    const inProcess = await buildContent(SAMPLE, { env });
    expect(process.env.TZ, "the build's TZ was put back").toBe(tz);
    const first = hashTree(cli.output);
    expect(Object.keys(first)).toContain("index.html");
    expect(diffTrees(first, hashTree(inProcess.output))).toEqual([]);
  });

  it("builds under three time zones and two locales are byte-identical", async () => {
    const dir = tempDir("repro-");
    const content = path.join(FIXTURES, "repro");
    const variants: Record<string, string>[] = [
      { TZ: "UTC", ...C },
      { TZ: "America/Los_Angeles", ...C },
      { TZ: "Pacific/Kiritimati", LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8" },
      { TZ: "UTC", LANG: "fr_FR.UTF-8", LC_ALL: "fr_FR.UTF-8" },
    ];
    const runs = await pool(variants, 2, (env) =>
      runBuildAsync({
        output: path.join(
          dir,
          Object.values(env)
            .join("-")
            .replace(/[^\w.-]/g, "_"),
        ),
        env: { ...env, CONTENT_ROOT: content },
      }),
    );
    for (const r of runs) expect(r.status, r.stderr).toBe(0);
    const first = hashTree(runs[0]!.output);
    expect(Object.keys(first).length).toBeGreaterThan(10);
    runs
      .slice(1)
      .forEach((r, i) => expect(diffTrees(first, hashTree(r.output)), JSON.stringify(variants[i + 1])).toEqual([]));

    // no build timestamp: neither today's date (nor the day before or after) appears anywhere
    const now = Date.now();
    const days = [-1, 0, 1].map((d) => new Date(now + d * 86_400_000).toISOString().slice(0, 10));
    for (const f of Object.keys(first)) {
      const text = fs.readFileSync(path.join(runs[0]!.output, f), "latin1");
      for (const day of days) expect(text.includes(day), `${f} contains the build date ${day}`).toBe(false);
    }
  });

  it("the time zones and locales really differ for Node (so the comparison above means something)", () => {
    const probe = (env: Record<string, string>) =>
      spawnSync(
        process.execPath,
        [
          "-e",
          "process.stdout.write(Intl.DateTimeFormat().resolvedOptions().locale + ' ' + new Date(Date.UTC(2024, 11, 31, 12)).toString())",
        ],
        {
          env: { ...process.env, ...env },
          encoding: "utf8",
        },
      ).stdout;
    expect(probe({ TZ: "Pacific/Kiritimati", LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8" })).toMatch(/^de.* GMT\+1400/);
    expect(probe({ TZ: "America/Los_Angeles", LANG: "C.UTF-8", LC_ALL: "C.UTF-8" })).toMatch(/GMT-0800/);
    expect(probe({ TZ: "UTC", LANG: "fr_FR.UTF-8", LC_ALL: "fr_FR.UTF-8" })).toMatch(/^fr/);
  });
});
