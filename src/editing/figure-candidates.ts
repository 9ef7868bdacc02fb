/**
 * Figures in a sentence, for `npm run check -- --suggest`: a number (digits, number words, "a
 * dozen", "11 million") with what it counts: "nine people dead", "12 killed", "11 million cubic
 * metres of water", "the death toll rose to 12". What it counts is the key that groups reports:
 * a state of people ("dead", "missing", "injured", "evacuated", …) or the counted noun ("homes",
 * "cubic metres"), never the number, so "nine dead" and "nine missing" are two facts and "9 dead",
 * "nine people died" and "the death toll rose to 12" one. A number that counts nothing ("three
 * more", "two air"), a date, a time, a year, an ordinal, an age or a label ("Route 66") is none.
 */

export interface Figure {
  /** The words as the report writes them: "at least nine people dead". */
  text: string;
  /** The number with its qualifier: "at least 9", "11 million", "dozens", "3 more". */
  value: string;
  /** What it counts, the grouping key: "dead", "home destroyed", "cubic metre". */
  key: string;
  /** How that reads: "dead", "homes destroyed", "cubic metres". */
  counts: string;
}

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  kind: "num" | "word" | "punct";
  /** Letters glued to digits: "16th", "2pm", "11m". */
  suffix?: string;
}

const TOKEN = /(\d+(?:[.,:]\d+)*)(\p{L}*)|([\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*)|(\S)/gu;

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  for (const m of s.matchAll(TOKEN)) {
    const start = m.index;
    if (m[1] !== undefined)
      out.push({
        text: m[0],
        lower: m[1],
        start,
        end: start + m[0].length,
        kind: "num",
        suffix: m[2]!.toLowerCase() || undefined,
      });
    else
      out.push({
        text: m[0],
        lower: m[0].toLowerCase().replace(/’/g, "'"),
        start,
        end: start + m[0].length,
        kind: m[3] !== undefined ? "word" : "punct",
      });
  }
  return out;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean);
const UNITS: Record<string, number> = Object.fromEntries(
  words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen",
  ).map((w, i) => [w, i]),
);
const TENS: Record<string, number> = Object.fromEntries(
  words("twenty thirty forty fifty sixty seventy eighty ninety").map((w, i) => [w, (i + 2) * 10]),
);
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
/** Numbers without a value: "dozens of homes", "tens of thousands of people". */
const VAGUE = new Set(words("dozens scores tens hundreds thousands millions billions"));

