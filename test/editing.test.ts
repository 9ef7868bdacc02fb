/**
 * `npm run import` and `npm run new` through their real CLIs, on content trees and inputs of our
 * own: clipped texts with and without page furniture (header lines with or without blank lines
 * between them), saved pages with JSON-LD, with OpenGraph only and with neither, saved pages full
 * of site furniture (relative links, <base href>, newsletter, cookie, listen-live, promo and share
 * boxes, a captioned picture, a Related list, a wire byline); the seed round trip; and what they refuse.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseMarkdownFile } from "../src/content/files.ts";
import { FURNITURE_MESSAGES } from "../src/content/furniture.ts";
import { ROOT, SAMPLE, TSX } from "./helpers/site.ts";
import { contentTree } from "./helpers/fixture.ts";

const INPUT = path.join(ROOT, "test", "fixtures", "import");
const SEEDS = path.join(ROOT, "test", "fixtures", "seeds");
const SOURCES = [
  { id: "north-gazette", name: "The North Gazette", url: "https://gazette.example" },
  { id: "harbour-daily", name: "Harbour Daily", url: "https://www.harbour.example" },
  { id: "valley-radio", name: "Valley Radio", url: "https://radio.example" },
  { id: "ledger", name: "The Ledger", url: "https://www.ledger.example" },
];
const STORIES = [{ id: "bridge", title: "The bridge closure" }];

function run(script: string, root: string, args: string[]) {
  const r = spawnSync(process.execPath, [TSX, `scripts/${script}.ts`, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CONTENT_ROOT: root },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const read = (root: string, rel: string) => parseMarkdownFile(fs.readFileSync(path.join(root, rel), "utf8"));
const tree = () => contentTree({ sources: SOURCES, stories: STORIES });

describe("npm run import: clipped text", () => {
  it("moves each piece of page furniture to front matter and keeps the rest as the body", () => {
    const root = tree();
    const r = run("import", root, [path.join(INPUT, "clipped-with-furniture.txt"), "--story", "bridge"]);
    expect(r.status, r.stderr).toBe(0);
    const rel = "src/articles/north-gazette/millbrook-bridge-shut-after-inspectors-find-cracks.md";
    expect(r.stdout).toContain(`Wrote ${rel}`);
    expect(r.stdout).toContain('source "north-gazette": The North Gazette, by the address\'s host');
    const { data, body } = read(root, rel);
    expect(data).toEqual({
      title: "Millbrook Bridge Shut After Inspectors Find Cracks",
      source: "north-gazette",
      date: "2025-03-03",
      url: "https://gazette.example/2025/03/03/millbrook-bridge-shut/",
      credit: "Valley Wire contributed reporting.",
      story: "bridge",
      image: {
        caption: "Traffic cones at the northern end of the Millbrook bridge.",
        credit: "Jo Reyes / Valley Wire",
      },
      related: [
        { title: "Bridge repairs were postponed last year", url: "https://gazette.example/2024/bridge-repairs" },
      ],
      note: "The one link in the body of our copy was a placeholder; its real target is not known, so it is shown as plain text.",
    });
    expect(body.trim().split("\n\n")).toHaveLength(3);
    expect(body).toMatch(/^The Millbrook bridge was closed/);
    expect(body).not.toMatch(/Related article|contributed reporting|Original url|March 3, 2025|\*\*Jo Reyes/);
    // the written file passes the whole check
    expect(run("check", root, []).status).toBe(0);
  });

  it("a bare copy needs the flags for what it lacks, and says so", () => {
    const root = tree();
    const bare = path.join(INPUT, "clipped-bare.txt");
    const none = run("import", root, [bare]);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain(
      "Nothing was written: the outlet is not known: give --source <id>, or --url with the original address",
    );
    const noTitle = run("import", root, [bare, "--source", "valley-radio"]);
    expect(noTitle.stderr).toContain(
      "Nothing was written: the text does not give its title or date: give --title and --date",
    );
    const ok = run("import", root, [
      bare,
      "--url",
      "https://radio.example/2025/03/03/bridge-closed/",
      "--title",
      "Bridge closed",
    ]);
    expect(ok.status, ok.stderr).toBe(0);
    const { data, body } = read(root, "src/articles/valley-radio/bridge-closed.md");
    expect(data.date).toBe("2025-03-03");
    expect(data.note).toBe(
      "Our copy of this report has no title, byline or date. The title and the date are taken from the original address, not from the text itself.",
    );
    expect(body.trim().split("\n\n")).toHaveLength(3);
  });

  it("never overwrites: a second import of the same report (with --force, see duplicates.test.ts) gets its own file", () => {
    const root = tree();
    const args = [path.join(INPUT, "clipped-with-furniture.txt")];
    expect(run("import", root, args).status).toBe(0);
    const again = run("import", root, [...args, "--force"]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(
      "Wrote src/articles/north-gazette/millbrook-bridge-shut-after-inspectors-find-cracks-2.md",
    );
  });

  it("an unknown outlet stops the import with the entry to add to sources.json", () => {
    const root = contentTree({ sources: SOURCES.slice(1), stories: STORIES });
    const r = run("import", root, [path.join(INPUT, "clipped-with-furniture.txt")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("no source in _data/sources.json has the address gazette.example: add this entry");
    expect(r.stderr).toContain('"url": "https://gazette.example"');
    expect(fs.readdirSync(path.join(root, "src", "articles"))).toEqual([]);
  });
});

describe("npm run import: saved web pages", () => {
  it("JSON-LD NewsArticle gives headline, dates with their offsets, authors; Readability the text, without the site's furniture", () => {
    const root = tree();
    const r = run("import", root, [path.join(INPUT, "page-jsonld.html"), "--story", "bridge"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("from the page: title (JSON-LD headline)");
    const { data, body } = read(root, "src/articles/harbour-daily/millbrook-bridge-could-stay-closed-until-summer.md");
    expect(data).toMatchObject({
      title: "Millbrook bridge could stay closed until summer",
      source: "harbour-daily",
      date: "2025-03-03T11:40:00+00:00",
      updated: "2025-03-03T15:05:00+00:00",
      authors: ["Sam Okafor", "Lee Chan"],
      url: "https://www.harbour.example/news/bridge-closed-until-summer",
      story: "bridge",
    });
    expect(body).toContain("Ada Morrow, who chairs the county's roads committee");
    expect(body).toContain("[on its website](https://council.example/bridge-report)");
    expect(body).not.toMatch(/Subscribe|Sport|bridge\.jpg|tracking/);
  });

  it("OpenGraph only: og:title, article:published_time (offset normalised), og:url, meta author", () => {
    const root = tree();
    const r = run("import", root, [path.join(INPUT, "page-opengraph.html")]);
    expect(r.status, r.stderr).toBe(0);
    const { data, body } = read(root, "src/articles/valley-radio/listeners-react-to-the-bridge-closure.md");
    expect(data).toMatchObject({
      title: "Listeners react to the bridge closure",
      date: "2025-03-04T07:30:00+00:00",
      authors: ["Priya Nair"],
      url: "https://radio.example/2025/03/04/listeners-react",
    });
    expect(body).toMatch(/^Listeners called in all morning/);
    expect(body).not.toContain("Schedule");
  });

  it("neither: the page's <title> and flags for the rest", () => {
    const root = tree();
    const page = path.join(INPUT, "page-plain.html");
    const without = run("import", root, [page, "--source", "north-gazette"]);
    expect(without.status).toBe(1);
    expect(without.stderr).toContain("give --date");
    const r = run("import", root, [
      page,
      "--source",
      "north-gazette",
      "--date",
      "March 5, 2025",
      "--url",
      "https://gazette.example/diversions",
    ]);
    expect(r.status, r.stderr).toBe(0);
    const { data, body } = read(root, "src/articles/north-gazette/diversions-in-place.md");
    expect(data).toMatchObject({
      title: "Diversions in place",
      date: "2025-03-05",
      url: "https://gazette.example/diversions",
    });
    expect(body).toMatch(/^Drivers face a twelve-mile diversion/);
  });

  it("--dry-run checks and writes nothing", () => {
    const root = tree();
    const r = run("import", root, [path.join(INPUT, "page-opengraph.html"), "--dry-run"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      "Would write src/articles/valley-radio/listeners-react-to-the-bridge-closure.md (--dry-run)",
    );
    expect(fs.readdirSync(path.join(root, "src", "articles"))).toEqual([]);
  });
});

/** The written file, its front matter parsed by the yaml package itself. */
function written(root: string, rel: string): { data: Record<string, unknown>; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(fs.readFileSync(path.join(root, rel), "utf8"));
  if (!m) throw new Error(`${rel} has no front matter`);
  return { data: parseYaml(m[1]!) as Record<string, unknown>, body: m[2]! };
}

