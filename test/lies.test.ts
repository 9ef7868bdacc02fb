/**
 * Real input, round three (issue 26), in-process: text that lies about itself (bidi controls left
 * open, invisible titles, invisible characters inside names, look-alike letters, case that
 * `toLowerCase` does not fold), text that would break the tools it is printed to (one printable
 * line, never a workflow command), markdown nested too deep, and files as editors save them (classic
 * Mac line endings, `...` ending front matter, the advice for an unclosed list, one missing comma).
 * The same classes through the real commands: test/hostile-input.test.ts (built) and
 * test/printed-lines.test.ts (printed).
 */
import { describe, expect, it } from "vitest";
import { bidiProblem, isInvisible } from "../src/content/characters.ts";
import { FileProblem, parseJsonFile, parseMarkdownFile } from "../src/content/files.ts";
import { deepNesting, parseBody } from "../src/content/markdown.ts";
import { MentionMatcher, nameKey } from "../src/content/mentions.ts";
import { formatProblem, printable } from "../src/content/problems.ts";
import { articleSchema, describeIssues, entitySchema, sourceSchema, storySchema } from "../src/content/schema.ts";
import { fold, storiesSharedText, tokenize, type SharedTextReport } from "../src/content/shared-text.ts";
import { formatReport, summaryTable } from "../src/editing/problem-report.ts";

const ARTICLE = { source: "alpha", date: "2024-09-16" };
/** The messages a schema gives a value, one per problem. */
const messages = (
  schema: typeof articleSchema | typeof sourceSchema | typeof storySchema | typeof entitySchema,
  v: unknown,
) => {
  const r = schema.safeParse(v);
  return r.success ? [] : describeIssues(r.error).map((p) => `${p.field}: ${p.message}`);
};

