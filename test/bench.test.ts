/**
 * The benchmark's quick mode (N = 200, one run, incremental edit included) runs here so the
 * script cannot rot. It asserts the table and its numbers are sane — never timings.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateCorpus, prng } from "../scripts/bench/corpus.ts";
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
        (fs.readdirSync(dir, { recursive: true, encoding: "utf8" }) as string[]).filter((f) => f.endsWith(".md") || f.endsWith(".json")).sort();
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
      const words = content.articles.map((x) => x.html.replace(/<[^>]*>/g, " ").split(/\s+/).filter(Boolean).length).sort((x, y) => x - y);
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
      const articles = (root: string) => (fs.readdirSync(path.join(root, "src"), { recursive: true, encoding: "utf8" }) as string[]).filter((f) => f.endsWith(".md")).sort();
      expect(articles(some.root)).toEqual(articles(none.root));
      for (const f of articles(some.root)) expect(fs.readFileSync(path.join(some.root, "src", f), "utf8")).toBe(fs.readFileSync(path.join(none.root, "src", f), "utf8"));
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

describe("npm run bench -- --quick", () => {
  it("prints the table with sane numbers", () => {
    const r = spawnSync(process.execPath, [TSX, "scripts/bench.ts", "--quick"], { cwd: ROOT, encoding: "utf8", timeout: 240_000 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/\| +N \| build +\| runs \| median wall \|/);
    const row = (kind: string) => {
      const line = out.split("\n").find((l) => new RegExp(`^\\| +200 \\| ${kind} `).test(l));
      expect(line, out).toBeDefined();
      return line!.split("|").map((c) => c.trim()).slice(1, -1);
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
    const search = /search index \(Pagefind\) at 200: median ([\d.]+) s, of which ([\d.]+) s after Eleventy's last run; peak RSS (\d+) MB \(build process (\d+) MB, Pagefind's process (\d+) MB\)/.exec(out);
    expect(search, out).not.toBeNull();
    const [, total, after, peak, node, pagefind] = search!.map(Number);
    expect(total).toBeGreaterThan(0);
    expect(after).toBeLessThanOrEqual(total! + 0.01);
    expect(pagefind).toBeGreaterThan(10);
    expect(peak).toBe(Math.max(node!, pagefind!));
    expect(out).toMatch(/incremental at 200: one-article edit → page rewritten in \d+\.\d\d s .* % of cold/);
    expect(out).toMatch(/Targets\n {2}full ≤ 1\.25 × bare at 4,000: not measured/);
    expect(out).toMatch(/one-article edit ≤ 10 % of cold at 200: \d+\.\d % → (OK|MISSED)/);
  });
});
