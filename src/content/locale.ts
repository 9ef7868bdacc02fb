/**
 * The site's own words, in its language: one locale file per language (`src/locales/<tag>.json`,
 * or the content root's `locales/<tag>.json`), picked by site.json's `language`. Messages are ICU
 * MessageFormat (FormatJS's `intl-messageformat`): plurals by `Intl.PluralRules`, numbers by
 * `Intl.NumberFormat` of the language. `en.json` is the reference: a locale file must hold every
 * key it holds, and no other, or the build stops naming the key. Nothing falls back to English.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { IntlMessageFormat } from "intl-messageformat";
import { DateFormat } from "./date-format.ts";
import type { Problem } from "./problems.ts";

/** The locale files that ship with the site. */
export const SHIPPED_LOCALES = fileURLToPath(new URL("../locales/", import.meta.url));
/** The reference locale: its keys are the keys every locale file must have. */
const REFERENCE_LOCALE = "en";

type Tree = { [key: string]: string | Tree };

/** Values a message takes: text and numbers, or HTML the caller already escaped (`Html`). */
export type MessageValues = Record<string, string | number | Html | undefined>;

/** HTML a template built (a link, a list of links): put into a message as it is. */
export class Html {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Text for HTML: & < > " and ' as entities. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, …) and of left-to-right ones. */
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]|\ud802[\udc00-\udfff]|\ud83a[\udc00-\udfff]/;
const LTR_LETTER = /(?![\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff])\p{L}/u;

/**
 * Text for a sentence written in `dir`: isolated in `<bdi>` when it holds letters of the other
 * direction (an Arabic outlet's name in an English sentence), so it cannot reorder the words
 * around it; else as it is. `html` is the text already escaped.
 */
export function isolated(html: string, dir: "ltr" | "rtl"): string {
  const foreign = dir === "ltr" ? RTL_LETTER : LTR_LETTER;
  return foreign.test(html) ? `<bdi>${html}</bdi>` : html;
}

