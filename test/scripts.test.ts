/**
 * Names and quotes across scripts (issue 25): entities' case forms (the contract, its errors with
 * file, line and field), names in Japanese running text, and quotes in Cyrillic, Arabic and
 * Japanese checked against their reports, in content trees of this file's own: loaded by the
 * pipeline, and built in process.
 */
import { describe, expect, it } from "vitest";
import { defaultPaths, loadContent } from "../src/content/pipeline.ts";
import { formatProblem, isError } from "../src/content/problems.ts";
import { normalizeQuote, QuoteIndex } from "../src/content/quotes.ts";
import { buildTree } from "./helpers/build-tree.ts";
import { article, contentTree } from "./helpers/fixture.ts";

const SOURCES = [
  { id: "kyiv-daily", name: "Kyiv Daily", url: "https://kyiv.example", language: "uk" },
  { id: "tokyo-shimbun", name: "Tokyo Shimbun", url: "https://tokyo.example", language: "ja" },
  { id: "cairo-post", name: "Cairo Post", url: "https://cairo.example", language: "ar" },
];
const STORIES = [{ id: "talks", title: "Talks in Kyiv" }];

const SYBIHA = {
  id: "andrii-sybiha",
  name: "Andrii Sybiha",
  type: "person",
  aliases: ["Сибіга", "シビハ", "سيبيها"],
  forms: { Сибіга: ["Сибіги", "Сибізі", "Сибігу", "Сибігою"] },
};
const ENTITIES = [
  SYBIHA,
  { id: "yuriko-koike", name: "Yuriko Koike", type: "person", aliases: ["小池百合子"] },
  { id: "tokyo", name: "Tokyo", type: "place", aliases: ["東京都"] },
  { id: "kyoto", name: "Kyoto", type: "place", aliases: ["京都"] },
];

const UK = "kyiv-daily/sybiha-ready";
const JA = "tokyo-shimbun/koike-meets-sybiha";
const AR = "cairo-post/sybiha-talks";
const front = (source: string, title: string) => ({ title, source, date: "2025-03-04", story: "talks" });
const ARTICLES = {
  [`src/articles/${UK}.md`]: article(
    front("kyiv-daily", "Сибіга: готові до переговорів"),
    "Слова Сибіги прозвучали в Києві. Сибізі поставили питання про переговори.\n\n" +
      "Міністр Сибіга заявив: «Ми готові до переговорів». Сибігою пишаються.\n",
  ),
  [`src/articles/${JA}.md`]: article(
    front("tokyo-shimbun", "小池知事、シビハ外相と会談"),
    "東京都知事の小池百合子氏は四日、ウクライナのシビハ外相と会談した。\n\n" +
      "小池氏は「平和のために協力する」と\n述べた。\n",
  ),
  [`src/articles/${AR}.md`]: article(
    front("cairo-post", "سيبيها: مستعدون للمفاوضات"),
    "قال وزير الخارجية الأوكراني سيبيها إن بلاده مستعدة للمفاوضات.\n",
  ),
};

const claim = (quotes: { uk?: string; ja?: string; ar?: string }) => ({
  id: "ready",
  story: "talks",
  label: "Ready to negotiate",
  citations: [
    ...(quotes.uk ? [{ article: UK, quote: quotes.uk }] : []),
    ...(quotes.ar ? [{ article: AR, quote: quotes.ar }] : []),
  ],
});
const event = (quote: string) => ({
  id: "koike-meets-sybiha",
  date: "2025-03-04",
  title: "Koike meets Sybiha",
  story: "talks",
  entities: ["yuriko-koike", "andrii-sybiha"],
  citations: [{ article: JA, quote }],
});

const GOOD = {
  uk: 'Міністр Сибіга заявив: "Ми готові до переговорів"',
  ar: "إن بلاده مستعدة للمفاوضات",
  // the markdown breaks the line between と and 述べた: no space in Japanese; "" for 「」
  ja: '小池氏は"平和のために協力する"と述べた',
};

/** A content tree: the sources, story, entities, articles, claim and event above, with changes. */
function tree(over: { entities?: unknown; claims?: unknown; events?: unknown } = {}): Record<string, string> {
  return {
    "_data/sources.json": JSON.stringify(SOURCES),
    "_data/stories.json": JSON.stringify(STORIES),
    "_data/entities.json": JSON.stringify(over.entities ?? ENTITIES, null, 2),
    "_data/claims.json": JSON.stringify(over.claims ?? [claim(GOOD)], null, 2),
    "_data/events.json": JSON.stringify(over.events ?? [event(GOOD.ja)], null, 2),
    ...ARTICLES,
  };
}

/** The errors loading a tree reports, as `file:line:column: field: message`. */
function errors(files: Record<string, string>): string[] {
  return loadContent(defaultPaths(contentTree({ files })))
    .problems.filter(isError)
    .map(formatProblem);
}