/** `npm run check`'s furniture warnings: none may remain after an import. */
function furnitureWarningsOf(root: string): string[] {
  const r = run("check", root, []);
  expect(r.status, r.stderr).toBe(0);
  const messages = Object.values(FURNITURE_MESSAGES);
  return `${r.stdout}\n${r.stderr}`.split("\n").filter((l) => messages.some((m) => l.includes(m)));
}

describe("npm run import: the importer cleans like a careful editor", () => {
  it("a saved page full of site furniture: links absolute, site links gone, boxes gone, caption, related and wire byline to front matter", () => {
    const root = tree();
    const r = run("import", root, [path.join(INPUT, "page-furniture.html"), "--story", "bridge"]);
    expect(r.status, r.stderr).toBe(0);
    const { data, body } = written(root, "src/articles/ledger/council-votes-to-rebuild-the-millbrook-bridge.md");
    expect(data).toEqual({
      title: "Council votes to rebuild the Millbrook bridge",
      source: "ledger",
      date: "2025-03-06T09:15:00+00:00",
      url: "https://www.ledger.example/news/2025/03/06/council-votes-to-rebuild-millbrook-bridge",
      // the byline's people, not the organisation JSON-LD names as the author
      authors: ["Jane Doe", "Tom Hale"],
      credit:
        "Reporting by Jane Doe in Millbrook and Tom Hale; Editing by Mark Heinrich. Valley Wire contributed reporting.",
      story: "bridge",
      image: {
        caption: "Engineers inspect the main span of the Millbrook bridge on Monday.",
        credit: "Jo Reyes / The Ledger",
      },
      related: [
        {
          title: "Engineers' report finds bridge beyond repair",
          url: "https://www.ledger.example/news/2025/03/04/engineers-report-finds-bridge-beyond-repair",
        },
        {
          title: "Bridge inspection ordered after complaints",
          url: "https://www.ledger.example/news/2025/02/10/bridge-inspection-ordered-after-complaints",
        },
      ],
    });
    const paragraphs = body.trim().split("\n\n");
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[0]).toMatch(/^The county council voted on Thursday/);
    // a link to the outlet's report, made absolute; a link to another site, kept
    expect(body).toContain(
      "[published on Tuesday](https://www.ledger.example/news/2025/03/04/engineers-report-finds-bridge-beyond-repair)",
    );
    expect(body).toContain("[meeting of the full council](https://council.example/minutes/2025-03-06)");
    // links into the site's furniture (a podcast, a tag page) keep their words in a sentence, and lose their link
    expect(body).toContain("and our Bridge Talk podcast followed the debate");
    expect(body).toContain("as Millbrook traders have lost customers");
    expect(body).not.toMatch(/\]\(\/|\/podcasts|\/tag\/|More news/);
    expect(body).not.toMatch(
      /cookies|inbox|Sign up|Listen live|on air|\bapp\b|member|Share|Facebook|Reporting by|contributed reporting|Photo:|Published March|Related/i,
    );
    expect(furnitureWarningsOf(root)).toEqual([]);
  });

  it("a saved page with <base href> and no address of its own: links resolved from the base, a Read more list, a byline, an Updated line", () => {
    const root = tree();
    const r = run("import", root, [
      path.join(INPUT, "page-base-href.html"),
      "--url",
      "https://www.ledger.example/archive/2025/03/07/ferry-service-doubled",
    ]);
    expect(r.status, r.stderr).toBe(0);
    const { data, body } = written(root, "src/articles/ledger/ferry-service-doubled-during-bridge-closure.md");
    expect(data).toEqual({
      title: "Ferry service doubled during bridge closure",
      source: "ledger",
      date: "2025-03-07T08:00:00+00:00",
      url: "https://www.ledger.example/archive/2025/03/07/ferry-service-doubled",
      authors: ["Priya Nair"],
      credit: "Additional reporting by Ann Lee.",
      image: { caption: "Passengers queue at the Millbrook ferry landing.", credit: "Sam Okafor" },
      related: [
        {
          title: "Council votes to rebuild the Millbrook bridge",
          url: "https://www.ledger.example/archive/2025/03/06/council-votes-to-rebuild-millbrook-bridge",
        },
        {
          title: "Millbrook bridge closed after cracks found",
          url: "https://www.ledger.example/news/2025/03/03/millbrook-bridge-closed-after-cracks-found",
        },
      ],
    });
    expect(body).toContain(
      "[in full on our site](https://www.ledger.example/archive/2025/03/07/new-ferry-timetable-in-full)",
    );
    expect(body).toContain("a spokesperson for the transport authority said");
    expect(body.trim().split("\n\n")).toHaveLength(3);
    expect(body).not.toMatch(
      /cookie|Listen live|Follow us|newsletter|Share|Read more|Updated|By Priya|Additional reporting/i,
    );
    expect(furnitureWarningsOf(root)).toEqual([]);
  });

  it("a clipping without a single blank line: title, date, caption, related, wire byline and address all recognised", () => {
    const root = tree();
    const r = run("import", root, [path.join(INPUT, "clipped-tight.txt")]);
    expect(r.status, r.stderr).toBe(0);
    const { data, body } = written(root, "src/articles/north-gazette/ferry-service-doubled-during-bridge-closure.md");
    expect(data).toEqual({
      title: "Ferry Service Doubled During Bridge Closure",
      source: "north-gazette",
      date: "2025-03-07",
      url: "https://gazette.example/2025/03/07/ferry-service-doubled/",
      authors: ["Jane Doe"],
      credit: "Reporting by Jane Doe; Editing by Mark Heinrich.",
      image: { caption: "Passengers queue at the Millbrook ferry landing.", credit: "Sam Okafor / Valley Wire" },
      related: [
        {
          title: "Council votes to rebuild the bridge",
          url: "https://gazette.example/2025/03/06/council-votes-to-rebuild",
        },
      ],
    });
    expect(body.trim().split("\n\n")).toEqual([
      "The ferry between the two banks will run every fifteen minutes from Monday, the operator said.",
      "Fares stay the same, and season tickets for the bridge bus will be accepted on the ferry until the end of April.",
    ]);
    // --title naming the same headline changes nothing, and the note does not claim the copy lacks it
    // (the same report twice: --force past the duplicate check, which has its own suite)
    const again = run("import", root, [
      path.join(INPUT, "clipped-tight.txt"),
      "--title",
      "Ferry Service Doubled During Bridge Closure",
      "--force",
    ]);
    expect(again.status, again.stderr).toBe(0);
    const second = written(root, "src/articles/north-gazette/ferry-service-doubled-during-bridge-closure-2.md");
    expect(second.data).toEqual(data);
    expect(second.body).toBe(body);
    expect(furnitureWarningsOf(root)).toEqual([]);
  });

  it('header lines without blank lines before blank-separated paragraphs: title, byline, date, a "Photo:" caption; cookie and listen-live lines go', () => {
    const root = tree();
    const r = run("import", root, [path.join(INPUT, "clipped-tight-header.txt"), "--source", "north-gazette"]);
    expect(r.status, r.stderr).toBe(0);
    const { data, body } = written(root, "src/articles/north-gazette/ferry-fares-frozen-until-the-bridge-reopens.md");
    expect(data).toEqual({
      title: "Ferry Fares Frozen Until the Bridge Reopens",
      source: "north-gazette",
      date: "2025-03-08",
      authors: ["Priya Nair"],
      credit: "Ann Lee contributed reporting.",
      image: { caption: "The Millbrook ferry landing on Saturday.", credit: "Jo Reyes / Valley Wire" },
    });
    expect(body.trim().split("\n\n")).toHaveLength(2);
    expect(body).not.toMatch(/cookies|Listen live|contributed|Photo:|By Priya|March 2025/);
    expect(furnitureWarningsOf(root)).toEqual([]);
  });

  it("with --title and --date for a copy that prints only its title: the title line goes, and the note says only what the copy lacks", () => {
    const root = tree();
    const r = run("import", root, [
      path.join(INPUT, "clipped-title-only.txt"),
      "--source",
      "north-gazette",
      "--title",
      "Bridge shop owners ask for help",
      "--date",
      "2025-03-10",
    ]);
    expect(r.status, r.stderr).toBe(0);
    const { data, body } = written(root, "src/articles/north-gazette/bridge-shop-owners-ask-for-help.md");
    expect(data.note).toBe(
      "Our copy of this report has no byline or date. The date was supplied by the editor, not by the text itself.",
    );
    expect(body.trim().split("\n\n")).toEqual([
      "Traders on both banks of the Millbrook asked the council on Monday for help with their rents while the bridge is closed.",
      "The council said it would consider the request next week.",
    ]);
    expect(furnitureWarningsOf(root)).toEqual([]);
  });
});

