/**
 * Translations kept beside their original (`<slug>.<language>.md`, issue 25): shown on the
 * report's page under the original, each in its language and credited; refused with one problem
 * naming the file and field when their original is missing, their language is the original's
 * or repeated, their tag is no language, or their front matter is wrong; never compared for
 * shared text, never in feeds; an edited translation picked up by a watch rebuild.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultPaths, loadContent } from "../src/content/pipeline.ts";
import { formatProblem, isError } from "../src/content/problems.ts";
import { BuildSession } from "../src/build/session.ts";
import { checkDuplicate } from "../src/editing/duplicates.ts";
import { article, contentTree, withoutPosition } from "./helpers/fixture.ts";
import { buildTree, type TreeBuild } from "./helpers/build-tree.ts";
import { ROOT, tempDir } from "./helpers/site.ts";

const U = "src/articles/ukrinform";
const W = "src/articles/wire";
const SOURCES = JSON.stringify([
  { id: "ukrinform", name: "Ukrinform", url: "https://ukrinform.example", language: "uk" },
  { id: "wire", name: "The Wire", url: "https://wire.example" },
  { id: "gamma", name: "Gamma", url: "https://gamma.example" },
]);

const ORIGINAL = article(
  { title: "Сибіга запросив ООН до Курщини", source: "ukrinform", date: "2024-09-16", story: "the-story" },
  "Міністр закордонних справ Андрій Сибіга запросив Організацію Об'єднаних Націй і Червоний Хрест відвідати Курщину.\n\nВізит має показати, як живуть цивільні.\n",
);

/** The wire's own English report: the English translation below copies it word for word. */
const WIRE_TEXT =
  "Foreign Minister Andrii Sybiha invited the United Nations and the Red Cross to visit the Kursk region, saying the visit would show how civilians live there.\n";

const human = (extra: Record<string, unknown> = {}, body = WIRE_TEXT) =>
  article(
    { title: "Sybiha invites the UN to Kursk", translator: "Olena Kovalenko", date: "2024-09-17", ...extra },
    body,
  );
const machine = article(
  { title: "Sybiha lädt die UNO nach Kursk ein", translator: "DeepL", machine: true, date: "2024-09-17T09:30+03:00" },
  "Außenminister Andrii Sybiha lud die Vereinten Nationen und das Rote Kreuz ein, die Region Kursk zu besuchen.\n",
);

const tree = (files: Record<string, string>) => contentTree({ sources: SOURCES, files });
const errors = (files: Record<string, string>, options: { includeDrafts?: boolean } = {}) =>
  loadContent(defaultPaths(tree(files)), options).problems.filter(isError);

