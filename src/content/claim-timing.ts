/**
 * Time in the fact grid: when reports of one fact disagree. A fact that does not move (the
 * default) disagrees whenever two reports give different values. A fact marked `changes: true`
 * in claims.json (a death toll through the day) is expected to move: a later report's newer
 * figure is an update, and only reports of about the same time that give different values
 * disagree. Pure functions of the cited values and their reports' dates.
 */
import { compareDates, type PubDate } from "./dates.ts";

/**
 * Two reports with a time of day are "about the same time" when at most this many hours apart.
 * A report with only a date counts as its whole calendar day: it is about the same time as every
 * report of that day (a timed report's day is the day where it was published).
 */
export const SAME_TIME_HOURS = 1;

const HOUR_MS = 3_600_000;

/** Whether two reports came out about the same time (see SAME_TIME_HOURS). */
export function aboutSameTime(a: PubDate, b: PubDate): boolean {
  if (!a.hasTime || !b.hasTime) return a.day === b.day;
  return Math.abs(a.epochMs - b.epochMs) <= SAME_TIME_HOURS * HOUR_MS;
}

/** What the rule needs of a citation: its value, if any, and its report's date. */
export interface TimedValue {
  value?: string;
  date: PubDate;
}

export interface ValueVerdict<T> {
  /** The items in the order their values are read: time order for a moving fact, given order otherwise. */
  ordered: T[];
  /** The distinct values, in that order. */
  values: string[];
  /** The items whose value another disagrees with. */
  conflicting: Set<T>;
  /** A moving fact whose value changed over time. */
  changed: boolean;
}

/**
 * Judges a fact's values. Without `changes`, every item with a value conflicts as soon as two
 * values differ (the grid's rule before time was known). With it, an item conflicts only with a
 * different value given about the same time.
 */
export function judgeValues<T extends TimedValue>(items: readonly T[], changes: boolean): ValueVerdict<T> {
  const ordered = changes ? [...items].sort((a, b) => compareDates(a.date, b.date)) : [...items];
  const valued = ordered.filter((x): x is T & { value: string } => !!x.value);
  const values = [...new Set(valued.map((x) => x.value))];
  const conflicting = new Set<T>();
  if (!changes) {
    if (values.length > 1) for (const x of valued) conflicting.add(x);
  } else {
    for (let i = 0; i < valued.length; i++) {
      for (let j = i + 1; j < valued.length; j++) {
        const a = valued[i]!;
        const b = valued[j]!;
        if (a.value !== b.value && aboutSameTime(a.date, b.date)) conflicting.add(a).add(b);
      }
    }
  }
  return { ordered, values, conflicting, changed: changes && values.length > 1 };
}
