/**
 * A saved page cleaned like a careful editor would before its text is read: every link made
 * absolute (from `<base href>` or the page's address); the lead picture's caption and credit and
 * the "Related" lists taken to front matter; the site's furniture removed by its structure
 * (aside, form, nav, footer, dialog; class, id or role words such as newsletter, cookie, share,
 * promo) and by the phrases of src/content/furniture.ts. (After Readability, ./site-links.ts
 * settles the links that remain.)
 */
import {
  hasFurnitureHint,
  hintWords,
  isBoilerplate,
  parseRelatedLine,
  splitCaptionCredit,
} from "../content/furniture.ts";
import type { Furniture } from "./clipped-text.ts";
import { settleLink } from "./site-links.ts";

/** The address the page's relative links are relative to: `<base href>` (itself relative to the page's address), else the page's. */
export function baseAddress(document: Document, pageUrl: string | undefined): string | undefined {
  const href = document.querySelector("base[href]")?.getAttribute("href")?.trim();
  for (const candidate of [href, pageUrl]) {
    try {
      if (candidate) return new URL(candidate, pageUrl).href;
    } catch {
      // not an address: the next candidate
    }
  }
  return undefined;
}

const text = (el: Element) => (el.textContent ?? "").replace(/\s+/g, " ").trim();
const hintsOf = (el: Element) => ["class", "id", "role"].map((a) => el.getAttribute(a) ?? "");

/** Whole tags that are never the report's text. */
const FURNITURE_TAGS = new Set([
  "ASIDE",
  "FORM",
  "NAV",
  "FOOTER",
  "DIALOG",
  "BUTTON",
  "INPUT",
  "SELECT",
  "TEXTAREA",
  "IFRAME",
  "NOSCRIPT",
  "TEMPLATE",
  "SCRIPT",
  "STYLE",
]);

