/**
 * Names in a story's sentences, for `npm run check -- --suggest`: runs of capitalised words
 * ("Andrei Popescu", "Ministry of the Interior"), without the words that are capitalised for
 * another reason: function words ("In", "The"), weekdays and months, page furniture ("Editing",
 * "Photo"), and a sentence's first word unless the story shows it is a name (it also writes it
 * capitalised mid-sentence, or it leads straight into another capitalised word, and never in
 * lower case). Spellings that differ only by diacritics or case ("Dumbraveni", "Dumbrăveni",
 * "DUMBRĂVENI") share one key: `foldName`.
 */
import { nameKey } from "../content/mentions.ts";
import { isFurnitureWord } from "./page-furniture.ts";

export interface NameHit {
  text: string;
  /** Offset and length in the sentence. */
  index: number;
  length: number;
}

/** Letters that NFD does not split into a base letter and a mark: "Đà Nẵng" is "Da Nang", "Diyarbakır" "Diyarbakir". */
const UNSPLIT: Record<string, string> = {
  đ: "d",
  ı: "i",
  ł: "l",
  ø: "o",
  ß: "ss",
  æ: "ae",
  œ: "oe",
  þ: "th",
  ð: "d",
  ħ: "h",
};

/** The key spellings share when they differ only by diacritics, case, apostrophes or spacing. */
export function foldName(name: string): string {
  return nameKey(name)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[đıłøßæœþðħ]/g, (c) => UNSPLIT[c]!);
}

/** A person's title before a name ("Mayor", "Interior Minister", "Ukrainian Foreign Minister"): not part of the name. */
const TITLE = new RegExp(
  "^(?:\\p{Lu}\\p{Ll}+(?:ian|ean|ese|ish) )?(?:(?:Deputy|Vice|Acting|Former|Prime|Foreign|Interior|Defen[cs]e|Health|Finance|Justice|Economy|Environment|Emergency) )*" +
    "(?:Mayor|President|Minister|Governor|Senator|Councill?or|Mr|Mrs|Ms|Dr|Prof|Professor|Judge|Pope|King|Queen|Prince|Princess|Chancellor|Spokes(?:man|woman|person)|Prefect)\\.? (?=\\p{Lu})",
  "u",
);

/** The name without a person's title before it: "Mayor Vasile Pop" → "Vasile Pop". */
export function withoutTitle(name: string): string {
  return name.replace(TITLE, "");
}

/** How many diacritics a spelling carries: the spelling with more is the more exact one. */
export function diacritics(name: string): number {
  return (
    (name.normalize("NFD").match(/\p{M}/gu)?.length ?? 0) + (name.toLowerCase().match(/[đıłøßæœþðħ]/g)?.length ?? 0)
  );
}

