/**
 * Content problems: every bad input is reported as one line naming the file, the field and
 * what was expected (and the line and column, where known). Errors stop the build; warnings
 * are listed and do not.
 */
export interface Problem {
  /** Path relative to the project root, e.g. `src/articles/moscow-times/x.md` (or a setting from the environment: `SITE_URL`, `PATH_PREFIX`). */
  file: string;
  /** Dotted field path (`date`, `image.alt`, `[2].url`), when the problem is about one field. */
  field?: string;
  message: string;
  /** 1-based position in the file, when known. */
  line?: number;
  column?: number;
  /** Errors stop the build; warnings do not. Default: error. */
  severity?: "error" | "warning";
}

export function isError(p: Problem): boolean {
  return p.severity !== "warning";
}

/**
 * Characters that would break a printed line or change how it reads: C0 and C1 controls (line
 * breaks, tabs, escape), U+2028/2029, and the bidi controls (marks, embeddings, overrides,
 * isolates) that reorder a terminal's or a log viewer's line.
 */
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
const ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * Text from content as one printable line: control characters escaped (`\n`, `\r`, `\t`,
 * `\u{202E}`), and never starting with `::`, which a CI log (GitHub Actions) reads as a workflow
 * command (`::add-mask::`, `::warning::`). Everything printed from content goes through here.
 */
export function printable(text: string): string {
  const line = escaped(text);
  return /^\s*::/.test(line) ? `» ${line}` : line;
}

function escaped(text: string): string {
  return text.replace(
    UNPRINTABLE,
    (c) => ESCAPES[c] ?? `\\u{${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}}`,
  );
}

export function formatProblem(p: Problem): string {
  const file = escaped(p.file);
  const where = p.line ? `${file}:${p.line}${p.column ? `:${p.column}` : ""}` : file;
  const message = escaped(p.message);
  return printable(p.field ? `${where}: ${escaped(p.field)}: ${message}` : `${where}: ${message}`);
}

/** Warnings as one block, one line each: printed by every build, never silent. */
export function warningsBlock(warnings: Problem[]): string {
  const n = warnings.length;
  return (
    `The content has ${n} warning${n === 1 ? "" : "s"} (the site is built all the same):\n` +
    warnings.map((w) => `  - ${formatProblem(w)}`).join("\n")
  );
}

/** The build's failure: every error, one line each. */
export class ContentError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    const lines = problems.map(formatProblem);
    super(
      `The content has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        lines.map((l) => `  - ${l}`).join("\n"),
    );
    this.name = "ContentError";
    this.problems = problems;
  }
}

/** Finds a ContentError anywhere in an error's cause chain (Eleventy wraps data errors). */
export function findContentError(error: unknown): ContentError | undefined {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    if (e instanceof ContentError || (e as Error).name === "ContentError") return e as ContentError;
    e = (e as { originalError?: unknown; cause?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
  }
  return undefined;
}
