/**
 * Pipeline stage 3: each article body is parsed and rendered once. On the way, entity names are
 * found (and the first mention of each linked), and the quotes that events and claims cite from
 * this article are located, so that their blocks get ids (`#p3`) in the one rendering.
 */
import { bodyImages, deepNesting, parseBody, renderParsed, type DeepNesting, type Linkable } from "./markdown.ts";
import type { Problem } from "./problems.ts";
import type { MentionMatcher } from "./mentions.ts";
import { QuoteIndex, normalizeQuote, type NearestPassage } from "./quotes.ts";
import { StoredBlocks, StoredText, type SpillFile } from "./stored-text.ts";

/** A passage and the line of the markdown where it begins (0-based, from the body's first line). */
export type Located = NearestPassage & { line: number };

export interface BodyResult {
  /** The rendered HTML, kept as bytes (stored-text.ts). */
  html: StoredText;
  /** Plain text of the first paragraph (the default summary). */
  firstParagraph: string;
  /** Entity mentions in order of appearance: the entity's id and the words as written. */
  mentions: { id: string; text: string }[];
  /** For each quote asked for, the block that holds it; -1: not in the text; -2: only across two blocks. */
  quoteBlocks: number[];
  /** For each quote not in the text: the nearest passage, with its 0-based line in the markdown, when one is close. */
  nearest: (Located | undefined)[];
  /** Plain text of each block (for shared-text comparisons), as bytes; empty when only checking. */
  blocks: StoredBlocks;
  /** Where the body nests too deep to publish (0-based line in the body), if it does. */
  tooDeep?: DeepNesting;
}

/**
 * For checking only: the names in a body found in its raw text, without parsing the markdown
 * (nothing is rendered, no block is cited). Enough for the warnings that need mentions.
 */
export function scanArticleBody(markdown: string, matcher: MentionMatcher<Linkable>, language?: string): BodyResult {
  return {
    html: new StoredText(""),
    firstParagraph: "",
    mentions: matcher.scan(markdown, language).map((m) => ({ id: m.target.id, text: m.text })),
    quoteBlocks: [],
    nearest: [],
    blocks: new StoredBlocks([]),
    tooDeep: deepNesting(markdown),
  };
}

/** The id of a cited block on the article page: `p3` is the third paragraph (or heading, list item). */
export function anchorId(block: number): string {
  return `p${block + 1}`;
}

/**
 * `spill`: a temporary file the HTML and blocks are kept in instead of memory (stored-text.ts);
 * `language`: the report's (BCP 47), when known, for names in scripts without spaces.
 */
export function renderArticleBody(
  markdown: string,
  matcher: MentionMatcher<Linkable>,
  quotes: readonly string[],
  html = true,
  spill?: SpillFile,
  language?: string,
): BodyResult {
  const parsed = parseBody(markdown, matcher, language);
  const anchors = new Map<number, string>();
  let quoteBlocks: number[] = [];
  let nearest: (Located | undefined)[] = [];
  if (quotes.length) {
    const index = new QuoteIndex(parsed.blocks);
    quoteBlocks = quotes.map((q) => index.locate(q));
    for (const block of quoteBlocks) if (block >= 0) anchors.set(block, anchorId(block));
    // a quote that is not there: the closest words the article has, for the error message
    nearest = quotes.map((q, i) => {
      const passage = quoteBlocks[i] === -1 ? index.nearest(q) : undefined;
      return passage && { ...passage, line: lineOf(markdown, parsed.blockTokens[passage.block]?.map, passage.text) };
    });
  }
  return {
    // a body nested too deep is refused (pipeline.ts): its HTML would overflow the page tools' stacks
    html: new StoredText(html && !parsed.tooDeep ? renderParsed(parsed, anchors) : "", spill),
    firstParagraph: parsed.firstParagraph,
    mentions: parsed.mentions.map((m) => ({ id: m.target.id, text: m.text })),
    quoteBlocks,
    nearest,
    blocks: new StoredBlocks(parsed.blocks, spill),
    tooDeep: parsed.tooDeep,
  };
}

/** The line (0-based) of a block's source lines where a passage's first word is; else the block's first line. */
function lineOf(markdown: string, map: [number, number] | null | undefined, passage: string): number {
  if (!map) return 0;
  const first = passage.split(" ")[0] ?? "";
  const lines = markdown.split("\n").slice(map[0], map[1]);
  const at = lines.findIndex((l) => normalizeQuote(l).includes(first));
  return map[0] + Math.max(at, 0);
}

/**
 * A body shows no pictures of its own: the article's one picture is the front matter's `image`,
 * which is processed and published with the page. A picture named in the text would be a dead
 * link (a file beside the article is not published) or, from another site, a request every
 * reader's browser and feed reader makes to that site (a tracker; the pages' `img-src 'self'`
 * blocks it anyway). Each is an error naming the file, the line and what to do.
 */
export function bodyImageProblems(file: string, body: string, bodyLine: number): Problem[] {
  return bodyImages(body).map((image) => {
    const remote = /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(image.src.trim());
    const words = image.alt || "its words";
    return {
      file,
      line: bodyLine + image.line,
      field: "body",
      message: remote
        ? `a picture from another site ("${image.src}") is not published: every reader's browser and feed reader would fetch it from that site, and the pages allow only their own pictures; remove it, or make it a link: [${words}](${image.src})`
        : `a picture in the text ("${image.src}") is not published: the text shows no pictures; give it as the article's picture in the front matter (image: src: ${image.src}, alt: …) or remove it`,
    };
  });
}
