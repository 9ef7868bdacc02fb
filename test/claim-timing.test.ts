/** Unit tests: time in the fact grid (claim-timing.ts), a moving figure's chart (claim-chart.ts), a story's span of days. */
// biome-ignore-all lint/suspicious/noDuplicateTestHooks: `after` here is this file's time helper, not a test hook
import { describe, expect, it } from "vitest";
import { claimChart, figureOf } from "../src/content/claim-chart.ts";
import { SAME_TIME_HOURS, aboutSameTime, judgeValues } from "../src/content/claim-timing.ts";
import { parsePubDate, type PubDate } from "../src/content/dates.ts";
import { referenceLocale } from "../src/content/locale.ts";

const en = referenceLocale().dates;

const d = (v: string) => parsePubDate(v) as PubDate;
const item = (value: string, date: string) => ({ value, date: d(date) });
const HOUR = SAME_TIME_HOURS * 60;
/** A date-time `minutes` after 2025-03-03 12:00 UTC+1. */
const after = (minutes: number) => {
  const t = new Date(Date.UTC(2025, 2, 3, 11, 0) + minutes * 60_000).toISOString().slice(0, 19);
  return d(`${t}Z`);
};

describe("about the same time", () => {
  it(`two timed reports: up to ${SAME_TIME_HOURS} h apart yes, a minute more no`, () => {
    expect(aboutSameTime(after(0), after(HOUR))).toBe(true);
    expect(aboutSameTime(after(HOUR), after(0))).toBe(true);
    expect(aboutSameTime(after(0), after(HOUR + 1))).toBe(false);
  });

  it("offsets are instants: 12:00 UTC+1 and 11:30 UTC are half an hour apart", () => {
    expect(aboutSameTime(d("2025-03-03T12:00:00+01:00"), d("2025-03-03T11:30:00Z"))).toBe(true);
  });

  it("a report with only a date counts as its whole day", () => {
    expect(aboutSameTime(d("2025-03-03"), d("2025-03-03T23:59:00+01:00"))).toBe(true);
    expect(aboutSameTime(d("2025-03-03"), d("2025-03-03T00:01:00+01:00"))).toBe(true);
    expect(aboutSameTime(d("2025-03-03"), d("2025-03-03"))).toBe(true);
    expect(aboutSameTime(d("2025-03-03"), d("2025-03-04T00:01:00+01:00"))).toBe(false);
    expect(aboutSameTime(d("2025-03-03"), d("2025-03-04"))).toBe(false);
  });
});

describe("judging a fact's values", () => {
  const rising = [
    item("12", "2025-03-03T18:00:00+01:00"),
    item("9", "2025-03-03T08:00:00+01:00"),
    item("11", "2025-03-03T12:00:00+01:00"),
  ];

  it("a moving figure that rises through the day changed, and nothing conflicts; values in time order", () => {
    const v = judgeValues(rising, true);
    expect(v.values).toEqual(["9", "11", "12"]);
    expect(v.changed).toBe(true);
    expect(v.conflicting.size).toBe(0);
  });

  it("without the flag, the same values all conflict (the rule before time was known), in the given order", () => {
    const v = judgeValues(rising, false);
    expect(v.values).toEqual(["12", "9", "11"]);
    expect(v.changed).toBe(false);
    expect(v.conflicting.size).toBe(3);
  });

  it("a moving figure: different values within the hour conflict, a minute past it they do not", () => {
    const within = [
      { value: "20", date: after(0) },
      { value: "30", date: after(HOUR) },
    ];
    expect(judgeValues(within, true).conflicting).toEqual(new Set(within));
    const apart = [
      { value: "20", date: after(0) },
      { value: "30", date: after(HOUR + 1) },
    ];
    expect(judgeValues(apart, true).conflicting.size).toBe(0);
  });

  it("a moving figure: a report with only a date conflicts with a different value of that day, not of the next", () => {
    const sameDay = [item("12", "2025-03-04"), item("13", "2025-03-04T20:00:00+01:00")];
    expect(judgeValues(sameDay, true).conflicting.size).toBe(2);
    const nextDay = [item("12", "2025-03-03"), item("13", "2025-03-04T00:30:00+01:00")];
    expect(judgeValues(nextDay, true).conflicting.size).toBe(0);
  });

  it("equal values never conflict; citations without a value are left out", () => {
    const v = judgeValues(
      [item("12", "2025-03-03T12:00:00Z"), item("12", "2025-03-03T12:10:00Z"), { date: d("2025-03-03T12:05:00Z") }],
      true,
    );
    expect(v.values).toEqual(["12"]);
    expect(v.conflicting.size).toBe(0);
    expect(v.changed).toBe(false);
  });
});

describe("a moving figure's chart", () => {
  it("reads the figure in a value", () => {
    expect(figureOf("around 150,000")).toBe(150000);
    expect(figureOf("12")).toBe(12);
    expect(figureOf("2.5 million")).toBe(2.5);
    expect(figureOf("three")).toBeUndefined();
  });

  it("draws time across and the figure up, inside its box", () => {
    const chart = claimChart([
      item("9", "2025-03-03T08:00:00+01:00"),
      item("11", "2025-03-03T12:00:00+01:00"),
      item("12", "2025-03-03T18:00:00+01:00"),
    ])!;
    expect(chart.points.map((p) => p.value)).toEqual(["9", "11", "12"]);
    const [a, b, c] = chart.points;
    expect(a!.x).toBeLessThan(b!.x);
    expect(b!.x).toBeLessThan(c!.x);
    expect(a!.y).toBeGreaterThan(b!.y); // higher figure, higher on the drawing (smaller y)
    for (const p of chart.points) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(chart.width);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(chart.height);
    }
    expect(chart.line).toBe(chart.points.map((p) => `${p.x},${p.y}`).join(" "));
  });

  it("no chart for fewer than two figures", () => {
    expect(claimChart([item("three", "2025-03-03"), item("9", "2025-03-03")])).toBeUndefined();
  });
});

describe("dates as a newspaper writes them", () => {
  it("a span of days", () => {
    expect(en.daySpan("2024-09-16", "2024-09-16")).toBe("16 September 2024");
    expect(en.daySpan("2024-09-16", "2024-09-18")).toBe("16–18 September 2024");
    expect(en.daySpan("2024-09-30", "2024-10-02")).toBe("30 September – 2 October 2024");
    expect(en.daySpan("2024-12-30", "2025-01-02")).toBe("30 December 2024 – 2 January 2025");
  });

  it("a report's time in a grid cell", () => {
    expect(en.shortPubDate(d("2025-03-03T12:00:00+01:00"))).toBe("3 Mar, 12:00 UTC+1");
    expect(en.shortPubDate(d("2025-03-04"))).toBe("4 Mar 2025");
  });
});
