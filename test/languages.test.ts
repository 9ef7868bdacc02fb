/**
 * Every report in its own language, and the site in its readers' language: one story told in
 * English, Ukrainian, Russian, Arabic and Japanese (helpers/languages-fixture.ts), built as an
 * English site and as a Ukrainian one. The interface's words come from the locale file alone
 * (no English word of en.json on a page of the Ukrainian site), each report's words carry its
 * `lang` (and `dir` for Arabic) wherever they appear, and a locale file that lacks a key, has an
 * unknown one or a broken message stops the build naming it.
 */
import fs from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultPaths, loadContent } from "../src/content/pipeline.ts";
import { loadLocale, SHIPPED_LOCALES, type Locale } from "../src/content/locale.ts";
import type { Problem } from "../src/content/problems.ts";
import { buildContent, type TreeBuild } from "./helpers/build-tree.ts";
import { contentTree } from "./helpers/fixture.ts";
import { languageFiles, languageTree, QUOTES, REPORTS, type ReportLanguage } from "./helpers/languages-fixture.ts";

const shipped = (tag: string): Locale => {
  const problems: Problem[] = [];
  const locale = loadLocale([SHIPPED_LOCALES], tag, (f) => f, { file: "site.json", message: "" }, problems);
  expect(problems).toEqual([]);
  return locale!;
};

/** Every HTML file of a build, relative to its output folder. */
function htmlFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, encoding: "utf8" }) as string[])
    .filter((f) => f.endsWith(".html") && !f.startsWith("pagefind"))
    .sort();
}

