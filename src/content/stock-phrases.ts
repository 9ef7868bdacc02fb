/**
 * Stock phrases: shared words that are not evidence of copying. Two reports that both write
 * "the United Nations and the International Committee of the Red Cross (ICRC) to" share 13 words,
 * but only because both name the same bodies. A passage is *stock* when
 *
 * - every one of its words is a name (a word of an entity's name, alias or recorded spelling), a
 *   title ("president", "minister", …) or a function word ("the", "of", "and", …); or
 * - every one of its runs of 8 words appears in reports of STOCK_STORIES or more different
 *   stories (a formula of the trade, across outlets; counted once over the archive, see
 *   shared-text.ts).
 *
 * Stock passages are labelled ("stock phrase"), shown apart and left out of the copied share.
 */
import { fold, type Vocabulary } from "./shared-text.ts";

/** A run of words in reports of this many different stories is a stock phrase. */
export const STOCK_STORIES = 3;

/** English function words: articles, prepositions, conjunctions, pronouns, auxiliaries. */
const FUNCTION_WORDS = `a an the and or nor but of to in on at by for from with without within into onto upon over under
about above across after against along among around as before behind below beneath beside besides between beyond
during except inside near off out outside past since than through throughout till toward towards until via per
that this these those which who whom whose what it its it's he him his she her hers they them their theirs we us our
you your i me my is are was were be been being has have had do does did will would shall should can could may might must
not no so also too very both either neither each all any some such own same other another there here then`;

/** Titles and offices that go with names. */
const TITLES = `mr mrs ms dr president vice prime minister ministers deputy foreign defence defense interior secretary general
spokesman spokeswoman spokesperson head chief chairman chairwoman chair director governor mayor ambassador envoy
commissioner officer official officials king queen prince pope state states national international federal regional`;

/** Every word of `text`, normalised as the comparison reads words (case and punctuation aside). */
function words(text: string): string[] {
  return (text.normalize("NFKC").match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? []).map(fold);
}

/**
 * The vocabulary numbers of every word a stock phrase may be made of: the names given, titles
 * and function words. Numbers come from (and are added to) `vocabulary`, so they compare with
 * the reports' tokens.
 */
export function stockWordIds(names: Iterable<string>, vocabulary: Vocabulary): Set<number> {
  const ids = new Set<number>();
  const add = (w: string) => {
    let id = vocabulary.get(w);
    if (id === undefined) vocabulary.set(w, (id = vocabulary.size + 1));
    ids.add(id);
  };
  for (const w of words(`${FUNCTION_WORDS} ${TITLES}`)) add(w);
  for (const name of names) for (const w of words(name)) add(w);
  return ids;
}

/** The words `ids[from, to)` are all names, titles or function words. */
export function madeOfStockWords(ids: Int32Array, from: number, to: number, stock: ReadonlySet<number>): boolean {
  for (let i = from; i < to; i++) if (!stock.has(ids[i]!)) return false;
  return true;
}
