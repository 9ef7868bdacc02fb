/**
 * `npm run import` and `npm run new` through their real CLIs, on content trees and inputs of our
 * own: clipped texts with and without page furniture, saved pages with JSON-LD, with OpenGraph
 * only and with neither; the seed round trip; and what they refuse.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMarkdownFile } from "../src/content/files.ts";
import { ROOT, SAMPLE, TSX } from "./helpers/site.ts";
import { contentTree } from "./helpers/fixture.ts";

const INPUT = path.join(ROOT, "test", "fixtures", "import");
const SEEDS = path.join(ROOT, "test", "fixtures", "seeds");
const SOURCES = [
  { id: "north-gazette", name: "The North Gazette", url: "https://gazette.example" },
  { id: "harbour-daily", name: "Harbour Daily", url: "https://www.harbour.example" },
  { id: "valley-radio", name: "Valley Radio", url: "https://radio.example" },
];
const STORIES = [{ id: "bridge", title: "The bridge closure" }];

function run(script: string, root: string, args: string[]) {
  const r = spawnSync(process.execPath, [TSX, `scripts/${script}.ts`, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, CONTENT_ROOT: root }, timeout: 60_000 });
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
      image: { caption: "Traffic cones at the northern end of the Millbrook bridge.", credit: "Jo Reyes / Valley Wire" },
      related: [{ title: "Bridge repairs were postponed last year", url: "https://gazette.example/2024/bridge-repairs" }],
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
    expect(none.stderr).toContain("Nothing was written: the outlet is not known: give --source <id>, or --url with the original address");
    const noTitle = run("import", root, [bare, "--source", "valley-radio"]);
    expect(noTitle.stderr).toContain("Nothing was written: the text does not give its title or date: give --title and --date");
    const ok = run("import", root, [bare, "--url", "https://radio.example/2025/03/03/bridge-closed/", "--title", "Bridge closed"]);
    expect(ok.status, ok.stderr).toBe(0);
    const { data, body } = read(root, "src/articles/valley-radio/bridge-closed.md");
    expect(data.date).toBe("2025-03-03");
    expect(data.note).toBe("Our copy of this report has no title, byline or date. The title and the date are taken from the original address, not from the text itself.");
    expect(body.trim().split("\n\n")).toHaveLength(3);
  });

  it("never overwrites: a second import of the same report (with --force, see duplicates.test.ts) gets its own file", () => {
    const root = tree();
    const args = [path.join(INPUT, "clipped-with-furniture.txt")];
    expect(run("import", root, args).status).toBe(0);
    const again = run("import", root, [...args, "--force"]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("Wrote src/articles/north-gazette/millbrook-bridge-shut-after-inspectors-find-cracks-2.md");
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
    expect(data).toMatchObject({ title: "Listeners react to the bridge closure", date: "2025-03-04T07:30:00+00:00", authors: ["Priya Nair"], url: "https://radio.example/2025/03/04/listeners-react" });
    expect(body).toMatch(/^Listeners called in all morning/);
    expect(body).not.toContain("Schedule");
  });

  it("neither: the page's <title> and flags for the rest", () => {
    const root = tree();
    const page = path.join(INPUT, "page-plain.html");
    const without = run("import", root, [page, "--source", "north-gazette"]);
    expect(without.status).toBe(1);
    expect(without.stderr).toContain("give --date");
    const r = run("import", root, [page, "--source", "north-gazette", "--date", "March 5, 2025", "--url", "https://gazette.example/diversions"]);
    expect(r.status, r.stderr).toBe(0);
    const { data, body } = read(root, "src/articles/north-gazette/diversions-in-place.md");
    expect(data).toMatchObject({ title: "Diversions in place", date: "2025-03-05", url: "https://gazette.example/diversions" });
    expect(body).toMatch(/^Drivers face a twelve-mile diversion/);
  });

  it("--dry-run checks and writes nothing", () => {
    const root = tree();
    const r = run("import", root, [path.join(INPUT, "page-opengraph.html"), "--dry-run"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Would write src/articles/valley-radio/listeners-react-to-the-bridge-closure.md (--dry-run)");
    expect(fs.readdirSync(path.join(root, "src", "articles"))).toEqual([]);
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
    const kc = run("import", root, [path.join(SEEDS, "kumasi-city-2024-09-16.txt"), ...story, "--url", kcUrl, "--title", "Ukraine asks UN and Red Cross to visit Russia's Kursk region"]);
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
    expect(read(root, "src/articles/valley-radio/kiyiv-mist-zakrito.md").data).toEqual({ title: "Київ: міст закрито", source: "valley-radio", date: "2025-03-06", story: "bridge", draft: true });
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
