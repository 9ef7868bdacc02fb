/**
 * A report as it reaches us in a clipping: plain text, perhaps with its page furniture mixed in
 * (a title line, a date line, a byline, a photo caption with its credit, "Related article:
 * [title](url)" lines, a wire byline or "… contributed reporting." line, "Original url:" and the
 * address, newsletter or cookie boxes), perhaps with none of it; the header lines with or without
 * blank lines between them. The furniture goes to front matter or goes, by the rules of
 * src/content/furniture.ts that `npm run check` applies too; the rest is the body.
 */
import {
  furnitureKind,
  linkItem,
  normTitle,
  originalUrlLine,
  parseByline,
  parseCaptionLine,
  parseDateline,
  parseRelatedLine,
  parseWireByline,
} from "../content/furniture.ts";
import { dropPictures, picturesNote, settleLink, settleMarkdownLinks } from "./site-links.ts";

export { parseDateLine } from "../content/furniture.ts";

/** What the furniture of a text gave, for front matter. */
export interface Furniture {
  title?: string;
  /** `YYYY-MM-DD` */
  date?: string;
  url?: string;
  credit?: string;
  authors: string[];
  image?: { caption?: string; credit?: string };
  related: { title: string; url?: string }[];
  /** What was found where (and what was dropped), for the command's report. */
  found: string[];
}

export interface Clipping extends Furniture {
  /** Markdown paragraphs separated by blank lines. */
  body: string;
  /** Links whose target was a placeholder (`#` or empty), in the whole clipping. */
  placeholderLinks: number;
  /** Says how many relative links could not be made absolute, if any. */
  linkNote?: string;
  /** Says how many pictures inside the text were left out, if any. */
  pictureNote?: string;
}

const URL_LINE = /^<?(https?:\/\/[^\s>]+)>?$/i;
const LIST_ITEM = /^(?:[-*+]|\d+[.)])\s+(.+)$/;
const LINK_ONLY = /^\[[^\]]+\]\([^)]*\)$/;

/**
 * Takes the furniture out of paragraphs (each a list of lines) into `into`, and returns the
 * paragraphs that remain. `header`: the text may open with a title line, a date line and a
 * caption before its first paragraph (a clipping, a page's text). `title`: the headline when it
 * is known already (a line repeating it goes).
 */
export function sweepFurniture(
  paragraphs: string[][],
  into: Furniture,
  options: { header: boolean; title?: string },
): string[][] {
  const lines = paragraphs.flatMap((p, n) => p.map((text) => ({ text, n })));
  const kept: string[][] = paragraphs.map(() => []);
  let inHeader = options.header;
  let inRelatedList = false;
  const authors = new Set(into.authors);
  const credits = into.credit ? [into.credit] : [];
  const nextLines = (i: number, count: number) => lines.slice(i + 1, i + 1 + count).map((l) => bare(l.text));
  for (let i = 0; i < lines.length; i++) {
    const line = bare(lines[i]!.text);
    if (!line) continue;
    // the entries of a "Related stories" list
    const item = LIST_ITEM.exec(line)?.[1] ?? (LINK_ONLY.test(line) ? line : undefined);
    if (inRelatedList && item) {
      into.related.push(linkItem(item));
      continue;
    }
    inRelatedList = false;
    const title = options.title ?? into.title;
    const kind = furnitureKind(line, title ? normTitle(title) : undefined);
    if (
      !kind &&
      inHeader &&
      !into.title &&
      line.length <= 300 &&
      !/[.!?:"”]$/.test(line) &&
      nextLines(i, 3).some((l) => parseDateline(l))
    ) {
      into.title = line;
      into.found.push("title (the first line)");
      continue;
    }
    const headerCaption = !kind && inHeader ? /^(.+?)\s*\*\*([^*]+)\*\*\s*$/.exec(line) : null;
    if (headerCaption && !into.image) {
      into.image = { caption: headerCaption[1]!.trim(), credit: headerCaption[2]!.trim() };
      into.found.push("image.caption and image.credit (the photo caption line)");
      continue;
    }
    switch (kind) {
      case undefined:
        inHeader = false;
        kept[lines[i]!.n]!.push(lines[i]!.text.trim());
        continue;
      case "related": {
        const related = parseRelatedLine(line)!;
        if (related.item) into.related.push(related.item);
        inRelatedList = related.heading;
        into.found.push(related.heading ? 'related (a "Related" list)' : 'related (a "Related article" line)');
        continue;
      }
      case "credit":
        credits.push(line.replace(/[*_]/g, ""));
        into.found.push("credit (the wire credit line)");
        continue;
      case "original-url": {
        const url = originalUrlLine(line) || URL_LINE.exec(nextLines(i, 1)[0] ?? "")?.[1];
        if (url && !originalUrlLine(line)) i++;
        if (url && !into.url) into.url = url;
        into.found.push(url ? 'url (the "Original url" line)' : 'dropped: an "Original url" line without an address');
        continue;
      }
      case "caption": {
        // a credit line alone ("Photo: Jo Reyes / AFP") has no caption
        const { caption: words, credit } = parseCaptionLine(line)!;
        const caption = words ? { caption: words, credit } : { credit };
        if (!into.image) into.image = caption;
        into.found.push(
          into.image === caption
            ? "image.caption and image.credit (the photo caption line)"
            : "dropped: a second photo caption (front matter holds one)",
        );
        continue;
      }
      case "title":
        into.found.push(
          into.title ? "dropped: the title, repeated in the text" : "title (a line that is the headline)",
        );
        into.title ??= line.replace(/[*_]/g, "");
        continue;
      case "date": {
        const { date, updated } = parseDateline(line)!;
        if (!updated && !into.date) {
          into.date = date;
          into.found.push(`date ${date} (the date line)`);
        } else into.found.push(`dropped: a date line (${line})`);
        continue;
      }
      case "byline": {
        const wire = parseWireByline(line);
        if (wire) credits.push(wire.credit);
        for (const name of wire?.authors ?? parseByline(line) ?? []) authors.add(name);
        into.found.push(wire ? "credit and authors (the wire byline)" : "authors (the byline)");
        continue;
      }
      case "boilerplate":
        into.found.push(`dropped: the site's furniture ("${line.length > 60 ? `${line.slice(0, 57)}…` : line}")`);
        continue;
    }
  }
  into.authors = [...authors];
  // one credit line of several ("Reporting by …; Editing by …. Valley Wire contributed reporting.")
  into.credit = credits.length
    ? [...new Set(credits.map((c) => (/[.!?)]$/.test(c) ? c : `${c}.`)))].join(" ")
    : undefined;
  return kept.filter((p) => p.length);
}

