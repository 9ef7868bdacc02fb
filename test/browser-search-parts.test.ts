/**
 * The search index in parts (src/build/search-parts.ts), in real Chromium: with one article page
 * per part, each of the sample's two reports is in an index of its own, and the search page
 * still finds, filters and links both, under a path prefix.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { KC_ARTICLE, MT_ARTICLE, readerSession, searchFor } from "./helpers/reader.ts";
import { writeFixture } from "./helpers/publish.ts";
import { runBuildAsync } from "./helpers/build-async.ts";
import { readHtml, tempDir } from "./helpers/site.ts";

const PREFIX = "/parts-prefix/";
const s = readerSession({ prefix: PREFIX, viewport: { width: 1280, height: 900 }, env: { SEARCH_PART_PAGES: "1" } });

const search = (q: string) => searchFor(s.page, q);

test("each part is an index of its own, and the search page names the later ones", () => {
  for (const folder of ["pagefind", "pagefind/part-2"]) {
    expect(fs.existsSync(path.join(s.dist, folder, "pagefind-entry.json")), folder).toBe(true);
    expect(fs.readdirSync(path.join(s.dist, folder, "fragment")), folder).toHaveLength(1);
  }
  expect(fs.existsSync(path.join(s.dist, "pagefind", "part-3"))).toBe(false);
  expect(readHtml(s.dist, "/search/")("#search-form").attr("data-index-parts")).toBe("pagefind/part-2/");
  // no folder of links left behind
  expect(
    fs
      .readdirSync(s.dist)
      .filter((f) => f.startsWith("."))
      .sort(),
  ).toEqual([".nojekyll", ".story-timeline-build"]);
});

test("a search finds reports in both parts, the outlet filter works across them, and results link under the prefix", async () => {
  await s.page.goto(s.server.url + "search/");
  expect((await search("Spoljaric")).sort()).toEqual([PREFIX + KC_ARTICLE, PREFIX + MT_ARTICLE].sort());
  expect(await s.page.getByRole("status").innerText()).toBe("2 reports match “Spoljaric”.");
  await s.page.getByLabel("Outlet").selectOption("The Moscow Times");
  await expect
    .poll(() => s.page.getByRole("status").innerText())
    .toBe("1 report matches “Spoljaric” from The Moscow Times.");
  await s.page.getByLabel("Outlet").selectOption("");
  expect((await search("Sybiha")).sort()).toEqual([PREFIX + KC_ARTICLE, PREFIX + MT_ARTICLE].sort());
  await s.page.locator("#search-results a").first().click();
  await expect.poll(() => new URL(s.page.url()).pathname).toMatch(new RegExp(`^${PREFIX}sources/`));
});

test("a SEARCH_PART_PAGES that is not a whole number of pages stops the build with a message", async () => {
  const output = path.join(tempDir(), "dist");
  const run = await runBuildAsync({ output, env: { CONTENT_ROOT: writeFixture(), SEARCH_PART_PAGES: "lots" } });
  expect(run.status).toBe(1);
  expect(run.stderr + run.stdout).toContain(
    'SEARCH_PART_PAGES must be a whole number of pages, at least 1 (it is "lots")',
  );
  expect(fs.existsSync(output)).toBe(false);
});
