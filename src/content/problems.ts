/**
 * Content problems: every bad input is reported as one line naming the file,
 * the field and what was expected. The build collects all of them and stops.
 */
export interface Problem {
  /** Path relative to the project root, e.g. `src/articles/moscow-times/x.md`. */
  file: string;
  /** Dotted field path (`date`, `image.alt`, `[2].url`), when the problem is about one field. */
  field?: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  return p.field ? `${p.file}: ${p.field}: ${p.message}` : `${p.file}: ${p.message}`;
}

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
    const next = (e as { originalError?: unknown; cause?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
    e = next;
  }
  return undefined;
}
