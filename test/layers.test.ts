/**
 * The code's layers (README, "How the code is organised"): src/build/ → src/eleventy/ →
 * src/content/ (with src/publish/, src/map/, src/reader/, src/editing/ beside it), with no arrow
 * back. Read from the import statements of every module; and the runtime patches' version check.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkPinnedVersions } from "../src/build/runtime-patches.ts";
import { ROOT } from "./helpers/site.ts";

const SRC = path.join(ROOT, "src");

/** Every relative import of every module under src/, as [module, imported file], both relative to src/. */
function imports(): [string, string][] {
  const out: [string, string][] = [];
  for (const rel of fs.readdirSync(SRC, { recursive: true }) as string[]) {
    if (!/\.(ts|js)$/.test(rel) || rel.startsWith("articles")) continue;
    const text = fs.readFileSync(path.join(SRC, rel), "utf8");
    for (const m of text.matchAll(
      /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g,
    )) {
      const spec = m[1] ?? m[2]!;
      out.push([
        rel.split(path.sep).join("/"),
        path
          .relative(SRC, path.resolve(path.dirname(path.join(SRC, rel)), spec))
          .split(path.sep)
          .join("/"),
      ]);
    }
  }
  return out;
}

const layer = (file: string) => file.split("/")[0]!;

describe("the layers of the code", () => {
  const all = imports();

  it("reads the imports of every module (the test sees the code)", () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all).toContainEqual(["build/session.ts", "eleventy/content.ts"]);
  });

  it("nothing below src/build/ imports it, and the pipeline and its neighbours do not import the adapter", () => {
    const below = ["eleventy", "content", "publish", "map", "reader", "editing"];
    expect(all.filter(([from, to]) => below.includes(layer(from)) && layer(to) === "build")).toEqual([]);
    expect(all.filter(([from, to]) => below.slice(1).includes(layer(from)) && layer(to) === "eleventy")).toEqual([]);
    // and nothing in src/ imports the wiring at the top, except the runner that hands it a session
    expect(all.filter(([, to]) => to === "../.eleventy.ts").map(([from]) => from)).toEqual(["build/eleventy-run.ts"]);
  });
});

describe("the runtime patches", () => {
  it("run on the versions they were written for, and name a package whose version differs", () => {
    expect(() => checkPinnedVersions()).not.toThrow();
    expect(() => checkPinnedVersions({ pagefind: "1.6.0" })).toThrow(
      /pagefind 1\.5\.2 \(the patches were written for 1\.6\.0\)/,
    );
    expect(() => checkPinnedVersions({ "@11ty/eleventy": "4.0." })).toThrow(
      /@11ty\/eleventy 3\.1\.\d+ \(the patches were written for 4\.0\.x\)/,
    );
  });
});