/** The words of en.json's messages a reader would see (placeholders, ICU syntax and date patterns out). */
function englishWords(): Set<string> {
  const en = JSON.parse(fs.readFileSync(path.join(SHIPPED_LOCALES, "en.json"), "utf8"));
  const words = new Set<string>();
  const visit = (v: unknown, key: string) => {
    if (typeof v === "string") {
      if (key.startsWith("dates.")) return;
      // ICU: arguments out ({name}, {n, number}); the text of plural cases kept
      const text = v
        .replace(/\{\s*\w+\s*(,\s*number\s*)?\}/g, " ")
        .replace(/[{}#=]|\b(plural|select|one|other|few|many)\b/g, " ");
      for (const w of text.toLowerCase().match(/\p{L}{4,}/gu) ?? []) words.add(w);
    } else if (v && typeof v === "object") for (const [k, c] of Object.entries(v)) visit(c, key ? `${key}.${k}` : k);
  };
  visit(en, "");
  // the names of feed formats and of JavaScript are the same in every language
  for (const w of ["atom", "json", "feed", "javascript"]) words.delete(w);
  return words;
}

describe("locale files", () => {
  it("ship en, uk and ru, each with every key of en.json and nothing else", () => {
    const tags = fs.readdirSync(SHIPPED_LOCALES).filter((f) => f.endsWith(".json"));
    expect(tags).toEqual(expect.arrayContaining(["en.json", "uk.json", "ru.json"]));
    const en = shipped("en");
    for (const tag of ["uk", "ru"]) expect(shipped(tag).keys().sort()).toEqual(en.keys().sort());
  });

  it("count with each language's plural forms and numbers", () => {
    const uk = shipped("uk");
    const forms = [1, 2, 5, 21, 1000].map((n) => uk.text("sources.count", { count: n }));
    // one, few, many, one again, and a thousands separator
    expect(new Set(forms.slice(0, 3)).size).toBe(3);
    expect(forms[3]!.replace("21", "1")).toBe(forms[0]);
    expect(forms[4]).toMatch(/^1\s000\s/u);
    expect(shipped("en").text("sources.count", { count: 1000 })).toBe("1,000 reports");
  });

  it("print dates as the language's newspapers do", () => {
    const day = "2024-09-16";
    expect(shipped("en").dates.day(day)).toBe("16 September 2024");
    expect(shipped("uk").dates.day(day)).toMatch(/^16 вересня 2024/);
    expect(shipped("ru").dates.day(day)).toMatch(/^16 сентября 2024/);
    expect(shipped("uk").dates.daySpan("2024-09-16", "2024-09-18")).toMatch(/^16–18 вересня 2024/);
  });

  const problemsOf = (localeFile: Record<string, unknown>, tag = "xx") => {
    const root = contentTree({
      site: { title: "T", description: "D.", language: tag, url: "https://t.example" },
      files: { [`locales/${tag}.json`]: JSON.stringify(localeFile) },
    });
    return loadContent(defaultPaths(root)).problems.map((p) => `${p.file}: ${p.field ?? ""}: ${p.message}`);
  };
  const en = () => JSON.parse(fs.readFileSync(path.join(SHIPPED_LOCALES, "en.json"), "utf8"));

  it("stop the build on a missing key, naming it (no English fallback)", () => {
    const file = en();
    delete file.story.verdictDiffer;
    const problems = problemsOf(file);
    expect(problems).toEqual([expect.stringMatching(/^locales\/xx\.json: story\.verdictDiffer: is missing/)]);
  });

  it("stop the build on an unknown key, a broken message or a placeholder the message is not given", () => {
    const file = en();
    file.story.verdictDiffr = "x";
    file.home.counts = "{reports, plural, one {# x}";
    file.story.kicker = "Story {unknown}";
    const problems = problemsOf(file);
    expect(problems).toContainEqual(expect.stringMatching(/locales\/xx\.json: story\.verdictDiffr: is not a key/));
    expect(problems).toContainEqual(expect.stringMatching(/locales\/xx\.json: home\.counts: is not a valid message/));
    expect(problems).toContainEqual(expect.stringMatching(/locales\/xx\.json: story\.kicker: uses \{unknown\}/));
  });

  it("stop the build when site.json names a language with no locale file, at site.json's line", () => {
    const root = contentTree({ site: { title: "T", description: "D.", language: "pl", url: "https://t.example" } });
    const { problems } = loadContent(defaultPaths(root));
    expect(problems).toEqual([
      expect.objectContaining({
        file: "_data/site.json",
        field: "language",
        line: expect.any(Number),
        message: expect.stringMatching(/no locale file for "pl"/),
      }),
    ]);
  });
});

describe.each(["en", "uk"])("a story in five languages, built as a site in %s", (siteLanguage) => {
  let build: TreeBuild;
  beforeAll(async () => {
    build = await buildContent(languageTree(siteLanguage));
  });

  it("sets the page's lang to the site's and each report's lang (and dir) on its words, everywhere", () => {
    const story = build.html("/stories/kursk-visit/");
    expect(story("html").attr("lang")).toBe(siteLanguage);
    for (const [lang, report] of Object.entries(REPORTS) as [ReportLanguage, (typeof REPORTS)[ReportLanguage]][]) {
      const href = `/sources/${report.file.split("/")[2]}/${path.basename(report.file, ".md")}/`;
      const page = build.html(href);
      expect(page("html").attr("lang"), href).toBe(siteLanguage);
      expect(page(".report-body").attr("lang"), href).toBe(lang);
      expect(page("h1").attr("lang"), href).toBe(lang);
      expect(page(".report-body").attr("dir"), href).toBe(lang === "ar" ? "rtl" : undefined);
      // the story page's card of the report: title and summary in the report's language
      const card = story(`.report-card a[href$="${href}"]`);
      expect(card.attr("lang"), href).toBe(lang);
      if (lang === "ar") expect(card.attr("dir")).toBe("rtl");
    }
    // quotes in the grid and the events in their report's language; a quote with a translation
    // shows the translation in the site's language, the original one step away
    for (const lang of ["en", "uk", "ja"] as const)
      expect(story(`.fact-grid q[lang="${lang}"]`).text()).toContain(QUOTES[lang]);
    const ar = story('.fact-grid td[data-source="al-jazeera"]');
    expect(ar.find(".quote-link q").first().attr("lang")).toBeUndefined();
    expect(ar.find("details.quote-original q").attr("lang")).toBe("ar");
    expect(ar.find("details.quote-original q").attr("dir")).toBe("rtl");
    expect(story('.event-citations details.quote-original q[lang="ru"]').text()).toBe(QUOTES.ru);
  });

  it("gives feeds each entry's language", () => {
    const feed = cheerio.load(fs.readFileSync(path.join(build.output, "feed.xml"), "utf8"), { xml: true });
    expect(feed("feed").attr("xml:lang")).toBe(siteLanguage);
    const langs = feed("entry content")
      .map((_, e) => feed(e).attr("xml:lang"))
      .get()
      .sort();
    expect(langs).toEqual(["ar", "en", "ja", "ru", "uk"]);
  });

  it("says that shared text compares reports in their own languages", () => {
    const story = build.html("/stories/kursk-visit/");
    expect(story(".shared-originals").length).toBe(1);
  });
});

describe("the Ukrainian site", () => {
  /** Words of en.json's messages on the build's pages, outside elements in another language than `lang`. */
  const englishOn = (build: TreeBuild, lang: string): string[] => {
    const english = englishWords();
    const found: string[] = [];
    for (const file of htmlFiles(build.output)) {
      // noscript parsed as markup, as a browser without script shows it
      const $ = cheerio.load(fs.readFileSync(path.join(build.output, file), "utf8"), { scriptingEnabled: false });
      // an article page's <title> and descriptions are the report's headline and summary (content)
      const isReport = $(".report-body").length > 0;
      // the reports' own words carry their language: they are not the interface
      $("[lang]:not(html)")
        .filter((_, e) => !($(e).attr("lang") ?? "").startsWith(lang))
        .remove();
      $("script, style").remove();
      const heads = isReport ? "" : `${$("title").text()} ${$("meta[name=description]").attr("content") ?? ""}`;
      const attrs = $("[aria-label], [title], [alt]")
        .map((_, e) => [$(e).attr("aria-label"), $(e).attr("title"), $(e).attr("alt")])
        .get()
        .join(" ");
      const text = `${$("body").text()} ${heads} ${attrs}`.toLowerCase();
      for (const w of new Set(text.match(/\p{L}{4,}/gu) ?? [])) if (english.has(w)) found.push(`${file}: ${w}`);
    }
    return found;
  };

  it("has no English word of the interface on any page (tested against en.json's words)", async () => {
    expect(englishWords().size).toBeGreaterThan(200);
    expect(englishOn(await buildContent(languageTree("uk")), "uk")).toEqual([]);
    // the same content as an English site: the scan finds the interface's words on every page
    const en = await buildContent(languageTree("en"));
    expect(new Set(englishOn(en, "en").map((f) => f.split(":")[0])).size).toBe(htmlFiles(en.output).length);
  });

  it("fails the build on a wrong quote in Cyrillic, Arabic and Japanese, and names it", async () => {
    for (const [lang, wrong] of [
      ["uk", "під контролем ЗСУ перебувають 75 населених пунктів"],
      ["ar", "75 بلدة تخضع للسيطرة الأوكرانية"],
      ["ja", "75の集落がウクライナの管理下にある"],
    ] as const) {
      const files = languageFiles();
      files["_data/claims.json"] = files["_data/claims.json"]!.replace(
        JSON.stringify(QUOTES[lang]).slice(1, -1),
        wrong,
      );
      const root = contentTree({
        site: { title: "T", description: "D.", language: "uk", url: "https://t.example" },
        files,
      });
      const { problems } = loadContent(defaultPaths(root));
      expect(problems.filter((p) => p.file === "_data/claims.json" && /quote/.test(p.field ?? "")).length, lang).toBe(
        1,
      );
    }
  });
});
