/**
 * `npm run weight`: what a reader downloads for each kind of page — the HTML plus the
 * stylesheets and scripts it references, gzip-compressed — excluding images and the search
 * index (Pagefind's runtime, loaded on demand by the search page, is reported on its own line).
 * For each kind the heaviest page counts. Exits 1 when a target is exceeded.
 *
 *   npm run weight                      # builds the sample content into a temporary folder
 *   npm run weight -- --dist dist       # measures an existing build
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import * as cheerio from "cheerio";
import { buildSite } from "../src/build/build-site.ts";
import { exitWithHelp } from "./help.ts";

/** Targets in gzip bytes, for the sample content. */
export const TARGETS: Record<string, number> = { article: 15 * 1024, timeline: 40 * 1024 };

export interface WeightRow {
  kind: string;
  /** The heaviest page of the kind, as a path in the site. */
  page: string;
  pages: number;
  html: number;
  css: number;
  js: number;
  total: number;
  target?: number;
}

const gz = (buf: Buffer | string) => zlib.gzipSync(buf).length;

export function pageKind(rel: string): string | undefined {
  if (rel === "index.html") return "home";
  if (rel === "404.html") return "404";
  if (rel.startsWith("timeline/")) return "timeline";
  if (rel === "search/index.html") return "search";
  if (rel === "sources/index.html") return "sources";
  const m = /^sources\/[^/]+\/(?:([^/]+)\/)?index\.html$/.exec(rel);
  if (m) return !m[1] || /^\d+$/.test(m[1]) ? "source" : "article";
  return undefined;
}

export function measurePageWeight(dist: string): { rows: WeightRow[]; searchRuntime: number } {
  const cache = new Map<string, number>();
  const assetBytes = (url: string): number => {
    const clean = url.split(/[?#]/)[0]!;
    // the HTML's URLs may carry a path prefix: match the file by its path inside the site
    let rel = clean.replace(/^https?:\/\/[^/]+/, "");
    while (rel && !fs.existsSync(path.join(dist, rel))) rel = rel.replace(/^\/[^/]*/, "");
    if (!rel) throw new Error(`page weight: ${url} is not in ${dist}`);
    if (!cache.has(rel)) cache.set(rel, gz(fs.readFileSync(path.join(dist, rel))));
    return cache.get(rel)!;
  };
  const best = new Map<string, WeightRow>();
  const counts = new Map<string, number>();
  const files = (fs.readdirSync(dist, { recursive: true, encoding: "utf8" }) as string[]).map((f) =>
    f.split(path.sep).join("/"),
  );
  for (const rel of files.filter((f) => f.endsWith(".html")).sort()) {
    const kind = pageKind(rel);
    if (!kind) continue;
    const html = fs.readFileSync(path.join(dist, rel), "utf8");
    const $ = cheerio.load(html);
    const css = $('link[rel="stylesheet"]')
      .map((_, el) => assetBytes($(el).attr("href")!))
      .get()
      .reduce((a, b) => a + b, 0);
    const js = $("script[src]")
      .map((_, el) => assetBytes($(el).attr("src")!))
      .get()
      .reduce((a, b) => a + b, 0);
    const row: WeightRow = {
      kind,
      page: "/" + rel.replace(/index\.html$/, ""),
      pages: 0,
      html: gz(html),
      css,
      js,
      total: 0,
      target: TARGETS[kind],
    };
    row.total = row.html + row.css + row.js;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    const prev = best.get(kind);
    if (!prev || row.total > prev.total) best.set(kind, row);
  }
  const order = ["home", "timeline", "sources", "source", "article", "search", "404"];
  const rows = [...best.values()].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  for (const r of rows) r.pages = counts.get(r.kind) ?? 0;
  const runtime = ["pagefind/pagefind.js", "pagefind/wasm.en.pagefind", "pagefind/pagefind-entry.json"]
    .filter((f) => fs.existsSync(path.join(dist, f)))
    .reduce((n, f) => n + gz(fs.readFileSync(path.join(dist, f))), 0);
  return { rows, searchRuntime: runtime };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export function formatTable(rows: WeightRow[], searchRuntime: number): string {
  const head = ["page kind", "pages", "HTML", "CSS", "JS", "total (gzip)", "target", ""];
  const body = rows.map((r) => [
    r.kind,
    String(r.pages),
    kb(r.html),
    kb(r.css),
    kb(r.js),
    kb(r.total),
    r.target ? `≤ ${kb(r.target)}` : "",
    r.target ? (r.total <= r.target ? "ok" : "OVER") : "",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...body.map(line),
    "",
    `Heaviest page of each kind; images and the search index excluded.`,
    `Search runtime loaded on demand by the search page (pagefind.js + wasm + entry): ${kb(searchRuntime)} gzip.`,
  ].join("\n");
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? "")) {
  exitWithHelp(`Usage: npm run weight [-- --dist <folder>]

Prints the heaviest page of each kind (HTML + CSS + JS after gzip, images and the search index
excluded) and exits 1 when one is over its target. Without --dist it builds the site into a
temporary folder first.`);
  let dist = arg("dist");
  let temp: string | undefined;
  if (!dist) {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), "weight-"));
    dist = path.join(temp, "dist");
    await buildSite({ output: dist });
  }
  try {
    const { rows, searchRuntime } = measurePageWeight(path.resolve(dist));
    console.log(formatTable(rows, searchRuntime));
    const over = rows.filter((r) => r.target && r.total > r.target);
    if (over.length) {
      console.error(`Over target: ${over.map((r) => `${r.kind} ${kb(r.total)} > ${kb(r.target!)}`).join(", ")}`);
      process.exitCode = 1;
    }
  } finally {
    if (temp) fs.rmSync(temp, { recursive: true, force: true });
  }
}
