/**
 * The record of each report, end to end against a real HTTP server on 127.0.0.1 that serves one
 * report in versions over time: `npm run import -- <address>` makes the first capture; then
 * `recheck` (the library, with its clock set, and once through `npm run recheck`) sees a
 * white-space-only edit (nothing recorded), a new headline and figure, the cited paragraph
 * removed, then HTTP 410; a second run with no change writes nothing; the content pipeline reads
 * the record into each change, its time and what became of a quote.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPaths, loadContent } from "../src/content/pipeline.ts";
import { isError } from "../src/content/problems.ts";
import { FetchSession, fetchPage, userAgentFor } from "../src/editing/fetcher.ts";
import { formatRecheckTable, parseDuration, recheck } from "../src/editing/recheck.ts";
import { AxeBuilder } from "@axe-core/playwright";
import { launchBrowser, serveSite } from "./helpers/browser.ts";
import { runScript } from "./helpers/build-async.ts";
import { buildContent } from "./helpers/build-tree.ts";
import { contentTree } from "./helpers/fixture.ts";

const P1 =
  "The death toll from the flooding in Dumbraveni rose to 12 on Tuesday, the county's emergency service said in a statement.";
const P2 =
  "Rescuers evacuated 340 people from homes along the river overnight, and the main road to the county town remains closed.";
const P3 =
  "Mayor Vasile Pop said the town had not seen water this high since 1975 and asked the government for army help.";
const QUOTE = "had not seen water this high since 1975";

type Version = "v1" | "v1-spaces" | "v2" | "v3" | "gone" | "home";
let version: Version = "v1";

function page(title: string, paragraphs: string[], extra = ""): string {
  return `<!doctype html><html lang="en"><head><title>${title} | River Post</title>
<script type="application/ld+json">${JSON.stringify({
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: title,
    datePublished: "2026-03-03T09:00:00+00:00",
    author: { "@type": "Person", name: "Ann Reporter" },
  })}</script></head><body><nav><a href="/">Home</a></nav><article><h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join("\n")}</article>${extra}<footer>© River Post</footer></body></html>`;
}

function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const p = new URL(req.url ?? "/", "http://x").pathname;
  if (p === "/robots.txt") {
    res.writeHead(404).end();
    return;
  }
  if (p === "/") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page("River Post", ["The news."]));
    return;
  }
  if (p !== "/2026/03/03/flood-toll/") {
    res.writeHead(404).end();
    return;
  }
  if (version === "gone") {
    res.writeHead(410, { "content-type": "text/html" }).end("<h1>Gone</h1>");
    return;
  }
  if (version === "home") {
    res.writeHead(301, { location: "/" }).end();
    return;
  }
  const html = {
    v1: () => page("Flood toll rises to 12 in Dumbraveni", [P1, P2, P3]),
    // the same words: white space, a line break inside a paragraph, and a related box that changed
    "v1-spaces": () =>
      page(
        "Flood  toll rises to 12 in   Dumbraveni",
        [P1.replace(" rose ", "\n   rose  "), `  ${P2}  `, P3],
        '<aside class="related"><h2>Related</h2><ul><li><a href="/2026/03/04/other/">Another flood report</a></li></ul></aside>',
      ),
    v2: () => page("Flood toll rises to 15 in Dumbraveni", [P1.replace("12", "15"), P2, P3]),
    v3: () => page("Flood toll rises to 15 in Dumbraveni", [P1.replace("12", "15"), P2]),
  }[version]();
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
}

let server: http.Server;
let base: string;
let root: string;
const KEY = "river-post/flood-toll-rises-to-12-in-dumbraveni";

beforeAll(async () => {
  server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  root = contentTree({
    sources: [{ id: "river-post", name: "River Post", url: base }],
    stories: [{ id: "flood", title: "The flood" }],
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A script run on a content root (the test's, unless given), with the site's own User-Agent. */
const run = (script: string, args: string[], content = root) =>
  runScript(script, args, { CONTENT_ROOT: content, USER_AGENT: "" });

const recordFile = () => path.join(root, "record", ...KEY.split("/")) + ".json";
const readRecord = () =>
  JSON.parse(fs.readFileSync(recordFile(), "utf8")) as {
    url: string;
    checked?: string;
    captures: {
      at: string;
      by: string;
      from: string;
      sha256?: string;
      title?: string;
      text?: string[];
      removed?: string;
    }[];
  };

