/** Shared by the browser suites: the page kinds of the sample site and a page-health recorder. */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { launchBrowser, serveSite, type Served } from "./browser.ts";
import { buildSample } from "./build-tree.ts";

export const MT_ARTICLE =
  "sources/moscow-times/kyiv-invites-un-red-cross-to-ukraine-held-areas-of-russias-kursk-region/";
export const KC_ARTICLE = "sources/kumasi-city/ukraine-asks-un-and-red-cross-to-visit-russias-kursk-region/";

export interface PageKind {
  kind: string;
  /** Relative to the site's base URL. */
  path: string;
  /** The document's expected HTTP status. */
  status: number;
}

/** Every page kind of the sample site. */
export const PAGE_KINDS: PageKind[] = [
  { kind: "home", path: "", status: 200 },
  { kind: "timeline", path: "timeline/", status: 200 },
  { kind: "sources", path: "sources/", status: 200 },
  { kind: "source", path: "sources/moscow-times/", status: 200 },
  { kind: "article", path: MT_ARTICLE, status: 200 },
  { kind: "search", path: "search/?q=Spoljaric", status: 200 },
  { kind: "stories", path: "stories/", status: 200 },
  { kind: "story", path: "stories/ukraine-invites-un-icrc-to-kursk/", status: 200 },
  { kind: "entities", path: "entities/", status: 200 },
  { kind: "entity", path: "entities/andrii-sybiha/", status: 200 },
  { kind: "place", path: "entities/sudzha/", status: 200 },
  {
    kind: "comparison",
    path: "stories/ukraine-invites-un-icrc-to-kursk/compare/kumasi-city/ukraine-asks-un-and-red-cross-to-visit-russias-kursk-region/moscow-times/kyiv-invites-un-red-cross-to-ukraine-held-areas-of-russias-kursk-region/",
    status: 200,
  },
  { kind: "404", path: "no-such-page/", status: 404 },
];

/**
 * Records console errors, uncaught exceptions and failed requests of a page (HTTP errors are
 * caught by status, so a subresource cancelled by a navigation is not counted). A page served
 * as 404 on purpose (the not-found page) may have exactly that one 404: the document itself.
 */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  let expected404 = 0;
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    if (expected404 > 0 && /status of 404/.test(m.text())) {
      expected404--;
      return;
    }
    problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) => {
    // A request the browser itself cancelled because the reader moved on to the next page
    // (a favicon still loading when a link is clicked) is not a failure of the site.
    if (r.failure()?.errorText === "net::ERR_ABORTED" && !r.isNavigationRequest()) return;
    problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on("response", (r) => {
    if (r.status() < 400) return;
    if (r.status() === 404 && r.request().isNavigationRequest() && r.url().includes("no-such-page")) {
      expected404++;
      return;
    }
    problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { problems };
}

/** What a browser suite works with; filled in by the hooks `readerSession` registers. */
export interface ReaderSession {
  dist: string;
  server: Served;
  browser: Browser;
  /** A fresh context and page for each test, watched for console errors and failed requests. */
  context: BrowserContext;
  page: Page;
  health: { problems: string[] };
}

/**
 * Builds the sample site (under `prefix`), serves it and starts Chromium once per file; gives
 * every test a fresh page and fails it if that page logged an error or a request failed.
 */
export function readerSession(opts: {
  prefix: string;
  viewport: { width: number; height: number };
  env?: Record<string, string>;
}): ReaderSession {
  const s = {} as ReaderSession;
  beforeAll(async () => {
    s.dist = await buildSample({ env: { ...opts.env, ...(opts.prefix === "/" ? {} : { PATH_PREFIX: opts.prefix }) } });
    s.server = await serveSite(s.dist, opts.prefix);
    s.browser = await launchBrowser();
  });
  afterAll(async () => {
    await s.browser?.close();
    await s.server?.close();
  });
  beforeEach(async () => {
    s.context = await s.browser.newContext({ viewport: opts.viewport });
    s.page = await s.context.newPage();
    s.health = watchPage(s.page);
  });
  afterEach(async () => {
    expect(s.health.problems).toEqual([]);
    await s.context.close();
  });
  return s;
}

/** Runs a search on the open search page; the result links' paths once the status says how many matched. */
export async function searchFor(page: Page, q: string): Promise<string[]> {
  await page.getByLabel("Words or names").fill(q);
  await page.getByRole("button", { name: "Search" }).click();
  await expect.poll(() => page.getByRole("status").innerText()).toMatch(new RegExp(`(matches|match) “${q}”`));
  return page
    .locator("#search-results .entry-title a")
    .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}
