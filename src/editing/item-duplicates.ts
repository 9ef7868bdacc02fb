/**
 * Is a new item (a feed's or a listing's) a report already in the content tree, or an item seen
 * before (issue 27, for `npm run discover`)? Compared in this order:
 *
 * 1. its address, by src/content/address.ts's one spelling of an address (scheme, `www.`/`m.`/`amp.` hosts,
 *    trailing slash, `utm_*` and the other tracking parameters, AMP paths `/amp/`, `?amp=1`,
 *    `.amp.html`), with every report's `url` and every item seen before;
 * 2. the feed's own id of the item, with the items seen before from the same source (ids are
 *    only unique within one feed);
 * 3. its headline, case-folded with punctuation, quotation marks and white space set aside, with
 *    the reports and items of the same source only: a wire story that a second outlet
 *    republishes under the same headline is that outlet's report, not a duplicate. Headlines
 *    shorter than MIN_TITLE_WORDS words ("Live updates") are not compared.
 *
 * And, once a page is fetched, its text: `textDuplicateOf` measures text shared with the
 * reports already there the way the site does (shared-text.ts), from 90 % of the words.
 */
import { tokenize, type Vocabulary } from "../content/shared-text.ts";
import { addressKey } from "../content/address.ts";
import { sharedPercent } from "./duplicates.ts";
import type { FeedItem } from "./feeds.ts";

/** Headlines of fewer words are not compared: recurring ones ("Live updates", "Morning briefing") would all be one. */
const MIN_TITLE_WORDS = 3;
/** Share of the text (percent of each report's words) from which two reports are one, as `npm run import` says. */
const TEXT_DUPLICATE_PERCENT = 90;
/** Shorter texts are not compared (a few equal sentences are not a report), as `npm run import` says. */
const MIN_WORDS = 25;

/** A report in the content tree: its file, source and what it says of itself. */
interface KnownReport {
  file: string;
  source: string;
  url?: string;
  title?: string;
}

/** An item met before (discover's state): its source, id, address and headline. */
interface SeenItem {
  source: string;
  id?: string;
  url?: string;
  title?: string;
}

interface Known {
  reports: readonly KnownReport[];
  items: readonly SeenItem[];
}

export interface ItemDuplicate {
  duplicate: "address" | "id" | "title";
  /** The report's file, or the item seen before (its address, else its id). */
  of: string;
}

/** A headline's comparison key: NFKC, case-folded, every run of what is not a letter, mark or digit one space. */
export function titleKey(title: string): string {
  return title
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, " ")
    .trim();
}

const comparableTitle = (title: string | undefined): string | undefined => {
  const key = title ? titleKey(title) : "";
  return key.split(" ").length >= MIN_TITLE_WORDS ? key : undefined;
};

/**
 * The report or item seen before that this item duplicates, and how: by address, by the feed's
 * id, or by headline within its own source; undefined when it is new.
 */
export function duplicateOf(
  item: Pick<FeedItem, "id" | "url" | "title"> & { source: string },
  known: Known,
): ItemDuplicate | undefined {
  const seenName = (s: SeenItem) => s.url ?? s.id ?? "";
  const address = addressKey(item.url);
  const report = known.reports.find((r) => r.url && addressKey(r.url) === address);
  if (report) return { duplicate: "address", of: report.file };
  const seen = known.items.find((s) => s.url && addressKey(s.url) === address);
  if (seen) return { duplicate: "address", of: seenName(seen) };
  const byId = known.items.find((s) => s.source === item.source && s.id !== undefined && s.id === item.id);
  if (byId) return { duplicate: "id", of: seenName(byId) };
  const title = comparableTitle(item.title);
  if (!title) return undefined;
  const sameTitle = (other: string | undefined) => other !== undefined && comparableTitle(other) === title;
  const reportByTitle = known.reports.find((r) => r.source === item.source && sameTitle(r.title));
  if (reportByTitle) return { duplicate: "title", of: reportByTitle.file };
  const itemByTitle = known.items.find((s) => s.source === item.source && sameTitle(s.title));
  if (itemByTitle) return { duplicate: "title", of: seenName(itemByTitle) };
  return undefined;
}

/**
 * The report already there whose text this fetched item's text shares at least 90 % of (of each
 * one's words, in runs of 8 equal words after normalising case, punctuation and quotation marks:
 * shared-text.ts), the one sharing most; undefined when none does or the text is too short.
 */
export function textDuplicateOf(
  text: string,
  reports: readonly { file: string; text: string }[],
): { duplicate: "text"; of: string; percent: number } | undefined {
  const vocabulary: Vocabulary = new Map();
  const mine = tokenize(text, vocabulary, { positions: false });
  if (mine.ids.length < MIN_WORDS) return undefined;
  let best: { duplicate: "text"; of: string; percent: number } | undefined;
  for (const r of reports) {
    const theirs = tokenize(r.text, vocabulary, { positions: false });
    if (theirs.ids.length < MIN_WORDS) continue;
    // 90 % of each one's words shared: their lengths are alike
    const [short, long] = [mine.ids.length, theirs.ids.length].sort((x, y) => x - y) as [number, number];
    if (short < (TEXT_DUPLICATE_PERCENT / 100) * long) continue;
    const percent = sharedPercent(mine, theirs);
    if (percent >= TEXT_DUPLICATE_PERCENT && (!best || percent > best.percent))
      best = { duplicate: "text", of: r.file, percent };
  }
  return best;
}
