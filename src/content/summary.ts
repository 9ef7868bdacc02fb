/** The automatic summary of an article without one: its first paragraph, cut at a word. */

/** Longest automatic summary, in characters. */
const SUMMARY_LENGTH = 400;

export function summaryOf(firstParagraph: string, max = SUMMARY_LENGTH): string {
  if (firstParagraph.length <= max) return firstParagraph;
  const cut = firstParagraph.slice(0, max);
  return cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 40)).trimEnd() + "…";
}
