/**
 * Which suites are unit suites (`npm run test:unit`, the `unit` project in vitest.config.ts):
 * those that build no site, drive no browser and run no command. No list names them: a suite is
 * one unless its text shows it does one of these; test/suites.test.ts holds the rule to the
 * helpers, so a new suite is classed as soon as it is written.
 */
import fs from "node:fs";
import path from "node:path";

/** Helpers (test/helpers/<name>.ts) that build the site, run a command or launch a browser. */
export const SLOW_HELPERS = ["build-async", "build-tree", "browser", "reader"];

/** What runs a build, a command or a browser, imported (`from "…"` or `import("…")`) by a helper or a suite. */
export const SLOW_IMPORTS =
  /(from |import\()"(node:child_process|@11ty\/eleventy|playwright-core|@axe-core\/playwright|(\.\.\/)+src\/build\/[^"]*)"/;

/** Marks of a suite that is not a unit suite: a slow import, a slow helper, or `TSX` (it runs a script as `npm run` does). */
const SLOW_SUITE = [SLOW_IMPORTS, new RegExp(`from "\\./helpers/(${SLOW_HELPERS.join("|")})\\.ts"`), /\bTSX\b/];

export function isUnitSuite(text: string): boolean {
  return !SLOW_SUITE.some((marker) => marker.test(text));
}

/** The unit suites under `root`/test, as `test/<name>.test.ts`, sorted. */
export function unitSuites(root: string): string[] {
  const dir = path.join(root, "test");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".test.ts") && isUnitSuite(fs.readFileSync(path.join(dir, f), "utf8")))
    .map((f) => `test/${f}`)
    .sort();
}
