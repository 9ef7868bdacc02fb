/**
 * Hostile and unusual input, round two: every folder in test/fixtures/hostile/ is a content tree
 * built through the real CLI. Each case builds (and what it publishes is checked) or fails with
 * exit 1 and a line `file:line:column: field: message`. None may hang, print a stack trace or
 * leave a staging folder; every XML file of every build that succeeds is checked by a conforming
 * parser (helpers/build-async.ts), and no page or feed may carry a control character.
 */
import fs from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCorpus, type AsyncBuildRun, runBuildAsync } from "./helpers/build-async.ts";
import { buildSample } from "./helpers/build-tree.ts";
import { ROOT, SAMPLE, listFiles, tempDir } from "./helpers/site.ts";
import { xmlError } from "./helpers/xml.ts";

const CORPUS = path.join(ROOT, "test", "fixtures", "hostile");
const ARTICLE = "src/articles/alpha/report.md";
/** What no published text file may contain (besides tab, line feed and carriage return). */
const UNSAFE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF\uFFFD]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Fails {
  file: string;
  field?: string;
  message: RegExp;
  /** "line:column" */
  at?: string;
}
interface Case {
  name: string;
  expect: "builds" | Fails;
  /** A warning line the build must print (builds only). */
  warns?: RegExp[];
  prepare?: (dir: string) => Promise<void> | void;
  check?: (dist: string, run: AsyncBuildRun) => void;
}
const fails = (file: string, field: string | undefined, message: RegExp, at?: string): Fails => ({
  file,
  field,
  message,
  at,
});
const page = (dist: string, rel: string) => cheerio.load(fs.readFileSync(path.join(dist, rel), "utf8"));
const report = (dist: string) => page(dist, "sources/alpha/report/index.html");
const jsonLd = ($: cheerio.CheerioAPI) =>
  $('script[type="application/ld+json"]')
    .map((_, s) => JSON.parse($(s).text()))
    .get();