/** One recheck at `day` days after the import, every fetch on a fresh session and without delay. */
function recheckOn(at: Date, options = {}) {
  return recheck({
    paths: defaultPaths(root),
    fetch: fetchPage,
    fetchOptions: {
      userAgent: userAgentFor({ title: "Test record", url: "https://test.example" }),
      minDelayMs: 0,
      session: new FetchSession(),
    },
    now: () => at,
    options,
  });
}

const DAY = 86400e3;

describe("the record of a report, version by version", () => {
  let imported: Date;

  it("npm run import -- <address> captures the page: time, address, SHA-256 and text", async () => {
    const r = await run("scripts/import.ts", [`${base}/2026/03/03/flood-toll/`, "--story", "flood"]);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain(`captured: record/${KEY}.json`);
    const record = readRecord();
    expect(record.url).toBe(`${base}/2026/03/03/flood-toll/`);
    expect(record.captures).toHaveLength(1);
    const first = record.captures[0]!;
    expect(first).toMatchObject({
      by: "import",
      from: `${base}/2026/03/03/flood-toll/`,
      title: "Flood toll rises to 12 in Dumbraveni",
    });
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.text).toEqual([P1, P2, P3]);
    imported = new Date(first.at);
    expect(Math.abs(imported.getTime() - Date.now())).toBeLessThan(120e3);
  });

  it("a white-space-only edit (and a changed related box) records nothing but the day checked", async () => {
    version = "v1-spaces";
    const at = new Date(imported.getTime() + DAY);
    const r = await recheckOn(at);
    expect(r.rows).toEqual([expect.objectContaining({ article: KEY, outcome: "unchanged" })]);
    const record = readRecord();
    expect(record.captures).toHaveLength(1);
    expect(record.checked).toBe(at.toISOString().slice(0, 10));
    // the same day again: nothing written at all
    const before = fs.readFileSync(recordFile());
    const again = await recheckOn(new Date(at.getTime() + 60e3));
    expect(again.written).toEqual([]);
    expect(fs.readFileSync(recordFile()).equals(before)).toBe(true);
  });

  it("a new headline and figure is a new version with its time; the same version again writes nothing", async () => {
    version = "v2";
    const at = new Date(imported.getTime() + 2 * DAY);
    const r = await recheckOn(at);
    expect(r.rows[0]).toMatchObject({ outcome: "changed", detail: "headline, text (1 paragraph out, 1 in)" });
    expect(r.written).toEqual([`record/${KEY}.json`]);
    const record = readRecord();
    expect(record.captures).toHaveLength(2);
    expect(record.captures[1]).toMatchObject({
      at: at.toISOString(),
      by: "recheck",
      title: "Flood toll rises to 15 in Dumbraveni",
    });
    const before = fs.readFileSync(recordFile());
    const again = await recheckOn(new Date(at.getTime() + 3600e3));
    expect(again.rows[0]!.outcome).toBe("unchanged");
    expect(again.written).toEqual([]);
    expect(fs.readFileSync(recordFile()).equals(before)).toBe(true);
  });

  it("the cited paragraph removed is a version; the pipeline marks the quote as changed since", async () => {
    version = "v3";
    const at = new Date(imported.getTime() + 3 * DAY);
    const r = await recheckOn(at);
    expect(r.rows[0]).toMatchObject({ outcome: "changed", detail: "text (1 paragraph out, 0 in)" });
    const { content, problems } = loadContent(defaultPaths(root), { renderHtml: false });
    expect(problems.filter(isError)).toEqual([]);
    const rec = content!.articleByKey.get(KEY)!.record!;
    expect(rec.versions.map((v) => v.n)).toEqual([1, 2, 3]);
    expect(rec.quoteFate(QUOTE)).toEqual({ kind: "changed", at: at.toISOString() });
    expect(rec.quoteFate("emergency service said")).toBeUndefined();
    const [headline, removed] = rec.changes;
    expect(headline).toMatchObject({
      kind: "changed",
      version: 2,
      headline: { before: "Flood toll rises to 12 in Dumbraveni", after: "Flood toll rises to 15 in Dumbraveni" },
      figures: [{ before: "12", after: "15" }],
      removed: [],
      added: [],
      rewritten: 1,
    });
    expect(removed).toMatchObject({ kind: "changed", version: 3, removed: [P3], added: [], figures: [] });
    // the word difference: 12 deleted, 15 inserted
    const diff = rec.diffs[0]!;
    expect(diff.title.filter((p) => p.op !== "same").map((p) => `${p.op}:${p.text}`)).toEqual(["del:12", "ins:15"]);
  });

  it("HTTP 410 is a removal by the outlet, recorded once; our copy stays", async () => {
    version = "gone";
    const at = new Date(imported.getTime() + 4 * DAY);
    const r = await recheckOn(at);
    expect(r.rows[0]).toMatchObject({ outcome: "removed", detail: "HTTP 410" });
    const record = readRecord();
    expect(record.captures.at(-1)).toEqual({
      at: at.toISOString(),
      by: "recheck",
      from: `${base}/2026/03/03/flood-toll/`,
      removed: "HTTP 410",
    });
    expect(fs.existsSync(path.join(root, "src", "articles", `${KEY}.md`))).toBe(true);
    const next = await recheckOn(new Date(at.getTime() + 60e3));
    expect(next.rows[0]!.outcome).toBe("still removed");
    expect(next.written).toEqual([]);
    const { content } = loadContent(defaultPaths(root), { renderHtml: false });
    const rec = content!.articleByKey.get(KEY)!.record!;
    expect(rec.removed).toMatchObject({ kind: "removed", why: "HTTP 410", at: at.toISOString() });
    expect(rec.quoteFate(QUOTE)).toEqual({ kind: "removed", at: at.toISOString() });
  });

  it("the built site shows each change: article page, versions page, fact grid, feed; axe 0 in Chromium", async () => {
    // a claim citing the paragraph the outlet took out, as the editor wrote it from the import
    fs.writeFileSync(
      path.join(root, "_data", "claims.json"),
      JSON.stringify([
        { id: "high-water", story: "flood", label: "Highest water since", citations: [{ article: KEY, quote: QUOTE }] },
      ]),
    );
    const record = readRecord();
    const [, v2, v3, gone] = record.captures.map((c) => c.at);
    const build = await buildContent(root);
    const href = `/sources/${KEY}/`;
    const $a = build.html(href);
    const notice = $a(".record-notice").text();
    expect(notice).toContain("River Post");
    expect($a(".record-notice a").attr("href")).toBe("#record");
    // the original is said to be gone where it is linked
    expect($a(".original a").first().text()).toBe("The original at River Post, removed by the outlet");
    const changes = $a(".record-changes > li")
      .map((_, li) => $a(li).text().replace(/\s+/g, " ").trim())
      .get();
    expect(changes).toHaveLength(3);
    expect(changes[0]).toContain("Flood toll rises to 12 in Dumbraveni");
    expect(changes[0]).toContain("Flood toll rises to 15 in Dumbraveni");
    expect(changes[0]).toMatch(/12 → 15/);
    expect(changes[2]).toContain("HTTP 410");
    // each change with its time, as a <time> of the instant
    const times = $a(".record-changes time")
      .map((_, t) => $a(t).attr("datetime"))
      .get();
    // (to the second)
    const seconds = (t: string) => Math.floor(Date.parse(t) / 1000);
    for (const at of [v2, v3, gone]) expect(times.map(seconds)).toContain(seconds(at!));
    expect($a(".record-captured").text()).toContain(`${base}/2026/03/03/flood-toll/`);
    const versionsHref = $a(".record-versions a").attr("href")!;
    expect(versionsHref).toBe(`/sources/${KEY}/versions/`);

    const $v = build.html(versionsHref);
    expect($v(".diff-headline del").text()).toBe("12");
    expect($v(".diff-headline ins").text()).toBe("15");
    expect($v(".diff-removed del").text()).toContain(QUOTE);
    expect($v(".version-removed").text()).toContain("HTTP 410");

    // the fact grid marks the quote: its report was removed after we captured it
    const $s = build.html("/stories/flood/");
    const fate = $s(".quote-fate");
    expect(fate.length).toBeGreaterThan(0);
    expect(fate.first().attr("href")).toBe(versionsHref);
    // the feed: an entry for each change, linked to the versions page
    const atom = fs.readFileSync(path.join(build.output, "feed.xml"), "utf8");
    const links = [...atom.matchAll(/<link[^>]*href="([^"]*versions\/[^"]*)"/g)].map((m) => m[1]);
    expect(links.length).toBe(3);

    const server = await serveSite(build.output, "/");
    const browser = await launchBrowser();
    try {
      for (const page of [href, versionsHref]) {
        const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
        const tab = await context.newPage();
        await tab.goto(server.url + page.slice(1), { waitUntil: "load" });
        const { violations } = await new AxeBuilder({ page: tab }).analyze();
        expect(violations.map((v) => `${page}: ${v.id}`)).toEqual([]);
        await context.close();
      }
    } finally {
      await browser.close();
      await server.close();
    }

    // npm run check -- --record: the coverage figures
    const check = await run("scripts/check.ts", ["--record"]);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/^river-post\s+1\s+1\s+1\s+1\s+1\s+1\s+100\.0 %$/m);
  }, 120_000);

  it("a page that comes back is restored; a redirect to the home page is a removal", async () => {
    version = "v3";
    const r = await recheckOn(new Date(imported.getTime() + 5 * DAY));
    expect(r.rows[0]!.outcome).toBe("restored");
    version = "home";
    const gone = await recheckOn(new Date(imported.getTime() + 6 * DAY));
    expect(gone.rows[0]).toMatchObject({ outcome: "removed", detail: `redirected to the home page ${base}/` });
  });

  it("--older-than leaves out reports checked within it; npm run recheck prints the table", async () => {
    const r = await recheckOn(new Date(imported.getTime() + 6 * DAY + 3600e3), { olderThanMs: parseDuration("2d") });
    expect(r.rows).toEqual([]);
    expect(r.recent).toBe(1);
    expect(formatRecheckTable(r)).toContain("0 reports rechecked");
    version = "v3";
    const cli = await run("scripts/recheck.ts", ["--source", "river-post", "--table", path.join(root, "table.md")]);
    expect(cli.status, cli.stderr + cli.stdout).toBe(0);
    expect(cli.stdout).toMatch(new RegExp(`${KEY}\\s+Flood toll rises to 12 in Dumbraveni\\s+restored: back after`));
    expect(fs.readFileSync(path.join(root, "table.md"), "utf8")).toContain(`| ${KEY} |`);
    const bad = await run("scripts/recheck.ts", ["--older-than", "soon"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--older-than "soon" is not a duration');
  });

  it("parses durations", () => {
    expect(parseDuration("7d")).toBe(7 * DAY);
    expect(parseDuration("12h")).toBe(12 * 3600e3);
    expect(parseDuration("P1W")).toBe(7 * DAY);
    expect(parseDuration("later")).toBeUndefined();
  });
});

