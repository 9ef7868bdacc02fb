/**
 * Links as a careful editor leaves them: absolute (from the page's address or `<base href>`), so
 * none publishes as a dead link inside our own site; a link into the outlet's own site furniture
 * (home, section, tag, author, podcast, newsletter pages: src/content/furniture.ts) goes, its
 * words kept when they are part of a sentence and its paragraph gone when it was only links; a
 * link that cannot be resolved (relative to an unknown address, in-page, `javascript:`) becomes
 * its words. For saved pages (HTML, after Readability) and clippings (markdown) alike.
 */
import { parseHTML } from "linkedom";
import { isSiteFurniturePath, parseByline } from "../content/furniture.ts";

const hostOf = (url: URL) => url.host.replace(/^www\./, "").toLowerCase();

/**
 * What becomes of one link: `url` the absolute address to keep (none: its words only);
 * `siteFurniture` when it points into the outlet's own furniture (`absolute`: where); `unresolved`
 * when it is relative to an address nobody gave. A placeholder (`#`, empty) stays as it is.
 */
export function settleLink(
  href: string,
  base: string | undefined,
): { url?: string; absolute?: string; siteFurniture?: boolean; unresolved?: boolean; placeholder?: boolean } {
  const h = href.trim();
  if (!h || h === "#") return { placeholder: true };
  if (h.startsWith("#")) return {}; // a place in the outlet's page: not one in ours
  let url: URL;
  try {
    url = new URL(h, base);
  } catch {
    // relative to an address nobody gave: a link of the outlet's own site all the same
    const path = new URL(h, "https://outlet.invalid/").pathname;
    return isSiteFurniturePath(path) ? { siteFurniture: true } : { unresolved: true };
  }
  if (!/^(https?|mailto):$/.test(url.protocol)) return {};
  if (url.protocol === "mailto:") return { url: url.href };
  const siteFurniture = !!base && hostOf(url) === hostOf(new URL(base)) && isSiteFurniturePath(url.pathname);
  return siteFurniture ? { siteFurniture, absolute: url.href } : { url: url.href, absolute: url.href };
}

/** Enough words outside links to be a sentence the link is part of. */
const WORDS_OF_A_SENTENCE = 3;
const wordsIn = (s: string) => (s.match(/\p{L}{2,}/gu) ?? []).length;

const unresolvedNote = (n: number) =>
  n === 1
    ? "One link of our copy was relative to an address it does not give: it is shown as plain text."
    : `${n} links of our copy were relative to an address it does not give: they are shown as plain text.`;

/** Where a sentence ends, or a list of links is separated. */
const SENTENCE_END = /[.!?:|•·]\s/;

/** Readability's article HTML with its links settled; a note when some could not be resolved. */
export function siteLinks(html: string, base: string | undefined, notes: string[]): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const text = (el: Element) => (el.textContent ?? "").replace(/\s+/g, " ").trim();
  // the words of the link's own sentence, outside the link: "Follow the [Europe] desk." has some, "desk. [Home]" none
  const inASentence = (a: Element, block: Element) => {
    const marker = document.createTextNode("\u0001");
    a.after(marker);
    const all = block.textContent ?? "";
    marker.remove();
    const at = all.indexOf("\u0001");
    const before =
      all
        .slice(0, at - (a.textContent ?? "").length)
        .split(SENTENCE_END)
        .pop() ?? "";
    const after = all.slice(at + 1).split(SENTENCE_END)[0] ?? "";
    return (
      wordsIn(`${before} ${after}`) >= 1 && wordsIn(text(block)) - wordsIn(a.textContent ?? "") >= WORDS_OF_A_SENTENCE
    );
  };
  let unresolved = 0;
  for (const a of [...document.body.querySelectorAll("a")]) {
    const link = settleLink(a.getAttribute("href") ?? "", base);
    if (link.url) a.setAttribute("href", link.url);
    if (link.url || link.placeholder) continue;
    if (link.unresolved) unresolved++;
    const block = a.closest("p, li, td, th, blockquote, h1, h2, h3, h4, h5, h6, dd, dt") ?? a.parentElement;
    // "By [Jane Doe]" links an author page: the name stays, for the byline rule to read
    if (!link.siteFurniture || (block && (inASentence(a, block) || parseByline(text(block))))) {
      a.replaceWith(document.createTextNode(a.textContent ?? ""));
      continue;
    }
    a.remove();
    if (block && block !== document.body && !block.querySelector("a") && wordsIn(text(block)) < WORDS_OF_A_SENTENCE)
      block.remove();
  }
  if (unresolved) notes.push(unresolvedNote(unresolved));
  return document.body.innerHTML;
}