describe("text that lies about itself", () => {
  it("an override, or an embedding or isolate left open, is refused with the character and where it is", () => {
    expect(bidiProblem("A \u202Ereport")).toMatch(
      /^has U\+202E \(right-to-left override\) at character 3, which shows the text after it in an order other than as written; remove it/,
    );
    expect(bidiProblem("تقرير \u2067عن")).toMatch(
      /^has U\+2067 \(right-to-left isolate\) at character 7, which is never closed/,
    );
    expect(bidiProblem("a \u202Bb")).toMatch(
      /U\+202B \(right-to-left embedding\) at character 3, which is never closed/,
    );
    expect(bidiProblem("a\u202C b")).toMatch(
      /U\+202C \(pop directional formatting\) at character 2, which closes nothing/,
    );
    // an isolate closed by an embedding's closer closes nothing
    expect(bidiProblem("\u2066a\u202C")).toMatch(/U\+202C .* at character 3, which closes nothing/);
    // characters counted as the editor sees them: an emoji is one
    expect(bidiProblem("😀\u202Ex")).toMatch(/at character 2/);
  });

  it("embeddings and isolates closed in the field, and the direction marks, are accepted", () => {
    for (const ok of ["a \u2067عن\u2069 b", "\u202Bعن\u202C", "\u2066a \u202Ab\u202C\u2069", "a\u200Fb\u200E", "plain"])
      expect(bidiProblem(ok), JSON.stringify(ok)).toBeUndefined();
  });

  it("every text field refuses them: a title, a source's name, a story, an entity, the site's own name", () => {
    expect(messages(articleSchema, { ...ARTICLE, title: "Kyiv \u202Eexe.txt" })).toEqual([
      expect.stringMatching(/^title: has U\+202E \(right-to-left override\) at character 6/),
    ]);
    expect(messages(articleSchema, { ...ARTICLE, title: "A report", authors: ["\u2067Name"] })).toEqual([
      expect.stringMatching(/^authors\[0\]: has U\+2067 .* never closed/),
    ]);
    expect(messages(sourceSchema, { id: "a", name: "Alpha \u202D", url: "https://a.example" })).toHaveLength(1);
    expect(messages(storySchema, { id: "s", title: "\u202BThe story" })).toHaveLength(1);
    expect(messages(entitySchema, { id: "e", name: "Kursk\u2068", type: "place" })).toHaveLength(1);
  });

  it("a text of invisible characters only is empty", () => {
    for (const invisible of ["\u200B", "\u00AD\u2060", "\uFEFF \u200D", "\u180E", "\u200C\u034F\uFE0F", "\u3164"])
      expect(isInvisible(invisible), JSON.stringify(invisible)).toBe(true);
    for (const visible of ["a", "\u200Ba", "—", "😀"]) expect(isInvisible(visible)).toBe(false);
    expect(messages(articleSchema, { ...ARTICLE, title: "\u200B\u00AD" })).toEqual([
      "title: must not be empty (it holds only invisible characters, such as zero-width spaces or soft hyphens)",
    ]);
    expect(messages(articleSchema, { ...ARTICLE, title: "  " })).toEqual(["title: must not be empty"]);
  });

  it("invisible characters inside a name do not stop it matching, in the text or in the spelling; the text is shown as written", () => {
    const matcher = new MentionMatcher([
      { name: "Volodymyr Zelenskyy", target: "zelenskyy" },
      { name: "Kur\u00ADsk", target: "kursk" },
    ]);
    const found = (text: string) =>
      matcher.scan(text).map((h) => [h.target, text.slice(h.index, h.index + h.length), h.text]);
    expect(found("Volodymyr Zelen\u00ADskyy in Kursk")).toEqual([
      ["zelenskyy", "Volodymyr Zelen\u00ADskyy", "Volodymyr Zelenskyy"],
      ["kursk", "Kursk", "Kursk"],
    ]);
    expect(found("Zelenskyy, Volodymyr\u200B Zelen\u2060skyy, Kur\u200Bsk.")).toEqual([
      ["zelenskyy", "Volodymyr\u200B Zelen\u2060skyy", "Volodymyr Zelenskyy"],
      ["kursk", "Kur\u200Bsk", "Kursk"],
    ]);
    // still whole words only
    expect(found("Kurskaya")).toEqual([]);
    expect(nameKey("Zelen\u00ADskyy\uFEFF")).toBe("Zelenskyy");
  });

  it("letters of two look-alike scripts in one word are refused in names, aliases, source names and story titles", () => {
    const latinI = "Сибiга"; // a Latin i in a Cyrillic name
    expect(messages(entitySchema, { id: "e", name: latinI, type: "person" })).toEqual([
      expect.stringMatching(/^name: mixes Cyrillic and Latin letters in one word \("Сибiга": "i" is Latin\)/),
    ]);
    expect(messages(entitySchema, { id: "e", name: "Andrii Sybiha", aliases: [latinI], type: "person" })).toEqual([
      expect.stringMatching(/^aliases\[0\]: mixes Cyrillic and Latin/),
    ]);
    const cyrillicI = "Kyіv Independent"; // a Cyrillic і in a Latin name
    expect(messages(sourceSchema, { id: "k", name: cyrillicI, url: "https://k.example" })).toEqual([
      expect.stringMatching(/^name: mixes Latin and Cyrillic letters in one word \("Kyіv": "і" is Cyrillic\)/),
    ]);
    expect(messages(storySchema, { id: "s", title: `Talks in ${cyrillicI}` })).toHaveLength(1);
    // a report's own headline is printed as the outlet wrote it
    expect(messages(articleSchema, { ...ARTICLE, title: cyrillicI })).toEqual([]);
    expect(messages(sourceSchema, { id: "k", name: "Новая газета / Novaya Gazeta", url: "https://k.example" })).toEqual(
      [],
    );
  });

  it("case is folded fully for shared text: ß is ss, ﬁ is fi, every sigma the same", () => {
    expect(fold("Straße")).toBe("strasse");
    expect(fold("STRAẞE")).toBe("strasse");
    expect(fold("ﬁnal")).toBe("final");
    expect(fold("ΟΔΟΣ")).toBe(fold("οδος"));
    expect(fold("οδοσ")).toBe(fold("οδος"));
    const vocabulary = new Map<string, number>();
    const ids = (text: string) => Array.from(tokenize(text, vocabulary).ids);
    expect(ids("THE BRIDGE ON THE HAUPTSTRASSE STAYS CLOSED FOR SIX WEEKS, OFFICIALS SAID")).toEqual(
      ids("The bridge on the Hauptstraße stays closed for six weeks, officials said"),
    );
  });

  it('a passage copied as "STRASSE" from one that says "Straße" is one shared passage, word for word', () => {
    const text =
      "Officials said on Monday that the bridge on the Straße des 17. Juni would stay closed for at least six weeks while engineers examine the cracks.";
    const report = (sourceId: string, paragraph: string): SharedTextReport => ({
      key: `${sourceId}/report`,
      sourceId,
      storyId: "s",
      paragraphs: [paragraph],
      epochMs: Date.parse(sourceId === "alpha" ? "2025-03-03" : "2025-03-04"),
      hasTime: false,
      day: sourceId === "alpha" ? "2025-03-03" : "2025-03-04",
    });
    const [pairs] = storiesSharedText([[report("alpha", text), report("beta", text.toUpperCase())]]);
    expect(text.toUpperCase()).toContain("STRASSE");
    expect(pairs).toHaveLength(1);
    expect(pairs![0]!.passages).toHaveLength(1);
    expect(pairs![0]!.share).toEqual({ a: 100, b: 100 });
  });
});

