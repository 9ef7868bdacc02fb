/**
 * Where a source's new reports are listed (issue 27, for `npm run discover`): a feed document
 * (RSS 2.0, RSS 1.0/RDF, Atom, JSON Feed 1.0/1.1) or a listing page and the CSS selector of its
 * article links, read into items `{ id, url, title, published?, summary? }`. Pure: the caller
 * fetches; nothing here throws on what a site sends, a bad document is `{ ok: false, reason }`
 * (one line).
 *
 * XML is read with fast-xml-parser (validated first with its XMLValidator, so a truncated or
 * broken feed is refused rather than half-read): one small, maintained, dependency-light parser
 * that gives a plain object tree, which suits feeds (a few known elements, read by name) better
 * than saxes' event stream. A feed's bytes are decoded as XML says: a byte-order mark, then the
 * XML declaration's `encoding` (labels as the Encoding Standard names them, which TextDecoder
 * knows: `windows-1251`, `koi8-r`, `latin1`…), then UTF-8. Listing pages are parsed with
 * linkedom and decoded by page-encoding.ts, like a saved page.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseHTML } from "linkedom";
import { decodePage } from "./page-encoding.ts";

export interface FeedItem {
  /** The feed's own id of the item (`guid`, Atom `id`, JSON Feed `id`, `rdf:about`), else its address. */
  id: string;
  /** The report's address, absolute. */
  url: string;
  title: string;
  /** ISO 8601 instant, when the feed gives a date that parses. */
  published?: string;
  /** Plain text (markup and entities taken out). */
  summary?: string;
}

export type FeedFormat = "rss" | "atom" | "json";

export type FeedResult = { ok: true; format: FeedFormat; items: FeedItem[] } | { ok: false; reason: string };

export type ListingResult = { ok: true; items: FeedItem[] } | { ok: false; reason: string };

/** One line, at most this long: a reason is shown in a table. */
const REASON_CHARS = 200;
const oneLine = (s: string) => {
  const line = s.replace(/\s+/g, " ").trim();
  return line.length > REASON_CHARS ? `${line.slice(0, REASON_CHARS - 1)}…` : line;
};
const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason: oneLine(reason) });

/** The encoding a byte-order mark names, and its length. */
function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  return undefined;
}

/** The `encoding` of an XML declaration at the very start of the bytes (read as ASCII), if any. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 200));
  return /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1];
}

/**
 * A feed's bytes as text: byte-order mark, else the XML declaration's encoding, else UTF-8. A
 * UTF-16 label in a declaration read as ASCII is a mistake (the bytes are ASCII-compatible): UTF-8.
 */
export function decodeFeed(
  bytes: Uint8Array,
): { ok: true; text: string; encoding: string } | { ok: false; reason: string } {
  const bom = byteOrderMark(bytes);
  let encoding = bom?.encoding ?? "utf-8";
  if (!bom) {
    const label = declaredEncoding(bytes);
    if (label) {
      try {
        encoding = new TextDecoder(label).encoding;
      } catch {
        return fail(`the XML declaration names encoding "${label}", which is not one the Encoding Standard knows`);
      }
      if (encoding.startsWith("utf-16")) encoding = "utf-8";
    }
  }
  const text = new TextDecoder(encoding).decode(bytes.subarray(bom?.length ?? 0));
  return { ok: true, text, encoding };
}

type Node = Record<string, unknown>;

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  isArray: (name) => name === "item" || name === "entry" || name === "link",
});

const asNode = (v: unknown): Node | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Node) : undefined;
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** An element's text: a string, or the `#text` of one with attributes; the first of several. */
function textOf(v: unknown): string | undefined {
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === "string") return v.trim() || undefined;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  const node = asNode(v);
  return node ? textOf(node["#text"]) : undefined;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Tags of HTML a headline may carry (`<em>`, `<b>`…): a title's other `<…>` is its text ("<Kursk>"). */
const TITLE_TAGS = /<\/?(?:a|abbr|b|br|cite|em|font|i|mark|p|q|s|small|span|strong|sub|sup|u)(?:\s[^>]*)?\/?>/gi;

