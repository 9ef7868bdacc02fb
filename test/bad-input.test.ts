/**
 * The bad-input corpus (issue 7): every folder in test/fixtures/bad-input/ is a tiny content
 * tree, built with CONTENT_ROOT through the real CLI. Each case either builds (and the check
 * says what the page shows) or fails with exit code 1 and one line naming the file and the
 * field. None may hang or print a stack trace.
 */
import fs from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCorpus, type AsyncBuildRun } from "./helpers/build-async.ts";
import { ROOT, tempDir } from "./helpers/site.ts";

const CORPUS = path.join(ROOT, "test", "fixtures", "bad-input");
const ARTICLE = "src/articles/alpha/report.md";

interface Case {
  name: string;
  /** What the editor gets: "builds", or the file (and field) named in the error line. */
  expect: "builds" | { file: string; field?: string; message: RegExp; at?: string };
  /** Changes made to the copied tree before the build (large files, symlinks). */
  prepare?: (dir: string) => void;
  /** For cases that build: what the built site must show. */
  check?: (dist: string) => void;
}

const page = (dist: string, slug = "report") =>
  cheerio.load(fs.readFileSync(path.join(dist, "sources", "alpha", slug, "index.html"), "utf8"));

/** The build fails with a line `file[:line:column]: field: message`; `at` (`"2:8"`) checks the position. */
const fails = (file: string, field: string | undefined, message: RegExp, at?: string) => ({ file, field, message, at });