/** A line as the rules read it: trimmed, without a heading's `#`s (as `npm run check` reads it). */
const bare = (line: string) => line.trim().replace(/^#+\s*/, "");

/** `title` and `url`: the headline and the address when the editor gives them (flags). */
export function parseClipping(text: string, options: { title?: string; url?: string } = {}): Clipping {
  const lines = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.trim());
  // Paragraphs are separated by blank lines; a copy without any blank line has one paragraph per line.
  let paragraphs = lines
    .join("\n")
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean)
    .map((b) => b.split("\n"));
  if (paragraphs.length === 1) paragraphs = paragraphs[0]!.map((l) => [l]);
  const out: Clipping = {
    authors: [],
    related: [],
    body: "",
    placeholderLinks: (text.match(/\]\(\s*#?\s*\)/g) ?? []).length,
    found: [],
  };
  const kept = sweepFurniture(paragraphs, out, { header: true, title: options.title }).map((p) => p.join("\n"));
  // links relative to the report's address made absolute; links into the outlet's own pages go
  const base = options.url ?? out.url;
  // pictures inside the text go (a tracking pixel, another site's picture, a file nobody has)
  const pictures = dropPictures(kept);
  const links = settleMarkdownLinks(pictures.paragraphs, base);
  out.body = links.paragraphs.join("\n\n");
  out.linkNote = links.note;
  out.pictureNote = picturesNote(pictures.dropped);
  if (pictures.dropped)
    out.found.push(
      `dropped: ${pictures.dropped} picture${pictures.dropped > 1 ? "s" : ""} inside the text (said in note)`,
    );
  out.related = out.related.map((r) => {
    // the outlet printed it as a related report: its address is kept, made absolute
    const url = r.url ? settleLink(r.url, base).absolute : undefined;
    return url ? { title: r.title, url } : { title: r.title };
  });
  return out;
}

const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const list = (words: string[]) =>
  words.length > 1 ? `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}` : words[0];

/**
 * An editor's note saying what the copy lacked and where values came from instead: said when the
 * copy lacks its title or its date (a byline is listed among what it lacks, not noted alone).
 */
export function provenanceNote(
  c: Clipping,
  from: { titleFromAddress: boolean; dateFromAddress: boolean; hasByline: boolean },
): string | undefined {
  const parts: string[] = [];
  const hasByline = from.hasByline || c.authors.length > 0;
  if (!c.title || !c.date) {
    parts.push(
      `Our copy of this report has no ${list([!c.title && "title", !hasByline && "byline", !c.date && "date"].filter((x): x is string => !!x))}.`,
    );
    const fromAddress = [
      !c.title && from.titleFromAddress && "title",
      !c.date && from.dateFromAddress && "date",
    ].filter(Boolean);
    if (fromAddress.length)
      parts.push(
        `The ${fromAddress.join(" and the ")} ${fromAddress.length > 1 ? "are" : "is"} taken from the original address, not from the text itself.`,
      );
    const byEditor = [!c.title && !from.titleFromAddress && "title", !c.date && !from.dateFromAddress && "date"].filter(
      Boolean,
    );
    if (byEditor.length)
      parts.push(
        `The ${byEditor.join(" and the ")} ${byEditor.length > 1 ? "were" : "was"} supplied by the editor, not by the text itself.`,
      );
  }
  const n = c.placeholderLinks;
  if (n) {
    const count = NUMBER_WORDS[n] ?? String(n);
    parts.push(
      n === 1
        ? `The one link in the body of our copy was a placeholder; its real target is not known, so it is shown as plain text.`
        : `The ${count} links in the body of our copy were placeholders; their real targets are not known, so they are shown as plain text.`,
    );
    // a related line whose link was one of the placeholders is listed without an address
    const unlinked = c.related.filter((r) => !r.url).length;
    if (unlinked) parts.push(`The "Related article" line${unlinked > 1 ? "s are" : " is"} listed below the report.`);
  }
  if (c.linkNote) parts.push(c.linkNote);
  if (c.pictureNote) parts.push(c.pictureNote);
  return parts.length ? parts.join(" ") : undefined;
}
