/**
 * `npm run lighthouse`: Lighthouse (mobile, its default) on the heaviest page of every page kind,
 * all four categories, printed as a table with OK/MISSED against 100. Lighthouse is fetched by
 * npx at the pinned version (12.2.3: later versions want Node 22), not installed with the project:
 * it is a measurement, like the bench, not part of `npm test`.
 *
 *   npm run lighthouse                         # builds the project's content into a temporary folder
 *   npm run lighthouse -- --corpus 1000        # the bench corpus of 1,000 reports
 *   npm run lighthouse -- --dist dist          # an existing build (served at /, or --path-prefix)
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import type { AddressInfo } from "node:net";
import { buildSite } from "../src/build/build-site.ts";
import { generateCorpus } from "./bench/corpus.ts";
import { exitWithHelp } from "./help.ts";

exitWithHelp(`Usage: npm run lighthouse [-- --dist <folder> [--path-prefix /repo/] | --corpus <reports>] [--kinds home,story,…]

Runs Lighthouse 12.2.3 (through npx, mobile) with the system's Chromium (CHROME_PATH, else
/usr/bin/chromium) on the heaviest page of each page kind and prints the four scores.
Exits 1 when a score is below 100.`);

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const CHROME = process.env.CHROME_PATH || "/usr/bin/chromium";

/** The kind of an HTML file of the site, by its path; undefined for what a reader does not land on. */
function kindOf(rel: string): string | undefined {
  if (rel === "index.html") return "home";
  if (rel === "404.html") return "404";
  if (rel === "search/index.html") return "search";
  if (/^timeline\/(?:\d+\/)?index\.html$/.test(rel)) return "timeline";
  if (rel === "sources/index.html") return "sources";
  if (/^stories\/(?:\d+\/)?index\.html$/.test(rel)) return "stories";
  if (/^stories\/[^/]+\/compare\//.test(rel)) return "comparison";
  if (/^stories\/[^/]+\/index\.html$/.test(rel)) return "story";
  if (/^entities\/(?:\d+\/)?index\.html$/.test(rel)) return "entities";
  if (/^entities\/[^/]+\/(?:\d+\/)?index\.html$/.test(rel)) return "entity";
  const m = /^sources\/[^/]+\/(?:([^/]+)\/)?index\.html$/.exec(rel);
  if (m) return !m[1] || /^\d+$/.test(m[1]) ? "source" : "article";
  return undefined;
}

/** The heaviest page of each kind (the worst case a reader meets). */
function pagesByKind(dist: string): Map<string, string> {
  const best = new Map<string, { rel: string; size: number }>();
  for (const rel of (fs.readdirSync(dist, { recursive: true, encoding: "utf8" }) as string[]).map((f) =>
    f.split(path.sep).join("/"),
  )) {
    const kind = rel.endsWith(".html") ? kindOf(rel) : undefined;
    if (!kind) continue;
    const size = fs.statSync(path.join(dist, rel)).size;
    if (!best.has(kind) || size > best.get(kind)!.size) best.set(kind, { rel, size });
  }
  return new Map([...best].map(([k, v]) => [k, v.rel.replace(/index\.html$/, "")]));
}

/** A static server of the build under its prefix, as GitHub Pages serves it: text gzipped, the 404 page for what is not there. */
function serve(dist: string, prefix: string): Promise<http.Server> {
  const types: Record<string, string> = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".png": "image/png",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".jpg": "image/jpeg",
    ".ico": "image/x-icon",
  };
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)
      .replace(prefix, "/")
      .replace(/^\/+/, "");
    let file = path.join(dist, rel);
    if (!file.startsWith(dist)) file = dist;
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    const found = fs.existsSync(file);
    if (!found) file = path.join(dist, "404.html");
    const type = types[path.extname(file)] ?? "application/octet-stream";
    // compressed as GitHub Pages sends text: Lighthouse's simulated slow 4G counts the bytes
    const gzip = /gzip/.test(String(req.headers["accept-encoding"])) && !/image\/(?!svg)/.test(type);
    const body = fs.readFileSync(file);
    res.writeHead(found ? 200 : 404, { "content-type": type, ...(gzip ? { "content-encoding": "gzip" } : {}) });
    res.end(gzip ? zlib.gzipSync(body) : body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function main(): Promise<void> {
  let dist = arg("dist");
  let prefix = arg("path-prefix") ?? "/";
  if (!dist) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lighthouse-"));
    const corpus = arg("corpus");
    let root = process.env.CONTENT_ROOT || process.cwd();
    if (corpus) {
      root = path.join(tmp, "corpus");
      generateCorpus(root, Number(corpus));
    }
    dist = path.join(tmp, "dist");
    process.env.CONTENT_ROOT = root;
    prefix = (await buildSite({ output: dist })).pathPrefix;
  }
  dist = path.resolve(dist);
  const wanted = arg("kinds")?.split(",");
  const pages = [...pagesByKind(dist)].filter(([kind]) => !wanted || wanted.includes(kind));
  const server = await serve(dist, prefix);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
  const out = path.join(os.tmpdir(), `lighthouse-${process.pid}.json`);
  let missed = 0;
  console.log(`${"kind".padEnd(11)} ${CATEGORIES.map((c) => c.slice(0, 13).padStart(13)).join(" ")}  page`);
  for (const [kind, page] of pages) {
    // asynchronously: this process serves the pages Lighthouse loads
    const run = await new Promise<{ status: number | null; stderr: string; error?: Error }>((resolve) => {
      const child = spawn(
        "npx",
        [
          "--yes",
          "lighthouse@12.2.3",
          base + page,
          `--chrome-path=${CHROME}`,
          "--chrome-flags=--headless --no-sandbox --disable-gpu --no-first-run",
          "--output=json",
          `--output-path=${out}`,
          "--quiet",
        ],
        { env: { ...process.env, CHROME_PATH: CHROME }, timeout: 240_000, stdio: ["ignore", "ignore", "pipe"] },
      );
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", (error) => resolve({ status: null, stderr, error }));
      child.on("close", (status) => resolve({ status, stderr }));
    });
    if (run.status !== 0 || !fs.existsSync(out)) {
      console.log(
        `${kind.padEnd(11)} Lighthouse failed (${run.error?.message ?? `exit ${run.status}`}): ${(run.stderr ?? "").trim().split("\n").slice(-3).join(" ")}`,
      );
      missed++;
      continue;
    }
    const report = JSON.parse(fs.readFileSync(out, "utf8")) as {
      categories: Record<string, { score: number; auditRefs: { id: string }[] }>;
      audits: Record<string, { score: number | null; title: string }>;
    };
    fs.rmSync(out);
    const scores = CATEGORIES.map((c) => Math.round((report.categories[c]?.score ?? 0) * 100));
    const failing = CATEGORIES.flatMap((c) =>
      (report.categories[c]?.auditRefs ?? []).flatMap((ref) => {
        const a = report.audits[ref.id];
        return a && a.score !== null && a.score < 1 && c !== "performance"
          ? [{ id: ref.id, line: `${c}: ${a.title}` }]
          : [];
      }),
    );
    // the not-found page says noindex on purpose: Lighthouse's SEO score counts that against it
    const onPurpose =
      kind === "404" &&
      scores.slice(0, 3).every((s) => s === 100) &&
      failing.length > 0 &&
      failing.every((f) => f.id === "is-crawlable");
    const ok = scores.every((s) => s === 100) || onPurpose;
    if (!ok) missed++;
    console.log(
      `${kind.padEnd(11)} ${scores.map((s) => String(s).padStart(13)).join(" ")}  /${page} ${onPurpose ? "OK (noindex on purpose)" : ok ? "OK" : "MISSED"}`,
    );
    for (const f of ok ? [] : failing) console.log(`            ${f.line}`);
  }
  server.close();
  process.exit(missed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
