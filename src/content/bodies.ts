/**
 * Pipeline stage 3: each article body is parsed and rendered once. On the way, entity names are
 * found (and the first mention of each linked), and the quotes that events and claims cite from
 * this article are located, so that their blocks get ids (`#p3`) in the one rendering.
 */
import { parseBody, renderParsed, type Linkable } from "./markdown.ts";
import type { MentionMatcher } from "./mentions.ts";
import { QuoteIndex } from "./quotes.ts";
import { StoredBlocks, StoredText, type SpillFile } from "./stored-text.ts";

export interface BodyResult {
  /** The rendered HTML, kept as bytes (stored-text.ts). */
  html: StoredText;
  /** Plain text of the first paragraph (the default summary). */
  firstParagraph: string;
  /** Entity mentions in order of appearance: the entity's id and the words as written. */
  mentions: { id: string; text: string }[];
  /** For each quote asked for, the block that holds it; -1: not in the text; -2: only across two blocks. */
  quoteBlocks: number[];
  /** Plain text of each block (for shared-text comparisons), as bytes; empty when only checking. */
  blocks: StoredBlocks;
}

/**
 * For checking only: the names in a body found in its raw text, without parsing the markdown
 * (nothing is rendered, no block is cited). Enough for the warnings that need mentions.
 */
export function scanArticleBody(markdown: string, matcher: MentionMatcher<Linkable>): BodyResult {
  return { html: new StoredText(""), firstParagraph: "", mentions: matcher.scan(markdown).map((m) => ({ id: m.target.id, text: m.text })), quoteBlocks: [], blocks: new StoredBlocks([]) };
}

/** The id of a cited block on the article page: `p3` is the third paragraph (or heading, list item). */
export function anchorId(block: number): string {
  return `p${block + 1}`;
}

/** `spill`: a temporary file the HTML and blocks are kept in instead of memory (stored-text.ts). */
export function renderArticleBody(markdown: string, matcher: MentionMatcher<Linkable>, quotes: readonly string[], html = true, spill?: SpillFile): BodyResult {
  const parsed = parseBody(markdown, matcher);
  const anchors = new Map<number, string>();
  let quoteBlocks: number[] = [];
  if (quotes.length) {
    const index = new QuoteIndex(parsed.blocks);
    quoteBlocks = quotes.map((q) => index.locate(q));
    for (const block of quoteBlocks) if (block >= 0) anchors.set(block, anchorId(block));
  }
  return {
    html: new StoredText(html ? renderParsed(parsed, anchors) : "", spill),
    firstParagraph: parsed.firstParagraph,
    mentions: parsed.mentions.map((m) => ({ id: m.target.id, text: m.text })),
    quoteBlocks,
    blocks: new StoredBlocks(parsed.blocks, spill),
  };
}
