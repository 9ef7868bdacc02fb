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