describe("case forms of a spelling: the contract", () => {
  it("the tree of this file is valid", () => {
    expect(errors(tree())).toEqual([]);
  });

  it("a form listed under two entities, or that is another entity's spelling, is refused where it is written", () => {
    const out = errors(
      tree({
        entities: [
          SYBIHA,
          { id: "sybiha-senior", name: "Сибіга-старший", type: "person", forms: { "Сибіга-старший": ["Сибіги"] } },
          { id: "other", name: "Other", type: "person", aliases: ["Сибізі"] },
        ],
        events: [],
      }),
    );
    expect(out).toEqual([
      '_data/entities.json:26:9: [1] (id "sybiha-senior").forms.Сибіга-старший[0]: "Сибіги" is also a form of "Сибіга" of entity "andrii-sybiha": one spelling can name only one entity',
      '_data/entities.json:35:7: [2] (id "other").aliases[0]: "Сибізі" is also a form of "Сибіга" of entity "andrii-sybiha": one spelling can name only one entity',
    ]);
  });

  it("a form is not a spelling, and lists only forms of the entity's own spellings", () => {
    const out = errors(
      tree({
        entities: [
          {
            ...SYBIHA,
            forms: { Сибіга: ["Сибіги", "Сибіга"], Sybiha: ["Sybihy"], "Andrii Sybiha": ["Сибіги"] },
          },
        ],
        events: [],
      }),
    );
    expect(out).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^_data\/entities\.json:\d+:\d+: \[0\] \(id "andrii-sybiha"\)\.forms\.Sybiha: "Sybiha" is not this entity's name nor one of its aliases: list the forms of a spelling under that spelling \("Andrii Sybiha", "Сибіга", "シビハ", "سيبيها"\)/,
        ),
      ]),
    );
    // the schema refuses the entry first; the spelling checks run on a valid entry
    const valid = errors(
      tree({
        entities: [{ ...SYBIHA, forms: { Сибіга: ["Сибіги", "Сибіга"], "Andrii Sybiha": ["Сибіги"] } }],
        events: [],
      }),
    );
    expect(valid).toEqual([
      '_data/entities.json:14:9: [0] (id "andrii-sybiha").forms.Сибіга[1]: "Сибіга" is already a spelling of this entity (its name or an alias): a form is another case of a spelling, not the spelling itself',
      '_data/entities.json:17:9: [0] (id "andrii-sybiha").forms.Andrii Sybiha[0]: "Сибіги" is listed twice for this entity (also as a form of "Сибіга")',
    ]);
  });

  it("a look-alike letter of another script, an empty list, and a list that is not one", () => {
    const out = errors(
      tree({
        entities: [
          { ...SYBIHA, aliases: ["Сибiга", "シビハ"], forms: { シビハ: [] } },
          { id: "kyoto", name: "Kyoto", type: "place", forms: { Kyoto: "Kyotos" } },
        ],
        events: [],
      }),
    );
    expect(out).toEqual([
      '_data/entities.json:7:7: [0] (id "andrii-sybiha").aliases[0]: mixes Cyrillic and Latin letters in one word ("Сибiга": "i" is Latin): a look-alike letter in the wrong script never matches a report; type the word in one script',
      '_data/entities.json:11:7: [0] (id "andrii-sybiha").forms.シビハ: is empty: list the spelling\'s forms, or leave the spelling out',
      '_data/entities.json:19:7: [1] (id "kyoto").forms.Kyoto: expected a list of forms, like { "Сибіга": ["Сибіги", "Сибізі"] } (got "Kyotos")',
    ]);
  });

  it("a form counts as the spelling it is a form of: in mentions and in the entity's spellings", () => {
    const { content } = loadContent(defaultPaths(contentTree({ files: tree() })));
    const uk = content!.articles.find((a) => a.key === UK)!;
    const sybiha = uk.mentions.find((m) => m.entity.id === "andrii-sybiha")!;
    expect(sybiha.spellings).toEqual(["Сибіга"]);
    expect(sybiha.count).toBe(4);
    const entity = content!.entities.find((e) => e.id === "andrii-sybiha")!;
    expect(entity.spellings.map((s) => s.text).sort()).toEqual(["Сибіга", "シビハ", "سيبيها"].sort());
    expect(entity.aliases).toEqual(SYBIHA.aliases);
    // Japanese running text: 東京都 in 東京都知事, Koike before 氏; Kyoto is not in 東京都
    const ja = content!.articles.find((a) => a.key === JA)!;
    expect(ja.mentions.map((m) => [m.entity.id, m.spellings])).toEqual([
      ["tokyo", ["東京都"]],
      ["yuriko-koike", ["小池百合子"]],
      ["andrii-sybiha", ["シビハ"]],
    ]);
  });
});

