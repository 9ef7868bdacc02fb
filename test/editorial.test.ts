/**
 * What editors record beyond the report itself, on a fixture of our own built through the real
 * CLI: honest gaps in the fact grid (checked vs not checked), drafts, corrections, warnings for
 * pasted page furniture and gaps in the record, and "did you mean" in errors.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultPaths, loadContent } from "../src/content/pipeline.ts";
import { isError } from "../src/content/problems.ts";
import { article, contentTree, withoutPosition } from "./helpers/fixture.ts";
import { runBuildAsync } from "./helpers/build-async.ts";
import { buildTree } from "./helpers/build-tree.ts";
import { readHtml, tempDir } from "./helpers/site.ts";

const A = "src/articles/alpha-news";
const B = "src/articles/beta-post";
const STORY = "the-story";
const story = { story: STORY };
const paths = (root: string) => defaultPaths(root);

const files = (extra: Record<string, string> = {}) => ({
  [`${A}/one.md`]: article(
    { title: "Alpha one", source: "alpha-news", date: "2024-09-16", ...story },
    "Officials counted 40 towns.\n\nA second paragraph.\n",
  ),
  [`${B}/two.md`]: article(
    {
      title: "Beta two",
      source: "beta-post",
      date: "2024-09-16T10:00+02:00",
      ...story,
    },
    "Officials counted 41 towns.\n",
  ),
  "_data/claims.json": JSON.stringify([
    {
      id: "towns",
      story: STORY,
      label: "Towns counted",
      citations: [{ article: "alpha-news/one", quote: "40 towns", value: "40" }],
      notReportedBy: ["beta-post"],
    },
    { id: "ships", story: STORY, label: "Ships sunk", citations: [{ article: "beta-post/two", quote: "41 towns" }] },
  ]),
  "_data/events.json": JSON.stringify([
    {
      id: "count",
      date: "2024-09-15",
      title: "The count",
      story: STORY,
      citations: [{ article: "alpha-news/one", quote: "Officials counted" }],
    },
  ]),
  ...extra,
});

describe("honest gaps in the fact grid", () => {
  let dist: string;
  beforeAll(async () => {
    dist = (await buildTree(files())).output;
  });

  it("says Not reported only for an outlet an editor checked, Not checked otherwise, and counts those", () => {
    const $ = readHtml(dist, `/stories/${STORY}/`);
    const cell = (claim: string, source: string) => $(`#claim-${claim} td[data-source="${source}"]`);
    expect(cell("towns", "alpha-news").attr("class")).toBe("reported");
    expect(cell("towns", "beta-post").attr("class")).toBe("not-reported");
    expect(cell("towns", "beta-post").text().trim()).toBe("Not reported");
    expect(cell("ships", "alpha-news").attr("class")).toBe("unchecked");
    expect(cell("ships", "alpha-news").text().trim()).toBe("Not checked");
    expect($(".unchecked-count").text()).toMatch(/^1 cell is not checked yet/);
  });

  it("lists the story's outlets nobody checked for an event", () => {
    const $ = readHtml(dist, `/stories/${STORY}/`);
    expect($("#event-count .event-gaps").text()).toBe("Not checked: Beta Post.");
  });

  it("refuses an unknown outlet, one without a report of the story, and one that is also cited", () => {
    const root = contentTree({
      sources: [
        ...JSON.parse(
          JSON.stringify([
            { id: "alpha-news", name: "Alpha News", url: "https://alpha.example" },
            { id: "beta-post", name: "Beta Post", url: "https://beta.example" },
            { id: "gamma", name: "Gamma", url: "https://gamma.example" },
          ]),
        ),
      ],
      files: files({
        "_data/claims.json": JSON.stringify([
          {
            id: "towns",
            story: STORY,
            label: "Towns",
            citations: [{ article: "alpha-news/one", quote: "40 towns" }],
            notReportedBy: ["beta-pots", "gamma", "alpha-news"],
          },
        ]),
      }),
    });
    expect(loadContent(paths(root)).problems.filter(isError).map(withoutPosition)).toEqual([
      `_data/claims.json: [0] (id "towns").notReportedBy[0]: unknown source id "beta-pots" (did you mean "beta-post"?): add it to _data/sources.json`,
      `_data/claims.json: [0] (id "towns").notReportedBy[1]: "gamma" has no report of story "${STORY}": only outlets that reported the story can be checked (outlets: alpha-news, beta-post)`,
      `_data/claims.json: [0] (id "towns").notReportedBy[2]: "alpha-news" is also cited for it: a report either gives the fact or does not`,
    ]);
  });
});

describe("drafts and corrections", () => {
  const draftFiles = files({
    [`${A}/draft.md`]: article(
      { title: "Draft report", source: "alpha-news", date: "2024-09-17", draft: true },
      "Not ready yet.\n",
    ),
    [`${A}/corrected.md`]: `---\ntitle: Corrected report\nsource: alpha-news\ndate: 2024-09-18\ncorrections:\n  - date: 2024-09-19\n    text: An earlier version gave the wrong number of towns.\n  - date: 2024-09-18T20:00+03:00\n    text: The headline was changed.\n---\nThe corrected text.\n`,
  });
  let dist: string;
  beforeAll(async () => {
    dist = (await buildTree(draftFiles)).output;
  });

  it("a draft is never in a build's output, nor in any listing or feed", () => {
    expect(fs.existsSync(path.join(dist, "sources/alpha-news/draft/index.html"))).toBe(false);
    for (const f of [
      "index.html",
      "timeline/index.html",
      "sources/alpha-news/index.html",
      "feed.xml",
      "feed.json",
      "sitemap.xml",
    ]) {
      expect(fs.readFileSync(path.join(dist, f), "utf8"), f).not.toContain("Draft report");
      expect(fs.readFileSync(path.join(dist, f), "utf8"), f).not.toContain("/draft/");
    }
  });

  it("the pipeline includes drafts when asked (npm start), and a citation of a draft fails a build", () => {
    const root = contentTree({ files: draftFiles });
    expect(loadContent(paths(root), { includeDrafts: true }).content!.articleByKey.get("alpha-news/draft")?.draft).toBe(
      true,
    );
    const cited = contentTree({
      files: {
        ...draftFiles,
        "_data/events.json": JSON.stringify([
          { id: "e", date: "2024", title: "E", citations: [{ article: "alpha-news/draft", quote: "Not ready" }] },
        ]),
      },
    });
    expect(loadContent(paths(cited)).problems.filter(isError).map(withoutPosition)).toEqual([
      `_data/events.json: [0] (id "e").citations[0].article: article "alpha-news/draft" is a draft (draft: true), which npm run build does not publish: cite it once it is published`,
    ]);
  });

  it("corrections show on the page in date order, in the feed item and in JSON-LD", () => {
    const $ = readHtml(dist, "/sources/alpha-news/corrected/");
    expect($(".corrections h2").text()).toBe("Corrections");
    expect(
      $(".corrections li")
        .map((_, li) => $(li).text())
        .get(),
    ).toEqual([
      "18 September 2024, 20:00 UTC+3: The headline was changed.",
      "19 September 2024: An earlier version gave the wrong number of towns.",
    ]);
    const ld = $('script[type="application/ld+json"]')
      .map((_, s) => JSON.parse($(s).text()))
      .get()
      .find((j) => j["@type"] === "NewsArticle");
    expect(ld.correction).toEqual([
      { "@type": "CorrectionComment", text: "The headline was changed.", datePublished: "2024-09-18T20:00:00+03:00" },
      {
        "@type": "CorrectionComment",
        text: "An earlier version gave the wrong number of towns.",
        datePublished: "2024-09-19",
      },
    ]);
    const feed = JSON.parse(fs.readFileSync(path.join(dist, "feed.json"), "utf8"));
    const item = feed.items.find((i: { title: string }) => i.title === "Corrected report");
    expect(item.content_html).toContain("<h2>Corrections</h2>");
    expect(item.content_html).toContain("An earlier version gave the wrong number of towns.");
    expect(fs.readFileSync(path.join(dist, "feed.xml"), "utf8")).toContain(
      "An earlier version gave the wrong number of towns.",
    );
  });
});

describe("warnings", () => {
  const pasted = [
    "Alpha one",
    "",
    "September 16, 2024",
    "",
    "A burnt-out truck near the border. **Jane Doe / AFP**",
    "",
    "The body proper.",
    "",
    "Related article: [Another story](https://alpha.example/x)",
    "",
    "Reuters contributed reporting.",
    "",
    "Original url:",
    "",
    "<https://alpha.example/one>",
    "",
  ].join("\n");

  it("point at each line of pasted page furniture, and at gaps in the record, without stopping the build", async () => {
    const idleSources = [
      { id: "alpha-news", name: "Alpha News", url: "https://alpha.example" },
      { id: "beta-post", name: "Beta Post", url: "https://beta.example" },
      { id: "idle", name: "Idle", url: "https://idle.example" },
    ];
    const root = contentTree({
      sources: idleSources,
      files: files({
        [`${A}/one.md`]: article({ title: "Alpha one", source: "alpha-news", date: "2024-09-16", ...story }, pasted),
        [`${A}/uncited.md`]: article(
          { title: "Alpha uncited", source: "alpha-news", date: "2024-09-17", ...story },
          "Nothing cites this.\n",
        ),
        "_data/entities.json": JSON.stringify([{ id: "nobody", name: "Nobody Anywhere", type: "person" }]),
        "_data/claims.json": JSON.stringify([
          {
            id: "body",
            story: STORY,
            label: "Body",
            citations: [{ article: "alpha-news/one", quote: "The body proper." }],
          },
        ]),
        "_data/events.json": "[]",
      }),
    });
    const output = path.join(tempDir(), "dist");
    const run = await runBuildAsync({ output, env: { CONTENT_ROOT: root } });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stderr.split("\n").filter((l) => l.startsWith("  - "));
    expect(run.stderr).toContain("The content has 10 warnings (the site is built all the same):");
    const f = `${A}/one.md`;
    // the front matter takes 6 lines, so the body starts on line 7
    expect(lines).toEqual(
      expect.arrayContaining([
        `  - ${f}:7:1: repeats the title: the headline is in title: in the front matter`,
        `  - ${f}:9:1: is a date on its own line: the date is in date: in the front matter`,
        `  - ${f}:11:1: looks like a photo caption with its credit: put them in image.caption and image.credit`,
        `  - ${f}:15:1: looks like a "Related article" line from the page: list it under related: in the front matter (title, url)`,
        `  - ${f}:17:1: looks like a wire credit: put it in credit: in the front matter`,
        `  - ${f}:19:1: looks like the original address pasted from the clipping: put the address in url: in the front matter`,
        `  - _data/sources.json:1:${JSON.stringify(idleSources).indexOf('{"id":"idle"') + 1}: [2] (id "idle"): has no reports: add one, or remove the source`,
        `  - _data/entities.json:1:2: [0] (id "nobody"): no report names "Nobody Anywhere" (nor any of its aliases): it is published with no reports`,
        `  - ${A}/uncited.md: is part of story "${STORY}", which has a fact grid, but no event or claim cites it: check which of the story's facts it gives`,
        `  - ${B}/two.md: is part of story "${STORY}", which has a fact grid, but no event or claim cites it: check which of the story's facts it gives`,
      ]),
    );
    expect(lines).toHaveLength(10);
  });

  it("a clean report gets none", () => {
    const root = contentTree({ files: files() });
    expect(loadContent(paths(root)).problems).toEqual([]);
  });
});

describe("errors that teach", () => {
  it("suggest the closest known key or id", () => {
    const root = contentTree({
      files: {
        [`${A}/x.md`]: article({ title: "X", source: "alpha-news", date: "2024-09-16", stroy: STORY }),
        [`${A}/y.md`]: article({ title: "Y", source: "alpha-news", date: "2024-09-16", story: "the-stroy" }),
        [`${A}/z.md`]: article({ title: "Z", source: "alpha-nwes", date: "2024-09-16" }),
        "_data/events.json": JSON.stringify([
          { id: "e", date: "2024", title: "E", sumary: "x", citations: [{ article: "alpha-news/xx", quote: "Body" }] },
        ]),
      },
    });
    const out = loadContent(paths(root)).problems.map(withoutPosition);
    expect(out).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^src\/articles\/alpha-news\/x\.md: stroy: unknown key \(did you mean "story"\?\)/),
        expect.stringMatching(
          /^src\/articles\/alpha-news\/y\.md: story: unknown story id "the-stroy" \(did you mean "the-story"\?\)/,
        ),
        expect.stringMatching(
          /^src\/articles\/alpha-nwes|^src\/articles\/alpha-news\/z\.md: source: .*unknown source id "alpha-nwes" \(did you mean "alpha-news"\?\)/,
        ),
        expect.stringMatching(
          /^_data\/events\.json: \[0\] \(id "e"\)\.sumary: unknown key \(did you mean "summary"\?\)/,
        ),
      ]),
    );
  });
});
