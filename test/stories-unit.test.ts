/** Unit tests: name matching, quote normalisation, event dates, entity linking in markdown. */
import { describe, expect, it } from "vitest";
import { orderEvents, parseEventDate, type EventDate } from "../src/content/dates.ts";
import { parseBody, renderParsed } from "../src/content/markdown.ts";
import { MentionMatcher } from "../src/content/mentions.ts";
import { QuoteIndex, normalizeQuote } from "../src/content/quotes.ts";
import { referenceLocale } from "../src/content/locale.ts";

const en = referenceLocale().dates;

const un = { id: "united-nations", href: "/entities/united-nations/" };
const sybiha = { id: "andrii-sybiha", href: "/entities/andrii-sybiha/" };
const kyiv = { id: "kyiv", href: "/entities/kyiv/" };
const matcher = new MentionMatcher([
  { name: "United Nations", target: un },
  { name: "UN", target: un },
  { name: "Andrii Sybiha", target: sybiha },
  { name: "Andriy Sybiga", target: sybiha },
  { name: "Sybiha", target: sybiha },
  { name: "Sybiga", target: sybiha },
  { name: "Київ", target: kyiv },
  { name: "Kyiv's government", target: kyiv },
]);

describe("mention matching", () => {
  it('finds "UN" as a word but never inside "UNITED", "UNESCO" or "un"', () => {
    expect(matcher.scan("UNITED we stand; UNESCO; the un-named; FUN")).toEqual([]);
    const hits = matcher.scan("The UN and the United Nations (UN).");
    expect(hits.map((h) => h.text)).toEqual(["UN", "United Nations", "UN"]);
    expect(hits.every((h) => h.target === un)).toBe(true);
  });

  it("prefers the longest name at a position", () => {
    expect(matcher.scan("Andrii Sybiha said").map((h) => h.text)).toEqual(["Andrii Sybiha"]);
  });

  it('leads both "Sybiga" and "Sybiha" to one person, with the spelling as written', () => {
    const hits = matcher.scan("Andriy Sybiga (Kumasi City: Andrii Sybiha). Sybiga, then Sybiha’s ministry.");
    expect(hits.map((h) => h.text)).toEqual(["Andriy Sybiga", "Andrii Sybiha", "Sybiga", "Sybiha"]);
    expect(new Set(hits.map((h) => h.target))).toEqual(new Set([sybiha]));
  });

  it("uses Unicode word boundaries: letters of any script, digits and marks", () => {
    expect(matcher.scan("Київщина").length).toBe(0);
    expect(matcher.scan("уКиїв").length).toBe(0);
    expect(matcher.scan("до Київ, і").map((h) => h.text)).toEqual(["Київ"]);
    expect(matcher.scan("UN2 UNé 2UN").length).toBe(0);
    expect(matcher.scan("UN\u0301").length).toBe(0); // followed by a combining mark
    expect(matcher.scan("«UN»").map((h) => h.text)).toEqual(["UN"]);
  });

  it("treats straight and typographic apostrophes and any white space alike", () => {
    expect(matcher.scan("Kyiv’s government").map((h) => h.target)).toEqual([kyiv]);
    expect(matcher.scan("Andrii\n  Sybiha").map((h) => h.text)).toEqual(["Andrii Sybiha"]);
  });
});

