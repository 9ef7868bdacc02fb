/** `npm run weight` on the sample content: the table is printed and the targets hold. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "vitest";
import { measurePageWeight, pageKind } from "../scripts/page-weight.ts";
import { buildSample } from "./helpers/build-tree.ts";
import { ROOT } from "./helpers/site.ts";

test("page kinds are recognised from their paths", () => {
  expect(pageKind("index.html")).toBe("home");
  expect(pageKind("timeline/3/index.html")).toBe("timeline");
  expect(pageKind("sources/index.html")).toBe("sources");
  expect(pageKind("sources/bbc/index.html")).toBe("source");
  expect(pageKind("sources/bbc/2/index.html")).toBe("source");
  expect(pageKind("sources/bbc/some-slug/index.html")).toBe("article");
  expect(pageKind("pagefind/x.html")).toBeUndefined();
});

test("the script prints the table for every page kind and exits 0 (article ≤ 15 KB, timeline ≤ 40 KB)", async () => {
  const dist = await buildSample({ env: { PATH_PREFIX: "/news/" } });
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/page-weight.ts", "--dist", dist],
    {
      cwd: ROOT,
      encoding: "utf8",
    },
  );
  console.log(run.stdout);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  for (const kind of ["home", "timeline", "sources", "source", "article", "search", "404"])
    expect(run.stdout).toMatch(new RegExp(`^${kind} `, "m"));

  const { rows } = measurePageWeight(dist);
  const byKind = Object.fromEntries(rows.map((r) => [r.kind, r]));
  expect(byKind.article!.total).toBeLessThanOrEqual(15 * 1024);
  expect(byKind.timeline!.total).toBeLessThanOrEqual(40 * 1024);
  // every page carries the one stylesheet; only the timeline and search pages carry a script
  for (const r of rows) expect(r.css).toBeGreaterThan(0);
  expect(
    rows
      .filter((r) => r.js > 0)
      .map((r) => r.kind)
      .sort(),
  ).toEqual(["search", "timeline"]);
});