describe("a report with its translations", () => {
  let build: TreeBuild;
  beforeAll(async () => {
    build = await buildTree({
      "_data/sources.json": SOURCES,
      [`${U}/sybiha-kursk.md`]: ORIGINAL,
      [`${U}/sybiha-kursk.en.md`]: human(
        {},
        `${WIRE_TEXT}\n<script>alert(1)</script> [a link](javascript:alert(1)) {{ site.title }}\n`,
      ),
      [`${U}/sybiha-kursk.de.md`]: machine,
    });
  });

  it("shows the original in its language, then each translation in its own, sorted by language", () => {
    const $ = build.html("/sources/ukrinform/sybiha-kursk/");
    expect($(".report-body").attr("lang")).toBe("uk");
    expect($(".report-body").text()).toContain("Сибіга запросив Організацію");
    const details = $("details.translation");
    expect(details).toHaveLength(2);
    expect(details.map((_, d) => $(d).find(".translation-text").attr("lang")).get()).toEqual(["de", "en"]);
    // the translations come after the original's text
    expect($("article.report").html()!.indexOf("report-body")).toBeLessThan(
      $("article.report").html()!.indexOf("translation"),
    );
    const en = details.eq(1);
    expect(en.find("summary").text().trim()).toBe("Read it in English");
    expect(en.find(".translation-text h2").text()).toBe("Sybiha invites the UN to Kursk");
    expect(en.find(".translation-text").text()).toContain("invited the United Nations and the Red Cross");
  });

  it("credits the translator and names the original's language; a machine translation says it is one", () => {
    const $ = build.html("/sources/ukrinform/sybiha-kursk/");
    const credit = (i: number) => $("details.translation").eq(i).find(".translation-credit").text().trim();
    expect(credit(1)).toBe("Translated from Ukrainian by Olena Kovalenko, 17 September 2024.");
    expect(credit(0)).toMatch(
      /^Machine translation from Ukrainian by DeepL, 17 September 2024, 09:30 UTC\+3: it may be wrong/,
    );
    expect(credit(1)).not.toMatch(/machine/i);
  });

  it("works without script: a details element whose summary opens it, the text already in the page", () => {
    const $ = build.html("/sources/ukrinform/sybiha-kursk/");
    $("details.translation").each((_, d) => {
      expect($(d).children().first().is("summary")).toBe(true);
      expect($(d).find(".translation-text p").length).toBeGreaterThan(0);
      // the search indexes the original only
      expect($(d).attr("data-pagefind-ignore")).toBeDefined();
    });
  });

  it("renders a translation's markdown as safely as an article's: no raw HTML, no script link, no template", () => {
    const $ = build.html("/sources/ukrinform/sybiha-kursk/");
    const en = $("details.translation").eq(1).find(".translation-text");
    expect(en.find("script")).toHaveLength(0);
    expect(en.text()).toContain("<script>alert(1)</script>");
    expect(en.find("a[href^='javascript']")).toHaveLength(0);
    expect(en.text()).toContain("{{ site.title }}");
  });

  it("keeps translations out of the feeds: they carry the original", () => {
    const feed = fs.readFileSync(path.join(build.output, "sources", "ukrinform", "feed.json"), "utf8");
    expect(feed).toContain("Сибіга запросив Організацію");
    expect(feed).not.toContain("invited the United Nations");
    expect(feed).not.toContain("Vereinten Nationen");
  });
});