/** Capitalised for grammar, not because they name something (compared in lower case). */
const FUNCTION_WORDS = new Set(
  (
    "the a an in on at as but and or if when while after before since from for with by of to into onto over under about around across near during until " +
    "despite although though because however meanwhile also still yet then there here this that these those he she it they we you i his her its their our " +
    "my your him them us me who what where why how which some many most all both each every several few no not nor so such other another mr mrs ms mx " +
    "according asked speaking earlier later today yesterday tomorrow tonight now last next"
  ).split(" "),
);
const WEEKDAY = /^(?:mon|tues|wednes|thurs|fri|satur|sun)days?$/i;
const MONTH =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?$/i;
/** Lower-case words that may join the words of one name: "Ministry of the Interior", "Leonardo da Vinci". */
const CONNECTORS = new Set("of of-the the de da del della di du la le van von der den al bin".split(" "));
/** One word that names a people or a place's adjective ("Romanian", "European"): not an entity of its own. */
const DEMONYM = /^\p{Lu}\p{Ll}+(?:ian|ean|ese|ish|ans)$/u;
const WORD = /[\p{L}\p{M}][\p{L}\p{M}\p{N}'’-]*/gu;

interface Word {
  text: string;
  index: number;
  capital: boolean;
  /** First word of the sentence, of a quotation, or after a colon or a dash. */
  initial: boolean;
  /** Only white space since the word before. */
  joined: boolean;
  /** Written with 's: the name ends here ("Romania's Emergency Inspectorate" is two). */
  possessive: boolean;
}

function wordsOf(sentence: string): Word[] {
  const out: Word[] = [];
  let last = 0;
  for (const m of sentence.matchAll(WORD)) {
    const text = m[0].replace(/['’]s$|['’-]+$/, "");
    const gap = sentence.slice(last, m.index);
    out.push({
      text,
      index: m.index,
      capital: /^\p{Lu}/u.test(text),
      initial: !out.length || /["“‘(:;—–]\s*$|\s-\s*$/.test(gap),
      joined: !!out.length && /^\s+$/.test(gap),
      possessive: /['’]s$/.test(m[0]),
    });
    last = m.index + m[0].length;
  }
  return out;
}

/** A heading or a line in capitals ("Rescue Efforts Continue Into the Night"): every word is capitalised, so none is a name by that sign. */
function titleCase(sentence: string, ws: Word[]): boolean {
  const long = ws.filter((w) => w.text.length > 3);
  if (long.length < 3) return false;
  const share = (test: (w: Word) => boolean) => long.filter(test).length / long.length;
  return (
    share((w) => w.text === w.text.toUpperCase()) >= 0.7 ||
    (!/[.!?:;,"”’)]\s*$/.test(sentence) && share((w) => w.capital) >= 0.7)
  );
}

/** Finds names in the sentences of one story, knowing how the whole story writes each word. */
export class NameFinder {
  /** Words the story writes in lower case. */
  private readonly lower = new Set<string>();
  /** Words the story writes capitalised where grammar does not ask for it. */
  private readonly midCapital = new Set<string>();

  constructor(sentences: Iterable<string>) {
    for (const s of sentences) {
      const ws = wordsOf(s);
      if (titleCase(s, ws)) continue;
      for (const w of ws) {
        if (!w.capital) this.lower.add(w.text);
        else if (!w.initial) this.midCapital.add(w.text);
      }
    }
  }

  /** The names of one sentence, each as written. */
  namesIn(sentence: string): NameHit[] {
    const ws = wordsOf(sentence);
    const out: NameHit[] = [];
    if (titleCase(sentence, ws)) return out;
    let run: Word[] = [];
    const flush = () => {
      // a name neither starts nor ends with a connector ("the Ledger" → "Ledger")
      while (run.length && !run[0]!.capital) run.shift();
      while (run.length && !run.at(-1)!.capital) run.pop();
      if (run.length) {
        const first = run[0]!;
        const lastWord = run.at(-1)!;
        const text = sentence.slice(first.index, lastWord.index + lastWord.text.length);
        if (!(run.length === 1 && (DEMONYM.test(text) || text.length < 2)))
          out.push({ text, index: first.index, length: text.length });
      }
      run = [];
    };
    ws.forEach((w, i) => {
      if (!w.capital) {
        // a connector joins only two capitalised words: "Ministry of the Interior"
        if (
          run.length &&
          w.joined &&
          CONNECTORS.has(w.text) &&
          ws.slice(i + 1).find((n) => !CONNECTORS.has(n.text))?.capital
        )
          run.push(w);
        else flush();
        return;
      }
      if (!w.joined) flush();
      // a month after a name word is a surname ("Theresa May"), otherwise a date ("In May Romania…")
      const surname =
        MONTH.test(w.text) &&
        !!run.length &&
        run.at(-1)!.capital &&
        !/^\d/.test(sentence.slice(w.index + w.text.length).trim());
      if (!surname && !this.isNameWord(w, ws[i + 1])) return flush();
      run.push(w);
      if (w.possessive) flush();
    });
    flush();
    return out;
  }

  /** A capitalised word that may be (part of) a name. */
  private isNameWord(w: Word, next: Word | undefined): boolean {
    const lower = w.text.toLowerCase();
    if (FUNCTION_WORDS.has(lower) || WEEKDAY.test(w.text) || MONTH.test(w.text) || isFurnitureWord(w.text))
      return false;
    if (!w.initial) return true;
    // grammar capitalises a sentence's first word: a name only if the story says so
    if (this.lower.has(lower)) return false;
    return (
      this.midCapital.has(w.text) ||
      (!!next && next.joined && next.capital && !FUNCTION_WORDS.has(next.text.toLowerCase()))
    );
  }
}