describe("npm run import: links in a clipping", () => {
  it("relative links: absolute from --url; links into the outlet's own pages lose their link (or their paragraph); without an address, a note says so", () => {
    const root = tree();
    const input = path.join(INPUT, "clipped-relative-links.txt");
    const r = run("import", root, [input, "--url", "https://www.ledger.example/news/2025/03/09/bridge-talk-returns"]);
    expect(r.status, r.stderr).toBe(0);
    const { data, body } = written(root, "src/articles/ledger/bridge-talk-returns.md");
    expect(data.related).toEqual([
      {
        title: "Ferry fares frozen",
        url: "https://www.ledger.example/news/2025/03/08/ferry-fares-frozen-until-bridge-reopens",
      },
    ]);
    expect(data.note).toBeUndefined();
    expect(body.trim().split("\n\n")).toEqual([
      "The Bridge Talk podcast returns on Monday with an interview with the council's chief engineer.",
      "Earlier, the council [published its report](https://www.ledger.example/news/2025/03/04/engineers-report-finds-bridge-beyond-repair) on the span.",
    ]);
    const bare = run("import", root, [input, "--source", "ledger"]);
    expect(bare.status, bare.stderr).toBe(0);
    const second = written(root, "src/articles/ledger/bridge-talk-returns-2.md");
    expect(second.body).not.toMatch(/\]\(|Listen/);
    expect(second.data.note).toBe(
      "One link of our copy was relative to an address it does not give: it is shown as plain text.",
    );
    expect(furnitureWarningsOf(root)).toEqual([]);
  });
});

