/**
 * The benchmark's quick mode (N = 200, one run, incremental edit and the builds with 1 and 2
 * workers included, every target judged at 200) runs here so the script cannot rot. It asserts
 * the table and its numbers are sane — never timings. The targets table and the options are also
 * checked on their own, on made-up measurements.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateCorpus, prng } from "../scripts/bench/corpus.ts";
import type { Measurements, RunResult } from "../scripts/bench/measure.ts";
import { parseOptions } from "../scripts/bench/options.ts";
import { resultLines } from "../scripts/bench/report.ts";
import { targetLines, targetTable } from "../scripts/bench/targets.ts";
import { loadContent, defaultPaths } from "../src/content/pipeline.ts";
import { ROOT } from "./helpers/site.ts";

const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

describe("synthetic corpus", () => {
  it("is deterministic and follows the content contract", () => {
    const a = fs.mkdtempSync(path.join(os.tmpdir(), "corpus-a-"));
    const b = fs.mkdtempSync(path.join(os.tmpdir(), "corpus-b-"));
    try {
      const infoA = generateCorpus(path.join(a, "c"), 60);
      generateCorpus(path.join(b, "c"), 60);
      const files = (dir: string) =>
        (fs.readdirSync(dir, { recursive: true, encoding: "utf8" }) as string[])
          .filter((f) => f.endsWith(".md") || f.endsWith(".json"))
          .sort();
      expect(files(path.join(a, "c"))).toEqual(files(path.join(b, "c")));
      for (const f of files(path.join(a, "c"))) {
        expect(fs.readFileSync(path.join(a, "c", f), "utf8")).toBe(fs.readFileSync(path.join(b, "c", f), "utf8"));
      }
      // validates with the real loader: every article, sources and stories
      const content = loadContent(defaultPaths(infoA.root)).content!;
      expect(content.articles).toHaveLength(60);
      expect(content.sources).toHaveLength(12);
      expect(content.articles.some((x) => x.date.hasTime)).toBe(true);
      expect(content.articles.some((x) => !x.date.hasTime)).toBe(true);
      expect(content.articles.some((x) => x.story)).toBe(true);
      const words = content.articles
        .map(
          (x) =>
            x.html
              .replace(/<[^>]*>/g, " ")
              .split(/\s+/)
              .filter(Boolean).length,
        )
        .sort((x, y) => x - y);
      expect(words[30]).toBeGreaterThan(550);
      expect(words[30]).toBeLessThan(750);
    } finally {
      fs.rmSync(a, { recursive: true, force: true });
      fs.rmSync(b, { recursive: true, force: true });
    }
  });

  it("has entities drawn from its own text, events and claims; the entity count changes no article", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corpus-names-"));
    try {
      const none = generateCorpus(path.join(dir, "none"), 80, { entities: 0 });
      const some = generateCorpus(path.join(dir, "some"), 80, { entities: 400 });
      expect([none.entities, some.entities]).toEqual([0, 400]);
      const articles = (root: string) =>
        (fs.readdirSync(path.join(root, "src"), { recursive: true, encoding: "utf8" }) as string[])
          .filter((f) => f.endsWith(".md"))
          .sort();
      expect(articles(some.root)).toEqual(articles(none.root));
      for (const f of articles(some.root))
        expect(fs.readFileSync(path.join(some.root, "src", f), "utf8")).toBe(
          fs.readFileSync(path.join(none.root, "src", f), "utf8"),
        );
      const content = loadContent(defaultPaths(some.root)).content!;
      expect(content.entities).toHaveLength(400);
      // the places and most of the regulars are named; names are found by both spellings
      const named = content.entities.filter((e) => e.articles.length > 0);
      expect(named.length).toBeGreaterThan(150);
      expect(named.some((e) => e.spellings.length >= 2)).toBe(true);
      const places = content.entities.filter((e) => e.type === "place");
      expect(places.length).toBe(12);
      expect(places.every((e) => e.articles.length > 0)).toBe(true);
      expect(content.events.length).toBeGreaterThan(0);
      expect(content.claims.length).toBeGreaterThan(0);
      expect(loadContent(defaultPaths(none.root)).content!.entities).toHaveLength(0);
      // wire copy: shared text
      expect(content.comparisons.length).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("has its own seeded PRNG", () => {
    const r1 = prng(42);
    const r2 = prng(42);
    const xs = Array.from({ length: 5 }, () => r1());
    expect(xs).toEqual(Array.from({ length: 5 }, () => r2()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("bench options", () => {
  it("default sizes, --quick, --n with its huge size, the skips", () => {
    expect(parseOptions([])).toMatchObject({
      sizes: [1000, 4000],
      runs: 3,
      warmup: true,
      watchN: 4000,
      workersN: 4000,
      names: true,
    });
    expect(parseOptions(["--full"])).toMatchObject({ sizes: [1000, 4000, 10000] });
    expect(parseOptions(["--quick", "--runs", "5"])).toMatchObject({
      quick: true,
      sizes: [200],
      runs: 1,
      warmup: false,
      watchN: 200,
      workersN: 200,
      names: false,
    });
    expect(parseOptions(["--n", "50_000", "--runs=2"])).toMatchObject({
      sizes: [10000, 50000],
      runs: 2,
      watchN: 50000,
      workersN: undefined,
      names: false,
    });
    expect(parseOptions(["--n", "4000,1000", "--n=10000"])).toMatchObject({ sizes: [1000, 4000, 10000] });
    expect(parseOptions(["--no-watch", "--no-workers", "--no-names"])).toMatchObject({
      watchN: undefined,
      workersN: undefined,
      names: false,
    });
    expect(parseOptions(["-h"])).toBe("help");
    expect(() => parseOptions(["--n", "ten"])).toThrow(/--n expects whole numbers/);
    expect(() => parseOptions(["--runs", "0"])).toThrow(/--runs/);
    expect(() => parseOptions(["--bogus"])).toThrow(/bogus/);
  });
});

describe("bench targets", () => {
  const MB = 1024 * 1024;
  const run = (wall: number, more: Partial<RunResult> = {}): RunResult => ({
    wall,
    inProcess: wall,
    cpu: wall,
    rssBytes: 300 * MB,
    pages: 100,
    largest: { bytes: 100 * 1024, file: "stories/s/index.html" },
    ...more,
  });
  const m: Measurements = {
    sizes: [
      {
        n: 4000,
        full: [run(12), run(13), run(14)],
        bare: [run(4.5), run(4.4), run(4.6)],
        checks: [2, 2.1, 2.2],
        shared: { seconds: 0.39, pairs: 1, comparisons: 310 },
        workers: [
          { count: 1, results: [run(12), run(12)] },
          { count: 2, results: [run(8, { searchWaitSeconds: 1 }), run(8, { searchWaitSeconds: 1 })] },
        ],
      },
      {
        n: 10000,
        full: [
          run(28, { rssBytes: 400 * MB, workerBytes: [150 * MB, 120 * MB], pagefindBytes: 100 * MB }),
          run(27, { rssBytes: 380 * MB }),
        ],
        bare: [run(6)],
        checks: [4.4],
        workers: [],
      },
      { n: 50000, full: [], bare: [], checks: [], workers: [], failed: "JavaScript heap out of memory after 300 s" },
    ],
    names: [
      { entities: 0, full: [run(4, { pages: 1181 })], check: [1] },
      { entities: 1000, full: [run(5, { pages: 2183 })], check: [1.1] },
      { entities: 10000, full: [run(6, { pages: 11205 })], check: [1.2] },
    ],
  };

  it("judges every row of the table, and says what was not measured or failed", () => {
    expect(targetLines(targetTable(), m)).toEqual([
      "",
      "Targets",
      "  full build with search ≤ 2.0 × bare at 4,000 (2 workers): 1.78 × wall → OK",
      "    without the search index step (1.00 s after Eleventy's last run): 1.56 × wall",
      "  peak RSS ≤ 600 MB at 10,000: 400 MB (build process 400 MB, Pagefind's process 100 MB) → OK",
      "  peak memory, all processes summed, ≤ 600 MB at 10,000: 770 MB (build process 400 MB, 2 workers 270 MB, Pagefind's process 100 MB) → MISSED",
      "  no page > 250 KB at 10,000: largest 100.0 KB (stories/s/index.html) → OK",
      "  shared-text step ≤ 5 % of the full build at 4,000: 0.39 s = 3.0 % → OK",
      "  npm run check ≤ 15 % of the full build at 4,000: 2.10 s = 16.2 % → MISSED",
      "  one-article edit ≤ 10 % of cold at 4,000: not measured (needs --n 4000, a default size, without --no-watch)",
      "  peak RSS ≤ 2048 MB at 50,000: the build failed (JavaScript heap out of memory after 300 s) → MISSED",
      "  wall at 50,000 ≤ 5.5 × wall at 10,000: the build failed (JavaScript heap out of memory after 300 s) → MISSED",
      "  names: content pipeline (npm run check) with 10,000 entities ≤ 1.15 × with 0 on 1,000 articles: 1.20 × → MISSED",
      "  names: full build with 10,000 entities ≤ 1.15 × with 0: 1.50 × (it writes 10,024 more pages, one per name) → MISSED",
    ]);
    const none: Measurements = { sizes: [], names: [] };
    expect(
      targetLines(targetTable(), none)
        .filter((l) => l.startsWith("  "))
        .every((l) => / not measured \(/.test(l)),
    ).toBe(true);
  });

  it("prints the workers line", () => {
    expect(resultLines(m)).toContain(
      "workers at 4,000: 1 worker median 12.00 s, 2 workers median 8.00 s (full/bare 1: 2.67 ×, 2: 1.78 ×)",
    );
  });
});

describe("npm run bench -- --quick", () => {
  it("prints the table with sane numbers", () => {
    const r = spawnSync(process.execPath, [TSX, "scripts/bench.ts", "--quick"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 330_000,
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/\| +N \| build +\| runs \| median wall \|/);
    const row = (kind: string) => {
      const line = out.split("\n").find((l) => new RegExp(`^\\| +200 \\| ${kind} `).test(l));
      expect(line, out).toBeDefined();
      return line!
        .split("|")
        .map((c) => c.trim())
        .slice(1, -1);
    };
    const full = row("full");
    const bare = row("bare");
    const seconds = (c: string) => Number(c.replace(/ s$/, ""));
    for (const r of [full, bare]) {
      expect(seconds(r[3]!)).toBeGreaterThan(0); // median wall
      expect(seconds(r[5]!)).toBeGreaterThan(0); // CPU
      const rss = Number(r[6]!.replace(/ MB$/, ""));
      expect(rss).toBeGreaterThan(20);
      expect(rss).toBeLessThan(4000);
      expect(r[8]).toMatch(/^\d+\.\d KB \S+\.html$/); // largest page
    }
    // every article page, plus timeline, source, home, sources, 404 pages
    expect(Number(full[7]!.replace(/,/g, ""))).toBeGreaterThan(200);
    expect(Number(bare[7]!.replace(/,/g, ""))).toBe(200);
    expect(Number(full[9])).toBeGreaterThan(0); // full/bare ratio
    const search =
      /search index \(Pagefind\) at 200: median ([\d.]+) s, of which ([\d.]+) s after Eleventy's last run; peak RSS (\d+) MB \(build process (\d+) MB, Pagefind's process (\d+) MB\)/.exec(
        out,
      );
    expect(search, out).not.toBeNull();
    const [, total, after, peak, node, pagefind] = search!.map(Number);
    expect(total).toBeGreaterThan(0);
    expect(after).toBeLessThanOrEqual(total! + 0.01);
    expect(pagefind).toBeGreaterThan(10);
    expect(peak).toBe(Math.max(node!, pagefind!));
    expect(out).toMatch(/incremental at 200: one-article edit → page rewritten in \d+\.\d\d s .* % of cold/);
    // the full build again with BUILD_WORKERS=1 and 2
    const workers =
      /^workers at 200: 1 worker median (\d+\.\d\d) s, 2 workers median (\d+\.\d\d) s \(full\/bare 1: (\d+\.\d\d) ×, 2: (\d+\.\d\d) ×\)$/m.exec(
        out,
      );
    expect(workers, out).not.toBeNull();
    const [, one, two, ratioOne, ratioTwo] = workers!.map(Number);
    expect(one).toBeGreaterThan(0);
    expect(ratioTwo! / ratioOne!).toBeCloseTo(two! / one!, 1);
    // --quick judges every target at 200, so every row of the table runs
    const targets = out.slice(out.indexOf("\nTargets (--quick: every target judged at 200 articles)\n"));
    expect(targets.length, out).toBeGreaterThan(1);
    const rows = targets.split("\n").filter((l) => /^ {2}\S/.test(l));
    expect(rows).toHaveLength(11);
    for (const l of rows) expect(l).toMatch(/ → (OK|MISSED)$|^ {2}names: .*: not measured \(.+\)$/);
    expect(rows[0]).toMatch(
      /^ {2}full build with search ≤ 2\.0 × bare at 200 \(2 workers\): \d+\.\d\d × wall → (OK|MISSED)$/,
    );
    const summed =
      /^ {2}peak memory, all processes summed, ≤ 600 MB at 200: (\d+) MB \(build process (\d+) MB, (?:\d+ workers? (\d+) MB|workers not reported by the build), Pagefind's process (\d+) MB\) → (OK|MISSED)$/m.exec(
        targets,
      );
    expect(summed, targets).not.toBeNull();
    const [summedMB, own, inWorkers, inPagefind] = summed!.slice(1, 5).map((x) => Number(x ?? 0));
    expect(Math.abs(summedMB! - (own! + inWorkers! + inPagefind!))).toBeLessThanOrEqual(2); // each part rounded
    expect(summedMB).toBeGreaterThanOrEqual(node!);
    expect(targets).toMatch(/one-article edit ≤ 10 % of cold at 200: \d+\.\d % → (OK|MISSED)/);
    // nine builds and a watch build: minutes when the machine is shared
  }, 360_000);
});
