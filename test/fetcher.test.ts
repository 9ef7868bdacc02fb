/**
 * The fetcher (src/editing/fetcher.ts) against a real HTTP server on 127.0.0.1 that logs every
 * request: the Content-Type charset, robots.txt (a forbidden path never requested), Retry-After,
 * redirect chains, a timeout, a size limit, one request per host with the delay between them, the
 * User-Agent; and `npm run import -- <address>` through its real CLI.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMarkdownFile } from "../src/content/files.ts";
import { FetchSession, fetchPage, retryAfterMs, userAgentFor } from "../src/editing/fetcher.ts";
import { runScript } from "./helpers/build-async.ts";
import { contentTree } from "./helpers/fixture.ts";

interface Logged {
  path: string;
  userAgent: string | undefined;
  /** performance.now() when the request arrived, and when its response ended. */
  at: number;
  end: number;
}

const UA = userAgentFor({ title: "Test record", url: "https://test.example" });
const CYRILLIC = "Київ і Курська область";
const ARTICLE_TEXT =
  "The bridge over the river at Millbrook was closed on Monday after inspectors found cracks in two of its piers. " +
  "Engineers said the crossing would stay shut for at least three weeks while the damage is assessed and repaired. " +
  "Traffic is being sent through the town centre, and the ferry will run every half hour until the bridge reopens.";
const ARTICLE_PAGE = `<!doctype html><html lang="en"><head><title>Millbrook bridge shut</title>
<script type="application/ld+json">${JSON.stringify({
  "@context": "https://schema.org",
  "@type": "NewsArticle",
  headline: "Millbrook bridge shut after inspectors find cracks",
  datePublished: "2026-03-03T09:00:00+00:00",
  author: { "@type": "Person", name: "Ann Reporter" },
})}</script></head><body><article><h1>Millbrook bridge shut after inspectors find cracks</h1>
<p>${ARTICLE_TEXT}</p><p>${ARTICLE_TEXT.replace("Monday", "Tuesday")}</p>
<p>The council <a href="/2026/03/02/millbrook-bridge-inspection-ordered/">ordered the inspection</a> last week.</p></article></body></html>`;

let server: http.Server;
let base: string;
const log: Logged[] = [];
let busyCount = 0;

function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", "http://x");
  const p = url.pathname;
  const entry: Logged = { path: p, userAgent: req.headers["user-agent"], at: performance.now(), end: 0 };
  log.push(entry);
  res.on("finish", () => {
    entry.end = performance.now();
  });
  const redirect = /^\/r(\d+)$/.exec(p);
  if (p === "/robots.txt") {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("User-agent: *\nDisallow: /private\n\nUser-agent: story-timeline\nDisallow: /forbidden\nAllow: /\n");
  } else if (p === "/cp1251") {
    res.writeHead(200, { "content-type": "text/html; charset=windows-1251" });
    res.end(iconv.encode(`<!doctype html><html><body><p>${CYRILLIC}</p></body></html>`, "windows-1251"));
  } else if (p === "/busy") {
    if (busyCount++ === 0) {
      res.writeHead(429, { "retry-after": "1", "content-type": "text/plain" });
      res.end("slow down");
    } else {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end("<p>now</p>");
    }
  } else if (p === "/away") {
    res.writeHead(503, { "retry-after": "3600" });
    res.end();
  } else if (redirect) {
    const n = Number(redirect[1]);
    res.writeHead(302, { location: n > 1 ? `/r${n - 1}` : "/page" });
    res.end();
  } else if (p === "/to-forbidden") {
    res.writeHead(301, { location: `${base}/forbidden/page` });
    res.end();
  } else if (p === "/slow") {
    const timer = setTimeout(() => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<p>late</p>");
    }, 3000);
    res.on("close", () => clearTimeout(timer));
  } else if (p === "/big") {
    // no Content-Length: the limit must stop the reading itself
    res.writeHead(200, { "content-type": "text/html" });
    res.write(`<p>${"x".repeat(4096)}`);
    res.end(`${"y".repeat(4096)}</p>`);
  } else if (p === "/page" || p === "/one" || p === "/two") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(ARTICLE_PAGE);
  } else {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not here");
  }
}