describe("translation files the build refuses", () => {
  const base = { [`${U}/sybiha-kursk.md`]: ORIGINAL };

  it("one whose original is not there, with the original it may mean", () => {
    expect(errors({ ...base, [`${U}/sybiha-kursks.en.md`]: human() }).map(withoutPosition)).toEqual([
      `${U}/sybiha-kursks.en.md: is a translation of "sybiha-kursks", but there is no ${U}/sybiha-kursks.md (did you mean sybiha-kursk.en.md, a translation of sybiha-kursk.md?): a translation sits beside its original, named <slug>.<language>.md`,
    ]);
    expect(errors({ [`${W}/nothing.en.md`]: human() }).map(withoutPosition)).toEqual([
      `${W}/nothing.en.md: is a translation of "nothing", but there is no ${W}/nothing.md: a translation sits beside its original, named <slug>.<language>.md`,
    ]);
  });

  it("one into the original's own language, however the tag is written", () => {
    for (const tag of ["uk", "uk-UA"])
      expect(errors({ ...base, [`${U}/sybiha-kursk.${tag}.md`]: human() }).map(withoutPosition)).toEqual([
        `${U}/sybiha-kursk.${tag}.md: language: "${tag}" in the file name is the language of the original (uk): a translation is into another language, <slug>.<language>.md`,
      ]);
    // the original's language is its front matter's, else its source's, else the site's
    const english = article({ title: "Wire", source: "wire", date: "2024-09-16" }, WIRE_TEXT);
    expect(errors({ [`${W}/report.md`]: english, [`${W}/report.en.md`]: human() }).map((p) => p.field)).toEqual([
      "language",
    ]);
  });

  it("two files for one language", () => {
    const out = errors({
      ...base,
      [`${U}/sybiha-kursk.en.md`]: human(),
      [`${U}/sybiha-kursk.en-US.md`]: human(),
    });
    expect(out.map(withoutPosition)).toEqual([
      `${U}/sybiha-kursk.en.md: language: a second translation of "sybiha-kursk" into en (also ${U}/sybiha-kursk.en-US.md): keep one file per language`,
    ]);
    // en-GB is another language than en-US: both are kept
    expect(
      errors({ ...base, [`${U}/sybiha-kursk.en-GB.md`]: human(), [`${U}/sybiha-kursk.en-US.md`]: human() }),
    ).toEqual([]);
  });

  it("a tag in the file name that is no language", () => {
    for (const tag of ["english", "en_GB", "xx"])
      expect(errors({ ...base, [`${U}/sybiha-kursk.${tag}.md`]: human() }).map(withoutPosition)).toEqual([
        `${U}/sybiha-kursk.${tag}.md: language: "${tag}" in the file name is not a BCP 47 language tag: a translation is named <slug>.<language>.md, like sybiha-kursk.en.md or sybiha-kursk.pt-BR.md`,
      ]);
  });

  it("front matter without title, translator or date, or with an unknown key, at its line", () => {
    const out = errors({ ...base, [`${U}/sybiha-kursk.en.md`]: article({ machine: "yes" }, WIRE_TEXT) });
    expect(out.map(withoutPosition)).toEqual([
      `${U}/sybiha-kursk.en.md: title: is required`,
      `${U}/sybiha-kursk.en.md: translator: is required`,
      `${U}/sybiha-kursk.en.md: machine: expected true or false: true for a machine's translation`,
      `${U}/sybiha-kursk.en.md: date: is required`,
    ]);
    expect(formatProblem(out[2]!)).toMatch(/sybiha-kursk\.en\.md:2:1: machine:/);
    const typo = errors({ ...base, [`${U}/sybiha-kursk.en.md`]: human({ translater: "Olena" }) });
    expect(typo.map(withoutPosition)).toEqual([
      `${U}/sybiha-kursk.en.md: translater: unknown key (did you mean "translator"?); allowed keys: title, translator, machine, date`,
    ]);
    expect(formatProblem(typo[0]!)).toMatch(/sybiha-kursk\.en\.md:5:1: translater:/);
    const dated = errors({ ...base, [`${U}/sybiha-kursk.en.md`]: human({ date: "2024-02-30" }) });
    expect(dated.map((p) => `${p.field}: ${p.message}`)).toEqual(['date: "2024-02-30" is not a calendar date']);
    expect(errors({ ...base, [`${U}/sybiha-kursk.en.md`]: human({}, "\n") }).map(withoutPosition)).toEqual([
      `${U}/sybiha-kursk.en.md: has no body: paste the translated text below the front matter`,
    ]);
  });

  it("stops the build with the problem, naming the file and field", async () => {
    await expect(
      buildTree({
        "_data/sources.json": SOURCES,
        ...base,
        [`${U}/sybiha-kursk.en.md`]: article({ title: "T", date: "2024-09-17" }, WIRE_TEXT),
      }),
    ).rejects.toThrow(
      /The content has 1 problem:\n {2}- src\/articles\/ukrinform\/sybiha-kursk\.en\.md: translator: is required/,
    );
  });

  it("a translation of a draft is a draft: left out with it, shown with it", () => {
    const files = {
      [`${U}/sybiha-kursk.md`]: ORIGINAL.replace("story:", "draft: true\nstory:"),
      [`${U}/sybiha-kursk.en.md`]: human(),
    };
    const root = tree(files);
    const published = loadContent(defaultPaths(root));
    expect(published.problems.filter(isError)).toEqual([]);
    expect(published.content!.articles).toHaveLength(0);
    const drafts = loadContent(defaultPaths(root), { includeDrafts: true }).content!;
    expect(drafts.articleByKey.get("ukrinform/sybiha-kursk")!.translations.map((t) => t.language)).toEqual(["en"]);
  });
});