/**
 * Plain text of a summary or title that may hold HTML (escaped in the feed, so text here): tags
 * out (a title's inline tags only), entities decoded, one line.
 */
function plain(html: string | undefined, tags: "all" | "inline" = "all"): string | undefined {
  if (!html) return undefined;
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(tags === "all" ? /<[^>]*>/g : TITLE_TAGS, " ")
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi, (whole, dec, hex, name) => {
      const code = dec ? Number(dec) : hex ? parseInt(hex, 16) : undefined;
      if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : " ";
      return ENTITIES[String(name).toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, " ")
    .trim();
  return text || undefined;
}

/** A date as an ISO instant (RFC 822 in RSS, RFC 3339 in Atom and JSON Feed), or undefined. */
function isoDate(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text.trim());
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** An http(s) address, absolute against the base when relative; undefined otherwise. */
function absolute(address: string | undefined, base: string | undefined): string | undefined {
  if (!address) return undefined;
  try {
    const url = new URL(address.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function item(
  parts: { id?: string; url?: string; title?: string; published?: string; summary?: string },
  base: string | undefined,
): FeedItem | undefined {
  const url = absolute(parts.url, base) ?? absolute(parts.id, base);
  if (!url) return undefined; // an item that names no report
  const out: FeedItem = { id: parts.id?.trim() || url, url, title: plain(parts.title, "inline") ?? "" };
  const published = isoDate(parts.published);
  if (published) out.published = published;
  const summary = plain(parts.summary);
  if (summary) out.summary = summary;
  return out;
}

function rssItems(items: unknown[], base: string | undefined): FeedItem[] {
  return items.flatMap((raw) => {
    const node = asNode(raw) ?? {};
    const guid = textOf(node.guid);
    const isLink = asNode(node.guid)?.["@_isPermaLink"] !== "false";
    const link = textOf(node.link) ?? (guid && isLink ? guid : undefined);
    const it = item(
      {
        id: guid ?? textOf(node["@_rdf:about"]),
        url: link,
        title: textOf(node.title),
        published: textOf(node.pubDate) ?? textOf(node["dc:date"]),
        summary: textOf(node.description) ?? textOf(node["content:encoded"]),
      },
      base,
    );
    return it ? [it] : [];
  });
}

/** An Atom entry's address: its `alternate` link (a link without `rel` is one), else the first with an href. */
function atomLink(links: unknown[]): string | undefined {
  const nodes = links.map(asNode).filter((n): n is Node => !!n);
  const alternate = nodes.find((n) => (n["@_rel"] ?? "alternate") === "alternate" && n["@_href"]);
  return textOf((alternate ?? nodes.find((n) => n["@_href"]))?.["@_href"]);
}

function atomItems(entries: unknown[], base: string | undefined): FeedItem[] {
  return entries.flatMap((raw) => {
    const node = asNode(raw) ?? {};
    const it = item(
      {
        id: textOf(node.id),
        url: atomLink(list(node.link)),
        title: textOf(node.title),
        published: textOf(node.published) ?? textOf(node.updated),
        summary: textOf(node.summary) ?? textOf(node.content),
      },
      base,
    );
    return it ? [it] : [];
  });
}

function parseJsonFeed(text: string, base: string | undefined): FeedResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail(`is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const feed = asNode(data);
  const version = typeof feed?.version === "string" ? feed.version : "";
  if (!feed || !/^https?:\/\/jsonfeed\.org\/version\/1(?:\.1)?\/?$/.test(version))
    return fail('is JSON but not a JSON Feed (its "version" is not https://jsonfeed.org/version/1 or 1.1)');
  if (!Array.isArray(feed.items)) return fail('is a JSON Feed without an "items" list');
  const items = feed.items.flatMap((raw) => {
    const node = asNode(raw) ?? {};
    const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);
    const it = item(
      {
        id: str(node.id),
        url: str(node.url) ?? str(node.external_url),
        title: str(node.title),
        published: str(node.date_published) ?? str(node.date_modified),
        summary: str(node.summary) ?? str(node.content_text) ?? str(node.content_html),
      },
      str(feed.home_page_url) ?? base,
    );
    return it ? [it] : [];
  });
  return { ok: true, format: "json", items };
}

const FORMAT_NAMES: Record<FeedFormat, string> = { rss: "an RSS feed", atom: "an Atom feed", json: "a JSON Feed" };

/**
 * A feed document's items. `input` is the document's bytes (decoded as XML says: see
 * `decodeFeed`) or its text; `url` (the feed's address) makes relative links absolute; `format`,
 * when the source names one, must be what the document is. Never throws.
 */
export function parseFeed(input: string | Uint8Array, options: { url?: string; format?: FeedFormat } = {}): FeedResult {
  try {
    let text: string;
    if (typeof input === "string") text = input.replace(/^\uFEFF/, "");
    else {
      const decoded = decodeFeed(input);
      if (!decoded.ok) return decoded;
      text = decoded.text;
    }
    const result = parseText(text, options.url);
    if (result.ok && options.format && result.format !== options.format)
      return fail(`was said to be ${FORMAT_NAMES[options.format]} but is ${FORMAT_NAMES[result.format]}`);
    return result;
  } catch (e) {
    return fail(`could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function parseText(text: string, base: string | undefined): FeedResult {
  const start = text.trimStart();
  if (!start) return fail("is empty");
  if (start.startsWith("{")) return parseJsonFeed(start, base);
  if (!start.startsWith("<")) return fail("is neither XML nor JSON");
  const valid = XMLValidator.validate(start);
  if (valid !== true)
    return fail(`is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  const doc = xml.parse(start) as Node;
  const rss = asNode(doc.rss);
  if (rss) {
    const channel = asNode(rss.channel);
    if (!channel) return fail("is an RSS document without a <channel>");
    return { ok: true, format: "rss", items: rssItems(list(channel.item), base ?? textOf(channel.link)) };
  }
  const rdf = asNode(doc["rdf:RDF"]);
  if (rdf) {
    // RSS 1.0: the items are the channel's siblings
    const channel = asNode(rdf.channel);
    return { ok: true, format: "rss", items: rssItems(list(rdf.item), base ?? textOf(channel?.link)) };
  }
  const feed = asNode(doc.feed);
  if (feed) return { ok: true, format: "atom", items: atomItems(list(feed.entry), base ?? textOf(feed["@_xml:base"])) };
  const root = Object.keys(doc).find((k) => !k.startsWith("?") && !k.startsWith("#"));
  return fail(`is XML but not a feed (its root element is <${root ?? "none"}>, not <rss>, <rdf:RDF> or <feed>)`);
}

/**
 * A listing page's article links: the elements `selector` finds (a link, or the first link inside
 * one, as for `h2`), resolved against the page's address (and its `<base href>`), http(s) only,
 * each once, in page order; the link's text is the item's title. Never throws.
 */
export function parseListing(page: string | Uint8Array, pageUrl: string, selector: string): ListingResult {
  try {
    const html = typeof page === "string" ? page : decodePage(page).text;
    const { document } = parseHTML(html);
    let found: Element[];
    try {
      found = [...document.querySelectorAll(selector)];
    } catch {
      return fail(`"${selector}" is not a CSS selector`);
    }
    const baseHref = document.querySelector("base[href]")?.getAttribute("href") ?? undefined;
    const base = absolute(baseHref, pageUrl) ?? pageUrl;
    const seen = new Set<string>();
    const items: FeedItem[] = [];
    for (const el of found) {
      const link = el.matches("a[href]") ? el : el.querySelector("a[href]");
      const url = absolute(link?.getAttribute("href") ?? undefined, base);
      if (!link || !url) continue;
      const key = url.replace(/#.*$/, "");
      if (seen.has(key)) continue;
      seen.add(key);
      items.push({ id: key, url: key, title: (link.textContent ?? "").replace(/\s+/g, " ").trim() });
    }
    return { ok: true, items };
  } catch (e) {
    return fail(`could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}