beforeAll(async () => {
  server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Options for a test: small delays and limits, a session of its own. */
const options = (more: Partial<Parameters<typeof fetchPage>[1]> = {}) => ({
  userAgent: UA,
  minDelayMs: 50,
  session: new FetchSession(),
  ...more,
});
const requested = (p: string) => log.filter((l) => l.path === p);

describe("fetchPage", () => {
  it("decodes a page by the charset of its Content-Type header, and says what it fetched", async () => {
    const r = await fetchPage(`${base}/cp1251`, options());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.text).toContain(CYRILLIC);
    expect(r).toMatchObject({ url: `${base}/cp1251`, status: 200, contentType: "text/html; charset=windows-1251" });
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(r.fetchedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("sends its User-Agent, to robots.txt too", async () => {
    await fetchPage(`${base}/page`, options());
    expect(requested("/page").at(-1)?.userAgent).toBe("Test record (+https://test.example) story-timeline");
    expect(requested("/robots.txt").every((l) => l.userAgent === UA)).toBe(true);
  });

  it("never requests what robots.txt disallows, nor a redirect into it; robots.txt is read once per session", async () => {
    const session = new FetchSession();
    const robotsBefore = requested("/robots.txt").length;
    const r = await fetchPage(`${base}/forbidden/page`, options({ session }));
    expect(r).toEqual({
      ok: false,
      url: `${base}/forbidden/page`,
      reason: `robots.txt disallows ${base}/forbidden/page`,
    });
    const hop = await fetchPage(`${base}/to-forbidden`, options({ session }));
    expect(hop).toMatchObject({ ok: false, reason: `robots.txt disallows ${base}/forbidden/page` });
    // the group for story-timeline is ours, not "*": /private is allowed to us
    expect(await fetchPage(`${base}/private`, options({ session }))).toMatchObject({
      ok: false,
      reason: `${base}/private: HTTP 404`,
    });
    expect(requested("/private")).toHaveLength(1);
    expect(requested("/robots.txt").length - robotsBefore).toBe(1);
    expect(log.some((l) => l.path.startsWith("/forbidden"))).toBe(false);
  });

  it("waits for a 429's Retry-After, then fetches; gives up when the wait is beyond the cap", async () => {
    const started = performance.now();
    const r = await fetchPage(`${base}/busy`, options());
    expect(r).toMatchObject({ ok: true, status: 200 });
    const [first, second] = requested("/busy");
    expect(second!.at - first!.end).toBeGreaterThanOrEqual(1000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    const away = await fetchPage(`${base}/away`, options());
    expect(away).toMatchObject({
      ok: false,
      reason: `${base}/away: HTTP 503, asked to wait 3600 s, more than the 60 s allowed`,
    });
    expect(requested("/away")).toHaveLength(1);
  });

  it("follows 3 redirects, and refuses a chain of 7", async () => {
    const r = await fetchPage(`${base}/r3`, options());
    expect(r).toMatchObject({ ok: true, url: `${base}/page`, status: 200 });
    const long = await fetchPage(`${base}/r7`, options());
    expect(long).toMatchObject({ ok: false, reason: `${base}/r7 redirects more than 5 times (stopped at ${base}/r2)` });
    expect(requested("/r1")).toHaveLength(1); // from the chain of 3 only
  });

  it("gives up on a slow page at the timeout", async () => {
    const started = performance.now();
    const r = await fetchPage(`${base}/slow`, options({ timeoutMs: 300 }));
    expect(r).toEqual({ ok: false, url: `${base}/slow`, reason: `${base}/slow: no answer within 0.3 s (timed out)` });
    expect(performance.now() - started).toBeLessThan(2500);
  });

  it("stops reading a page larger than the limit", async () => {
    const r = await fetchPage(`${base}/big`, options({ maxBytes: 4096 }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/big: larger than 4 KB \(at least [\d.]+ KB\)/);
  });

  it("serves two requests to one host issued at once one after another, the delay between them", async () => {
    const session = new FetchSession();
    await fetchPage(`${base}/robots.txt`, options({ session })); // robots.txt read before the two
    const [a, b] = await Promise.all([
      fetchPage(`${base}/one`, options({ session, minDelayMs: 300 })),
      fetchPage(`${base}/two`, options({ session, minDelayMs: 300 })),
    ]);
    expect(a.ok && b.ok).toBe(true);
    const one = requested("/one").at(-1)!;
    const two = requested("/two").at(-1)!;
    const [first, second] = one.at < two.at ? [one, two] : [two, one];
    expect(second.at).toBeGreaterThan(first.end);
    expect(second.at - first.end).toBeGreaterThanOrEqual(300);
  });

  it("refuses addresses that are not http: or https:, and reads Retry-After's two forms", async () => {
    expect(await fetchPage("file:///etc/passwd", options())).toMatchObject({
      ok: false,
      reason: "file:///etc/passwd is not an http: or https: address",
    });
    expect(retryAfterMs("120")).toBe(120_000);
    expect(retryAfterMs("Wed, 21 Oct 2015 07:28:30 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(30_000);
    expect(retryAfterMs("soon")).toBeUndefined();
  });

  it("makes a User-Agent of any title a header can carry, and refuses one it cannot", async () => {
    const ua = userAgentFor({ title: "Курськ,\nяк писали", url: "https://kursk.example" });
    expect(ua).toBe(
      "%D0%9A%D1%83%D1%80%D1%81%D1%8C%D0%BA, %D1%8F%D0%BA %D0%BF%D0%B8%D1%81%D0%B0%D0%BB%D0%B8 (+https://kursk.example) story-timeline",
    );
    expect((await fetchPage(`${base}/page`, options({ userAgent: ua }))).ok).toBe(true);
    expect(await fetchPage(`${base}/page`, options({ userAgent: "Курськ" }))).toMatchObject({
      ok: false,
      reason: "the User-Agent is not a header value (printable ASCII only, on one line): see userAgentFor",
    });
  });
});

describe("robots.txt that is missing, failing or unreachable (RFC 9309)", () => {
  /** A server of its own whose robots.txt answers `status`; the paths it was asked for. */
  async function robotsServer(status: number) {
    const paths: string[] = [];
    const s = http.createServer((req, res) => {
      paths.push(req.url ?? "");
      if (req.url === "/robots.txt") res.writeHead(status).end("no");
      else res.writeHead(200, { "content-type": "text/html" }).end("<p>here</p>");
    });
    await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
    const at = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    const close = () => new Promise<void>((resolve) => s.close(() => resolve()));
    return { at, paths, close };
  }

  it("a 404 allows all", async () => {
    const s = await robotsServer(404);
    expect(await fetchPage(`${s.at}/story`, options())).toMatchObject({ ok: true, status: 200 });
    expect(s.paths).toEqual(["/robots.txt", "/story"]);
    await s.close();
  });

  it("a 5xx disallows all: the page is never requested", async () => {
    const s = await robotsServer(500);
    expect(await fetchPage(`${s.at}/story`, options())).toEqual({
      ok: false,
      url: `${s.at}/story`,
      reason: `robots.txt disallows ${s.at}/story: its robots.txt answers HTTP 500, so the whole site is off limits`,
    });
    expect(s.paths).toEqual(["/robots.txt"]);
    await s.close();
  });

  it("an address that cannot be reached disallows all, with the reason", async () => {
    const s = await robotsServer(200);
    await s.close(); // nothing listens on its port now
    const r = await fetchPage(`${s.at}/story`, options());
    expect(r).toMatchObject({ ok: false, url: `${s.at}/story` });
    expect(!r.ok && r.reason).toBe(
      `robots.txt disallows ${s.at}/story: its robots.txt could not be reached: ECONNREFUSED`,
    );
  });
});

describe("npm run import -- <address>", () => {
  it("fetches the page and imports it as a saved page, its address its base", async () => {
    const root = contentTree({
      sources: [{ id: "local-news", name: "Local News", url: base }],
      stories: [{ id: "bridge", title: "The bridge" }],
    });
    const { status, stdout, stderr } = await runScript("scripts/import.ts", [`${base}/page`, "--story", "bridge"], {
      CONTENT_ROOT: root,
      USER_AGENT: "",
    });
    expect(status, stderr + stdout).toBe(0);
    const rel = "src/articles/local-news/millbrook-bridge-shut-after-inspectors-find-cracks.md";
    expect(stdout).toContain(`Wrote ${rel}`);
    const { data, body } = parseMarkdownFile(fs.readFileSync(path.join(root, rel), "utf8"));
    expect(data).toMatchObject({
      title: "Millbrook bridge shut after inspectors find cracks",
      source: "local-news",
      story: "bridge",
      url: `${base}/page`,
    });
    expect(body).toContain("inspectors found cracks");
    // a relative link made absolute from the page's address
    expect(body).toContain(`(${base}/2026/03/02/millbrook-bridge-inspection-ordered/)`);
    // the site's own User-Agent, from its _data/site.json
    expect(requested("/page").at(-1)?.userAgent).toBe("Test record (+https://test.example) story-timeline");
  });
});