describe("the seed round trip", () => {
  it("importing the two clipped seeds gives the sample's articles: the same front-matter values and body", () => {
    const root = contentTree({ site: null, sources: null, stories: null, files: {} });
    fs.cpSync(path.join(SAMPLE, "_data"), path.join(root, "_data"), { recursive: true });
    const story = ["--story", "ukraine-invites-un-icrc-to-kursk"];
    const mt = run("import", root, [path.join(SEEDS, "moscow-times-2024-09-16.txt"), ...story]);
    expect(mt.status, mt.stderr).toBe(0);
    const kcUrl = "https://kumasi.city/2024/09/16/ukraine-asks-un-and-red-cross-to-visit-russias-kursk-region/";
    const kc = run("import", root, [
      path.join(SEEDS, "kumasi-city-2024-09-16.txt"),
      ...story,
      "--url",
      kcUrl,
      "--title",
      "Ukraine asks UN and Red Cross to visit Russia's Kursk region",
    ]);
    expect(kc.status, kc.stderr).toBe(0);
    for (const rel of [
      "src/articles/moscow-times/kyiv-invites-un-red-cross-to-ukraine-held-areas-of-russias-kursk-region.md",
      "src/articles/kumasi-city/ukraine-asks-un-and-red-cross-to-visit-russias-kursk-region.md",
    ]) {
      const imported = read(root, rel);
      const shipped = read(SAMPLE, rel);
      expect(imported.data, rel).toEqual(shipped.data);
      expect(imported.body.trim(), rel).toBe(shipped.body.trim());
    }
  });
});