const CASES: Case[] = [
  // 1. pictures: SVG and anything that is not a raster picture, by content; symlinks out of the project
  {
    name: "svg-image",
    expect: fails(ARTICLE, "image.src", /"drawing\.svg" is an SVG drawing: SVG can carry script/, "6:3"),
  },
  { name: "svg-named-png", expect: fails(ARTICLE, "image.src", /"photo\.png" is an SVG drawing/) },
  { name: "svgz-image", expect: fails(ARTICLE, "image.src", /"drawing\.svgz" is an SVG drawing/) },
  {
    name: "text-named-jpg",
    expect: fails(ARTICLE, "image.src", /"photo\.jpg" is not a JPEG, PNG, GIF, WebP or AVIF picture/),
  },
  {
    name: "image-symlink-outside",
    expect: fails(ARTICLE, "image.src", /"photo\.png" is a symbolic link pointing outside the project/),
    prepare: async (dir) => {
      const outside = path.join(tempDir("outside-"), "photo.png");
      await sharp({ create: { width: 4, height: 4, channels: 3, background: "#c00" } })
        .png()
        .toFile(outside);
      fs.symlinkSync(outside, path.join(dir, "src/articles/alpha/photo.png"));
    },
  },
  {
    name: "png-image-ok",
    expect: "builds",
    check: (d) => {
      const src = report(d)("figure.report-image img").attr("src") ?? "";
      expect(src).toMatch(/^\/img\/.*\.png$/);
      expect(listFiles(path.join(d, "img")).every((f) => !/\.svgz?$/i.test(f))).toBe(true);
    },
  },

  // 2. characters no page or feed may carry: removed, each removal a warning with file, field and line
  {
    name: "vertical-tab-in-body",
    expect: "builds",
    warns: [/^ {2}- src\/articles\/alpha\/report\.md:6:30: U\+000B \(a control character\) removed \(and 3 more\)/],
  },
  {
    name: "noncharacter-in-title",
    expect: "builds",
    warns: [
      /report\.md:2:1: title: U\+FFFE \(a noncharacter\) removed/,
      /report\.md:5:1: summary: U\+000B \(a control character\) removed \(and 1 more\)/,
    ],
    check: (d) => expect(report(d)("h1").text()).toBe("A report  with a noncharacter"),
  },
  {
    name: "controls-in-json",
    expect: "builds",
    warns: [
      /_data\/sources\.json:1:16: \[0\]\.name: U\+000B/,
      /_data\/stories\.json:1:47: \[0\]\.summary: U\+DC00 \(half of a character\)/,
    ],
    check: (d) => expect(page(d, "sources/alpha/index.html")("h1").text()).toContain("Alpha News"),
  },

  // 3. offsets out of range
  {
    name: "offset-99-99",
    expect: fails(ARTICLE, "date", /has the offset \+99:99, whose minutes are not below 60/, "4:1"),
  },
  {
    name: "offset-minutes-60",
    expect: fails(ARTICLE, "date", /has the offset \+03:60, whose minutes are not below 60/),
  },
  { name: "offset-plus-15", expect: fails(ARTICLE, "date", /offsets run from -12:00 to \+14:00/) },
  { name: "offset-minus-13", expect: fails(ARTICLE, "date", /offsets run from -12:00 to \+14:00/) },
  {
    name: "offset-edges-ok",
    expect: "builds",
    check: (d) => {
      expect(report(d)("time").first().attr("datetime")).toBe("2024-09-16T10:00:00+14:00");
      expect(page(d, "sources/alpha/other/index.html")("time").first().attr("datetime")).toBe(
        "2024-09-16T10:00:00+05:45",
      );
    },
  },

  // 4. the search step failing: one clear line, exit 1, nothing written
  {
    name: "pagefind-panic-language",
    expect: {
      file: "Build failed",
      message: /^Build failed: the search index could not be built \(Pagefind failed\): .*panicked/,
    },
  },

  // 5. names split by a line break
  {
    name: "name-across-line-break",
    expect: "builds",
    check: (d) => {
      const $ = report(d);
      expect($('a[data-entity="kursk-region"]').text()).toBe("Kursk\nregion");
      expect($('a[data-entity="kursk"]').length).toBe(0);
      expect($('a[data-entity="red-cross"]').text()).toBe("International Committee\nof the Red Cross");
      expect(page(d, "entities/kursk-region/index.html")(`a[href="/sources/alpha/report/"]`).length).toBeGreaterThan(0);
    },
  },
  {
    name: "name-across-crlf",
    expect: "builds",
    check: (d) => expect(report(d)('a[data-entity="kursk-region"]').length).toBe(1),
  },

  // 6. files that would not be published are named
  {
    name: "uppercase-md-extension",
    expect: fails(
      "src/articles/alpha/report.MD",
      undefined,
      /is not published: an article's file name ends in \.md \(rename it to report\.md\)/,
    ),
  },
  {
    name: "markdown-capitalised",
    expect: fails("src/articles/alpha/second.Markdown", undefined, /rename it to second\.md/),
  },
  { name: "txt-report", expect: fails("src/articles/alpha/notes.txt", undefined, /is not published/) },
  {
    name: "editor-swap-file",
    expect: "builds",
    warns: [
      /alpha\/\.report\.md\.swp: is an editor's temporary or hidden file/,
      /alpha\/report\.md~: is an editor's temporary/,
    ],
  },
  {
    name: "stray-file-at-top",
    expect: "builds",
    warns: [/src\/articles\/README: is not in a source folder and is not published/],
  },

  // 7. addresses that would collide with a listing page
  {
    name: "numeric-slug",
    expect: fails("src/articles/alpha/2.md", undefined, /is only digits: \/sources\/alpha\/2\/ is where page 2/),
  },
  { name: "numeric-slug-long", expect: fails("src/articles/alpha/2024.md", undefined, /is only digits/) },

  // 10. a quote must lie in one block
  {
    name: "quote-across-paragraphs",
    expect: fails("_data/events.json", '[0] (id "e").citations[0].quote', /quote runs across two paragraphs/, "9:9"),
  },
  {
    name: "quote-across-list-items",
    expect: fails("_data/events.json", '[0] (id "e").citations[0].quote', /quote runs across two paragraphs/),
  },
  {
    name: "quote-in-one-paragraph-ok",
    expect: "builds",
    check: (d) => expect(report(d)("#p1").text()).toContain("The first paragraph"),
  },

  // 12. summaries cut on grapheme boundaries
  ...["emoji-at-summary-cut", "flag-at-summary-cut"].map(
    (name): Case => ({
      name,
      expect: "builds",
      check: (d) => {
        const $ = report(d);
        const description = $('meta[name="description"]').attr("content") ?? "";
        expect(description).toMatch(/…$/);
        expect(description).not.toMatch(UNSAFE);
        const ld = jsonLd($).find((j) => j["@type"] === "NewsArticle");
        expect(ld.description).toBe(description);
        expect(JSON.stringify(ld.description)).not.toMatch(/\\ud[89a-f]/i);
      },
    }),
  ),

  // 13. the same thing twice in one list
  {
    name: "duplicate-entity-in-event",
    expect: fails("_data/events.json", '[0] (id "e").entities[1]', /"un" is listed twice/),
  },
  {
    name: "duplicate-citation",
    expect: fails(
      "_data/claims.json",
      '[0] (id "c").citations[1]',
      /cites the same words of "alpha\/report" as citations\[0\]/,
    ),
  },

  // 14. JSON: duplicate keys, trailing commas
  {
    name: "duplicate-json-key-sources",
    expect: fails("_data/sources.json", "[0].name", /duplicate key "name" \(also at line 4\)/, "5:5"),
  },
  {
    name: "duplicate-json-key-site",
    expect: fails("_data/site.json", "title", /duplicate key "title" \(also at line 2\)/, "6:3"),
  },
  {
    name: "trailing-comma-json",
    expect: fails(
      "_data/stories.json",
      undefined,
      /is not valid JSON: remove the trailing comma after \} \(JSON allows no comma before a closing \]\)$/,
      "2:46",
    ),
  },

  // 15. updated on the same day as a date-only date
  {
    name: "updated-same-day",
    expect: "builds",
    check: (d) => expect(report(d)("time").eq(1).attr("datetime")).toBe("2024-09-16T09:00:00+10:00"),
  },
  { name: "updated-same-day-date-only", expect: "builds" },
  { name: "updated-earlier-same-day", expect: fails(ARTICLE, "updated", /is before date/, "5:1") },

  // YAML values that need quotes: the fix, not the parser's words
  {
    name: "yaml-colon-in-title",
    expect: fails(
      ARTICLE,
      "title",
      /the value of title has ": " in it, so it must be in quotes: title: "Ukraine: what next for Kursk"$/,
      "2:15",
    ),
  },
  {
    name: "yaml-leading-quote",
    expect: fails(
      ARTICLE,
      "title",
      /the value of title starts with ", so it must be in quotes: title: '"Pure provocation", says the Kremlin'$/,
    ),
  },

  // 7. round three: text that lies about itself, text that breaks tools, files as editors save them
  {
    name: "bidi-override-in-title",
    expect: fails(
      ARTICLE,
      "title",
      /has U\+202E \(right-to-left override\) at character 3, which shows the text after it in an order other than as written; remove it/,
      "2:1",
    ),
  },
  {
    name: "invisible-title",
    expect: fails(ARTICLE, "title", /must not be empty \(it holds only invisible characters/, "2:1"),
  },
  {
    name: "invisible-characters-in-names",
    expect: "builds",
    check: (d) => {
      const $ = report(d);
      expect($('a[data-entity="zelenskyy"]').text()).toBe("Volodymyr Zelen\u00ADskyy");
      expect($('a[data-entity="kursk"]').text()).toBe("Kur\u200Bsk");
    },
  },
  {
    name: "deeply-nested-emphasis",
    // 10,000 nested emphasis marks once overflowed the stack of the page tools after markdown-it
    expect: fails(ARTICLE, undefined, /the text nests \d+ levels deep .*at most 100/, "10"),
    prepare: (dir) => {
      const n = 10_000;
      const file = path.join(dir, ARTICLE);
      const deep = `${"*".repeat(n)}x${"*".repeat(n)}\n\n${"> ".repeat(n)}deep\n`;
      fs.writeFileSync(file, `${fs.readFileSync(file, "utf8")}\n${deep}`);
    },
  },
  {
    name: "classic-mac-line-endings",
    expect: "builds",
    check: (d) => {
      const $ = report(d);
      expect($("h1").text()).toBe("A report");
      expect($(".report-body p")).toHaveLength(2);
      // the CR is a line break: the name across it is the Kursk region, as written
      expect($('a[data-entity="kursk-region"]').text()).toBe("Kursk\nregion");
      expect($(".report-body").html()).not.toContain("\r");
    },
  },
  {
    name: "front-matter-ends-with-dots",
    expect: "builds",
    check: (d) => expect(report(d)("h1").text()).toBe("A report"),
  },
  {
    name: "sources-missing-comma",
    expect: fails(
      "_data/sources.json",
      undefined,
      /is not valid JSON: a comma is missing after "name": "Beta Post"$/,
      "9:24",
    ),
  },
];