/** Languages written right to left, by script or, without one, by language (CLDR's list). */
const RTL_SCRIPTS = new Set(["Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr"]);
const RTL_LANGUAGES = new Set(["ar", "he", "iw", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb", "syr", "ku-Arab"]);

/** `rtl` for a language written right to left (`ar`, `he`, `fa`, `az-Arab`), else `ltr`. */
export function directionOf(tag: string): "ltr" | "rtl" {
  try {
    const locale = new Intl.Locale(tag).maximize();
    if (locale.script) return RTL_SCRIPTS.has(locale.script) ? "rtl" : "ltr";
    return RTL_LANGUAGES.has(locale.language) ? "rtl" : "ltr";
  } catch {
    return "ltr";
  }
}

function flatten(tree: Tree, prefix: string, out: Map<string, string>, bad: string[]): void {
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(name, value);
    else if (value && typeof value === "object" && !Array.isArray(value)) flatten(value, name, out, bad);
    else bad.push(name);
  }
}

export interface LocaleFile {
  /** Path of the file, relative to the project root, for messages. */
  file: string;
  messages: Map<string, string>;
}

/** Reads a locale file into its flat keys (`story.verdict.differ`); problems name the file. */
function readLocaleFile(absolute: string, file: string, problems: Problem[]): LocaleFile | undefined {
  let tree: unknown;
  try {
    tree = JSON.parse(fs.readFileSync(absolute, "utf8"));
  } catch (e) {
    problems.push({ file, message: `is not valid JSON: ${(e as Error).message}` });
    return undefined;
  }
  if (!tree || typeof tree !== "object" || Array.isArray(tree)) {
    problems.push({ file, message: "must be a JSON object of sections of messages" });
    return undefined;
  }
  const messages = new Map<string, string>();
  const bad: string[] = [];
  flatten(tree as Tree, "", messages, bad);
  for (const key of bad)
    problems.push({ file, field: key, message: "must be a text (a message) or an object of them" });
  return bad.length ? undefined : { file, messages };
}

/** Where a locale is looked for: the content root's own files first, then the shipped ones. */
function localeCandidates(dirs: readonly string[], tag: string): string[] {
  const base = tag.split("-")[0]!;
  const names = tag === base ? [tag] : [tag, base];
  return dirs.flatMap((d) => names.map((n) => path.join(d, `${n}.json`)));
}

/**
 * Loads the locale for `tag` and checks it against the reference: every key present, none
 * unknown, every message valid ICU. `where` places a "no locale file" problem (site.json's line).
 */
export function loadLocale(
  dirs: readonly string[],
  tag: string,
  rel: (file: string) => string,
  where: Problem,
  problems: Problem[],
): Locale | undefined {
  const found = localeCandidates(dirs, tag).find((f) => fs.existsSync(f));
  const reference = localeCandidates(dirs, REFERENCE_LOCALE).find((f) => fs.existsSync(f));
  if (!found) {
    problems.push({
      ...where,
      message: `no locale file for "${tag}": add locales/${tag}.json (a copy of src/locales/en.json with every message translated) or use one of ${shippedTags().join(", ")}`,
    });
    return undefined;
  }
  const before = problems.length;
  const own = readLocaleFile(found, rel(found), problems);
  const ref = reference && reference !== found ? readLocaleFile(reference, rel(reference), problems) : own;
  if (!own || !ref || problems.length > before) return undefined;
  const missing = [...ref.messages.keys()].filter((k) => !own.messages.has(k));
  const unknown = [...own.messages.keys()].filter((k) => !ref.messages.has(k));
  for (const key of missing)
    problems.push({ file: own.file, field: key, message: `is missing: translate ${ref.file}'s "${key}"` });
  for (const key of unknown)
    problems.push({
      file: own.file,
      field: key,
      message: `is not a key of ${ref.file} (a typo, or a key that was renamed?)`,
    });
  const locale = new Locale(tag, own);
  for (const [key] of own.messages) {
    const problem = locale.check(key, ref.messages.get(key));
    if (problem) problems.push({ file: own.file, field: key, message: problem });
  }
  return problems.length > before ? undefined : locale;
}

/** The languages the site ships words for. */
function shippedTags(): string[] {
  return fs
    .readdirSync(SHIPPED_LOCALES)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** ICU argument names of a message (`{count, plural, …}` → count). */
function argumentsOf(message: string): Set<string> {
  return new Set([...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => m[1]!));
}

export class Locale {
  /** The site's language as site.json gives it (`uk`, `en-GB`). */
  readonly tag: string;
  readonly dir: "ltr" | "rtl";
  readonly file: string;
  readonly dates: DateFormat;
  readonly #messages: Map<string, string>;
  readonly #compiled = new Map<string, IntlMessageFormat>();
  readonly #numbers: Intl.NumberFormat;
  readonly #languageNames: Intl.DisplayNames;
  readonly #regionNames: Intl.DisplayNames;

  constructor(tag: string, file: LocaleFile) {
    this.tag = tag;
    this.file = file.file;
    this.dir = directionOf(tag);
    this.#messages = file.messages;
    this.#numbers = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
    this.#languageNames = new Intl.DisplayNames(tag, { type: "language" });
    this.#regionNames = new Intl.DisplayNames(tag, { type: "region" });
    this.dates = new DateFormat(
      tag,
      (key) => this.raw(`dates.${key}`),
      (key, values) => this.text(`dates.${key}`, values),
    );
  }

  /** The language and every message: another value means every page says something else (npm start renders all again). */
  get signature(): string {
    return JSON.stringify([this.tag, ...this.#messages]);
  }

  /** Every key this locale has (the reference's keys, once loaded). */
  keys(): string[] {
    return [...this.#messages.keys()];
  }

  /** The message as written in the file (date patterns are Luxon's format tokens). */
  raw(key: string): string {
    const m = this.#messages.get(key);
    if (m === undefined)
      throw new Error(`${this.file}: no message "${key}" (a template asks for a key the locale files lack)`);
    return m;
  }

  #format(key: string): IntlMessageFormat {
    let f = this.#compiled.get(key);
    if (!f)
      this.#compiled.set(key, (f = new IntlMessageFormat(this.raw(key), this.tag, undefined, { ignoreTag: true })));
    return f;
  }

  /** A problem with one message: not valid ICU, or asking for arguments the reference does not give. */
  check(key: string, reference: string | undefined): string | undefined {
    try {
      this.#format(key);
    } catch (e) {
      return `is not a valid message: ${(e as Error).message}`;
    }
    if (reference === undefined || key.startsWith("dates.")) return undefined;
    const known = argumentsOf(reference);
    const extra = [...argumentsOf(this.raw(key))].filter((a) => !known.has(a));
    return extra.length
      ? `uses {${extra.join("}, {")}}, which the message is not given (it has ${[...known].map((a) => `{${a}}`).join(", ") || "none"})`
      : undefined;
  }

  /** A message as plain text. */
  text(key: string, values: MessageValues = {}): string {
    return String(this.#format(key).format(values as Record<string, string | number>));
  }

  /**
   * A message as HTML: the message and text values escaped (and isolated when written in the
   * other direction, `isolated`), `Html` values as they are.
   */
  html(key: string, values: MessageValues = {}): string {
    const escaped: Record<string, string | number> = {};
    const holes: string[] = [];
    for (const [name, v] of Object.entries(values)) {
      if (v instanceof Html) {
        holes.push(v.html);
        escaped[name] = `\u0000${holes.length - 1}\u0000`;
      } else if (typeof v === "string" && isolated(v, this.dir) !== v) {
        holes.push(isolated(escapeHtml(v), this.dir));
        escaped[name] = `\u0000${holes.length - 1}\u0000`;
      } else if (v !== undefined) escaped[name] = v;
    }
    const out = String(this.#format(key).format(escaped));
    return escapeHtml(out).replace(/\u0000(\d+)\u0000/g, (_, i: string) => holes[Number(i)]!);
  }

  /** "1,000" in English, "1 000" in Ukrainian. */
  count(n: number): string {
    return this.#numbers.format(n);
  }

  /** "41.2 %" as the language writes a percentage with one decimal. */
  percent(n: number): string {
    return this.text("numbers.percent", { n: Number(n.toFixed(1)) });
  }

  /** A language's name in the site's language ("Ukrainian", "українська"). */
  languageName(tag: string): string {
    try {
      return this.#languageNames.of(tag) ?? tag;
    } catch {
      return tag;
    }
  }

  /** A country's name in the site's language. */
  countryName(code: string): string {
    try {
      return this.#regionNames.of(code) ?? code;
    } catch {
      return code;
    }
  }
}

/** The shipped reference locale: only for `npm start`'s screen of problems when site.json cannot be read. */
export function referenceLocale(): Locale {
  const problems: Problem[] = [];
  const file = path.join(SHIPPED_LOCALES, `${REFERENCE_LOCALE}.json`);
  const read = readLocaleFile(file, file, problems);
  if (!read) throw new Error(problems.map((p) => `${p.file}: ${p.message}`).join("\n"));
  return new Locale(REFERENCE_LOCALE, read);
}
