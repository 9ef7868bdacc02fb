/** Shared by the browser suites: the page kinds of the sample site and a page-health recorder. */
import type { Page } from "playwright-core";

export const MT_ARTICLE = "sources/moscow-times/kyiv-invites-un-red-cross-to-ukraine-held-areas-of-russias-kursk-region/";
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
