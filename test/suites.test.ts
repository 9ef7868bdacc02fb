/**
 * `npm run test:unit` runs the suites that build nothing, drive no browser and run no command,
 * found by a rule (test/helpers/suites.ts), not a list: these tests hold the rule to the helpers
 * and the Vitest projects to the rule, so no new suite is left out of either run.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import config from "../vitest.config.ts";
import { SLOW_HELPERS, SLOW_IMPORTS, isUnitSuite, unitSuites } from "./helpers/suites.ts";
import { ROOT } from "./helpers/site.ts";

const HELPERS = path.join(ROOT, "test", "helpers");
const helperText = (name: string) => fs.readFileSync(path.join(HELPERS, `${name}.ts`), "utf8");
const helperNames = fs
  .readdirSync(HELPERS)
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.slice(0, -3))
  .sort();

/** Helpers that build, run a command or launch a browser, themselves or through another helper. */
function slowHelpers(): string[] {
  const slow = new Set(helperNames.filter((name) => SLOW_IMPORTS.test(helperText(name))));
  for (let grew = true; grew; ) {
    grew = false;
    for (const name of helperNames) {
      const imports = [...helperText(name).matchAll(/from "\.\/([\w-]+)\.ts"/g)].map((m) => m[1]!);
      if (!slow.has(name) && imports.some((i) => slow.has(i))) grew = !!slow.add(name);
    }
  }
  return [...slow].sort();
}

describe("unit suites", () => {
  const unit = unitSuites(ROOT);

  it("the helpers that build, run a command or launch a browser are exactly the ones the rule names", () => {
    expect(slowHelpers()).toEqual([...SLOW_HELPERS].sort());
  });

  it("are the unit project; every other suite is the integration project", () => {
    const projects = (config.test?.projects ?? []) as {
      test: { name: string; include: string[]; exclude?: string[] };
    }[];
    expect(projects.map((p) => p.test.name)).toEqual(["unit", "integration"]);
    expect(projects[0]!.test.include).toEqual(unit);
    expect(projects[1]!.test.include).toEqual(["test/**/*.test.ts"]);
    expect(projects[1]!.test.exclude).toEqual(unit);
  });

  it("include the pure suites and this one, and none that builds, spawns or opens a browser", () => {
    for (const name of ["dates", "address", "json-positions", "stored-text", "suites"])
      expect(unit, name).toContain(`test/${name}.test.ts`);
    for (const name of ["site", "watch", "editing", "browser-a11y", "nunjucks-cache", "build-integrity", "bench"])
      expect(unit, name).not.toContain(`test/${name}.test.ts`);
  });

  it("a suite is no unit suite once it imports a slow helper or module, or runs a script", () => {
    // written so that this file's own text does not match the rule it tests
    const from = (what: string) => `import { x } from ${JSON.stringify(what)};`;
    expect(isUnitSuite(from("../src/content/dates.ts"))).toBe(true);
    expect(isUnitSuite(from("./helpers/site.ts"))).toBe(true);
    for (const name of SLOW_HELPERS) expect(isUnitSuite(from(`./helpers/${name}.ts`)), name).toBe(false);
    for (const slow of ["node:child_process", "@11ty/eleventy", "playwright-core", "../src/build/build-site.ts"])
      expect(isUnitSuite(from(slow)), slow).toBe(false);
    expect(isUnitSuite(`const { buildSite } = await import(${JSON.stringify("../src/build/build-site.ts")});`)).toBe(
      false,
    );
    expect(isUnitSuite(`spawnSync(process.execPath, [${"TS" + "X"}, "scripts/check.ts"])`)).toBe(false);
  });
});