describe("entity links in markdown", () => {
  it("links the first mention of each entity, records every mention, never inside links or code", () => {
    const body = parseBody(
      "[The UN site](https://example.org) and `UN` code.\n\nThe UN met. The UN again; Sybiga and Sybiha.",
      matcher,
    );
    const html = renderParsed(body);
    expect(body.mentions.map((m) => m.text)).toEqual(["UN", "UN", "UN", "Sybiga", "Sybiha"]);
    // the link inside the markdown link is not nested; the first free mention is linked
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer">The UN site</a>');
    expect(html.match(/data-entity="united-nations"/g)?.length).toBe(1);
    expect(html).toContain(
      'The <a href="/entities/united-nations/" class="entity-link" data-entity="united-nations">UN</a> met. The UN again',
    );
    expect(html.match(/data-entity="andrii-sybiha"/g)?.length).toBe(1);
    expect(html).toContain("<code>UN</code>");
  });

  it("escapes text around links and keeps the plain text unchanged", () => {
    const body = parseBody("A <b>UN</b> & co.", matcher);
    expect(body.blocks.join("\n\n")).toBe("A <b>UN</b> & co.");
    expect(renderParsed(body)).toContain('&lt;b&gt;<a href="/entities/united-nations/"');
  });

  it("gives cited blocks ids, a tight list item its <li>", () => {
    const body = parseBody("First.\n\n- one\n- two", matcher);
    const html = renderParsed(
      body,
      new Map([
        [0, "p1"],
        [2, "p3"],
      ]),
    );
    expect(html).toContain('<p id="p1" class="cited">First.</p>');
    expect(html).toContain('<li id="p3" class="cited">two</li>');
  });
});

describe("quote normalisation", () => {
  it("normalises white space and typographic quotes and apostrophes", () => {
    expect(normalizeQuote("  “pure\n provocation”  ")).toBe('"pure provocation"');
    expect(normalizeQuote("Russia’s ‘Kursk’ «region»")).toBe("Russia's 'Kursk' \"region\"");
  });

  it("locates a quote's block, also across differently typed quotes and line breaks", () => {
    const index = new QuoteIndex(["Ukraine’s Sumy region, the launch site.", "Peskov said “pure\nprovocation” today."]);
    expect(index.locate("Ukraine's Sumy region")).toBe(0);
    expect(index.locate('said "pure provocation"')).toBe(1);
    expect(index.locate("pure provocations")).toBe(-1);
    expect(index.locate("the launch site. Peskov")).toBe(-2); // only across two blocks: refused
  });

  it("finds the passage nearest a quote that is not there, and the first words that differ", () => {
    const index = new QuoteIndex([
      "Peskov said it was a pure provocation today.",
      "Nine towns were recaptured by Russian forces on Sunday, the ministry said.",
    ]);
    expect(index.nearest("9 towns were recaptured by Russian forces")).toEqual({
      block: 1,
      text: "Nine towns were recaptured by Russian forces",
      quoted: "9",
      found: "Nine",
    });
    // words missing or added, and the passage as long as the quote
    expect(index.nearest("towns were taken back by Russian forces")).toEqual({
      block: 1,
      text: "towns were recaptured by Russian forces",
      quoted: "taken back",
      found: "recaptured",
    });
    expect(index.nearest("Peskov said it was pure provocation")).toEqual({
      block: 0,
      text: "Peskov said it was a pure provocation",
      quoted: "",
      found: "a",
    });
    // punctuation is a difference too
    expect(index.nearest("Peskov said, it was")).toMatchObject({ quoted: "said,", found: "said" });
    // fewer than half the words in order: nothing is offered
    expect(index.nearest("completely unrelated words here")).toBeUndefined();
  });
});

