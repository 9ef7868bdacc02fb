import { describe, expect, it } from "vitest";
import { compareDates, parsePubDate, rfc3339, type PubDate } from "../src/content/dates.ts";
import { referenceLocale } from "../src/content/locale.ts";

const en = referenceLocale().dates;

function ok(v: unknown): PubDate {
  const d = parsePubDate(v);
  if (typeof d === "string") throw new Error(d);
  return d;
}

describe("parsePubDate", () => {
  it("keeps a date-only value as that calendar day", () => {
    const d = ok("2024-09-16");
    expect(d).toMatchObject({ iso: "2024-09-16", hasTime: false, day: "2024-09-16", offset: "" });
    expect(en.pubDate(d)).toBe("16 September 2024");
    expect(en.dayLong(d.day)).toBe("Monday 16 September 2024");
    expect(rfc3339(d)).toBe("2024-09-16T00:00:00+00:00");
  });

  it("keeps a date-time in its own offset", () => {
    const d = ok("2024-09-16T14:50:00+03:00");
    expect(d).toMatchObject({ iso: "2024-09-16T14:50:00+03:00", hasTime: true, day: "2024-09-16", offset: "+03:00" });
    expect(d.epochMs).toBe(Date.UTC(2024, 8, 16, 11, 50));
    expect(en.time(d)).toBe("14:50 UTC+3");
    expect(en.pubDate(d)).toBe("16 September 2024, 14:50 UTC+3");
  });

  it("uses the local day where it was published, not UTC's", () => {
    const d = ok("2024-09-16T23:30:00-07:00"); // 17 September in UTC
    expect(d.day).toBe("2024-09-16");
    expect(en.time(d)).toBe("23:30 UTC−7");
    expect(en.time(ok("2024-09-16T08:00:00+05:30"))).toBe("08:00 UTC+5:30");
    expect(en.time(ok("2024-09-16T08:00:00Z"))).toBe("08:00 UTC");
  });

  it.each([
    ["2024-02-30", "is not a calendar date"],
    ["2024-13-01", "is not a calendar date"],
    ["2024-09-16T14:50:00", "has a time but no offset"],
    ["2024-09-16 14:50", "has a time but no offset"],
    ["16 September 2024", "expected a date YYYY-MM-DD"],
    ["2024-09-16T25:00:00+03:00", "not a valid date-time"],
    [20240916, "expected a date YYYY-MM-DD"],
    [new Date(0), "as text"],
  ])("rejects %s", (input, message) => {
    const d = parsePubDate(input);
    expect(typeof d).toBe("string");
    expect(d).toContain(message);
  });

  it("orders by local day, then untimed before timed, then by instant", () => {
    const list = ["2024-09-17", "2024-09-16T10:00:00+03:00", "2024-09-16", "2024-09-16T09:00:00+00:00"].map(ok);
    expect(list.sort(compareDates).map((d) => d.iso)).toEqual([
      "2024-09-16",
      "2024-09-16T10:00:00+03:00",
      "2024-09-16T09:00:00+00:00",
      "2024-09-17",
    ]);
  });
});
