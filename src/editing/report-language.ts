/**
 * The language a report is written in, from its text, for `npm run import`: franc (trigram
 * profiles of 187 languages, each with a million speakers or more) names the candidates, and
 * ICU's CLDR aliases (`Intl.getCanonicalLocales`) turn franc's ISO 639-3 codes into BCP 47 tags
 * (`ukr` → `uk`, `cmn` → `zh`, `arb` → `ar`, `pes` → `fa`). What the page says of itself
 * (`<html lang>`, `og:locale`, JSON-LD `inLanguage`) is evidence: agreeing with the detector it
 * makes the answer sure, disagreeing it makes it unsure.
 *
 * The detector is not sure, and no language is guessed, when
 * - the text has fewer than MIN_CHARACTERS characters of letters (a headline and a sentence), or
 * - the runner-up (the best candidate of another language) is within MIN_MARGIN of the first.
 *   franc scores the first 1 and others 1 − (d − d₁)/(300·n − d₁), d a candidate's trigram
 *   distance and n the text's length (at most 2,048); (1 − score)·n is then about how many of
 *   the text's trigrams the runner-up misses more than the first (each missing trigram costs
 *   300), a margin that, unlike the score, does not shrink as the text grows. Measured on
 *   reports of 250 to 2,000 characters: Ukrainian against Russian 27–45, Russian against
 *   Ukrainian or Bulgarian 20–38, Spanish against Galician 12–20, English against Scots 3–16,
 *   Portuguese against Galician 1.5–7.5, Norwegian Bokmål against Nynorsk 8–9.
 */
import { francAll } from "franc";

const MIN_CHARACTERS = 120;
const MIN_MARGIN = 6;

export interface Declared {
  tag: string;
  /** Where the page says it: `<html lang>`, `og:locale`, `JSON-LD inLanguage`. */
  from: string;
}

export interface LanguageGuess {
  /** The BCP 47 tag, when sure. */
  tag?: string;
  /** The first candidates, best first (tags, with franc's score), for the editor's question. */
  candidates: { tag: string; score: number }[];
  /** Why it is sure or not, in a few words. */
  why: string;
}

/** A BCP 47 tag in its canonical form (`uk_UA` → `uk-UA`, `cmn` → `zh`), or undefined. */
export function languageTag(value: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(value.trim().replace(/_/g, "-"))[0];
  } catch {
    return undefined;
  }
}

/** `uk-UA` → `uk`: two tags of one language agree. */
export const primary = (tag: string) => tag.split("-")[0]!.toLowerCase();

/** The text franc should read: markdown's link targets, addresses and markup out. */
function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/[*_#>`|[\]()-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function detectLanguage(text: string, declared: Declared[] = []): LanguageGuess {
  const plain = plainText(text);
  const letters = (plain.match(/\p{L}/gu) ?? []).length;
  // one row per language (franc's nob and nno are two; its pes and prs are both fa)
  const candidates: { tag: string; score: number }[] = [];
  for (const [code, score] of francAll(plain, { minLength: 1 })) {
    const tag = code === "und" ? undefined : languageTag(code);
    if (tag && !candidates.some((c) => primary(c.tag) === primary(tag))) candidates.push({ tag, score });
  }
  const top = candidates[0];
  const shown = candidates.slice(0, 3);
  const agree = top ? declared.filter((d) => primary(d.tag) === primary(top.tag)) : [];
  const disagree = top ? declared.filter((d) => primary(d.tag) !== primary(top.tag)) : declared;
  const say = (ds: Declared[]) => ds.map((d) => `${d.from} ${d.tag}`).join(", ");
  if (!top) return { candidates: shown, why: "no language could be told from the text" };
  if (disagree.length) {
    for (const d of disagree)
      if (!shown.some((c) => primary(c.tag) === primary(d.tag))) shown.push({ tag: d.tag, score: 0 });
    return { candidates: shown, why: `the text reads as ${top.tag}, the page says ${say(disagree)}` };
  }
  // the page's own, more precise tag (pt-BR) when it agrees
  if (agree.length)
    return { tag: agree[0]!.tag, candidates: shown, why: `the text reads as ${top.tag}, as ${say(agree)} says` };
  if (letters < MIN_CHARACTERS)
    return {
      candidates: shown,
      why: `the text is too short to tell (${letters} letters, fewer than ${MIN_CHARACTERS})`,
    };
  const second = candidates[1];
  const length = Math.min(plain.length, 2048);
  const margin = second ? (1 - second.score) * length : Number.POSITIVE_INFINITY;
  if (second && margin < MIN_MARGIN)
    return {
      candidates: shown,
      why: `${top.tag} and ${second.tag} are too close to tell (margin ${margin.toFixed(1)}, under ${MIN_MARGIN})`,
    };
  return { tag: top.tag, candidates: shown, why: `the text reads as ${top.tag}` };
}