const STACK_LINE = /^\s{4}at /m;
let runs: Map<string, AsyncBuildRun>;
let work: string;

beforeAll(async () => {
  work = tempDir("hostile-");
  runs = await buildCorpus(CORPUS, CASES, work, 120_000);
}, 900_000);

describe("hostile input, round two", () => {
  it("the table covers every folder of the corpus", () => {
    const folders = fs
      .readdirSync(CORPUS, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(CASES.map((c) => c.name).sort()).toEqual(folders);
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const run = runs.get(c.name)!;
    const log = `${run.stdout}\n${run.stderr}`;
    expect(run.timedOut, `${c.name} hung`).toBe(false);
    expect(log, `${c.name} printed a stack trace:\n${log}`).not.toMatch(STACK_LINE);
    expect(log, "Eleventy's own lines stay out of the build's output").not.toMatch(/\[11ty\]/);
    expect(
      fs.readdirSync(work).filter((n) => n.startsWith(`.${c.name}-dist-building`)),
      "staging folder left behind",
    ).toEqual([]);
    if (c.expect === "builds") {
      expect(run.status, log).toBe(0);
      for (const w of c.warns ?? [])
        expect(
          run.stderr.split("\n").some((l) => w.test(l)),
          `no warning matching ${w} in:\n${run.stderr}`,
        ).toBe(true);
      for (const f of listFiles(run.output).filter((f) => /\.(html|xml|json|txt)$/.test(f))) {
        expect(fs.readFileSync(path.join(run.output, f), "utf8"), f).not.toMatch(UNSAFE);
      }
      c.check?.(run.output, run);
      return;
    }
    expect(run.status, log).toBe(1);
    expect(fs.existsSync(run.output), "a failed build wrote no output").toBe(false);
    const e = c.expect;
    if (e.file === "Build failed") {
      expect(
        run.stderr.split("\n").filter((l) => e.message.test(l)),
        run.stderr,
      ).toHaveLength(1);
      return;
    }
    const escapeRegExp = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const prefix = new RegExp(
      `^  - ${escapeRegExp(e.file)}${e.at ? `:${e.at}` : "(?::\\d+:\\d+)?"}: ${e.field ? `${escapeRegExp(e.field)}: ` : ""}`,
    );
    const line = run.stderr.split("\n").find((l) => prefix.test(l) && e.message.test(l));
    expect(line, `expected a line matching ${prefix} and ${e.message} in:\n${run.stderr}`).toBeDefined();
  });
});

describe("the strict XML check itself", () => {
  it("refuses what feed readers refuse, and accepts the escaped forms", () => {
    expect(xmlError("<a>\u000b</a>")).toBeDefined();
    expect(xmlError("<a>\ufffe</a>")).toBeDefined();
    expect(xmlError("<a>&#11;</a>")).toBeDefined();
    expect(xmlError("<a>&lt;b&gt; &amp; \u00e9 \ud83d\ude00</a>")).toBeUndefined();
  });
});

describe("PATH_PREFIX that would break every address", () => {
  it.each(["/my news/", "/a#b/", "/a?b/", "/50%/", "/../x/"])(
    "%j is refused before anything is built",
    async (prefix) => {
      const output = path.join(tempDir(), "dist");
      const run = await runBuildAsync({
        output,
        args: ["--path-prefix", prefix],
        env: { CONTENT_ROOT: path.join(CORPUS, "quote-in-one-paragraph-ok") },
      });
      expect(run.status).toBe(1);
      // one line, naming the setting, before anything is built
      expect(run.stderr.trim()).toMatch(
        /^PATH_PREFIX: the path prefix ".*" has ".*", which would break every address[^\n]*$/,
      );
      expect(fs.existsSync(output)).toBe(false);
    },
  );
});

describe("escaping: every content attribute decodes to the intended text", () => {
  it("no meta content of any page of the sample is escaped twice; entity and story descriptions come out exactly", async () => {
    const dist = await buildSample();
    const entities = JSON.parse(fs.readFileSync(path.join(SAMPLE, "_data", "entities.json"), "utf8")) as {
      id: string;
      description?: string;
    }[];
    const stories = JSON.parse(fs.readFileSync(path.join(SAMPLE, "_data", "stories.json"), "utf8")) as {
      id: string;
      summary?: string;
    }[];
    const pages = listFiles(dist).filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(5);
    let metas = 0;
    for (const f of pages) {
      const $ = page(dist, f);
      metas += $("meta[content]").length;
      $("meta[content]").each((_, el) => {
        expect($(el).attr("content"), `${f} ${$.html(el)}`).not.toMatch(/&(#\d+|#x[0-9a-f]+|[a-z]+);/i);
      });
    }
    expect(metas).toBeGreaterThan(pages.length);
    expect(entities.filter((e) => e.description).length).toBeGreaterThan(0);
    expect(stories.filter((s) => s.summary).length).toBeGreaterThan(0);
    for (const e of entities.filter((e) => e.description)) {
      const $ = page(dist, `entities/${e.id}/index.html`);
      expect($('meta[name="description"]').attr("content")).toBe(e.description);
      expect($('meta[property="og:description"]').attr("content")).toBe(e.description);
    }
    for (const s of stories.filter((s) => s.summary))
      expect(page(dist, `stories/${s.id}/index.html`)('meta[name="description"]').attr("content")).toBe(s.summary);
  });
});
