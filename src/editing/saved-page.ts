/**
 * A web page saved by a browser ("Save page as", HTML only or complete): the article's text by
 * Mozilla's Readability (the engine of Firefox's reader view) as markdown by Turndown, and its
 * metadata from the page's schema.org JSON-LD (NewsArticle and kin), OpenGraph, the canonical
 * link and `<meta name="author">`, in that order of trust. linkedom gives both a DOM in Node:
 * small and fast, and Readability needs no layout (jsdom would be ten times the install).
 *
 * Before Readability reads it, the page is cleaned like a careful editor would (./page-cleaning.ts):
 * links made absolute, the lead picture's caption and credit and the "Related" lists taken to
 * front matter, the site's furniture (newsletter, cookie, share, promo boxes) removed; after it,
 * links into the outlet's own site furniture go (./site-links.ts), and the text is swept by the
 * same rules as a clipping (and as `npm run check`).
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import TurndownService from "turndown";
import { sweepFurniture, type Furniture } from "./clipped-text.ts";
import { baseAddress, cleanPage } from "./page-cleaning.ts";
import { type Declared, languageTag } from "./report-language.ts";
import { dropPictures, picturesNote, siteLinks } from "./site-links.ts";

export interface SavedPage {
  title?: string;
  /** `YYYY-MM-DD` or a date-time with its offset, as the contract takes it. */
  date?: string;
  updated?: string;
  url?: string;
  authors: string[];
  publisher?: string;
  /** A wire byline or "… contributed reporting." line. */
  credit?: string;
  image?: { caption?: string; credit?: string };
  related: { title: string; url?: string }[];
  body: string;
  /** The languages the page says it is in (`<html lang>`, `og:locale`, JSON-LD `inLanguage`). */
  languages: Declared[];
  /** Where each value came from, and anything the editor should know. */
  found: string[];
  notes: string[];
  /** Why the page cannot be imported (its text is rendered by script), when it cannot. */
  stop?: string;
}

type Json = Record<string, unknown>;
const ARTICLE_TYPES =
  /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting)$/;

/** Every object in the page's JSON-LD blocks (top level, arrays and @graph). */
function jsonLdObjects(document: Document): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") {
      out.push(v as Json);
      if ("@graph" in v) visit((v as Json)["@graph"]);
    }
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ""));
    } catch {
      // a broken block is skipped: the other sources of metadata remain
    }
  }
  return out;
}

/**
 * A value a page gives as text that may hold markup or entities (a JSON-LD headline written as
 * HTML: `Kyiv &amp; <b>Moscow</b>`): its words only, entities decoded (twice-encoded ones too),
 * tags, scripts and styles gone, white space made single spaces.
 */
export function plainText(value: string): string {
  let text = value;
  for (let pass = 0; pass < 2 && /<[a-z!/?]|&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i.test(text); pass++) {
    const { document } = parseHTML(`<!doctype html><html><body>${text}</body></html>`);
    for (const el of [...document.body.querySelectorAll("script, style, template")]) el.remove();
    // a block's end is a word's end ("<p>Kyiv</p><p>Moscow</p>")
    for (const el of [...document.body.querySelectorAll("p, div, br, li, h1, h2, h3, h4, h5, h6")])
      el.after(document.createTextNode(" "));
    text = document.body.textContent ?? "";
  }
  return text.replace(/\s+/g, " ").trim();
}

const types = (o: Json) => [o["@type"]].flat().map(String);
const names = (v: unknown): string[] =>
  [v]
    .flat()
    .flatMap((x) =>
      typeof x === "string"
        ? [plainText(x)]
        : x && typeof x === "object" && typeof (x as Json).name === "string"
          ? [plainText((x as Json).name as string)]
          : [],
    );

