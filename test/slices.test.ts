/**
 * Building in slices (src/build/slices.ts): a build rendered in several Eleventy runs writes
 * the same files, byte for byte, as a build in one run; the plan is cut without losing or
 * repeating a page.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadContent, defaultPaths } from "../src/content/pipeline.ts";
import { fullPlan, pageWeights, slicePlan, type RenderPlan } from "../src/eleventy/render-plan.ts";
import { templatesOutsidePlan } from "../src/build/slices.ts";
import { writeFixture } from "./helpers/publish.ts";
import { runBuildAsync } from "./helpers/build-async.ts";
import { ROOT, listFiles, readHtml, tempDir } from "./helpers/site.ts";

const KINDS = ["articles", "timelinePages", "sourcePages", "comparisons", "stories", "entityPages"] as const;

describe("cutting the render plan", () => {
  const fixture = writeFixture();
  const { content } = loadContent(defaultPaths(fixture), {});
  const plan = fullPlan(content!);

  it("deals every page to exactly one slice, in content order, in even shares of weight", () => {
    const weights = pageWeights(plan);
    const weightOf = (s: RenderPlan) => {
      let n = 0;
      for (const kind of KINDS)
        for (const item of s[kind] as unknown[]) n += weights[kind][(plan[kind] as unknown[]).indexOf(item)]!;
      return n;
    };
    const total = weightOf(plan);
    const heaviest = Math.max(...KINDS.flatMap((k) => weights[k]));
    for (const size of [1, 2, 3, 5, 8, 1000]) {
      const slices = slicePlan(plan, size);
      for (const kind of KINDS) expect(slices.flatMap((s) => s[kind] as unknown[])).toEqual(plan[kind]);
      expect(slices).toHaveLength(Math.ceil(total / size));
      // no slice more than its heaviest page over an even share
      for (const s of slices) expect(weightOf(s)).toBeLessThanOrEqual(total / slices.length + heaviest);
      expect(slices.every((s) => !s.partial)).toBe(true);
    }
  });

  it("weighs a page by the HTML it holds: a story by its reports, a list page by its entries, a name by the reports naming it", () => {
    const weights = pageWeights(plan);
    expect(weights.articles.every((w) => w === 1)).toBe(true);
    const story = plan.stories.find((s) => s.articles.length > 0)!;
    expect(weights.stories[plan.stories.indexOf(story)]).toBeGreaterThan(2);
    // more reports, more weight
    const bigger = { articles: [...story.articles, ...story.articles, ...story.articles] } as unknown as typeof story;
    expect(pageWeights({ ...plan, stories: [bigger] }).stories[0]).toBeGreaterThan(
      weights.stories[plan.stories.indexOf(story)]!,
    );
    // (the fixture has no names) a name's page of reports weighs more than one page
    const named = { items: bigger.articles } as unknown as RenderPlan["entityPages"][number];
    expect(pageWeights({ ...plan, entityPages: [named] }).entityPages[0]).toBeGreaterThan(1);
    expect(Math.max(...weights.timelinePages)).toBeGreaterThan(1);
  });

  it("is the full plan itself when it fits in one slice", () => {
    expect(slicePlan(plan, 10_000)).toEqual([plan]);
  });

  it("leaves to the first run only the templates not paginated over the render plan", () => {
    const names = templatesOutsidePlan(path.join(ROOT, "src", "pages")).map((f) => path.basename(f));
    expect(names).toContain("index.njk");
    expect(names).toContain("sitemap.njk");
    expect(names).toContain("feed-source.njk");
    for (const sliced of [
      "article.njk",
      "timeline.njk",
      "source.njk",
      "story.njk",
      "entity.njk",
      "compare.njk",
      "shared-json.njk",
    ]) {
      expect(names).not.toContain(sliced);
    }
  });
});

describe("a build in slices, in one process and by parallel workers", () => {
  let whole: string;
  const builds: Record<"sliced" | "twoWorkers" | "threeWorkers", { output: string; stdout: string }> = {} as never;

  beforeAll(async () => {
    const fixture = writeFixture();
    const env = { CONTENT_ROOT: fixture, SITE_URL: "https://news.example" };
    whole = path.join(tempDir(), "dist");
    const a = await runBuildAsync({ output: whole, env: { ...env, BUILD_WORKERS: "2" } });
    if (a.status !== 0) throw new Error(`build failed:\n${a.stderr}`);
    const variants = { sliced: "1", twoWorkers: "2", threeWorkers: "3" } as const;
    for (const [name, workers] of Object.entries(variants)) {
      const output = path.join(tempDir(), "dist");
      const run = await runBuildAsync({ output, env: { ...env, BUILD_SLICE_PAGES: "1", BUILD_WORKERS: workers } });
      if (run.status !== 0) throw new Error(`build with ${workers} workers failed:\n${run.stderr}`);
      builds[name as keyof typeof variants] = { output, stdout: run.stdout };
    }
  }, 300_000);

  it("ran Eleventy several times; a site of one run builds in one process whatever BUILD_WORKERS says", () => {
    for (const { stdout } of Object.values(builds))
      expect(Number(/in (\d+) runs/.exec(stdout)?.[1])).toBeGreaterThan(5);
    expect(builds.sliced.stdout).not.toMatch(/workers/);
    expect(builds.twoWorkers.stdout).toMatch(/ by 2 workers/);
    expect(builds.threeWorkers.stdout).toMatch(/ by 3 workers/);
  });

  it("writes the same files, byte for byte, as a build in one run: in one process, by 2 workers and by 3", () => {
    const files = listFiles(whole);
    expect(files.length).toBeGreaterThan(20);
    for (const { output } of Object.values(builds)) {
      expect(listFiles(output)).toEqual(files);
      const differing = files.filter(
        (f) => !fs.readFileSync(path.join(whole, f)).equals(fs.readFileSync(path.join(output, f))),
      );
      expect(differing).toEqual([]);
    }
  });

  it("lays out a later run's pages with that run's own data (Eleventy's layout cache is emptied between runs)", () => {
    // the fixture's article with a picture is not in the first slice
    for (const { output } of Object.values(builds)) {
      const $ = readHtml(output, "/sources/wire-one/quoted/");
      expect($('meta[property="og:image"]').attr("content")).toMatch(/^https:\/\/news\.example\/img\//);
    }
  });

  it("with workers, a content error is said once, one line per problem, exit 1, and nothing is written", async () => {
    const fixture = writeFixture();
    const file = path.join(fixture, "src", "articles", "wire-one", "quoted.md");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/^title: .*$/m, "tittle: Misspelt"));
    const output = path.join(tempDir(), "dist");
    const run = await runBuildAsync({
      output,
      env: { CONTENT_ROOT: fixture, BUILD_SLICE_PAGES: "1", BUILD_WORKERS: "2" },
    });
    expect(run.status).toBe(1);
    expect(run.stderr.match(/The content has \d+ problems?:/g)).toHaveLength(1);
    expect(run.stderr).toMatch(/src\/articles\/wire-one\/quoted\.md:\d+:\d+: tittle: unknown key/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(output)).toBe(false);
  });

  it("rejects a BUILD_WORKERS that is not a whole number, and writes nothing", async () => {
    const output = path.join(tempDir(), "dist");
    const run = await runBuildAsync({ output, env: { CONTENT_ROOT: writeFixture(), BUILD_WORKERS: "two" } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("BUILD_WORKERS must be a whole number");
    expect(fs.existsSync(output)).toBe(false);
  });

  it("rejects a BUILD_SLICE_PAGES that is not a whole number of pages, and writes nothing", async () => {
    const output = path.join(tempDir(), "dist");
    const run = await runBuildAsync({ output, env: { CONTENT_ROOT: writeFixture(), BUILD_SLICE_PAGES: "0" } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('BUILD_SLICE_PAGES must be a whole number of pages, at least 1 (it is "0")');
    expect(fs.existsSync(output)).toBe(false);
  });
});