const MD_LINK = /(?<!!)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g;
/** A reference definition, `[label]: address "title"`, on a line of its own. */
const MD_DEFINITION = /^ {0,3}\[([^\]]+)\]:\s*<?([^\s>]*)>?(?:\s+.*)?$/;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The same for markdown paragraphs (a clipping's): the paragraphs that remain, and a note. */
export function settleMarkdownLinks(
  paragraphs: string[],
  base: string | undefined,
): { paragraphs: string[]; note?: string } {
  let unresolved = 0;
  // reference definitions: made absolute, or gone with their links (which keep their words)
  const gone = new Set<string>();
  const defined = paragraphs.flatMap((p) => {
    const lines = p.split("\n").flatMap((line) => {
      const m = MD_DEFINITION.exec(line);
      if (!m) return [line];
      const link = settleLink(m[2]!, base);
      if (link.url) return [`[${m[1]}]: ${link.url}`];
      if (link.unresolved) unresolved++;
      gone.add(m[1]!.toLowerCase());
      return [];
    });
    return lines.length ? [lines.join("\n")] : [];
  });
  const references = [...gone].map(
    (label) => new RegExp(`(?<!!)\\[([^\\]]*)\\]\\[(?:${escapeRegExp(label)})?\\]`, "gi"),
  );
  const out = defined.flatMap((raw) => {
    const p = references.reduce((text, ref) => text.replace(ref, (_whole, words: string) => words), raw);
    let dropped = false;
    const settled = p.replace(MD_LINK, (whole, words: string, href: string) => {
      const link = settleLink(href, base);
      if (link.placeholder) return whole;
      if (link.url) return `[${words}](${link.url})`;
      if (link.unresolved) unresolved++;
      if (link.siteFurniture && wordsIn(p.replace(MD_LINK, "")) < WORDS_OF_A_SENTENCE) dropped = true;
      return words;
    });
    return dropped ? [] : [settled];
  });
  return { paragraphs: out, note: unresolved ? unresolvedNote(unresolved) : undefined };
}

/** A picture in markdown (`![words](address)`, `![words][label]`) or a pasted `<img>`/`<picture>`/`<svg>` tag. */
const MD_PICTURE = /!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])|<img\b[^>]*>|<\/?(?:picture|source|svg)\b[^>]*>/gi;
/** What a link that held only a picture leaves: `[](address)`. */
const EMPTY_LINK = /\[\s*\]\([^)]*\)/g;

/**
 * The pictures of a text's markdown removed: none is published from the text (a file beside the
 * article is the front matter's `image`; a picture of another site, a tracking pixel among them,
 * would be fetched by every reader). The paragraphs that remain, and how many pictures went.
 */
export function dropPictures(paragraphs: string[]): { paragraphs: string[]; dropped: number } {
  let dropped = 0;
  const out = paragraphs.flatMap((p) => {
    const kept = p
      .replace(MD_PICTURE, (tag) => {
        if (/^(?:!\[|<img|<svg)/i.test(tag)) dropped++;
        return "";
      })
      .replace(EMPTY_LINK, "")
      .replace(/[ \t]+$/gm, "");
    return kept.trim() ? [kept.trim()] : [];
  });
  return { paragraphs: out, dropped };
}

/** The note saying that pictures inside the text were not imported. */
export function picturesNote(n: number): string | undefined {
  if (!n) return undefined;
  return n === 1
    ? "One picture inside the text of our copy is left out: pictures from other sites are not shown here."
    : `${n} pictures inside the text of our copy are left out: pictures from other sites are not shown here.`;
}
