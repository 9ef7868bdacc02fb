/**
 * Dates as a newspaper of the site's language prints them. The patterns are the locale file's
 * (`dates.*`: Luxon format tokens, so "d MMMM yyyy" gives "16 September 2024" in English and
 * "16 вересня 2024" in Ukrainian), the month names Luxon's (Intl's) for the language. A date is
 * shown in its own offset; nothing here reads the build machine's time zone or locale.
 */
import { DateTime } from "luxon";
import { type EventDate, type PubDate, utcInstant } from "./dates.ts";

type Pattern = "day" | "dayLong" | "dayMonth" | "month" | "shortDay" | "shortDayYear" | "time";
type Message = "dayTime" | "shortDayTime" | "spanSameMonth" | "spanSameYear" | "span" | "circa";

export class DateFormat {
  readonly #tag: string;
  readonly #pattern: (key: Pattern) => string;
  readonly #message: (key: Message, values: Record<string, string>) => string;
  /** Luxon formatting costs ~20 µs a call and pages format the same few hundred days many times. */
  readonly #memo = new Map<string, string>();

  constructor(
    tag: string,
    pattern: (key: Pattern) => string,
    message: (key: Message, values: Record<string, string>) => string,
  ) {
    this.#tag = tag;
    this.#pattern = pattern;
    this.#message = message;
  }

  #cached(kind: string, value: string, fn: () => string): string {
    const key = `${kind}\u0000${value}`;
    let v = this.#memo.get(key);
    if (v === undefined) this.#memo.set(key, (v = fn()));
    return v;
  }

  #day(day: string, pattern: Pattern): string {
    return this.#cached(pattern, day, () =>
      DateTime.fromISO(day, { zone: "utc", locale: this.#tag }).toFormat(this.#pattern(pattern)),
    );
  }

  /** "16 September 2024" from a YYYY-MM-DD day. */
  day(day: string): string {
    return this.#day(day, "day");
  }

  /** "Monday 16 September 2024". */
  dayLong(day: string): string {
    return this.#day(day, "dayLong");
  }

  /** "September 2024" from YYYY-MM. */
  month(month: string): string {
    return this.#day(`${month}-01`, "month");
  }

  /**
   * Two YYYY-MM-DD days as a newspaper prints a span: one day is that day, one month
   * "16–18 September 2024", one year "30 September – 2 October 2024", else both in full.
   */
  daySpan(from: string, to: string): string {
    if (from === to) return this.day(from);
    if (from.slice(0, 4) !== to.slice(0, 4)) return this.#message("span", { from: this.day(from), to: this.day(to) });
    if (from.slice(0, 7) !== to.slice(0, 7))
      return this.#message("spanSameYear", { from: this.#day(from, "dayMonth"), to: this.day(to) });
    return this.#message("spanSameMonth", { from: String(Number(from.slice(8))), to: this.day(to) });
  }

  /** Two periods (years, months or days) as one span. */
  periodSpan(from: string, to: string): string {
    if (from === to) return this.periodShort(from);
    return from.length === 10 && to.length === 10
      ? this.daySpan(from, to)
      : this.#message("span", { from: this.periodShort(from), to: this.periodShort(to) });
  }

  /** "14:50 UTC+3" in the date's own offset; empty for a date-only value. */
  time(d: PubDate): string {
    if (!d.hasTime) return "";
    return this.#cached("time", d.iso, () => {
      const dt = DateTime.fromISO(d.iso, { setZone: true, locale: this.#tag });
      const off = dt.offset;
      const sign = off < 0 ? "−" : "+";
      const h = Math.floor(Math.abs(off) / 60);
      const m = Math.abs(off) % 60;
      const zone = off === 0 ? "UTC" : `UTC${sign}${h}${m ? `:${String(m).padStart(2, "0")}` : ""}`;
      return `${dt.toFormat(this.#pattern("time"))} ${zone}`;
    });
  }

  /** "16 September 2024" or "16 September 2024, 14:50 UTC+3". */
  pubDate(d: PubDate): string {
    return d.hasTime ? this.#message("dayTime", { day: this.day(d.day), time: this.time(d) }) : this.day(d.day);
  }

  /** An ISO instant (a record's capture time) in UTC: "17 September 2024, 09:12 UTC". */
  instant(iso: string): string {
    return this.pubDate(utcInstant(iso));
  }

  /** Short, for a fact-grid cell: "16 Sep, 14:50 UTC+3", or "16 Sep 2024" when no time is known. */
  shortPubDate(d: PubDate): string {
    return d.hasTime
      ? this.#message("shortDayTime", { day: this.#day(d.day, "shortDay"), time: this.time(d) })
      : this.#day(d.day, "shortDayYear");
  }

  /** "2024", "September 2024", "12 September 2024", with the time when known; "c. …" when approximate. */
  eventDate(d: EventDate): string {
    const label =
      d.precision === "year"
        ? d.period
        : d.precision === "month"
          ? this.month(d.period)
          : d.pub
            ? this.pubDate(d.pub)
            : this.day(d.period);
    return d.circa ? this.#message("circa", { date: label }) : label;
  }

  /** Heading of a timeline period: a year, a month or "Monday 16 September 2024", with a capital (Ukrainian prints "понеділок"). */
  period(period: string): string {
    if (period.length === 4) return period;
    const label = period.length === 7 ? this.month(period) : this.dayLong(period);
    return label.charAt(0).toLocaleUpperCase(this.#tag) + label.slice(1);
  }

  /** A period in a span: a day without its weekday. */
  periodShort(period: string): string {
    if (period.length === 4) return period;
    return period.length === 10 ? this.day(period) : this.month(period);
  }
}
