/**
 * Publication dates. A date-only value (`2024-09-16`) is that calendar day everywhere;
 * a date-time must carry its offset and is shown in that offset (the local time where it
 * was published). Nothing here reads the build machine's time zone or locale.
 */
import { DateTime } from "luxon";

export interface PubDate {
  /** The value as given by the editor, normalised (`2024-09-16` or `2024-09-16T14:50:00+03:00`). */
  iso: string;
  /** False for a date-only value: no time of day is known. */
  hasTime: boolean;
  /** The calendar day where it was published, `YYYY-MM-DD`. */
  day: string;
  /** Milliseconds since the epoch, for ordering (a date-only value counts as 00:00 UTC of its day). */
  epochMs: number;
  /** `+03:00`, `Z` for UTC; empty for a date-only value. */
  offset: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

const DATE_FORMS = "a date YYYY-MM-DD or a date-time with an offset like 2024-09-16T14:50:00+03:00";

/** Parses a front-matter date. Returns an error message (string) when the value is not valid. */
export function parsePubDate(value: unknown): PubDate | string {
  if (value instanceof Date) {
    return `expected ${DATE_FORMS} as text`;
  }
  if (typeof value !== "string") return `expected ${DATE_FORMS} (got ${describe(value)})`;
  const s = value.trim();
  if (DATE_ONLY.test(s)) {
    const dt = DateTime.fromISO(s, { zone: "utc" });
    if (!dt.isValid || dt.toISODate() !== s) return `"${s}" is not a calendar date`;
    return { iso: s, hasTime: false, day: s, epochMs: dt.toMillis(), offset: "" };
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) {
    return `"${s}" has a time but no offset: add one, e.g. ${s.replace(" ", "T")}+00:00`;
  }
  if (!DATE_TIME.test(s)) return `expected ${DATE_FORMS} (got "${s}")`;
  const offsetProblem = checkOffset(s);
  if (offsetProblem) return offsetProblem;
  const dt = DateTime.fromISO(s, { setZone: true });
  if (!dt.isValid || dt.toISODate() !== s.slice(0, 10)) return `"${s}" is not a valid date-time`;
  const offset = dt.offset === 0 && s.endsWith("Z") ? "Z" : dt.toFormat("ZZ");
  const iso = dt.toFormat("yyyy-MM-dd'T'HH:mm:ss") + offset;
  return { iso, hasTime: true, day: dt.toISODate()!, epochMs: dt.toMillis(), offset };
}

/** UTC offsets in use run from −12:00 to +14:00, in whole minutes below 60. */
function checkOffset(s: string): string | undefined {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(s);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (Number(m[3]) >= 60) return `"${s}" has the offset ${m[0]}, whose minutes are not below 60`;
  if ((m[1] === "+" && minutes > 14 * 60) || (m[1] === "-" && minutes > 12 * 60)) {
    return `"${s}" has the offset ${m[0]}: offsets run from -12:00 to +14:00`;
  }
  return undefined;
}

/**
 * `updated` may not come before `date`. A date-only value is its whole calendar day, so with a
 * date-only value on either side the days are compared; two date-times compare as instants.
 */
export function isBefore(later: PubDate, earlier: PubDate): boolean {
  return later.hasTime && earlier.hasTime ? later.epochMs < earlier.epochMs : later.day < earlier.day;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return "nothing";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v)}`;
}

/**
 * The W3C/ISO value as precise as it is known: the day alone, or the date-time with its offset.
 * For <time datetime>, JSON-LD and sitemap lastmod.
 */
export function isoValue(d: PubDate): string {
  return d.hasTime ? d.iso : d.day;
}

/** RFC 3339 for feeds and sitemaps: the date-time with its own offset, or the day at 00:00 UTC. */
export function rfc3339(d: PubDate): string {
  return d.hasTime ? d.iso.replace(/Z$/, "+00:00") : `${d.day}T00:00:00+00:00`;
}

/**
 * Orders two dates: by the calendar day where each was published, then date-only values
 * (time unknown) before timed ones, then by instant. A lexicographic key, so a total order.
 */
export function compareDates(a: PubDate, b: PubDate): number {
  if (a.day !== b.day) return a.day < b.day ? -1 : 1;
  if (a.hasTime !== b.hasTime) return a.hasTime ? 1 : -1;
  return a.epochMs - b.epochMs;
}

/** How much of an event's date is known: the form the editor gave. */
type DatePrecision = "year" | "month" | "day" | "time";

/** An event's date: `2024`, `2024-08`, `2024-08-06` or a date-time with offset; maybe approximate. */
export interface EventDate {
  /** As given, normalised. */
  iso: string;
  precision: DatePrecision;
  /** True when the date is approximate ("a few days before", "last week"). */
  circa: boolean;
  /**
   * The period on the timeline: `2024`, `2024-08` or `2024-08-06`. Sorts as text, a year or
   * month before the days it contains (a shorter prefix sorts first).
   */
  period: string;
  /** Instant for ordering within a day (date-time events); 0 otherwise. */
  epochMs: number;
  /** The full date-time when precision is "time". */
  pub?: PubDate;
}

export const EVENT_DATE_FORMS =
  "YYYY, YYYY-MM, YYYY-MM-DD or a date-time with an offset like 2024-09-16T14:50:00+03:00";

/** Parses an event date. Returns an error message (string) when the value is not valid. */
export function parseEventDate(value: unknown, circa = false): EventDate | string {
  if (typeof value !== "string") return `expected ${EVENT_DATE_FORMS} as text (got ${describe(value)})`;
  const s = value.trim();
  if (/^\d{4}$/.test(s)) return { iso: s, precision: "year", circa, period: s, epochMs: 0 };
  if (/^\d{4}-\d{2}$/.test(s)) {
    const m = Number(s.slice(5));
    if (m < 1 || m > 12) return `"${s}" is not a month (01 to 12)`;
    return { iso: s, precision: "month", circa, period: s, epochMs: 0 };
  }
  const d = parsePubDate(s);
  if (typeof d === "string") return d.startsWith("expected") ? `expected ${EVENT_DATE_FORMS} (got "${s}")` : d;
  return {
    iso: d.iso,
    precision: d.hasTime ? "time" : "day",
    circa,
    period: d.day,
    epochMs: d.hasTime ? d.epochMs : 0,
    pub: d.hasTime ? d : undefined,
  };
}

/**
 * Events in the order a reader follows them: by period (a year before its months before their
 * days); within one period the events with a time are in time order, and an event without one
 * keeps its place in the editor's list (events.json): only the editor knows whether "later that
 * day" came before or after a timed event.
 */
export function orderEvents<T extends { date: EventDate }>(events: readonly T[]): T[] {
  const byPeriod = [...events].sort((a, b) =>
    a.date.period === b.date.period ? 0 : a.date.period < b.date.period ? -1 : 1,
  );
  const out: T[] = [];
  for (let i = 0; i < byPeriod.length; ) {
    let j = i;
    while (j < byPeriod.length && byPeriod[j]!.date.period === byPeriod[i]!.date.period) j++;
    const group = byPeriod.slice(i, j);
    const timed = group.filter((e) => e.date.pub).sort((a, b) => a.date.epochMs - b.date.epochMs);
    let t = 0;
    for (const e of group) out.push(e.date.pub ? timed[t++]! : e);
    i = j;
  }
  return out;
}

/**
 * An ISO 8601 instant (`2024-09-17T09:12:00.000Z`, any offset) as a PubDate in UTC: a record's
 * capture times are shown in UTC, whatever the offset they were written with.
 */
export function utcInstant(iso: string): PubDate {
  const dt = DateTime.fromISO(iso, { setZone: true }).toUTC();
  if (!dt.isValid) throw new Error(`not an ISO 8601 instant: ${iso}`);
  return {
    iso: `${dt.toFormat("yyyy-MM-dd'T'HH:mm:ss")}Z`,
    hasTime: true,
    day: dt.toISODate()!,
    epochMs: dt.toMillis(),
    offset: "Z",
  };
}