describe("shared text compares the originals only", () => {
  const wire = article(
    { title: "Sybiha invites UN", source: "wire", date: "2024-09-16T12:00Z", story: "the-story" },
    WIRE_TEXT,
  );

  it("never counts a translation that copies another report word for word", () => {
    const { content, problems } = loadContent(
      defaultPaths(
        tree({ [`${U}/sybiha-kursk.md`]: ORIGINAL, [`${U}/sybiha-kursk.en.md`]: human(), [`${W}/invite.md`]: wire }),
      ),
    );
    expect(problems.filter(isError)).toEqual([]);
    expect(content!.articleByKey.get("ukrinform/sybiha-kursk")!.translations[0]!.html).toContain("Red Cross");
    const pairs = content!.comparisons.filter(
      (c) => c.a.key === "ukrinform/sybiha-kursk" || c.b.key === "ukrinform/sybiha-kursk",
    );
    for (const c of pairs) {
      expect(c.passages.filter((p) => p.kind === "copied")).toEqual([]);
      expect(c.share).toEqual({ a: 0, b: 0 });
    }
  });

  it("while the same words in a report of its own are found", () => {
    const { content } = loadContent(
      defaultPaths(
        tree({
          [`${U}/sybiha-kursk.md`]: ORIGINAL,
          "src/articles/gamma/copy.md": article(
            { title: "Copy", source: "gamma", date: "2024-09-17", story: "the-story" },
            WIRE_TEXT,
          ),
          [`${W}/invite.md`]: wire,
        }),
      ),
    );
    const pair = content!.comparisons.find((c) => c.b.key === "gamma/copy" && c.a.key === "wire/invite");
    expect(pair?.share.b).toBe(100);
  });

  it("and a quote is looked for in the original's text, not its translation's", () => {
    const claims = JSON.stringify([
      {
        id: "invited",
        story: "the-story",
        label: "Who was invited",
        citations: [{ article: "ukrinform/sybiha-kursk", quote: "invited the United Nations and the Red Cross" }],
      },
    ]);
    const out = errors({
      [`${U}/sybiha-kursk.md`]: ORIGINAL,
      [`${U}/sybiha-kursk.en.md`]: human(),
      "_data/claims.json": claims,
    });
    expect(out.map((p) => p.message).join("\n")).toMatch(/quote not found in article "ukrinform\/sybiha-kursk"/);
  });
});

describe("npm run import's duplicates", () => {
  it("are reports, never a translation: the outlet's own English edition is not refused for an editor's translation", () => {
    const files = { [`${U}/sybiha-kursk.md`]: ORIGINAL, [`${U}/sybiha-kursk.en.md`]: human() };
    expect(checkDuplicate(defaultPaths(tree(files)), { body: WIRE_TEXT }).stop).toBeUndefined();
    const wire = article({ title: "Sybiha invites UN", source: "wire", date: "2024-09-16" }, WIRE_TEXT);
    expect(
      checkDuplicate(defaultPaths(tree({ ...files, [`${W}/invite.md`]: wire })), { body: WIRE_TEXT }).stop,
    ).toMatch(/^a duplicate of src\/articles\/wire\/invite\.md \(100 % of the text shared\)/);
  });
});

describe("an edited translation in npm start", () => {
  it("is read again and its report's page alone rendered again", async () => {
    const root = tree({ [`${U}/sybiha-kursk.md`]: ORIGINAL, [`${U}/sybiha-kursk.en.md`]: human() });
    const session = new BuildSession({
      mode: "watch",
      paths: defaultPaths(root),
      address: {},
      pagesDir: path.join(ROOT, "src", "pages"),
      searchPartPages: 1500,
      searchDelayMs: 60_000,
    });
    const run = { watching: true, output: tempDir() };
    // "render" as the article page does: each translation's words through the plan the templates see
    const render = () => {
      const data = session.renderData;
      for (const a of data.articles) void a.translations.map((t) => [t.language, t.title, t.html, t.translator]);
      for (const p of [...data.timelinePages, ...data.sourcePages, ...data.entityPages]) void p.href;
      for (const s of data.stories) void s.articles.map((a) => a.title);
      for (const c of data.comparisons) void c.href;
      session.afterRun(run);
    };
    await session.beforeRun(run);
    render();

    const file = path.join(root, U, "sybiha-kursk.en.md");
    fs.writeFileSync(file, human({ title: "Sybiha asks the UN to Kursk" }, "A corrected translation.\n"));
    session.filesChanged([file]);
    await session.beforeRun(run);
    expect(session.problemsShown).toEqual([]);
    expect(session.plan.partial).toBe(true);
    expect(session.plan.articles.map((a) => a.key)).toEqual(["ukrinform/sybiha-kursk"]);
    const [tr] = session.content.articleByKey.get("ukrinform/sybiha-kursk")!.translations;
    expect(tr!.title).toBe("Sybiha asks the UN to Kursk");
    expect(tr!.html).toContain("A corrected translation.");
    render();

    // a translation added beside it is picked up too
    const added = path.join(root, U, "sybiha-kursk.de.md");
    fs.writeFileSync(added, machine);
    session.filesChanged([added]);
    await session.beforeRun(run);
    expect(session.plan.articles.map((a) => a.key)).toEqual(["ukrinform/sybiha-kursk"]);
    expect(session.content.articleByKey.get("ukrinform/sybiha-kursk")!.translations.map((t) => t.language)).toEqual([
      "de",
      "en",
    ]);
  });
});