describe("npm run new", () => {
  it("writes a valid draft with a transliterated, unique slug and prints its path", () => {
    const root = tree();
    const args = ["--source", "valley-radio", "--story", "bridge", "--date", "2025-03-06", "Київ: міст закрито"];
    const r = run("new", root, args);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe("src/articles/valley-radio/kiyiv-mist-zakrito.md");
    expect(read(root, "src/articles/valley-radio/kiyiv-mist-zakrito.md").data).toEqual({
      title: "Київ: міст закрито",
      source: "valley-radio",
      date: "2025-03-06",
      story: "bridge",
      draft: true,
    });
    expect(run("new", root, args).stdout.trim()).toBe("src/articles/valley-radio/kiyiv-mist-zakrito-2.md");
    expect(run("check", root, []).status).toBe(0);
  });

  it("refuses an unknown source or story with the pipeline's own message, and writes nothing", () => {
    const root = tree();
    const r = run("new", root, ["--source", "valley-radio", "--story", "brige", "--date", "2025-03-06", "A title"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/story: unknown story id "brige" \(did you mean "bridge"\?\)/);
    expect(fs.existsSync(path.join(root, "src", "articles", "valley-radio"))).toBe(false);
  });

  it("without arguments and without a terminal prints its usage; --help answers", () => {
    const r = run("new", tree(), []);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Usage: npm run new");
    expect(run("new", tree(), ["--help"]).status).toBe(0);
    expect(run("import", tree(), ["--help"]).stdout).toContain("Usage: npm run import");
  });
});