/** A schema.org or OpenGraph date as the contract takes it: the offset kept; a time without one dropped (only the day is sure). */
function contractDate(value: unknown, notes: string[], what: string): string | undefined {
  if (typeof value !== "string") return undefined;
  const v = value.trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (!m) return undefined;
  if (!m[2]) return m[1];
  if (!m[3]) {
    notes.push(`The page gives the ${what} time without an offset (${v}): only the day is kept.`);
    return m[1];
  }
  const offset = m[3] === "Z" ? "Z" : m[3].includes(":") ? m[3] : `${m[3].slice(0, 3)}:${m[3].slice(3)}`;
  return `${m[1]}T${m[2].length === 5 ? `${m[2]}:00` : m[2]}${offset}`;
}

/** `url`: the page's address when the page does not give it (`--url`), to resolve its links. */
export function parseSavedPage(html: string, options: { url?: string } = {}): SavedPage {
  const { document } = parseHTML(html);
  const found: string[] = [];
  const notes: string[] = [];
  const meta = (selector: string) => document.querySelector(selector)?.getAttribute("content")?.trim() || undefined;
  const ld = jsonLdObjects(document as unknown as Document).find((o) => types(o).some((t) => ARTICLE_TYPES.test(t)));

  let title = typeof ld?.headline === "string" ? plainText(ld.headline) || undefined : undefined;
  if (title) found.push("title (JSON-LD headline)");
  else if ((title = meta('meta[property="og:title"]'))) {
    title = plainText(title) || undefined;
    found.push("title (OpenGraph og:title)");
  }

  let date = contractDate(ld?.datePublished, notes, "publication");
  if (date) found.push("date (JSON-LD datePublished)");
  else if ((date = contractDate(meta('meta[property="article:published_time"]'), notes, "publication")))
    found.push("date (OpenGraph article:published_time)");
  const updated =
    contractDate(ld?.dateModified, notes, "modification") ??
    contractDate(meta('meta[property="article:modified_time"]'), notes, "modification");
  if (updated && updated !== date) found.push("updated (JSON-LD dateModified or article:modified_time)");

  let authors = names(ld?.author).filter((a) => a.trim());
  const organisations = new Set(
    names(
      [ld?.author]
        .flat()
        .filter((a) => a && typeof a === "object" && types(a as Json).some((t) => /Organization$/.test(t))),
    ),
  );
  if (authors.length) found.push("authors (JSON-LD author)");
  else {
    authors = [...document.querySelectorAll('meta[name="author"]')]
      .map((m) => m.getAttribute("content")?.trim() ?? "")
      .filter(Boolean);
    if (authors.length) found.push('authors (<meta name="author">)');
  }
  const publisher = names(ld?.publisher)[0] ?? meta('meta[property="og:site_name"]');

  const languages: Declared[] = [];
  const declare = (value: unknown, from: string) => {
    const tag = typeof value === "string" && value.trim() ? languageTag(value) : undefined;
    if (tag) languages.push({ tag, from });
  };
  declare(document.documentElement?.getAttribute("lang"), "<html lang>");
  declare(meta('meta[property="og:locale"]'), "og:locale");
  const inLanguage = ld?.inLanguage;
  declare(
    inLanguage && typeof inLanguage === "object" ? (inLanguage as Json).alternateName : inLanguage,
    "JSON-LD inLanguage",
  );

  let url = document.querySelector('link[rel="canonical"]')?.getAttribute("href")?.trim() || undefined;
  if (url) found.push('url (<link rel="canonical">)');
  else if ((url = meta('meta[property="og:url"]') ?? (typeof ld?.url === "string" ? ld.url : undefined)))
    found.push("url (og:url or JSON-LD url)");

  // The metadata is read: the same document is cleaned, then read by Readability (which changes it).
  const base = baseAddress(document as unknown as Document, options.url ?? url);
  // the date known, a dateline in the text is only dropped
  const furniture: Furniture = { date, authors: [], related: [], found: [] };
  cleanPage(document as unknown as Document, base, furniture);
  const article = new Readability(document as unknown as Document, { keepClasses: false }).parse();
  const content = article?.content ? siteLinks(article.content, base, notes) : "";

  const turndown = new TurndownService({
    headingStyle: "atx",
    bulletListMarker: "-",
    emDelimiter: "*",
    codeBlockStyle: "fenced",
  });
  // Pictures inside the text are not published (other sites' images are blocked by the CSP): their words stay out too.
  // (Turndown's own rule for <img> outranks this list: those become `![…](…)`, taken out and counted below.)
  turndown.remove([
    "img",
    "picture",
    "figure",
    "script",
    "style",
    "iframe",
    "noscript",
  ] as unknown as TurndownService.Filter);
  const markdown = content
    ? turndown
        .turndown(content)
        .replace(/\n{3,}/g, "\n\n")
        .trim()
    : "";
  if (!title && article?.title) {
    title = article.title.trim();
    found.push("title (the page's <title>, by Readability)");
  }
  // the text's own furniture (a dateline, a wire byline, "Related:" lines) by the clipping's rules
  const sweep = (text: string) =>
    dropPictures(
      sweepFurniture(text ? text.split(/\n\n/).map((p) => p.split("\n")) : [], furniture, { header: true, title }).map(
        (p) => p.join("\n"),
      ),
    );
  const swept = sweep(markdown);
  let body = swept.paragraphs.join("\n\n");
  // pictures inside the text are not published (other sites' pictures, tracking pixels): the note says so
  // (Turndown's image rule outranks its remove list: the pictures are dropped from its markdown)
  const dropped = swept.dropped;
  if (dropped) {
    notes.push(picturesNote(dropped)!);
    found.push(`dropped: ${dropped} picture${dropped > 1 ? "s" : ""} inside the text (said in note)`);
  }
  let stop: string | undefined;
  if (!readsAsReport(body)) {
    // What a browser shows without scripts is menus, or next to nothing: the text is rendered by script.
    const articleBody = typeof ld?.articleBody === "string" ? textParagraphs(ld.articleBody) : "";
    if (readsAsReport(articleBody)) {
      body = sweep(articleBody).paragraphs.join("\n\n");
      found.push("body (JSON-LD articleBody: the page's text is rendered by script)");
    } else {
      const shown = body.replace(/\s+/g, " ").trim();
      stop = `the page's text is rendered by script: without scripts the page shows ${shown ? `only "${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}"` : "no text"}, and it gives no JSON-LD articleBody; open the page in a browser, copy the report's text into a .txt file and import that (with --url and the page's address)`;
    }
  } else if (body) found.push("body (Readability, as markdown)");
  found.push(...furniture.found);
  title ??= furniture.title;
  if (!date && furniture.date) {
    date = furniture.date;
    found.push("date (the date line of the text)");
  }
  if (!authors.length && article?.byline) {
    authors = [article.byline.replace(/^by\s+/i, "").trim()];
    found.push("authors (the byline, by Readability)");
  }
  // people named by the text's byline outrank an organisation named as the author
  if (furniture.authors.length) authors = authors.filter((a) => !organisations.has(a) && a !== publisher);
  authors = [...new Set([...authors, ...furniture.authors])];
  return {
    title,
    date,
    updated,
    url,
    authors,
    publisher,
    credit: furniture.credit,
    image: furniture.image,
    related: furniture.related,
    body,
    languages,
    found,
    notes,
    stop,
  };
}

/** Letters a report's text has at least, in paragraphs that read as sentences. */
const REPORT_LETTERS = 80;

/**
 * Whether a text reads as a report rather than a site's navigation: enough letters in paragraphs
 * that are sentences (not list items, headings or lines of links, and ending as a sentence does).
 */
function readsAsReport(markdown: string): boolean {
  let letters = 0;
  for (const p of markdown.split(/\n\n/)) {
    const line = p.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").trim();
    if (/^(?:[-*+]|\d+[.)]|#)/.test(line) || !/[.!?。！？…]["”’»)*_]*$/.test(line)) continue;
    letters += (line.match(/\p{L}/gu) ?? []).length;
  }
  return letters >= REPORT_LETTERS;
}

/** JSON-LD `articleBody` as markdown paragraphs: plain text, one paragraph per line or blank-line block. */
function textParagraphs(value: string): string {
  return value
    .split(/\n\s*\n|\n|<\/p>|<br\s*\/?>/i)
    .map(plainText)
    .filter(Boolean)
    .join("\n\n");
}
