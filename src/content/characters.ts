/**
 * Characters no page or feed may carry: C0 controls other than tab and line breaks (a vertical
 * tab or form feed pasted from a word processor), DEL and C1 controls, noncharacters (U+FFFE,
 * U+FDD0…) and lone surrogates. XML forbids or discourages them and HTML treats them as errors,
 * so one of them makes a feed unreadable. They are removed, and each removal is a warning
 * naming the file, the field and the line: the editor sees what was pasted.
 */
import type { FieldPath, Locate } from "./files.ts";
import type { Problem } from "./problems.ts";

const UNSAFE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function describe(ch: string): string {
  const code = ch.length > 1 && ch.codePointAt(0)! > 0xffff ? ch.codePointAt(0)! : ch.charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (code <= 0x9f) return `${hex} (a control character)`;
  if (code >= 0xd800 && code <= 0xdfff) return `${hex} (half of a character)`;
  return `${hex} (a noncharacter)`;
}

/** The text without unsafe characters, and where each one was (offsets in the original). */
function removeUnsafe(text: string): { text: string; removed: { offset: number; what: string }[] } {
  const removed: { offset: number; what: string }[] = [];
  const clean = text.replace(UNSAFE, (ch, offset: number) => {
    removed.push({ offset, what: describe(ch) });
    return "";
  });
  return { text: clean, removed };
}

/** One warning for the removals in one field or body: the first position and how many more. */
function warning(
  file: string,
  field: string | undefined,
  where: Partial<Problem>,
  removed: { what: string }[],
): Problem {
  const more = removed.length > 1 ? ` (and ${removed.length - 1} more)` : "";
  return {
    file,
    field,
    ...where,
    severity: "warning",
    message: `${removed[0]!.what} removed${more}: pages and feeds cannot carry it (it was probably pasted from a word processor)`,
  };
}

/** The markdown body without unsafe characters; warnings carry the file's line and column. */
export function cleanBody(file: string, body: string, bodyLine: number, problems: Problem[]): string {
  const { text, removed } = removeUnsafe(body);
  if (removed.length) {
    const before = body.slice(0, removed[0]!.offset);
    const line = bodyLine + before.split("\n").length - 1;
    problems.push(warning(file, undefined, { line, column: removed[0]!.offset - before.lastIndexOf("\n") }, removed));
  }
  return text;
}

/** Removes unsafe characters from every string and key of a freshly parsed value (front matter, a data file), in place. */
export function cleanValue(
  file: string,
  value: unknown,
  locate: Locate | undefined,
  problems: Problem[],
  fieldOf: (path: FieldPath) => string,
): unknown {
  const clean = (s: string, path: PropertyKey[]): string => {
    const { text, removed } = removeUnsafe(s);
    if (removed.length) problems.push(warning(file, fieldOf(path) || undefined, { ...locate?.(path) }, removed));
    return text;
  };
  const walk = (v: unknown, path: PropertyKey[]): unknown => {
    if (typeof v === "string") return clean(v, path);
    if (!v || typeof v !== "object") return v;
    if (Array.isArray(v)) {
      v.forEach((x, i) => (v[i] = walk(x, [...path, i])));
      return v;
    }
    const record = v as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const cleaned = walk(record[key], [...path, key]);
      const safeKey = removeUnsafe(key).text;
      if (safeKey !== key) {
        clean(key, [...path, key]);
        delete record[key];
      }
      // own property even for "__proto__", so the schema still sees (and refuses) it
      Object.defineProperty(record, safeKey, { value: cleaned, enumerable: true, writable: true, configurable: true });
    }
    return v;
  };
  return walk(value, []);
}

/**
 * Characters that show nothing: zero-width space and joiners, word joiner, byte-order mark, soft
 * hyphen, Mongolian vowel separator, variation selectors and the rest of Unicode's
 * Default_Ignorable_Code_Point. A title of only these (and white space) is empty.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\s]/gu;

/** Whether the text shows nothing at all (white space and invisible characters only). */
export function isInvisible(text: string): boolean {
  return text.replace(INVISIBLE, "") === "";
}

/** The bidi controls that open a run: embeddings, overrides (closed by U+202C) and isolates (closed by U+2069). */
const BIDI_NAMES: Record<number, string> = {
  8234: "left-to-right embedding",
  8235: "right-to-left embedding",
  8236: "pop directional formatting",
  8237: "left-to-right override",
  8238: "right-to-left override",
  8294: "left-to-right isolate",
  8295: "right-to-left isolate",
  8296: "first strong isolate",
  8297: "pop directional isolate",
};
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Why a one-field text (a title, a name, any text of front matter or a data file) may not carry
 * its bidi controls, or undefined. Overrides (U+202D, U+202E) are refused: they show the text in an
 * order other than the one it is stored in. Embeddings and isolates are accepted when each is
 * closed in the field by its own closer (U+202C, U+2069); one left open would reorder the rest of
 * the line it is printed in (a card, the page's `<title>` with the site's name, a feed reader's
 * list), and a stray closer would close someone else's. The page sets each text's direction itself
 * (`dir`, `<bdi>`), so none is needed.
 */
export function bidiProblem(text: string): string | undefined {
  const open: { code: number; at: number }[] = [];
  const name = (code: number, at: number) =>
    `U+${code.toString(16).toUpperCase()} (${BIDI_NAMES[code]}) at character ${[...text.slice(0, at)].length + 1}`;
  const fix = "remove it: the page sets the text's direction itself";
  for (const m of text.matchAll(BIDI)) {
    const code = m[0].charCodeAt(0);
    const at = m.index;
    if (code === 0x202d || code === 0x202e)
      return `has ${name(code, at)}, which shows the text after it in an order other than as written; ${fix}`;
    if (code === 0x202c || code === 0x2069) {
      const top = open.pop();
      const isolate = code === 0x2069;
      if (!top || top.code >= 0x2066 !== isolate)
        return `has ${name(code, at)}, which closes nothing opened before it in this text; ${fix}`;
    } else open.push({ code, at });
  }
  const left = open[0];
  return left
    ? `has ${name(left.code, left.at)}, which is never closed and would reorder the rest of the line the text is shown in; ${fix}`
    : undefined;
}