describe("text that breaks the tools it is printed to", () => {
  const crafted = {
    file: "_data/claims.json",
    line: 4,
    column: 5,
    field: '[0] (id "x").citations[0].quote',
    message: 'quote not found in article "alpha/report": "said\n::add-mask::secret" and "\r::warning::x"',
  };

  it("a problem is one line: line breaks, controls and bidi controls escaped, never a workflow command", () => {
    const line = formatProblem(crafted);
    expect(line.split(/[\n\r\u2028\u2029]/)).toHaveLength(1);
    expect(line).toContain('"said\\n::add-mask::secret" and "\\r::warning::x"');
    expect(printable("a\tb\u0085c\u202Ed\u2028e\u001B[31m")).toBe("a\\tb\\u{0085}c\\u{202E}d\\u{2028}e\\u{001B}[31m");
    expect(printable("::add-mask::secret")).toBe("» ::add-mask::secret");
    expect(printable("  ::warning::x")).toMatch(/^» /);
    expect(formatProblem({ file: "\n::error::x", message: "m" })).not.toMatch(/^\s*::/m);
  });

  it("every format of npm run check: no line a log would read as a command; JSON stays valid and exact", () => {
    const problems = [crafted, { ...crafted, severity: "warning" as const, message: "\u2028::warning::y\u202E" }];
    for (const format of ["text", "github"] as const) {
      const out = formatReport(problems, format);
      for (const l of out.split(/\r\n|\r|\n/))
        expect(l, format).toMatch(format === "github" ? /^::(error|warning) file=[^\n]*::[^:]/ : /^[^:]/);
      expect(out.split("\n")).toHaveLength(2);
    }
    const json = formatReport(problems, "json");
    expect(json).not.toMatch(/[\u2028\u2029\u202E]/);
    expect(JSON.parse(json).map((p: { message: string }) => p.message)).toEqual(problems.map((p) => p.message));
    expect(
      summaryTable(problems, "Check")
        .split("\n")
        .filter((l) => /^\s*::/.test(l)),
    ).toEqual([]);
  });

  it("markdown nested deeper than 100 levels is found (line and depth), in a parsed body and by the check", () => {
    const deep = `Para.\n\n${"*".repeat(5000)}x${"*".repeat(5000)}\n`;
    expect(parseBody(deep).tooDeep).toEqual({ line: 2, depth: expect.any(Number) });
    expect(parseBody(deep).tooDeep!.depth).toBeGreaterThan(100);
    expect(deepNesting(deep)?.line).toBe(2);
    const words = `${"*a ".repeat(3000)}x${" b*".repeat(3000)}`;
    expect(deepNesting(`One.\n\nTwo.\n\n${words}`)?.line).toBe(4);
    // blockquotes and lists: markdown-it stops them at its own limit
    expect(deepNesting(`${"> ".repeat(3000)}deep`)).toBeUndefined();
    // ordinary text, even with many marks, is not
    const ordinary = Array.from({ length: 300 }, (_, i) => `- item *${i}* with [a link](https://a.example/${i})`).join(
      "\n",
    );
    expect(deepNesting(ordinary)).toBeUndefined();
    expect(parseBody(ordinary).tooDeep).toBeUndefined();
  });
});

