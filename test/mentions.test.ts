/**
 * Name matching: whole words in any script, the longest name first, white space and apostrophes
 * as editors write them; and the same answers as the alternation regex it replaced (kept here as
 * the reference) on thousands of random texts and name lists.
 */
import { describe, expect, it } from "vitest";
import { MentionMatcher, nameKey, type MentionHit } from "../src/content/mentions.ts";
import { prng } from "../scripts/bench/corpus.ts";

const scan = (names: string[], text: string) =>
  new MentionMatcher(names.map((name) => ({ name, target: name }))).scan(text).map((h) => [h.text, h.target]);

describe("names in text", () => {
  it("whole words only, in any script", () => {
    expect(scan(["UN"], "UN, UNITED and UNESCO; the UN.")).toEqual([
      ["UN", "UN"],
      ["UN", "UN"],
    ]);
    expect(scan(["Київ"], "Київщина, Київ і Києва")).toEqual([["Київ", "Київ"]]);
    // a script without spaces: the segmenter decides (東京|都), so Kyoto is not in Tokyo-to
    expect(scan(["京都"], "東京 and 東京都")).toEqual([]);
    // a combining mark or a letter outside the BMP continues the word
    expect(scan(["Cafe"], "Cafe\u0301 and Cafe𝐀 and Cafe.")).toEqual([["Cafe", "Cafe"]]);
    expect(scan(["Cafe"], "𝐀Cafe 𝐀 Cafe")).toEqual([["Cafe", "Cafe"]]);
  });

  it("the longest name wins; if it does not end a word, a shorter one may", () => {
    const names = ["Red Cross", "International Committee of the Red Cross", "Red Cross (ICRC)", "Red Crossing"];
    expect(scan(names, "the International Committee of the Red Cross said")).toEqual([
      ["International Committee of the Red Cross", "International Committee of the Red Cross"],
    ]);
    expect(scan(names, "the Red Cross (ICRC) said")).toEqual([["Red Cross (ICRC)", "Red Cross (ICRC)"]]);
    expect(scan(names, "Red Crossings and Red Cross")).toEqual([["Red Cross", "Red Cross"]]);
    expect(scan(["U.S.", "U.S. Army"], "the U.S. Army and the U.S.")).toEqual([
      ["U.S. Army", "U.S. Army"],
      ["U.S.", "U.S."],
    ]);
  });

  it("any white space, line breaks included, and any apostrophe", () => {
    expect(scan(["Andrii Sybiha"], "said Andrii\n   Sybiha on")).toEqual([["Andrii Sybiha", "Andrii Sybiha"]]);
    expect(scan(["Ukraine's army"], "Ukraine’s\u00a0army and Ukraineʼs army")).toEqual([
      ["Ukraine’s army", "Ukraine's army"],
      ["Ukraineʼs army", "Ukraine's army"],
    ]);
    expect(scan(["UN"], "un and Un")).toEqual([]);
  });

  it("offsets are in the text as given (NFC) and a spelling given twice keeps its first target", () => {
    const m = new MentionMatcher([
      { name: "Kyiv", target: 1 },
      { name: " Kyiv ", target: 2 },
    ]);
    expect(m.scan("in Kyiv today")).toEqual([{ index: 3, length: 4, text: "Kyiv", target: 1 }]);
    expect(new MentionMatcher([]).scan("anything")).toEqual([]);
  });
});