/** What may be left of a newsletter or promo box once its phrase is gone ("The best of the Ledger, every morning"). */
const BOX_REMNANT = 80;
/** A box's leftover words, not a sentence of the report (which ends like one). */
const isRemnant = (s: string) => s.length <= BOX_REMNANT && !/[.!?]["”’)]?(?:\s|$)/.test(s);

/** Elements that are (or hold) the report, and so are never removed as furniture. */
function holdsTheReport(el: Element, pageText: number): boolean {
  return (
    /^(HTML|BODY|MAIN|ARTICLE)$/.test(el.tagName) ||
    !!el.querySelector("article, main, [itemprop=articleBody]") ||
    text(el).length > pageText / 2
  );
}

export function cleanPage(document: Document, base: string | undefined, into: Furniture): void {
  const body = document.body;
  if (!body) return;
  // links: absolute, so that Readability, the related list and the site-link rule all read the same address
  for (const a of body.querySelectorAll("a[href]")) {
    const url = base ? settleLink(a.getAttribute("href")!, base).url : undefined;
    if (url) a.setAttribute("href", url);
  }
  takeLeadPicture(document, into);
  takeRelatedLists(document, base, into);
  const pageText = text(body).length;
  // structure: furniture tags, the page's own header, elements whose class, id or role names furniture
  for (const el of [...body.querySelectorAll("*")]) {
    const isFurniture =
      FURNITURE_TAGS.has(el.tagName) ||
      (el.tagName === "HEADER" && !el.closest("article, main")) ||
      el.hasAttribute("hidden") ||
      hasFurnitureHint(hintsOf(el));
    if (isFurniture && el.isConnected && !holdsTheReport(el, pageText)) el.remove();
  }
  // phrases: the smallest element that says one goes (never a paragraph of the report beside it),
  // then the box around it when what is left of the box is only a tagline or a button's words
  let dropped = 0;
  // (blocks only: "**Download our free app** for alerts" is one paragraph of furniture, not a bold phrase in one)
  for (const el of [
    ...body.querySelectorAll("div, section, p, li, h1, h2, h3, h4, h5, h6, blockquote, dd, dt, figcaption"),
  ].reverse()) {
    if (!el.isConnected || holdsTheReport(el, pageText) || !isBoilerplate(text(el))) continue;
    let box: Element | null = el.parentElement;
    el.remove();
    dropped++;
    while (box && /^(DIV|SECTION)$/.test(box.tagName) && isRemnant(text(box)) && !holdsTheReport(box, pageText)) {
      const up: Element | null = box.parentElement;
      box.remove();
      box = up;
    }
  }
  if (dropped)
    into.found.push(
      `dropped: ${dropped} block${dropped > 1 ? "s" : ""} of the site's furniture (newsletter, cookie, promo or share text)`,
    );
}

/** Elements inside the site's furniture (a related rail's teaser pictures are not the report's). */
const inFurniture = (el: Element) => {
  for (let p: Element | null = el.parentElement; p; p = p.parentElement)
    if (FURNITURE_TAGS.has(p.tagName) || hasFurnitureHint(hintsOf(p))) return true;
  return false;
};

/** The first picture of the report with a caption → image.caption and image.credit; every picture goes (none is published). */
function takeLeadPicture(document: Document, into: Furniture): void {
  const figures = [...document.body.querySelectorAll("figure")];
  const captioned = figures.filter((f) => f.querySelector("figcaption") && !inFurniture(f));
  // the report's own picture first: one inside the article, else the first on the page
  const lead = captioned.find((f) => f.closest("article, main, [itemprop=articleBody]")) ?? captioned[0];
  if (lead) {
    const figcaption = lead.querySelector("figcaption")!;
    // a credit marked up as such (a span.credit, <cite>, <small>), or one written at the caption's end
    const creditEl = figcaption.querySelector(
      '[class*="credit" i], [class*="copyright" i], [itemprop="copyrightHolder"], [itemprop="creditText"], cite, small',
    );
    let credit = creditEl ? text(creditEl) : undefined;
    creditEl?.remove();
    const split = splitCaptionCredit(text(figcaption));
    if (credit) credit = splitCaptionCredit(credit).credit ?? credit;
    else credit = split.credit;
    const image = { ...(split.caption && { caption: split.caption }), ...(credit && { credit }) };
    if (image.caption || image.credit) {
      into.image = image;
      into.found.push("image.caption and image.credit (the lead picture's <figcaption>)");
    }
  }
  const others = captioned.filter((f) => f !== lead).length;
  if (others)
    into.found.push(`dropped: the captions of ${others} more picture${others > 1 ? "s" : ""} (front matter holds one)`);
  for (const f of figures) f.remove();
}

/** "Related" boxes (by class or id) and lists under a "Related stories" heading → related; the box goes. */
function takeRelatedLists(document: Document, base: string | undefined, into: Furniture): void {
  const pageText = text(document.body).length;
  // (never the article itself, whatever its class: "story related-enabled")
  const boxes = [...document.body.querySelectorAll("*")].filter(
    (el) => hintsOf(el).some((h) => hintWords(h).includes("related")) && !holdsTheReport(el, pageText),
  );
  for (const heading of document.body.querySelectorAll("h2, h3, h4, h5, h6, p, strong, span, div")) {
    const list = heading.nextElementSibling ?? heading.parentElement?.nextElementSibling;
    if (list && /^(UL|OL)$/.test(list.tagName) && parseRelatedLine(text(heading))?.heading) boxes.push(heading, list);
  }
  const seen = new Set(into.related.map((r) => r.url));
  for (const box of boxes) {
    if (!box.isConnected) continue;
    for (const a of box.querySelectorAll("a[href]")) {
      const title = text(a);
      // a box's "More news" link to a section page is not a related report
      const { url, siteFurniture } = settleLink(a.getAttribute("href")!, base);
      if (!title || !url || siteFurniture || url.startsWith("mailto:") || seen.has(url)) continue;
      seen.add(url);
      into.related.push({ title, url });
    }
    box.remove();
  }
  if (into.related.length)
    into.found.push(`related (${into.related.length} "Related" link${into.related.length > 1 ? "s" : ""})`);
}