/** A message matched in full (to the end of the line). */
const exactly = (text: string) => new RegExp(`: ${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);

/** The table: one row per folder in the corpus. */
const CASES: Case[] = [
  // ---- builds
  { name: "ok-baseline", expect: "builds", check: (d) => expect(page(d)("h1").text()).toBe("A report") },
  { name: "bom", expect: "builds", check: (d) => expect(page(d)("h1").text()).toBe("A report") },
  {
    name: "crlf-line-endings",
    expect: "builds",
    check: (d) => {
      const $ = page(d);
      expect($("h1").text()).toBe("A report");
      expect($(".report-body p")).toHaveLength(2);
      expect($(".report-body").html()).not.toContain("\r");
    },
  },
  {
    name: "tabs-in-values-and-body",
    expect: "builds",
    check: (d) => {
      const $ = page(d);
      expect($("h1").text()).toBe("A\treport with a tab");
      expect($(".report-body pre code").text()).toBe("indented code block\n");
    },
  },
  {
    name: "template-syntax-in-body",
    expect: "builds",
    check: (d) => {
      const text = page(d)(".report-body").text();
      for (const s of ["{{ 7*7 }}", '{% include "x.njk" %}', "{% endif %}", "{# comment #}"]) expect(text).toContain(s);
      expect(text).not.toContain("49");
    },
  },
  {
    name: "template-syntax-in-title",
    expect: "builds",
    check: (d) => {
      const $ = page(d);
      expect($("h1").text()).toBe("{{ 7*7 }} {% endif %}");
      expect($("title").text()).toMatch(/^\{\{ 7\*7 \}\} \{% endif %\} · /);
      expect($('meta[name="description"]').attr("content")).toBe("{% include 'x' %}");
    },
  },
  {
    name: "raw-html-in-body",
    expect: "builds",
    check: (d) => {
      const $ = page(d);
      expect($("main script, main [onclick], .report-body b")).toHaveLength(0);
      expect($(".report-body").text()).toContain("<script>alert(1)</script>");
      expect($(".report-body").text()).toContain('<div onclick="x()">pasted</div>');
    },
  },
  {
    name: "date-time-with-offset",
    expect: "builds",
    check: (d) => {
      const $ = page(d);
      expect($(".report-meta time").first().attr("datetime")).toBe("2024-09-16T23:30:00-07:00");
      expect($(".report-meta time").first().text()).toBe("16 September 2024, 23:30 UTC−7");
    },
  },
  {
    name: "unquoted-date-is-text",
    expect: "builds",
    check: (d) => expect(page(d)(".report-meta time").first().attr("datetime")).toBe("2024-09-16"),
  },
  { name: "no-stories-json", expect: "builds" },
  {
    name: "large-body",
    expect: "builds",
    // a 5 MB body: generated here, never committed
    prepare: (dir) => {
      const para =
        "This paragraph is repeated to make a very long article body, five megabytes in all. ".repeat(10) + "\n\n";
      const body = para.repeat(Math.ceil((5 * 1024 * 1024) / para.length));
      fs.writeFileSync(path.join(dir, ARTICLE), `---\ntitle: A report\nsource: alpha\ndate: 2024-09-16\n---\n${body}`);
    },
    check: (d) =>
      expect(fs.statSync(path.join(d, "sources/alpha/report/index.html")).size).toBeGreaterThan(5 * 1024 * 1024),
  },
  { name: "yaml-unknown-tag", expect: "builds", check: (d) => expect(page(d)("h1").text()).toBe("A report") },

  // ---- fails: the file itself
  { name: "invalid-utf8", expect: fails(ARTICLE, undefined, /is not valid UTF-8 \(first bad byte at offset \d+\)/) },
  { name: "empty-file", expect: fails(ARTICLE, undefined, /is empty/) },
  { name: "whitespace-only-file", expect: fails(ARTICLE, undefined, /is empty/) },
  { name: "no-front-matter", expect: fails(ARTICLE, undefined, /has no front matter/) },
  { name: "unclosed-front-matter", expect: fails(ARTICLE, undefined, /front matter is not closed/) },
  { name: "empty-body", expect: fails(ARTICLE, undefined, /has no body/) },
  {
    name: "symlink-outside-project",
    expect: fails(ARTICLE, undefined, /is a symbolic link pointing outside the project/),
    prepare: (dir) => {
      const outside = path.join(tempDir("outside-"), "secret.md");
      fs.writeFileSync(outside, "---\ntitle: Secret\nsource: alpha\ndate: 2024-09-16\n---\nNot part of the site.\n");
      fs.mkdirSync(path.join(dir, "src/articles/alpha"), { recursive: true });
      fs.symlinkSync(outside, path.join(dir, ARTICLE));
    },
  },
  {
    name: "symlinked-source-folder",
    expect: fails("src/articles/alpha", undefined, /is a symbolic link: source folders must be real folders/),
    prepare: (dir) => {
      const outside = tempDir("outside-");
      fs.writeFileSync(
        path.join(outside, "report.md"),
        "---\ntitle: Secret\nsource: alpha\ndate: 2024-09-16\n---\nNot part of the site.\n",
      );
      fs.mkdirSync(path.join(dir, "src/articles"), { recursive: true });
      fs.symlinkSync(outside, path.join(dir, "src/articles/alpha"));
    },
  },

  // ---- fails: YAML front matter
  {
    name: "malformed-yaml",
    expect: fails(ARTICLE, "title", /front matter is not valid YAML: Missing closing "quote/, "2:8"),
  },
  { name: "duplicate-yaml-key", expect: fails(ARTICLE, "title", /not valid YAML: Map keys must be unique/, "5:1") },
  {
    name: "tabs-as-indentation",
    expect: fails(ARTICLE, "image", /not valid YAML: Tabs are not allowed as indentation/, "6:1"),
  },
  { name: "yaml-alias-bomb", expect: fails(ARTICLE, undefined, /Excessive alias count/) },
  {
    name: "front-matter-is-a-list",
    expect: fails(ARTICLE, undefined, /front matter must be a set of `key: value` lines/),
  },

  // ---- fails: one field of the front matter
  { name: "date-2024-02-30", expect: fails(ARTICLE, "date", /"2024-02-30" is not a calendar date/) },
  { name: "date-time-without-offset", expect: fails(ARTICLE, "date", /has a time but no offset/) },
  { name: "updated-before-date", expect: fails(ARTICLE, "updated", /is before date \(2024-09-15 < 2024-09-16\)/) },
  { name: "title-10000-chars", expect: fails(ARTICLE, "title", /is too long \(at most 300 characters\)/) },
  { name: "missing-title", expect: fails(ARTICLE, "title", /is required/) },
  { name: "non-string-title", expect: fails(ARTICLE, "title", /expected the headline \(got number 42\)/) },
  { name: "binary-tag-title", expect: fails(ARTICLE, "title", /expected the headline \(got an object\)/) },
  { name: "tags-not-a-list", expect: fails(ARTICLE, "tags", /expected a list of tags/) },
  {
    name: "unknown-front-matter-key",
    expect: fails(ARTICLE, "titel", /unknown key \(did you mean "title"\?\); allowed keys: title, source, date/),
  },
  { name: "proto-key", expect: fails(ARTICLE, "__proto__", /unknown key/) },
  {
    name: "javascript-article-url",
    expect: fails(ARTICLE, "url", /expected an absolute http:\/\/ or https:\/\/ address/),
  },
  {
    name: "javascript-image-src",
    expect: fails(ARTICLE, "image.src", /expected a relative file path or an http:\/\/ or https:\/\/ address/),
  },
  { name: "image-src-without-alt", expect: fails(ARTICLE, "image.alt", /is required when the image has a src/) },

  // ---- fails: where the file is
  {
    name: "folder-source-mismatch",
    expect: fails(ARTICLE, "source", /is "beta" but the file is in the folder of "alpha"/),
  },
  { name: "unknown-source", expect: fails("src/articles/gamma/report.md", "source", /unknown source id "gamma"/) },
  { name: "unknown-story", expect: fails(ARTICLE, "story", /unknown story id "no-such-story"/) },
  {
    name: "duplicate-slug",
    expect: fails(
      "src/articles/alpha/a.md",
      "slug",
      /duplicate slug "a" in source "alpha" \(also src\/articles\/alpha\/a\.markdown\)/,
    ),
  },
  {
    name: "nested-folder",
    expect: fails("src/articles/alpha/2024", undefined, /articles must sit directly in their source folder/),
  },
  {
    name: "bad-file-name",
    expect: fails("src/articles/alpha/My Report.md", undefined, /file name "My Report" is not a valid slug/),
  },
  {
    name: "bad-folder-name",
    expect: fails("src/articles/Alpha_News", undefined, /folder name "Alpha_News" is not a source id/),
  },
  {
    name: "article-outside-source-folder",
    expect: fails("src/articles/loose.md", undefined, /is not in a source folder/),
  },

  // ---- fails: the data files
  {
    name: "javascript-source-url",
    expect: fails("_data/sources.json", '[0] (id "alpha").url', /expected an absolute http:\/\/ or https:\/\/ address/),
  },
  {
    name: "sources-not-an-array",
    expect: fails("_data/sources.json", undefined, /must be a JSON array of source objects/),
  },
  { name: "sources-invalid-json", expect: fails("_data/sources.json", undefined, /is not valid JSON: /, "2:\\d+") },
  {
    name: "missing-sources-json",
    expect: fails("_data/sources.json", undefined, /is missing: the site needs a list of sources here/),
  },
  {
    name: "duplicate-source-id",
    expect: fails("_data/sources.json", "[1].id", /duplicate source id "alpha" \(also at \[0\]\)/),
  },
  { name: "source-unknown-key", expect: fails("_data/sources.json", '[0] (id "alpha").homepage', /unknown key/) },
  {
    name: "stories-not-an-array",
    expect: fails("_data/stories.json", undefined, /must be a JSON array of story objects/),
  },
  {
    name: "story-bad-date",
    expect: fails("_data/stories.json", '[0] (id "the-story").date', /"2024-13-01" is not a calendar date/),
  },

  // ---- one mistake, one error: a fact grid (events and claims citing both outlets, notReportedBy)
  // whose one broken file is reported once, at the wrong character, with no cascade in the files that depend on it
  { name: "fact-grid-baseline", expect: "builds" },
  {
    name: "sources-trailing-comma",
    expect: fails(
      "_data/sources.json",
      undefined,
      exactly(
        'is not valid JSON: remove the trailing comma after "url": "https://beta.example" (JSON allows no comma before a closing })',
      ),
      "10:34",
    ),
  },
  {
    name: "source-entry-refused",
    expect: fails(
      "_data/sources.json",
      '[1] (id "beta").url',
      exactly("expected an absolute http:// or https:// address"),
      "10:5",
    ),
  },
  {
    name: "stories-trailing-comma",
    expect: fails(
      "_data/stories.json",
      undefined,
      exactly(
        'is not valid JSON: remove the trailing comma after "title": "The story" (JSON allows no comma before a closing })',
      ),
      "4:25",
    ),
  },
  {
    name: "entities-not-a-list",
    expect: fails(
      "_data/entities.json",
      undefined,
      exactly('must be a JSON array of entity objects ([ { "id": … }, … ])'),
      "1:1",
    ),
  },
  {
    name: "yaml-colon-cascade",
    expect: fails(
      "src/articles/beta/report.md",
      "title",
      exactly(
        'front matter is not valid YAML: the value of title has ": " in it, so it must be in quotes: title: "Talks: next week"',
      ),
      "2:13",
    ),
  },
  {
    name: "folder-misspelt",
    expect: fails(
      "src/articles/bta/report.md",
      "source",
      exactly(
        'is "beta" but the file is in the folder "bta", which is not a source id: move the file to src/articles/beta/',
      ),
      "3:1",
    ),
  },
  {
    name: "quote-not-found-closest",
    expect: fails(
      "_data/events.json",
      '[0] (id "towns-recaptured").citations[0].quote',
      exactly(
        'quote not found in article "alpha/report" (src/articles/alpha/report.md): "Russia said it had recaptured nine towns"; the closest passage (line 7) reads "Russia said it had recaptured 9 towns"; where the quote has "nine", the article has "9"; copy the words exactly as the article has them',
      ),
      "8:48",
    ),
  },
];

const STACK_LINE = /^\s{4}at /m;
let runs: Map<string, AsyncBuildRun>;
let work: string;

beforeAll(async () => {
  work = tempDir("bad-input-");
  runs = await buildCorpus(CORPUS, CASES, work, 90_000);
}, 600_000);

describe("bad-input corpus", () => {
  it("has at least 25 cases, and the table covers every folder in the corpus", () => {
    const folders = fs
      .readdirSync(CORPUS, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(CASES.map((c) => c.name).sort()).toEqual(folders);
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const run = runs.get(c.name)!;
    const log = `${run.stdout}\n${run.stderr}`;
    expect(run.timedOut, `${c.name} hung`).toBe(false);
    expect(log, `${c.name} printed a stack trace:\n${log}`).not.toMatch(STACK_LINE);
    if (c.expect === "builds") {
      expect(run.status, log).toBe(0);
      c.check?.(run.output);
      return;
    }
    expect(run.status, log).toBe(1);
    expect(fs.existsSync(run.output), "a failed build wrote no output").toBe(false);
    expect(
      fs.readdirSync(work).filter((n) => n.startsWith(`.${c.name}-dist-building`)),
      "staging folder left behind",
    ).toEqual([]);
    const escapeRegExp = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const at = c.expect.at ? `:${c.expect.at}` : "(?::\\d+:\\d+)?";
    const prefix = new RegExp(
      `^  - ${escapeRegExp(c.expect.file)}${at}: ${c.expect.field ? `${escapeRegExp(c.expect.field)}: ` : ""}`,
    );
    const line = run.stderr
      .split("\n")
      .find((l) => prefix.test(l) && c.expect !== "builds" && c.expect.message.test(l));
    expect(line, `expected a line matching ${prefix} and ${c.expect.message} in:\n${run.stderr}`).toBeDefined();
    // one mistake, one error: nothing else is reported (no cascade from the broken file)
    expect(run.stderr, "exactly one problem").toContain("The content has 1 problem:\n");
  });
});