/** The matcher as it was: one alternation regex of every spelling, longest first. */
class RegexMatcher<T> {
  private readonly re: RegExp | undefined;
  private readonly byKey = new Map<string, T>();
  constructor(names: { name: string; target: T }[]) {
    for (const { name, target } of names) {
      const key = nameKey(name);
      if (key && !this.byKey.has(key)) this.byKey.set(key, target);
    }
    const pattern = (key: string) =>
      key
        .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
        .replace(/'/g, "['\u2018\u2019\u02BC]")
        .replace(/ /g, "\\s+");
    const keys = [...this.byKey.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.re = keys.length
      ? new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])(?:${keys.map(pattern).join("|")})(?![\\p{L}\\p{N}\\p{M}])`, "gu")
      : undefined;
  }
  scan(text: string): MentionHit<T>[] {
    const out: MentionHit<T>[] = [];
    if (!this.re || !text) return out;
    const src = text.normalize("NFC");
    this.re.lastIndex = 0;
    for (let m = this.re.exec(src); m; m = this.re.exec(src)) {
      const target = this.byKey.get(nameKey(m[0]));
      if (target !== undefined)
        out.push({ index: m.index, length: m[0].length, text: m[0].replace(/\s+/g, " "), target });
    }
    return out;
  }
}

describe("scripts without spaces", () => {
  it("a name inside running Japanese, Chinese and Thai text, on segment boundaries", () => {
    const names = ["小池百合子", "東京都", "京都", "東京"];
    // 東京|都知事|の|小池|百合子|氏|は: 東京都 ends inside 都知事, whose start is inside the name
    expect(scan(names, "東京都知事の小池百合子氏は")).toEqual([
      ["東京都", "東京都"],
      ["小池百合子", "小池百合子"],
    ]);
    expect(scan(["京都"], "東京都知事")).toEqual([]);
    expect(scan(["京都"], "京都大学の学生")).toEqual([["京都", "京都"]]);
    // 日本語 is one word (Japanese, the language), not Japan
    expect(scan(["日本"], "日本語と日本")).toEqual([["日本", "日本"]]);
    expect(scan(["习近平", "联合国", "古特雷斯"], "国家主席习近平在北京会见了联合国秘书长古特雷斯。")).toEqual([
      ["习近平", "习近平"],
      ["联合国", "联合国"],
      ["古特雷斯", "古特雷斯"],
    ]);
    // เมือง|กรุงเทพ| |และ|กรุงเทพมหานคร: the city's full name is one word here
    expect(scan(["กรุงเทพ"], "เมืองกรุงเทพ และกรุงเทพมหานคร")).toEqual([["กรุงเทพ", "กรุงเทพ"]]);
    expect(scan(["กรุงเทพ", "กรุงเทพมหานคร"], "เมืองกรุงเทพ และกรุงเทพมหานคร")).toEqual([
      ["กรุงเทพ", "กรุงเทพ"],
      ["กรุงเทพมหานคร", "กรุงเทพมหานคร"],
    ]);
    // a Thai name with a space in it, followed by a verb
    expect(scan(["ชัชชาติ สิทธิพันธุ์"], "ผู้ว่าฯชัชชาติ สิทธิพันธุ์กล่าวว่า")).toEqual([["ชัชชาติ สิทธิพันธุ์", "ชัชชาติ สิทธิพันธุ์"]]);
    // a line break in the markdown inside a Japanese name: no space
    expect(scan(["小池百合子"], "知事の小池\n百合子氏は")).toEqual([["小池百合子", "小池百合子"]]);
    // a Latin name before a Japanese particle; Latin next to Latin stays whole words
    expect(scan(["Toyota"], "Toyotaの社長、Toyotas")).toEqual([["Toyota", "Toyota"]]);
  });

  it("the text's language when given; offsets as in the text", () => {
    const m = new MentionMatcher([{ name: "シビハ", target: 1 }]);
    expect(m.scan("ウクライナのシビハ外相は", "ja")).toEqual([{ index: 6, length: 3, text: "シビハ", target: 1 }]);
    expect(m.scan("ウクライナのシビハ外相は", "en")).toEqual(m.scan("ウクライナのシビハ外相は"));
  });

  it("Latin, Cyrillic and Arabic keep whole words", () => {
    expect(scan(["Київ"], "Київщина і Київ")).toEqual([["Київ", "Київ"]]);
    expect(scan(["غزة"], "قطاع غزة وغزةالجديدة")).toEqual([["غزة", "غزة"]]);
  });
});

describe("forms of a spelling", () => {
  it("a case form matches like a spelling and is reported as the spelling it is a form of", () => {
    const m = new MentionMatcher([
      { name: "Сибіга", target: "sybiha" },
      ...["Сибіги", "Сибізі", "Сибігою"].map((name) => ({ name, target: "sybiha", spelling: "Сибіга" })),
    ]);
    expect(m.scan("Сибіги, Сибізі та Сибігою; Сибігою-молодшим, Сибіга так")).toEqual([
      { index: 0, length: 6, text: "Сибіга", target: "sybiha" },
      { index: 8, length: 6, text: "Сибіга", target: "sybiha" },
      { index: 18, length: 7, text: "Сибіга", target: "sybiha" },
      { index: 27, length: 7, text: "Сибіга", target: "sybiha" },
      { index: 45, length: 6, text: "Сибіга", target: "sybiha" },
    ]);
  });
});

describe("the same answers as the regex it replaced", () => {
  it("on 3,000 random texts and name lists", () => {
    const rnd = prng(15);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    // few symbols, so that names and texts overlap often
    const alphabet = ["a", "b", "A", "é", "e\u0301", "ж", "𝐀", "1", " ", " ", "\n", "'", "’", "-", ".", "(", ")"];
    const word = (max: number) => Array.from({ length: 1 + Math.floor(rnd() * max) }, () => pick(alphabet)).join("");
    let withHits = 0;
    for (let round = 0; round < 3000; round++) {
      const names = Array.from({ length: 1 + Math.floor(rnd() * 12) }, (_, i) => ({ name: word(5), target: i }));
      const text = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => word(8)).join(pick([" ", "\n", " ", ""]));
      const expected = new RegexMatcher(names).scan(text);
      if (expected.length) withHits++;
      expect(
        new MentionMatcher(names).scan(text),
        `${JSON.stringify(names.map((n) => n.name))} in ${JSON.stringify(text)}`,
      ).toEqual(expected);
    }
    // the comparison means something only if names are found often
    expect(withHits).toBeGreaterThan(600);
  });
});
