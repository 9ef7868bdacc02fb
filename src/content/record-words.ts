/**
 * A report's record in the site's words: one sentence per thing the outlet changed, from the
 * locale's `record.*` messages, for the article page's "The record" (HTML, times in `<time>`)
 * and the feeds' entries (plain text). Times are shown in UTC, whatever the build machine's zone.
 */
import { utcInstant } from "./dates.ts";
import { escapeHtml, Html, type Locale, type MessageValues } from "./locale.ts";
import type { RecordChange } from "./record.ts";

/** A capture time in the locale's words, in UTC ("17 September 2024, 09:12 UTC"), as `<time>` with its instant. */
export function instantHtml(iso: string, locale: Locale): Html {
  const d = utcInstant(iso);
  return new Html(`<time datetime="${d.iso}">${escapeHtml(locale.dates.pubDate(d))}</time>`);
}

/** What one change did, a sentence each: as HTML (escaped, times in `<time>`) or as plain text. */
export function changeSentences(change: RecordChange, locale: Locale, format: "html" | "text"): string[] {
  const date = format === "html" ? instantHtml(change.at, locale) : locale.dates.instant(change.at);
  const say = (key: string, values: MessageValues) =>
    format === "html" ? locale.html(`record.${key}`, values) : locale.text(`record.${key}`, values);
  if (change.kind === "removed") return [say("removedOn", { date, why: change.why ?? "" })];
  const out: string[] = [];
  if (change.kind === "restored") out.push(say("restoredOn", { date }));
  if (change.headline) out.push(say("headlineChanged", { date, ...change.headline }));
  else if (change.kind === "changed") out.push(say("changedOn", { date }));
  if (change.figures.length)
    out.push(
      say("figuresChanged", {
        count: change.figures.length,
        figures: change.figures.map((f) => `${f.before} → ${f.after}`).join(", "),
      }),
    );
  if (change.removed.length) out.push(say("paragraphsRemoved", { count: change.removed.length }));
  if (change.added.length) out.push(say("paragraphsAdded", { count: change.added.length }));
  if (change.rewritten) out.push(say("paragraphsReworded", { count: change.rewritten }));
  return out;
}
