/**
 * `npm run discover` (src/editing/discover.ts, scripts/discover.ts) against a real HTTP server on
 * 127.0.0.1 that logs every request: feeds in every format (RSS 2.0, Atom, JSON Feed, RSS 1.0, a
 * malformed one, one in windows-1251 declared only in its XML declaration), robots.txt forbidding a
 * path an item links to, a 429 with Retry-After, a redirect chain, a timeout and a page past the
 * size limit. Items become drafts of the right story; duplicates by address, id, headline and text
 * are recognised; a second run writes nothing; --dry-run writes nothing. And the workflow.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseMarkdownFile } from "../src/content/files.ts";
import { defaultPaths } from "../src/content/pipeline.ts";
import { discover, formatTable } from "../src/editing/discover.ts";
import { FetchSession, fetchPage } from "../src/editing/fetcher.ts";
import { runScript } from "./helpers/build-async.ts";
import { article, contentTree } from "./helpers/fixture.ts";
import { ROOT } from "./helpers/site.ts";

const TEXTS: Record<string, string> = {
  a1:
    "A team from the United Nations asked on Saturday for access to the Kursk region, where fighting has displaced thousands of residents. " +
    "Officials in Geneva said the request had been sent to both governments and that an answer was expected within days. " +
    "Aid groups warned that food and medicine were running short in several border villages.",
  a5:
    "The regional governor spoke to reporters on Sunday morning after a night of heavy shelling near the town of Sudzha. " +
    "He said power lines had been cut in three districts and repair crews could not reach them before dawn. " +
    "Schools across the area will stay closed until the end of the week, his office added in a statement.",
  b1:
    "The bridge over the river at Millbrook was closed on Monday after inspectors found cracks in two of its piers. " +
    "Engineers said the crossing would stay shut for at least three weeks while the damage is assessed and repaired. " +
    "Traffic is being sent through the town centre, and the ferry will run every half hour until the bridge reopens.",
  d1:
    "Евакуація мешканців прикордонних сіл Курської області триває вже третій день поспіль, повідомили місцеві чиновники. " +
    "Автобуси вивозять людей до обласного центру, де для них облаштували тимчасові пункти прийому та гарячого харчування. " +
    "Волонтери просять приносити воду, ковдри та ліки для літніх людей і дітей.",
  z1:
    "Переговоры о гуманитарном коридоре для жителей приграничных районов продолжились в понедельник вечером в столице. " +
    "Представители Красного Креста заявили, что готовы сопровождать колонны с продовольствием и медикаментами. " +
    "Окончательного решения пока нет, но стороны договорились встретиться снова в четверг утром.",
};

function page(headline: string, date: string, text: string, lang = "en"): string {
  const ld = JSON.stringify({
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline,
    datePublished: date,
  });
  const paragraphs = text
    .split(/(?<=\.) /)
    .map((p) => `<p>${p}</p>`)
    .join("\n");
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${headline}</title><script type="application/ld+json">${ld}</script></head><body><article><h1>${headline}</h1>\n${paragraphs}</article></body></html>`;
}

const PAGES: Record<string, string> = {
  "/articles/a1": page("Kursk: UN team asks for access to the region", "2024-08-10T09:00:00+00:00", TEXTS.a1!),
  "/articles/a5": page("Kursk governor speaks after a night of shelling", "2024-08-11T08:00:00+03:00", TEXTS.a5!),
  "/articles/b1": page("Millbrook bridge shut after inspectors find cracks", "2024-08-12T10:00:00+00:00", TEXTS.b1!),
  "/articles/d1": page("Курськ: евакуація триває", "2024-08-13T10:00:00+03:00", TEXTS.d1!, "uk"),
  "/articles/z1": page("Курск: переговоры о гуманитарном коридоре", "2024-08-14T10:00:00+03:00", TEXTS.z1!, "ru"),
  // a1's text under another headline, at another address, from another outlet
  "/articles/g3": page("UN asks to be let into the Kursk region", "2024-08-10T12:00:00+00:00", TEXTS.a1!),
};

const log: string[] = [];
let busy = 0;
let server: http.Server;
let base: string;

const rss2 = () => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Alpha</title><link>${base}/alpha</link>
<item><title>Kursk: UN team asks for access to the region</title><link>${base}/articles/a1</link><guid>alpha-1</guid><pubDate>Sat, 10 Aug 2024 09:00:00 GMT</pubDate></item>
<item><title>Weather stays warm across the coast this week</title><link>${base}/articles/a2</link><guid>alpha-2</guid><pubDate>Sat, 10 Aug 2024 10:00:00 GMT</pubDate></item>
<item><title>Kursk report from the border</title><link>http://www.alpha.example/2024/08/10/kursk-report/?utm_source=rss&amp;utm_medium=feed</link><guid>alpha-3</guid></item>
<item><title>Kursk evacuation continues, officials say</title><link>${base}/forbidden/a4</link><guid>alpha-4</guid></item>
<item><title>Kursk governor speaks after a night of shelling</title><link>${base}/busy</link><guid>alpha-5</guid><pubDate>Sun, 11 Aug 2024 05:00:00 GMT</pubDate></item>
</channel></rss>`;

const atom = () => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Beta</title><id>urn:beta</id><updated>2024-08-12T10:00:00Z</updated>
<entry><title>Millbrook bridge shut after inspectors find cracks</title><link href="${base}/r3"/><id>urn:beta:1</id><updated>2024-08-12T10:00:00Z</updated></entry>
<entry><title>Millbrook ferry to run every half hour</title><link href="${base}/articles/b2"/><id>urn:beta:1</id><updated>2024-08-12T11:00:00Z</updated></entry>
<entry><title>Millbrook Bridge Shut After Inspectors Find Cracks!</title><link href="${base}/articles/b3"/><id>urn:beta:3</id><updated>2024-08-12T12:00:00Z</updated></entry>
</feed>`;

const jsonFeed = () =>
  JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: "Gamma",
    items: [
      {
        id: "g1",
        url: `${base}/slow`,
        title: "Kursk talks stall as night falls",
        date_published: "2024-08-10T20:00:00Z",
      },
      {
        id: "g2",
        url: `${base}/huge`,
        title: "Kursk aid convoy reaches the border",
        date_published: "2024-08-10T21:00:00Z",
      },
      {
        id: "g3",
        url: `${base}/articles/g3`,
        title: "UN asks to be let into the Kursk region",
        date_published: "2024-08-10T12:00:00Z",
      },
    ],
  });

const rss1 = () => `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="${base}/delta"><title>Delta</title><link>${base}/delta</link></channel>
<item rdf:about="${base}/articles/d1"><title>Курськ: евакуація триває</title><link>${base}/articles/d1</link><dc:date>2024-08-13T10:00:00+03:00</dc:date></item>
</rdf:RDF>`;

const cp1251 = () =>
  iconv.encode(
    `<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0"><channel><title>Зета</title><link>${base}/zeta</link>
<item><title>Курск: переговоры о гуманитарном коридоре</title><link>${base}/articles/z1</link><guid>z-1</guid><pubDate>Wed, 14 Aug 2024 07:00:00 GMT</pubDate></item>
</channel></rss>`,
    "windows-1251",
  );

function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const p = new URL(req.url ?? "/", "http://x").pathname;
  log.push(p);
  const send = (status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": type, ...headers });
    res.end(body);
  };
  const hop = /^\/r(\d)$/.exec(p);
  if (p === "/robots.txt") send(200, "text/plain", "User-agent: *\nDisallow: /forbidden\n");
  else if (p === "/feeds/alpha.rss") send(200, "application/rss+xml; charset=utf-8", rss2());
  else if (p === "/feeds/beta.atom") send(200, "application/atom+xml", atom());
  else if (p === "/feeds/gamma.json") send(200, "application/feed+json", jsonFeed());
  else if (p === "/feeds/delta.rdf") send(200, "application/rdf+xml", rss1());
  else if (p === "/feeds/broken.xml") send(200, "application/rss+xml", "<rss><channel><item><title>Kursk</ti");
  // the encoding only in the XML declaration: no charset in the header
  else if (p === "/feeds/zeta.rss") send(200, "application/rss+xml", cp1251());
  else if (p === "/busy") {
    if (busy++ === 0) send(429, "text/plain", "slow down", { "retry-after": "1" });
    else send(200, "text/html; charset=utf-8", PAGES["/articles/a5"]!);
  } else if (hop) {
    const n = Number(hop[1]);
    res.writeHead(302, { location: n > 1 ? `/r${n - 1}` : "/articles/b1" });
    res.end();
  } else if (p === "/slow") setTimeout(() => send(200, "text/html", "<p>late</p>"), 3000).unref();
  else if (p === "/huge") send(200, "text/html", `<p>${"x".repeat(200_000)}</p>`);
  else if (PAGES[p]) send(200, "text/html; charset=utf-8", PAGES[p]!);
  else send(404, "text/plain", "not found");
}

beforeAll(async () => {
  server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const STORIES = [
  { id: "kursk", title: "Kursk", watch: { terms: ["Kursk"], since: "2024-08-01" } },
  { id: "bridge", title: "The bridge", watch: { terms: ["Millbrook"] } },
];
const ENTITIES = [{ id: "kursk", name: "Kursk", type: "place", aliases: ["Курськ", "Курск"] }];

function tree(only?: string[]): string {
  const sources = [
    { id: "alpha", name: "Alpha", url: `${base}/alpha`, language: "en", feeds: [{ url: `${base}/feeds/alpha.rss` }] },
    { id: "beta", name: "Beta", url: `${base}/beta`, language: "en", feeds: [{ url: `${base}/feeds/beta.atom` }] },
    {
      id: "gamma",
      name: "Gamma",
      url: `${base}/gamma`,
      language: "en",
      feeds: [{ url: `${base}/feeds/gamma.json`, format: "json" }],
    },
    { id: "delta", name: "Delta", url: `${base}/delta`, language: "uk", feeds: [{ url: `${base}/feeds/delta.rdf` }] },
    { id: "epsilon", name: "Epsilon", url: `${base}/epsilon`, feeds: [{ url: `${base}/feeds/broken.xml` }] },
    { id: "zeta", name: "Zeta", url: `${base}/zeta`, language: "ru", feeds: [{ url: `${base}/feeds/zeta.rss` }] },
  ].filter((s) => !only || only.includes(s.id));
  return contentTree({
    sources,
    stories: STORIES,
    files: {
      "_data/entities.json": JSON.stringify(ENTITIES),
      "src/articles/alpha/kursk-report.md": article(
        {
          title: "Kursk report from the border",
          source: "alpha",
          date: "2024-08-10",
          url: "https://alpha.example/2024/08/10/kursk-report/",
          story: "kursk",
        },
        "An earlier report.\n",
      ),
    },
  });
}

const run = (root: string, dryRun = false) =>
  discover({
    paths: defaultPaths(root),
    fetch: fetchPage,
    fetchOptions: {
      userAgent: "Test record (+https://test.example) story-timeline",
      minDelayMs: 0,
      timeoutMs: 800,
      maxBytes: 50_000,
      retryAfterCapMs: 5_000,
      session: new FetchSession(),
    },
    now: () => new Date("2026-12-06T12:00:00Z"),
    options: { dryRun },
  });

/** Every file under the root, with its text. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(root, full)] = fs.readFileSync(full, "utf8");
    }
  };
  walk(root);
  return out;
}

describe("npm run discover, in process", () => {
  let root: string;
  let rows: Awaited<ReturnType<typeof run>>["rows"];
  const outcome = (title: string) => {
    const row = rows.find((r) => r.title === title);
    return row && `${row.outcome}: ${row.detail}`;
  };

  it("--dry-run prints the table and writes nothing", async () => {
    root = tree();
    const before = snapshot(root);
    const result = await run(root, true);
    expect(result.stop).toBeUndefined();
    expect(result.written).toEqual([]);
    expect(snapshot(root)).toEqual(before);
    rows = result.rows;
    expect(outcome("Kursk: UN team asks for access to the region")).toBe(
      "draft: src/articles/alpha/kursk-un-team-asks-for-access-to-the-region.md",
    );
    // a page's text shared with another item of the run: found before anything is written
    expect(outcome("UN asks to be let into the Kursk region")).toMatch(
      /^duplicate: src\/articles\/alpha\/kursk-un-team-asks-for-access-to-the-region\.md \(100 % of the text shared\)$/,
    );
    expect(formatTable(result, { dryRun: true })).toContain("would draft → src/articles/alpha/");
    // the 429 was retried after its Retry-After
    expect(log.filter((p) => p === "/busy")).toHaveLength(2);
  });

  it("imports the right items as drafts of the right story, and every kind of duplicate is recognised", async () => {
    const result = await run(root);
    expect(result.stop).toBeUndefined();
    rows = result.rows;
    const table = formatTable(result);
    expect(outcome("Weather stays warm across the coast this week")).toBe(
      "skipped: no story's terms in the title or summary",
    );
    expect(outcome("Kursk report from the border")).toBe(
      "duplicate: src/articles/alpha/kursk-report.md (the same address)",
    );
    expect(outcome("Kursk evacuation continues, officials say")).toMatch(
      /^failed: robots\.txt disallows .*\/forbidden\/a4$/,
    );
    expect(outcome("Millbrook ferry to run every half hour")).toBe(`duplicate: ${base}/r3 (the same id)`);
    expect(outcome("Millbrook Bridge Shut After Inspectors Find Cracks!")).toBe(
      `duplicate: ${base}/r3 (the same title)`,
    );
    expect(outcome("Kursk talks stall as night falls")).toMatch(/^failed: .*timed out/);
    expect(outcome("Kursk aid convoy reaches the border")).toMatch(/^failed: .*larger than/);
    expect(outcome("UN asks to be let into the Kursk region")).toMatch(
      /^duplicate: src\/articles\/alpha\/kursk-un-team-asks-for-access-to-the-region\.md \(\d+ % of the text shared\)$/,
    );
    const broken = rows.find((r) => r.source === "epsilon");
    expect(broken).toMatchObject({ outcome: "failed", title: `${base}/feeds/broken.xml` });
    expect(table).toMatch(/epsilon .* failed: feed: /);

    const drafts: Record<string, string> = {
      "src/articles/alpha/kursk-un-team-asks-for-access-to-the-region.md": "kursk",
      "src/articles/alpha/kursk-governor-speaks-after-a-night-of-shelling.md": "kursk",
      "src/articles/beta/millbrook-bridge-shut-after-inspectors-find-cracks.md": "bridge",
      "src/articles/delta/kursk-evakuatsiya-trivaye.md": "kursk",
      "src/articles/zeta/kursk-peregovory-o-gumanitarnom-koridore.md": "kursk",
    };
    expect(result.written.sort()).toEqual(Object.keys(drafts).sort());
    for (const [file, story] of Object.entries(drafts)) {
      const { data } = parseMarkdownFile(fs.readFileSync(path.join(root, file), "utf8"));
      expect(data, file).toMatchObject({ draft: true, story, accessed: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      const provenance = (data as { provenance: Record<string, string> }).provenance;
      expect(provenance.feed, file).toMatch(new RegExp(`^${base}/feeds/`));
      expect(provenance.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(Date.parse(provenance.fetched ?? "")).not.toBeNaN();
      // the first capture of the record: the same bytes, the page's text
      const recordRel = file.replace(/^src\/articles\//, "record/").replace(/\.md$/, ".json");
      expect(result.records, file).toContain(recordRel);
      const record = JSON.parse(fs.readFileSync(path.join(root, recordRel), "utf8"));
      expect(record.captures, file).toEqual([
        expect.objectContaining({ by: "discover", at: provenance.fetched, sha256: provenance.sha256 }),
      ]);
      expect(record.captures[0].text.length, file).toBeGreaterThan(0);
    }
    // windows-1251 declared only in the XML declaration: read as such
    expect(rows.find((r) => r.source === "zeta")?.title).toBe("Курск: переговоры о гуманитарном коридоре");
    const beta = parseMarkdownFile(
      fs.readFileSync(
        path.join(root, "src/articles/beta/millbrook-bridge-shut-after-inspectors-find-cracks.md"),
        "utf8",
      ),
    ).data as Record<string, unknown>;
    // through the redirect chain, the page's final address
    expect(beta).toMatchObject({ url: `${base}/articles/b1`, provenance: { item: "urn:beta:1" } });
    // the forbidden path was never requested
    expect(log.some((p) => p.startsWith("/forbidden"))).toBe(false);
    // the state file holds every outcome but the failures
    const state = JSON.parse(fs.readFileSync(path.join(root, "discover/seen.json"), "utf8"));
    expect(Object.keys(state).sort()).toEqual(["alpha", "beta", "delta", "gamma", "zeta"]);
    expect(
      Object.values(state.alpha)
        .map((e) => (e as { outcome: string }).outcome)
        .sort(),
    ).toEqual(["draft", "draft", "duplicate", "skipped"]);
  });

  it("a second run writes nothing", async () => {
    const before = snapshot(root);
    const result = await run(root);
    expect(result.written).toEqual([]);
    expect(snapshot(root)).toEqual(before);
    // only the failures are tried again
    expect(result.rows.every((r) => r.outcome === "failed")).toBe(true);
    expect(result.seenBefore).toBe(10);
    expect(log.some((p) => p.startsWith("/forbidden"))).toBe(false);
  });
});

describe("npm run discover, through its CLI", () => {
  it("--help answers; a run writes drafts and the table; a second writes nothing", async () => {
    const root = tree(["alpha", "delta"]);
    const cli = (args: string[]) => runScript("scripts/discover.ts", args, { CONTENT_ROOT: root, USER_AGENT: "" });
    const help = await cli(["--help"]);
    expect(help.stdout).toContain("Usage: npm run discover");
    const dry = await cli(["--dry-run"]);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("Nothing was written (--dry-run).");
    expect(fs.existsSync(path.join(root, "discover/seen.json"))).toBe(false);
    const table = path.join(root, "..", `table-${path.basename(root)}.md`);
    const first = await cli(["--table", table]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/alpha +Kursk: UN team asks for access to the region +draft → src\/articles\/alpha\//);
    expect(fs.readFileSync(table, "utf8")).toContain("| source | title | outcome |");
    expect(fs.existsSync(path.join(root, "src/articles/delta/kursk-evakuatsiya-trivaye.md"))).toBe(true);
    const before = snapshot(root);
    const second = await cli([]);
    expect(second.status, second.stderr).toBe(0);
    expect(snapshot(root)).toEqual(before);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: the parsed workflow YAML, walked freely by assertions (a wrong path fails the test)
type Json = Record<string, any>;

describe(".github/workflows/discover.yml", () => {
  const workflow = parse(fs.readFileSync(path.join(ROOT, ".github/workflows/discover.yml"), "utf8")) as Json;
  const steps = Object.values(workflow.jobs as Record<string, Json>).flatMap((job) => job.steps as Json[]);

  it("runs hourly and by hand, with only the permissions it needs", () => {
    expect(workflow.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d{1,2} \* \* \* \*$/) }]);
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    expect(workflow.permissions).toEqual({ contents: "write", "pull-requests": "write" });
  });

  it("installs, discovers, checks, and opens or updates one pull request with the table as its body", () => {
    const runs = steps.filter((s) => s.run).map((s) => String(s.run).trim());
    expect(runs[0]).toMatch(/^npm ci\b/);
    expect(runs.some((r) => /^npm run discover -- --table \S+/.test(r))).toBe(true);
    expect(runs.findIndex((r) => r.startsWith("npm run check"))).toBeGreaterThan(
      runs.findIndex((r) => r.startsWith("npm run discover")),
    );
    const uses = steps.map((s) => s.uses).filter(Boolean);
    expect(uses[0]).toBe("actions/checkout@v6");
    expect(uses).toContain("actions/setup-node@v6");
    const pr = steps.find((s) => String(s.uses).startsWith("peter-evans/create-pull-request@"));
    expect(pr?.uses).toMatch(/@v\d+$/);
    expect(pr?.with).toMatchObject({ branch: "discover/new-reports", "body-path": expect.any(String) });
    expect(String(pr?.with["add-paths"])).toContain("discover/seen.json");
    // the drafts' first captures go with them
    expect(String(pr?.with["add-paths"])).toContain("record/**");
    const table = /--table (\S+)/.exec(runs.find((r) => r.startsWith("npm run discover"))!)![1];
    expect(pr?.with["body-path"]).toBe(table);
    expect(steps.find((s) => s.uses?.startsWith("actions/setup-node"))?.with?.["node-version"]).toBe(22);
  });
});
