/**
 * A story's shared-text pairs as its page lists them: largest copied share first, and each report
 * named so that a reader can tell two reports of one outlet apart.
 */
import type { Locale } from "./locale.ts";
import type { Article, SharedComparison } from "./model.ts";

/** Longest title kept in a report's name (cut at a word, with an ellipsis). */
const TITLE_CHARS = 60;

/** Largest copied share first, then largest quoted share, then more passages; ties keep their order. */
export function byShare(x: SharedComparison, y: SharedComparison): number {
  const copied = (c: SharedComparison) => Math.max(c.share.a, c.share.b);
  const quoted = (c: SharedComparison) => Math.max(c.quoted.a, c.quoted.b);
  return copied(y) - copied(x) || quoted(y) - quoted(x) || y.passages.length - x.passages.length;
}

/** The pair shares only stock phrases (names, titles, formulas): nothing copied or quoted. */
export const stockOnly = (c: SharedComparison) => c.passages.every((p) => p.kind === "stock");

/** A title cut to TITLE_CHARS at a word boundary. */
export function shortTitle(title: string): string {
  if (title.length <= TITLE_CHARS) return title;
  const cut = title.slice(0, TITLE_CHARS);
  const space = cut.lastIndexOf(" ");
  return `${(space > TITLE_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, "")}…`;
}

/**
 * Each report's name among `pairs`: its outlet's name, unless the outlet has two or more reports
 * among the pairs; then the outlet and the report's (short) title, and its time or day when even
 * that repeats.
 */
export function reportNames(pairs: readonly SharedComparison[], locale: Locale): Map<Article, string> {
  const reports = [...new Set(pairs.flatMap((c) => [c.a, c.b]))];
  const count = (key: (a: Article) => string) => {
    const n = new Map<string, number>();
    for (const r of reports) n.set(key(r), (n.get(key(r)) ?? 0) + 1);
    return (r: Article) => n.get(key(r))!;
  };
  const perSource = count((r) => r.source.id);
  const perTitle = count((r) => `${r.source.id}\n${shortTitle(r.title)}`);
  return new Map(
    reports.map((r) => {
      if (perSource(r) < 2) return [r, r.source.name];
      const titled = { source: r.source.name, title: shortTitle(r.title) };
      return perTitle(r) < 2
        ? [r, locale.text("shared.reportTitled", titled)]
        : [r, locale.text("shared.reportDated", { ...titled, date: locale.dates.pubDate(r.date) })];
    }),
  );
}