describe("event dates", () => {
  const d = (v: string, circa = false) => parseEventDate(v, circa) as EventDate;

  it("keeps the precision of the form given", () => {
    expect(d("2024").precision).toBe("year");
    expect(d("2024-09").precision).toBe("month");
    expect(d("2024-09-12").precision).toBe("day");
    expect(d("2024-09-16T14:50:00+03:00").precision).toBe("time");
  });

  it("labels dates honestly", () => {
    expect(en.eventDate(d("2024"))).toBe("2024");
    expect(en.eventDate(d("2024-09"))).toBe("September 2024");
    expect(en.eventDate(d("2024-09-12", true))).toBe("c. 12 September 2024");
    expect(en.eventDate(d("2024-09", true))).toBe("c. September 2024");
    expect(en.eventDate(d("2024-09-16T14:50:00+03:00"))).toBe("16 September 2024, 14:50 UTC+3");
  });

  it("rejects other forms with a message", () => {
    expect(parseEventDate("2024-13")).toMatch(/not a month/);
    expect(parseEventDate("16/09/2024")).toMatch(/expected YYYY, YYYY-MM, YYYY-MM-DD/);
    expect(parseEventDate("2024-02-30")).toMatch(/not a calendar date/);
    expect(parseEventDate("2024-09-16T14:50")).toMatch(/no offset/);
    expect(parseEventDate(2024)).toMatch(/as text/);
  });

  it("orders a year before its months before their days", () => {
    const list = ["2024-09-16", "2024-09", "2024", "2024-08-06", "2023-12-31"].map((v) => ({ date: d(v) }));
    expect(orderEvents(list).map((x) => x.date.iso)).toEqual([
      "2023-12-31",
      "2024",
      "2024-08-06",
      "2024-09",
      "2024-09-16",
    ]);
  });

  it("orders a day's timed events by time and keeps a date-only event where the editor listed it", () => {
    const ev = (iso: string, id: string) => ({ id, date: d(iso) });
    const listed = [
      ev("2024-09-16T18:00:00+03:00", "evening"),
      ev("2024-09-17", "next-day"),
      ev("2024-09-16T09:00:00+03:00", "morning"),
      ev("2024-09-16", "later-that-day"),
      ev("2024-09", "that-month"),
      ev("2024-09-16T12:00:00+00:00", "noon-utc"),
    ];
    // the 16th's timed events (06:00, 15:00 and 12:00 UTC) fill its timed slots in time order; the date-only one keeps the third slot
    expect(orderEvents(listed).map((e) => e.id)).toEqual([
      "that-month",
      "morning",
      "noon-utc",
      "later-that-day",
      "evening",
      "next-day",
    ]);
    expect(orderEvents([ev("2024-09-16", "a"), ev("2024-09-16T09:00:00+03:00", "b")]).map((e) => e.id)).toEqual([
      "a",
      "b",
    ]);
    expect(orderEvents([ev("2024-09-16T09:00:00+03:00", "b"), ev("2024-09-16", "a")]).map((e) => e.id)).toEqual([
      "b",
      "a",
    ]);
  });
});

describe("a story that names more people than a grid can show", () => {
  it("its grid shows 60 names, those spelled differently first, then those both outlets name; the rest are listed", async () => {
    const { contentTree, article } = await import("./helpers/fixture.ts");
    const { defaultPaths, loadContent } = await import("../src/content/pipeline.ts");
    const people = Array.from({ length: 90 }, (_, i) => ({
      id: `person-${i}`,
      name: `Person Number${i}`,
      type: "person",
      ...(i === 80 ? { aliases: ["P. Number80"] } : {}),
    }));
    // alpha names everyone; beta names people 40 to 59 and spells person 80 its own way
    const alpha = people.map((p) => `${p.name} spoke.`).join(" ");
    const beta =
      people
        .slice(40, 60)
        .map((p) => `${p.name} spoke.`)
        .join(" ") + " P. Number80 spoke.";
    const root = contentTree({
      files: {
        "_data/entities.json": JSON.stringify(people),
        "src/articles/alpha-news/a.md": article(
          { title: "A", source: "alpha-news", date: "2024-09-16", story: "the-story" },
          alpha,
        ),
        "src/articles/beta-post/b.md": article(
          { title: "B", source: "beta-post", date: "2024-09-17", story: "the-story" },
          beta,
        ),
      },
    });
    const story = loadContent(defaultPaths(root)).content!.stories[0]!;
    expect(story.entityRows).toHaveLength(90);
    expect(story.entityGrid).toHaveLength(60);
    const shown = story.entityGrid.map((r) => r.entity.id);
    expect(shown.indexOf("person-80")).toBeGreaterThanOrEqual(0);
    for (let i = 40; i < 60; i++) expect(shown).toContain(`person-${i}`);
    expect(story.entityRest).toHaveLength(30);
    expect(new Set([...shown, ...story.entityRest.map((r) => r.entity.id)]).size).toBe(90);
  });
});
