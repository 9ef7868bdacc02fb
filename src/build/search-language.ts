/**
 * Each report indexed in its own language. Pagefind builds one index per `<html lang>` and
 * stems and segments a page by it, but every published page is in the site's language (the
 * interface is); the report carries its own on `data-index-lang` (src/pages/article.njk). So the
 * copy of an article page handed to Pagefind gets that language on `<html>`: an English site's
 * Japanese report is segmented as Japanese, its Ukrainian one lands in the Ukrainian index.
 *
 * Japanese and Chinese reports also get their CJK text as character pairs (bigrams), each written
 * as one Latin token (`cjkPairTokens`), hidden in the copy Pagefind reads. Pagefind segments such
 * text with a dictionary when it indexes (Lindera, jieba) and with the browser's Intl.Segmenter
 * when it searches, and the two can disagree (Pagefind issue #1237): "新幹線" inside "最新幹線"
 * is indexed as 最新 + 幹線, and the query's one word 新幹線 finds nothing. The pairs do not depend
 * on either segmenter: the search page (src/reader/search.js, the same encoding) asks for the
 * query's pairs and keeps the pages whose text holds the query itself.
 */

const MARK = /<article\b[^>]*\bdata-index-lang="([A-Za-z0-9-]+)"[^>]*>/;
const HTML_LANG = /(<html\b[^>]*?\blang=")[^"]*(")/;
/** Runs of Han, kana and the long-vowel mark: the text Pagefind segments in Japanese and Chinese. */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]+/gu;
/** Sixteen consonants for the sixteen hex digits: a token no stemmer trims, one word to every segmenter. */
const DIGITS = "bcdfghjklmnprtvw";

/** Languages Pagefind segments into words by dictionary. */
function segmentedLanguage(tag: string): boolean {
  return /^(ja|zh)(-|$)/i.test(tag);
}

function code(ch: string): string {
  return [...ch.codePointAt(0)!.toString(16).padStart(5, "0")].map((h) => DIGITS[Number.parseInt(h, 16)]).join("");
}

/** The distinct character pairs of the CJK runs of `text`, one token each: "qz" + 5 + 5 letters + "q". */
function cjkPairTokens(text: string): string[] {
  const pairs = new Set<string>();
  for (const run of text.match(CJK_RUN) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) pairs.add(`qz${code(chars[i]!)}${code(chars[i + 1]!)}q`);
  }
  return [...pairs];
}

/**
 * The page as Pagefind should read it, or undefined when it reads the published page as it is
 * (not a report, or a report in the site's language outside Japanese and Chinese).
 */
export function pageForIndex(html: string): string | undefined {
  const mark = MARK.exec(html);
  if (!mark) return undefined;
  const lang = mark[1]!;
  const current = HTML_LANG.exec(html);
  let out = html;
  if (current && !current[0].endsWith(`"${lang}"`)) out = out.replace(HTML_LANG, `$1${lang}$2`);
  if (segmentedLanguage(lang)) {
    const start = out.indexOf(mark[0]) + mark[0].length;
    const end = out.indexOf("</article>", start);
    if (end > 0) {
      const text = out.slice(start, end).replace(/<[^>]*>/g, " ");
      const tokens = cjkPairTokens(text);
      if (tokens.length) out = `${out.slice(0, end)}<p data-search-pairs>${tokens.join(" ")}</p>${out.slice(end)}`;
    }
  }
  return out === html ? undefined : out;
}