describe("quotes in any script", () => {
  const wrongUk = { claims: [claim({ ...GOOD, uk: "Міністр Сибіга заявив: «Ми готові до перемовин»" })] };
  const wrongVowel = { claims: [claim({ ...GOOD, ar: "إنَّ بلاده مستعدة للمفاوضات" })] };
  const wrongTatweel = { claims: [claim({ ...GOOD, ar: "إن بلاده مستعـدة للمفاوضات" })] };
  const wrongJa = { events: [event("小池氏は「平和のために協力しない」と述べた")] };
  it.each([
    [
      "Cyrillic",
      wrongUk,
      `_data/claims.json:9:9: [0] (id "ready").citations[0].quote: quote not found in article "${UK}"`,
      'where the quote has "перемовин"", the article has "переговорів"."',
    ],
    [
      "Arabic (a vowel mark the report does not write)",
      wrongVowel,
      `_data/claims.json:13:9: [0] (id "ready").citations[1].quote: quote not found in article "${AR}"`,
      'where the quote has "إنَّ", the article has "إن"',
    ],
    [
      "Arabic (a tatweel the report does not write)",
      wrongTatweel,
      `_data/claims.json:13:9: [0] (id "ready").citations[1].quote: quote not found in article "${AR}"`,
      'where the quote has "مستعـدة',
    ],
    [
      "Japanese",
      wrongJa,
      `_data/events.json:14:9: [0] (id "koike-meets-sybiha").citations[0].quote: quote not found in article "${JA}"`,
      'the closest passage (line 9) reads "小池氏は"平和のために協力する"と述べた"; where the quote has "しない", the article has "する"',
    ],
  ])("a wrong quote in %s fails the build, naming the file, line and field", async (_, over, expected, hint) => {
    const failed = await buildTree(tree(over)).then(
      () => "built",
      (e: Error) => e.message,
    );
    expect(failed).toContain(expected);
    expect(failed).toContain(hint);
  });

  it("correct quotes in Cyrillic, Arabic and Japanese build; the entity page lists the Japanese report; a case form is one spelling in the names grid", async () => {
    const site = await buildTree(tree());
    // each citation links to its paragraph
    const story = site.html("/stories/talks/");
    const links = story("a[href*='#p']")
      .map((_, a) => story(a).attr("href"))
      .get();
    expect(links).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/sybiha-ready\/#p2$/),
        expect.stringMatching(/\/sybiha-talks\/#p1$/),
      ]),
    );
    // the names grid: the Ukrainian outlet writes Сибіги, Сибізі, Сибіга, Сибігою: one spelling
    const row = story("tr[data-entity='andrii-sybiha']");
    expect(row.find("td[data-source='kyiv-daily']").text().trim()).toBe("Сибіга");
    expect(row.find("td[data-source='tokyo-shimbun']").text().trim()).toBe("シビハ");
    // the entity pages list the Japanese report; Kyoto is not named (京都 is inside 東京都 only)
    for (const id of ["yuriko-koike", "tokyo"]) {
      const page = site.html(`/entities/${id}/`);
      expect(page("a[href$='/koike-meets-sybiha/']").length, id).toBeGreaterThan(0);
    }
    expect(site.html("/entities/kyoto/")("a[href$='/koike-meets-sybiha/']").length).toBe(0);
    // the entity's spellings: no case form among them
    const spellings = site
      .html("/entities/andrii-sybiha/")(".spellings .spelling")
      .map((_, s) => site.html("/entities/andrii-sybiha/")(s).text())
      .get();
    expect(spellings.sort()).toEqual(["Сибіга", "シビハ", "سيبيها"].sort());
    // the report's other spellings: the entity's other spellings, no case form
    const other = site.html(`/sources/${UK}/`)(".other-spellings").text();
    expect(other).toContain("Сибіга (also Andrii Sybiha");
    expect(other).not.toMatch(/Сибіг[иуо]|Сибізі/);
  });
});

describe("quotes normalised alike in any script", () => {
  const index = new QuoteIndex([
    "Сибіга заявив: «Ми готові до переговорів».",
    "قال وزير الخارجية إن بلاده مستعدة للمفاوضات.",
    "小池氏は「平和のために協力する」と\n述べた。",
    "Straße und STRASSE",
  ]);
  it("quotation marks of any script, white space, and no space inside Japanese", () => {
    expect(index.locate('Сибіга заявив: "Ми готові до переговорів"')).toBe(0);
    expect(index.locate("Сибіга заявив: “Ми готові до переговорів”")).toBe(0);
    expect(index.locate("小池氏は『平和のために協力する』と述べた。")).toBe(2);
    expect(index.locate("小池氏は＂平和のために協力する＂と 述べた")).toBe(2);
    expect(index.locate("إن بلاده مستعدة للمفاوضات")).toBe(1);
  });
  it("nothing else: case, tashkeel, tatweel and Japanese punctuation are as the report writes them", () => {
    expect(index.locate("сибіга заявив")).toBe(-1);
    expect(index.locate("إنَّ بلاده")).toBe(-1);
    expect(index.locate("مستعـدة")).toBe(-1);
    expect(index.locate("協力する」と述べた.")).toBe(-1);
    expect(normalizeQuote("東京 Tower の\u3000小池")).toBe("東京 Tower の小池");
  });
  it("a near miss names the words that differ, in a Japanese text too", () => {
    expect(index.nearest("小池氏は「平和のために協力しない」と述べた")).toMatchObject({
      quoted: "しない",
      found: "する",
    });
    // ß and ss: the passage is found, the word still differs
    expect(index.nearest("Strasse und STRASSE")).toMatchObject({ quoted: "Strasse", found: "Straße" });
  });
});