describe("files as editors save them", () => {
  it("classic Mac line endings (CR only): front matter, body and positions", () => {
    const text = "---\rtitle: A report\rsource: alpha\rdate: 2024-09-16\rtags: [a, b]\r---\rFirst.\r\rSecond.\r";
    const f = parseMarkdownFile(text);
    expect(f.data).toEqual({ title: "A report", source: "alpha", date: "2024-09-16", tags: ["a", "b"] });
    expect(f.body).toBe("First.\n\nSecond.\n");
    expect(f.bodyLine).toBe(7);
    expect(f.locate(["date"])).toEqual({ line: 4, column: 1 });
    expect(f.locate(["tags", 1])).toEqual({ line: 5, column: 11 });
    // a YAML error's line too
    const broken = "---\rtitle: A report\rsource: alpha\rnote: a: b\r---\rBody.\r";
    expect(() => parseMarkdownFile(broken)).toThrow(FileProblem);
    try {
      parseMarkdownFile(broken);
    } catch (e) {
      expect((e as FileProblem).position).toEqual({ line: 4, column: 8 });
    }
  });

  it("classic Mac line endings in JSON: every position on its line", () => {
    const json = parseJsonFile('[\r  {\r    "id": "alpha",\r    "url": "x"\r  }\r]\r');
    expect(json.locate([0, "url"])).toEqual({ line: 4, column: 5 });
    const missing = '[\r  { "id": "a" }\r  { "id": "b" }\r]';
    expect(() => parseJsonFile(missing)).toThrow(/a comma is missing after }/);
    try {
      parseJsonFile(missing);
    } catch (e) {
      expect((e as FileProblem).position).toEqual({ line: 2, column: 16 });
    }
  });

  it("front matter may end with YAML's `...`", () => {
    const f = parseMarkdownFile("---\ntitle: A report\nsource: alpha\ndate: 2024-09-16\n...\nThe text.\n");
    expect(f.data.title).toBe("A report");
    expect(f.body).toBe("The text.\n");
    expect(f.bodyLine).toBe(6);
    // `...` opens nothing: a file must still start with ---
    expect(() => parseMarkdownFile("...\ntitle: x\n...\n")).toThrow(/has no front matter/);
  });

  it("the advice for an unclosed list, when followed, gives a file that reads", () => {
    for (const [line, fixed] of [
      ["tags: [a, b", "tags: [a, b]"],
      ['authors: ["A. Writer", "B. Writer"', 'authors: ["A. Writer", "B. Writer"]'],
      ["related: [{ title: One }, { title: Two", "related: [{ title: One }, { title: Two}]"],
    ] as const) {
      const file = (l: string) => `---\ntitle: A report\n${l}\nsource: alpha\ndate: 2024-09-16\n---\nText.\n`;
      let advice = "";
      try {
        parseMarkdownFile(file(line));
      } catch (e) {
        advice = (e as FileProblem).message;
        expect((e as FileProblem).field).toBe(line.split(":")[0]);
        expect((e as FileProblem).position).toEqual({ line: 3, column: line.length + 1 });
      }
      expect(advice).toMatch(/is not closed: end it with [\]}]+ on the same line: /);
      const advised = advice.split(" on the same line: ")[1] ?? "";
      expect(advised).toBe(fixed);
      const data = parseMarkdownFile(file(advised)).data;
      expect(messages(articleSchema, data)).toEqual([]);
    }
    // a list that goes on to the next line ends after its last item, wherever that is
    expect(() => parseMarkdownFile("---\ntitle: x\ntags: [a,\n  b\nsource: alpha\n---\n")).toThrow(
      /the list of tags is not closed: end it with \] after its last item$/,
    );
    // a title that only starts with [ is still to be quoted: closing it would make it a list
    expect(() => parseMarkdownFile("---\ntitle: [Video] Talks\nsource: alpha\n---\n")).toThrow(
      /the value of title starts with \[, so it must be in quotes: title: "\[Video\] Talks"/,
    );
  });
});