describe("the first capture of a saved page, and none of a clipping", () => {
  it("npm run import -- page.html records a saved-page capture; a clipping's report has no record until a recheck", async () => {
    const other = contentTree({
      sources: [{ id: "river-post", name: "River Post", url: "https://river-post.example" }],
      stories: [{ id: "flood", title: "The flood" }],
    });
    const html = page("Flood toll rises to 12 in Dumbraveni", [P1, P2, P3]).replace(
      "</head>",
      '<link rel="canonical" href="https://river-post.example/2026/03/03/flood-toll/"></head>',
    );
    fs.writeFileSync(path.join(other, "saved.html"), html);
    const saved = await run("scripts/import.ts", [path.join(other, "saved.html"), "--story", "flood"], other);
    expect(saved.status, saved.stderr + saved.stdout).toBe(0);
    const record = JSON.parse(fs.readFileSync(path.join(other, "record", `${KEY}.json`), "utf8"));
    expect(record.url).toBe("https://river-post.example/2026/03/03/flood-toll/");
    expect(record.captures).toEqual([
      expect.objectContaining({
        by: "saved-page",
        from: "https://river-post.example/2026/03/03/flood-toll/",
        title: "Flood toll rises to 12 in Dumbraveni",
        text: [P1, P2, P3],
      }),
    ]);
    // the SHA-256 of the file's bytes
    const { createHash } = await import("node:crypto");
    expect(record.captures[0].sha256).toBe(createHash("sha256").update(html).digest("hex"));

    // a clipping is not a capture of the page: no record
    fs.writeFileSync(
      path.join(other, "clip.txt"),
      `Dam holds after night of rain\n\nMarch 4, 2026\n\n${P2}\n\nOriginal url: https://river-post.example/2026/03/04/dam-holds/\n`,
    );
    const clip = await run("scripts/import.ts", [path.join(other, "clip.txt"), "--story", "flood"], other);
    const clipOut = clip.stdout + clip.stderr;
    expect(clip.status, clipOut).toBe(0);
    expect(clipOut).toContain("Wrote src/articles/river-post/dam-holds-after-night-of-rain.md");
    expect(clipOut).not.toContain("captured:");
    expect(fs.readdirSync(path.join(other, "record", "river-post"))).toEqual([`${KEY.split("/")[1]}.json`]);
  });
});