const MONTH =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/;
const WEEKDAY = /^(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?$/;
const TIME_AFTER = new Set(words("am pm gmt utc bst cet cest eet eest local o'clock hrs h"));
/** Months and weekdays are capitalised in English ("may" and "sat" are verbs). */
const isMonth = (tok: Token | undefined) => !!tok && /^\p{Lu}/u.test(tok.text) && MONTH.test(tok.lower);
const isWeekday = (tok: Token | undefined) => !!tok && /^\p{Lu}/u.test(tok.text) && WEEKDAY.test(tok.lower);
const ORDINAL = /^(?:st|nd|rd|th)$/;
const CURRENCY: Record<string, string> = { $: "dollars", "£": "pounds", "€": "euros", "¥": "yen" };

/** Words before a number that qualify it ("at least nine"), longest first. */
const QUALIFIERS = [
  "as many as",
  "at least",
  "at most",
  "more than",
  "less than",
  "fewer than",
  "up to",
  "close to",
  "an estimated",
  "a further",
  "a total of",
  "about",
  "around",
  "nearly",
  "almost",
  "some",
  "over",
  "roughly",
  "approximately",
  "estimated",
  "another",
  "only",
  "just",
  "under",
  "exactly",
].map(words);
/** Words after a number that make it an increment ("three more bodies"). */
const INCREMENT = new Set(words("more additional further extra"));

/** States of people a figure may count, each word with the state it names. */
const STATE_WORDS: Record<string, string> = {};
for (const [state, list] of Object.entries({
  dead: "dead died killed deaths death fatalities toll drowned perished",
  missing: "missing unaccounted disappeared",
  injured: "injured wounded hurt injuries",
  evacuated: "evacuated evacuees evacuation evacuations",
  rescued: "rescued",
  displaced: "displaced homeless",
  hospitalised: "hospitalised hospitalized",
  arrested: "arrested detained",
  trapped: "trapped stranded",
}))
  for (const w of words(list)) STATE_WORDS[w] = state;
/** Verbs before a figure that give its state: "killing more than 50,000 people", "evacuated 300 residents". */
const STATE_VERBS: Record<string, string> = {};
for (const [state, list] of Object.entries({
  dead: "killed killing kill kills",
  injured: "injured injuring injure injures wounded wounding",
  evacuated: "evacuated evacuating evacuate evacuates",
  rescued: "rescued rescuing rescue rescues",
  displaced: "displaced displacing displace displaces",
  arrested: "arrested arresting arrest arrests detained detaining detain detains",
  trapped: "trapped trapping stranded stranding",
}))
  for (const w of words(list)) STATE_VERBS[w] = state;
/** States of things ("12 homes destroyed"): the thing stays part of the key. */
const THING_STATES = new Set(words("destroyed damaged flooded submerged collapsed affected inundated"));
/** Nouns that only say "people": "nine people dead" counts the dead. */
const PEOPLE = new Set(
  words("people persons person residents villagers inhabitants locals civilians individuals victims citizens"),
);
/** Between a figure's noun and its state: "nine people were reported dead". */
const STATE_BRIDGE = new Set(
  words(
    "others more were was are is have has had been being be reported confirmed believed feared presumed now still also later all already reportedly officially remain remained remains listed as left found declared",
  ),
);
/** Between a count's subject and its number: "the death toll rose to 12". */
const COUNT_BRIDGE = new Set(
  words(
    "rose risen rising has have had climbed climbing increased grew grown reached stood stands stand at to of is was now jumped hit the further been revised up raised officially already then total number count tally figure toll",
  ),
);
/** Plurals without an s, and units that count without one. */
const PLURAL = new Set(
  words(
    "people police cattle sheep livestock fish staff personnel crew aircraft deer children men women percent km kg ha mph mw kw lei yen yuan naira baht rand",
  ),
);
const UNIT =
  /^(?:metres?|meters?|litres?|liters?|tonnes?|tons?|hectares?|acres?|kilometres?|kilometers?|miles?|gallons?|barrels?|percent|km|kg|ha)$/;
const DURATION = /^(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)$/;
/** Words that end what a number counts. */
const STOP = new Set(
  words(
    "of the a an in on at to and or but by for from with that which who whom whose was were is are be been being has have had as its their his her than since after before said says say told this these those will would could should may might can must not no nor so if then there here when where while also still now already just only even most other others such each every all both some any many much few several about around over under into onto out up down off across through during until within without between among per against toward towards near including according whether he she it they we you i me him them us our your my what how why yet ago later earlier again more additional further extra",
  ),
);
/** Past tenses without "-ed", which end a noun phrase like any verb: "cubic metres of water swept …". */
const IRREGULAR_PAST = new Set(
  words(
    "swept ran rose fell broke burst came went gave took made held tore struck spread sank grew blew brought caught kept lost sent stood told threw became began flew drove hit spilt spilled",
  ),
);
/** Page numbers, routes, categories: a number after one of these is a label. */
const LABEL_BEFORE = new Set(
  words("no no. number # page p. route category level phase article chapter section unit block room flight"),
);

/** The key form of a counted noun: singular, one spelling ("meters" → "metre", "houses" → "home"). */
const SYNONYMS: Record<string, string> = {
  house: "home",
  dwelling: "home",
  meter: "metre",
  liter: "litre",
  kilometer: "kilometre",
  ton: "tonne",
  person: "people",
  km: "kilometre",
  kg: "kilogram",
  ha: "hectare",
};
export function singular(noun: string): string {
  const w = noun.toLowerCase();
  const one = PLURAL.has(w)
    ? w
    : w.endsWith("ies")
      ? `${w.slice(0, -3)}y`
      : /(?:ss|x|z|ch|sh)es$/.test(w)
        ? w.slice(0, -2)
        : /[^su]s$/.test(w)
          ? w.slice(0, -1)
          : w;
  return SYNONYMS[one] ?? one;
}

/** A number starting at token `i`: its value (undefined when vague) and the token after it. */
function readNumber(t: Token[], i: number): { value?: number; vague?: string; next: number } | undefined {
  const tok = t[i]!;
  if (tok.kind === "num") {
    if (tok.lower.includes(":") || (tok.suffix && ORDINAL.test(tok.suffix))) return undefined;
    const digits = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(tok.lower) ? tok.lower.replace(/,/g, "") : tok.lower;
    if (!/^\d+(?:\.\d+)?$/.test(digits)) return undefined;
    let value = Number(digits);
    if (tok.suffix === "m" || tok.suffix === "bn") value *= tok.suffix === "m" ? 1e6 : 1e9;
    else if (tok.suffix) return undefined;
    let next = i + 1;
    // "11 million", "1.5 billion"
    while (t[next]?.kind === "word" && SCALES[t[next]!.lower]) value *= SCALES[t[next++]!.lower]!;
    return { value, next };
  }
  if (tok.kind !== "word") return undefined;
  if (VAGUE.has(tok.lower)) {
    let next = i + 1;
    // "tens of thousands"
    while (t[next]?.lower === "of" && VAGUE.has(t[next + 1]?.lower ?? "")) next += 2;
    return {
      vague: t
        .slice(i, next)
        .map((x) => x.lower)
        .join(" "),
      next,
    };
  }
  let j = i;
  // "a dozen", "a hundred", "a million"
  if (
    (tok.lower === "a" || tok.lower === "an") &&
    /^(?:dozen|hundred|thousand|million|billion)$/.test(t[i + 1]?.lower ?? "")
  )
    j++;
  let total = 0;
  let current = 0;
  let any = false;
  for (; j < t.length && t[j]!.kind === "word"; j++) {
    const w = t[j]!.lower;
    const parts = w.split("-");
    if (parts.length === 2 && TENS[parts[0]!] !== undefined && UNITS[parts[1]!] !== undefined)
      current += TENS[parts[0]!]! + UNITS[parts[1]!]!;
    else if (UNITS[w] !== undefined) current += UNITS[w]!;
    else if (TENS[w] !== undefined) current += TENS[w]!;
    else if (w === "dozen") current = (current || 1) * 12;
    else if (w === "hundred") current = (current || 1) * 100;
    else if (SCALES[w]) {
      total += (current || 1) * SCALES[w]!;
      current = 0;
    } else if (
      w === "and" &&
      any &&
      /^(?:hundred|thousand)$/.test(t[j - 1]!.lower) &&
      (UNITS[t[j + 1]?.lower ?? ""] !== undefined || TENS[t[j + 1]?.lower ?? ""] !== undefined)
    )
      continue;
    else break;
    any = true;
  }
  return any ? { value: total + current, next: j } : undefined;
}

function formatValue(n: number): string {
  for (const [name, scale] of [
    ["billion", 1e9],
    ["million", 1e6],
  ] as const)
    if (n >= scale && (n / scale) * 10 === Math.round((n / scale) * 10)) return `${n / scale} ${name}`;
  return n.toLocaleString("en-US");
}

const isCapitalised = (tok: Token | undefined) => !!tok && tok.kind === "word" && /^\p{Lu}/u.test(tok.text);
/** The token at `i` starts a sentence or a quotation. */
const atStart = (t: Token[], i: number) =>
  i === 0 || (t[i - 1]!.kind === "punct" && /["“‘(:;.!?—–-]/.test(t[i - 1]!.text));
const QUALIFIER_WORDS = new Set(QUALIFIERS.flat());

/** The figures one sentence gives. */
export function figuresIn(sentence: string): Figure[] {
  const t = tokenize(sentence);
  const out: Figure[] = [];
  for (let i = 0; i < t.length; i++) {
    const num = readNumber(t, i);
    if (!num) continue;
    const found = figureAt(sentence, t, i, num);
    if (found) out.push(found);
    i = num.next - 1;
  }
  return out;
}

function figureAt(
  sentence: string,
  t: Token[],
  i: number,
  num: NonNullable<ReturnType<typeof readNumber>>,
): Figure | undefined {
  const first = t[i]!;
  const prev = t[i - 1];
  let after = t[num.next];
  // the word before, past an abbreviation's full stop ("Sept. 16", "No. 3")
  const prevWord = prev?.text === "." ? t[i - 2] : prev;
  // dates, times, years, ordinals, labels, compounds ("74-year-old", "3-1"), ranges' first half
  if (after && (isMonth(after) || isWeekday(after) || TIME_AFTER.has(after.lower))) return undefined;
  if (after && /^[ap]$/.test(after.lower) && t[num.next + 1]?.text === "." && t[num.next + 2]?.lower === "m")
    return undefined;
  // (a weekday before it is no sign: "on Sunday 12 people died"; "Tuesday 9" counts nothing anyway)
  if (prevWord && (isMonth(prevWord) || LABEL_BEFORE.has(prevWord.lower))) return undefined;
  if (
    prev?.kind === "word" &&
    isCapitalised(prev) &&
    !atStart(t, i - 1) &&
    !/['’]s$/.test(prev.text) &&
    !STOP.has(prev.lower) &&
    !QUALIFIER_WORDS.has(prev.lower) &&
    !isWeekday(prev)
  )
    return undefined;
  if (
    first.kind === "num" &&
    /^\d{4}$/.test(first.lower) &&
    num.value! >= 1800 &&
    num.value! <= 2100 &&
    num.next === i + 1
  )
    return undefined;
  if (after && after.kind === "punct" && /^[-–/]$/.test(after.text) && after.start === t[num.next - 1]!.end)
    return undefined;
  if (prev && prev.kind === "punct" && /^[-–/]$/.test(prev.text) && prev.end === first.start) return undefined;

  // what qualifies it: "at least", "about", "another"
  let start = i;
  for (const q of QUALIFIERS) {
    if (q.every((w, k) => t[i - q.length + k]?.lower === w)) {
      start = i - q.length;
      break;
    }
  }
  const qualifier = t.slice(start, i).map((x) => x.lower);
  const currency = prev && prev.kind === "punct" ? CURRENCY[prev.text] : undefined;
  if (currency && start === i) start = i - 1;
  let j = num.next;
  let increment = qualifier.join(" ") === "another" || qualifier.join(" ") === "a further";
  if (num.vague && t[j]?.lower === "of") j++;
  if (INCREMENT.has(t[j]?.lower ?? "")) {
    increment = true;
    j++;
  }
  const numberText = num.vague ?? formatValue(num.value!);
  const value = `${increment ? "" : qualifier.map((w) => `${w} `).join("")}${numberText}${increment ? " more" : ""}`;

  // percentages: "20 percent", "20%", "20 per cent of the homes"
  after = t[j];
  if (
    after &&
    (after.text === "%" ||
      after.lower === "percent" ||
      after.lower === "pc" ||
      (after.lower === "per" && t[j + 1]?.lower === "cent"))
  ) {
    j += after.lower === "per" ? 2 : 1;
    const of = t[j]?.lower === "of" ? nounRun(t, t[j + 1]?.lower === "the" ? j + 2 : j + 1) : undefined;
    const end = of?.words.length ? of.next : j;
    const what = of?.words.length ? ` of ${singular(of.words.at(-1)!.lower)}` : "";
    return {
      text: sentence.slice(t[start]!.start, t[end - 1]!.end),
      value,
      key: `percent${what}`,
      counts: `percent${what ? ` of ${of!.words.at(-1)!.lower}` : ""}`,
    };
  }
  if (currency) return { text: sentence.slice(t[start]!.start, t[j - 1]!.end), value, key: currency, counts: currency };

  // a state before the noun: "nine injured people", "12 flooded homes"
  let state: string | undefined;
  const pre = t[j];
  if (
    pre?.kind === "word" &&
    (STATE_WORDS[pre.lower] || THING_STATES.has(pre.lower)) &&
    nounRun(t, j + 1).words.length
  ) {
    state = STATE_WORDS[pre.lower] ?? pre.lower;
    j++;
  }
  // what it counts: the noun run after it ("cubic metres", "air ambulances", "people")
  const plural = (w: Token) => PLURAL.has(w.lower) || /[^su']s$/.test(w.lower) || UNIT.test(w.lower);
  const run = nounRun(t, j);
  // a count above one counts a plural, so the run ends on its last plural ("40 rescuers search"),
  // and "two air" or "three more" count nothing
  let last = run.words.length - 1;
  if (!num.vague && num.value !== 1) while (last >= 0 && !plural(run.words[last]!)) last--;
  const nounWords = run.words.slice(0, last + 1);
  const head = nounWords.at(-1);
  const runEnd = j + nounWords.length;
  if (head && DURATION.test(head.lower) && /^(?:ago|later|earlier|after|before|old)$/.test(t[runEnd]?.lower ?? ""))
    return undefined;
  let end = head ? runEnd : j;
  // units carry what they measure into the text: "cubic metres of water"
  if (head && UNIT.test(head.lower) && t[end]?.lower === "of") {
    const of = nounRun(t, end + 1);
    if (of.words.length) end = of.next;
  }

  // its state: after it ("nine people dead", "were killed"), or the verb before it ("killed nine people")
  let k = head ? runEnd : j;
  while (k < t.length && k - (head ? runEnd : j) < 4 && STATE_BRIDGE.has(t[k]!.lower) && t[k]!.kind === "word") k++;
  const stateTok = t[k];
  if (
    !state &&
    stateTok?.kind === "word" &&
    (STATE_WORDS[stateTok.lower] || (head && THING_STATES.has(stateTok.lower)))
  ) {
    state = STATE_WORDS[stateTok.lower] ?? stateTok.lower;
    if (stateTok.lower === "unaccounted" && t[k + 1]?.lower === "for") k++;
    end = Math.max(end, k + 1);
  } else if (
    !state &&
    stateTok?.lower === "lost" &&
    t[k + 1]?.lower === "their" &&
    /^lives?$/.test(t[k + 2]?.lower ?? "")
  ) {
    state = "dead";
    end = k + 3;
  }
  if (!state && start > 0) {
    const verb = t[start - 1]!;
    const noun = verb.lower === "of" ? t[start - 2] : undefined;
    if (verb.kind === "word" && (STATE_VERBS[verb.lower] || (head && THING_STATES.has(verb.lower)))) {
      state = STATE_VERBS[verb.lower] ?? verb.lower;
      start--;
    } else if (noun?.kind === "word" && (STATE_WORDS[noun.lower] || noun.lower === "lives")) {
      // "the evacuation of 150,000 civilians", "the lives of nine people"
      state = STATE_WORDS[noun.lower] ?? "dead";
      start -= 2;
    }
  }
  // "the death toll rose to 12", "the number of missing reached 14": the count's subject before it
  if (!state && !head) {
    let b = start - 1;
    while (b >= 0 && t[b]!.kind === "word" && COUNT_BRIDGE.has(t[b]!.lower) && !(t[b]!.lower === "toll")) b--;
    const subject = t[b];
    if (subject?.kind === "word" && STATE_WORDS[subject.lower] && b < start - 1) {
      state = STATE_WORDS[subject.lower];
      start = b;
      // take in "death toll", "the number of"
      while (
        start > 0 &&
        t[start - 1]!.kind === "word" &&
        /^(?:death|number|count|total|of|people)$/.test(t[start - 1]!.lower)
      )
        start--;
    }
  }
  if (!head && !state) return undefined;
  if (num.value === 1 && !state && !(head && UNIT.test(head.lower))) return undefined;

  const text = sentence.slice(t[start]!.start, t[end - 1]!.end).replace(/[.,;:]+$/, "");
  const unit =
    nounWords.length > 1 && /^(?:cubic|square)$/.test(nounWords.at(-2)!.lower) ? `${nounWords.at(-2)!.lower} ` : "";
  const noun = head ? `${unit}${singular(head.lower)}` : "";
  const nounAsWritten = head ? `${unit}${head.lower}` : "";
  if (state && (!head || PEOPLE.has(head.lower))) return { text, value, key: state, counts: state };
  if (state) return { text, value, key: `${noun} ${state}`, counts: `${nounAsWritten} ${state}` };
  if (PEOPLE.has(head!.lower)) return { text, value, key: "people", counts: "people" };
  return { text, value, key: noun, counts: nounAsWritten };
}

/** The words of a counted noun phrase from token `j`: at most four, up to a stop word or a state. */
function nounRun(t: Token[], j: number): { words: Token[]; next: number } {
  const run: Token[] = [];
  let k = j;
  for (; k < t.length && run.length < 4; k++) {
    const w = t[k]!;
    if (w.kind !== "word") break;
    const l = w.lower;
    if (
      STOP.has(l) ||
      IRREGULAR_PAST.has(l) ||
      STATE_WORDS[l] ||
      THING_STATES.has(l) ||
      isMonth(w) ||
      isWeekday(w) ||
      /ly$/.test(l) ||
      (/ed$/.test(l) && !/eds$/.test(l)) ||
      (/ing$/.test(l) && l.length > 4)
    )
      break;
    run.push(w);
  }
  return { words: run, next: j + run.length };
}
