/**
 * Page furniture that reaches a body with the text of a report: newsletter and subscription
 * calls, "Photo: …", "Reporting by …; Editing by …" trailers, "Read more", "Advertisement".
 * `--suggest` offers neither figures nor names from such a line, and never one of these words as
 * a name. The rules `check` and `import` share (src/content/furniture.ts) come first; the lists
 * here add what only matters to suggestions (a lone "Editing", a "FILE -" photo label).
 */
import { furnitureKind } from "../content/furniture.ts";

/** Words that are the page's, never a name (compared in lower case). */
const FURNITURE_WORDS = new Set([
  "advertisement",
  "advert",
  "sponsored",
  "subscribe",
  "subscribers",
  "subscription",
  "newsletter",
  "newsletters",
  "editing",
  "reporting",
  "writing",
  "editor",
  "editors",
  "photo",
  "photos",
  "photograph",
  "photography",
  "image",
  "images",
  "video",
  "videos",
  "graphic",
  "caption",
  "share",
  "tweet",
  "follow",
  "comment",
  "comments",
  "related",
  "recommended",
  "copyright",
  "login",
  "download",
  "podcast",
]);

/** How a furniture line starts: a call to the reader, a credit, a label (compared in lower case). */
const FURNITURE_START = new RegExp(
  "^(?:" +
    [
      "advertisement",
      "sponsored",
      "subscribe",
      "sign up",
      "sign in",
      "log in",
      "register",
      "get (?:the|our)",
      "download (?:the|our)",
      "follow (?:us|the|our)",
      "follow \\S+ (?:coverage|on)\\b",
      "file\\s*[-–—:]",
      "share (?:this|on)\\b",
      "read (?:more|also|next|the full)",
      "see also",
      "related(?:\\s*:|\\s+(?:articles?|stories|coverage|reading|content))",
      "recommended(?:\\s*:|\\s+(?:for you|reading|stories))",
      "most (?:read|popular)",
      "(?:photo|photograph|image|video|graphic|caption|source)s?\\s*(?::|by\\b|credit)",
      "(?:additional )?(?:reporting|editing|writing|compiled|translated) by",
      "copyright",
      "©",
      "all rights reserved",
      "click here",
      "listen to",
      "(?:updated|published|posted)\\s*(?::|on\\b|at\\b|\\d)",
      "watch:",
      "this (?:article|story) (?:was|has been|is)",
      "we (?:use|value) cookies",
    ].join("|") +
    ")(?!\\p{L})",
  "iu",
);

/** Anywhere in a line: a wire trailer ("…; Editing by …") or a reporting credit. */
const FURNITURE_ANYWHERE =
  /(?:^|[;|(])\s*(?:additional\s+)?(?:reporting|editing|writing)\s+by\b|\bcontributed(?:\s+to)?\s+(?:this\s+)?report(?:ing)?\b/i;

/** A block of the body that is the page's, not the report's. */
export function isFurnitureLine(block: string): boolean {
  const line = block.replace(/^[\s*_#>-]+/, "").trim();
  return (
    !line ||
    furnitureKind(line) !== undefined ||
    FURNITURE_START.test(line) ||
    FURNITURE_ANYWHERE.test(line) ||
    (line.split(/\s+/).length <= 2 && line.split(/\s+/).every((w) => isFurnitureWord(w)))
  );
}

/** One word of page furniture ("Editing", "Photo", "Subscribe"). */
export function isFurnitureWord(word: string): boolean {
  return FURNITURE_WORDS.has(word.toLowerCase().replace(/[^\p{L}]/gu, ""));
}
