/**
 * Building in slices: one build as several Eleventy runs that share one loaded model. Eleventy
 * keeps every page's HTML until its run ends, so a site of tens of thousands of pages is rendered
 * a share at a time: each run renders its part of the paginated pages (`render.*`); the first also
 * renders every other template (home, listings, feeds, sitemap). The runs are handed out to the
 * build's workers (src/build/workers.ts). The pages written are the same as a one-piece build's.
 */
import fs from "node:fs";
import path from "node:path";

/** Templates in `dir` whose pagination is not over the render plan (`data: "render.…"`). */
export function templatesOutsidePlan(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".njk"))
    .filter((f) => !/\bpagination:\s*\{\s*data:\s*["']render\./.test(fs.readFileSync(path.join(dir, f), "utf8")))
    .map((f) => path.join(dir, f));
}

/** What run `index` leaves out, as Eleventy reads an ignore: a path relative to the working directory. */
export function sliceIgnores(index: number, pagesDir: string): string[] {
  return index > 0
    ? templatesOutsidePlan(pagesDir).map((f) => path.relative(process.cwd(), f).split(path.sep).join("/"))
    : [];
}
