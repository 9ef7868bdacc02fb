/**
 * The automatic summary of an article without one: its first paragraph, cut at a word, and
 * never inside a character (an emoji's surrogate pair, a letter and its accents, a flag).
 */

/** Longest automatic summary, in UTF-16 code units. */
const SUMMARY_LENGTH = 400;
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

export function summaryOf(firstParagraph: string, max = SUMMARY_LENGTH): string {
  if (firstParagraph.length <= max) return firstParagraph;
  // the longest run of whole graphemes that fits; the text near the cut is segmented only when
  // it holds something a cut could split (a surrogate pair, a combining mark, a joiner)
  let end = max;
  const near = firstParagraph.slice(Math.max(0, max - 32), max + 32);
  if (
    /[\p{M}\p{Extended_Pictographic}\p{Regional_Indicator}\u1100-\u11ff]|\u200c|\u200d|[^\u0000-\uffff]|[\ud800-\udfff]/u.test(
      near,
    )
  ) {
    end = 0;
    for (const { index, segment } of graphemes.segment(firstParagraph.slice(0, max + 64))) {
      if (index + segment.length > max) break;
      end = index + segment.length;
    }
  }
  const cut = firstParagraph.slice(0, end);
  const space = cut.lastIndexOf(" ");
  return (space >= end - 40 ? cut.slice(0, space) : cut).trimEnd() + "…";
}
