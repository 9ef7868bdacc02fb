/**
 * The page-furniture rules of src/content/furniture.ts, which `npm run check` and `npm run import`
 * share: each kind of line, prose that merely mentions the same words, the site-path and
 * class-word rules, the parsers of bylines, captions and datelines; and the promise that holds
 * the two commands together: every line the check flags, the importer takes out.
 */
import { describe, expect, it } from "vitest";
import {
  FURNITURE_MESSAGES,
  furnitureKind,
  hasFurnitureHint,
  isSiteFurniturePath,
  normTitle,
  parseByline,
  parseDateline,
  parseWireByline,
  splitCaptionCredit,
} from "../src/content/furniture.ts";
import { furnitureWarnings } from "../src/content/warnings.ts";
import { parseClipping } from "../src/editing/clipped-text.ts";
import { parseSavedPage } from "../src/editing/saved-page.ts";
import { settleMarkdownLinks, siteLinks } from "../src/editing/site-links.ts";

const TITLE = "Council votes to rebuild the Millbrook bridge";

describe("furnitureKind: one kind per line of furniture", () => {
  it.each([
    ["Related article: [Bridge inspection ordered](https://ledger.example/2025/02/10/x)", "related"],
    ["**Related:** Bridge inspection ordered", "related"],
    ["Read more: [Ferry fares frozen](https://ledger.example/a)", "related"],
    ["Related stories", "related"],
    ["[Ferry fares frozen](https://ledger.example/2025/03/05/ferry-fares-frozen)", "related"],
    ["Valley Wire contributed reporting.", "credit"],
    ["Ann Lee in Kyiv contributed to this report.", "credit"],
    ["Original url: https://ledger.example/a", "original-url"],
    ["Traffic cones on the bridge. **Jo Reyes / Valley Wire**", "caption"],
    ["Engineers inspect the main span on Monday. Photo: Jo Reyes / The Ledger", "caption"],
    ["Passengers at the landing (Photo by Sam Okafor/AFP)", "caption"],
    [TITLE, "title"],
    ["September 16, 2024", "date"],
    ["Monday, 16 Sept. 2024", "date"],
    ["Updated: March 7, 2025 14:05 GMT", "date"],
    ["Published March 6, 2025 at 9:15 a.m. EST", "date"],
    ["(Reporting by Jane Doe in Kyiv; Additional reporting by Ann Lee; Editing by Mark Heinrich)", "byline"],
    ["Reporting by Jane Doe and Tom Hale", "byline"],
    ["Additional reporting by Ann Lee.", "byline"],
    ["By Priya Nair", "byline"],
    ["Get the Ledger in your inbox", "boilerplate"],
    ["Sign up for our morning newsletter", "boilerplate"],
    ["Subscribe now", "boilerplate"],
    ["We use cookies.", "boilerplate"],
    ["This site uses cookies. Accept all cookies", "boilerplate"],
    ["Listen live: Valley Radio", "boilerplate"],
    ["Download our free app for breaking news alerts.", "boilerplate"],
    ["Advertisement", "boilerplate"],
    ["Share this article", "boilerplate"],
    ["Share on Facebook", "boilerplate"],
    ["Facebook Twitter WhatsApp Email", "boilerplate"],
    ["Follow us on Instagram for more.", "boilerplate"],
    ["Story continues below advertisement", "boilerplate"],
    ["Listen to this article", "boilerplate"],
    ["4 min read", "boilerplate"],
    ["Comments (12)", "boilerplate"],
    ["Most read", "boilerplate"],
  ])("%s → %s", (line, kind) => {
    expect(furnitureKind(line, normTitle(TITLE))).toBe(kind);
    expect(FURNITURE_MESSAGES[kind as keyof typeof FURNITURE_MESSAGES]).toBeTruthy();
  });

  it.each([
    "The council said cookies and cakes would be sold at the reopening.",
    "Reporting by the BBC revealed that the cracks had been known for a year.",
    "By Monday, officials had closed both lanes.",
    "By The Numbers",
    "By Sunday",
    "Related to the closure, bus fares will be frozen.",
    "Share prices of the contractor fell 4 percent on the news.",
    "Residents can subscribe to text alerts from the council, a spokesperson said.",
    "Listen to the residents, Morrow told the meeting.",
    '"We will not take any risks with people\'s safety," Councillor Ada Morrow said.',
    "The photo shows the bridge from the north bank.",
    "March 2025 was the wettest on record.",
    "The story continues to unfold as engineers return to the site.",
    "Most residents said they would use the ferry.",
    "Comments from the public will be heard on Friday.",
    `${"A long paragraph about the bridge. ".repeat(12)}We use cookies, the baker joked.`,
  ])("prose is not furniture: %s", (line) => {
    expect(furnitureKind(line, normTitle(TITLE))).toBeUndefined();
  });
});

describe("the outlet's own site: paths and markup", () => {
  it.each([
    ["/", true],
    ["/news", true],
    ["/world/europe/", true],
    ["/podcasts/bridge-talk-episode-12", true],
    ["/tag/russia-ukraine-war-news", true],
    ["/author/jane-doe", true],
    ["/newsletters/weekly", true],
    ["/2025/03/06/council-votes/", false],
    ["/news/engineers-report-finds-bridge-beyond-repair", false],
    ["/world/europe/article-68291734", false],
    ["/live/2025-03-06-bridge-vote", false],
    ["/2024/bridge-repairs", false],
    ["/news/bridge-talk-returns", false],
    ["/news/bridge.html", false],
    ["/world/middle-east", true],
    ["/index.html", true],
  ])("%s is site furniture: %s", (p, furniture) => {
    expect(isSiteFurniturePath(p)).toBe(furniture);
  });

  it("class, id and role words mark furniture; ordinary words do not", () => {
    for (const attr of [
      "newsletter-box",
      "cookieBanner",
      "social_share",
      "related-stories",
      "promo",
      "ad-slot",
      "complementary",
    ])
      expect(hasFurnitureHint([attr]), attr).toBe(true);
    for (const attr of ["article-body", "headline", "shadow", "reader-content", "story lead", "main"])
      expect(hasFurnitureHint([attr]), attr).toBe(false);
  });
});

describe("links as a careful editor leaves them", () => {
  const base = "https://www.ledger.example/news/2025/03/06/council-votes";
  it("a saved page's: absolute; into the site's furniture, words kept in a sentence and gone alone; unresolvable, words only with a note", () => {
    const notes: string[] = [];
    const html = siteLinks(
      '<p>Follow the <a href="/world/europe">Europe</a> desk. <a href="/">Home</a></p><p><a href="../04/engineers-report-finds-bridge">the report</a> and <a href="#top">top</a></p><ul><li><a href="/tag/bridges">Bridges</a></li></ul><p><a href="mailto:news@ledger.example">Email us</a> or <a href="javascript:void(0)">print</a>.</p>',
      base,
      notes,
    );
    expect(html).toBe(
      '<p>Follow the Europe desk. </p><p><a href="https://www.ledger.example/news/2025/03/04/engineers-report-finds-bridge">the report</a> and top</p><ul></ul><p><a href="mailto:news@ledger.example">Email us</a> or print.</p>',
    );
    expect(notes).toEqual([]);
    // an author page's link in a byline: the name stays for the byline rule
    expect(siteLinks('<p>By <a href="/author/jane-doe">Jane Doe</a></p>', base, notes)).toBe("<p>By Jane Doe</p>");
    siteLinks(
      '<p>See <a href="stories/bridge-closed-after-cracks">the first report</a> for more.</p>',
      undefined,
      notes,
    );
    expect(notes).toEqual([
      "One link of our copy was relative to an address it does not give: it is shown as plain text.",
    ]);
  });

  it("a clipping's markdown: the same rules", () => {
    expect(
      settleMarkdownLinks(
        [
          "Listen to our [podcast](/podcasts/bridge-talk) on Monday.",
          "[Listen](/podcasts)",
          "See [the report](/news/2025/03/04/report) and [this](#).",
        ],
        base,
      ),
    ).toEqual({
      paragraphs: [
        "Listen to our podcast on Monday.",
        "See [the report](https://www.ledger.example/news/2025/03/04/report) and [this](#).",
      ],
      note: undefined,
    });
  });
});

describe("a saved page's structure", () => {
  const para =
    "The county council voted on Thursday to demolish and rebuild the Millbrook bridge, which has been closed since inspectors found cracks in its main span.";
  it("the report is never removed as furniture, whatever its wrapper's class says; a box's paragraph of the report stays beside a share line", () => {
    const page = parseSavedPage(
      `<html><head><link rel="canonical" href="https://ledger.example/2025/03/06/council-votes"><title>T</title></head><body><form id="aspnetForm"><div class="story related-enabled share-tools-on"><p>${para}</p><div class="wrap"><p>Residents said the closure had doubled their journeys.</p><p>Share this article</p></div><p>${para}</p><div><h4>The best of the Ledger, every morning</h4><p>Sign up for our newsletter</p></div><p>${para}</p></div></form></body></html>`,
    );
    expect(page.body.split("\n\n")).toEqual([
      para,
      "Residents said the closure had doubled their journeys.",
      para,
      para,
    ]);
  });

  it("the lead picture is the article's, not a promo's above it", () => {
    const page = parseSavedPage(
      `<html><head><title>T</title></head><body><div class="top"><figure><img src="a.jpg"><figcaption>Our new app</figcaption></figure></div><article><figure><img src="b.jpg"><figcaption>The span on Monday. <span class="image-credit">Photo: Jo Reyes</span></figcaption></figure><p>${para}</p><p>${para}</p></article></body></html>`,
    );
    expect(page.image).toEqual({ caption: "The span on Monday.", credit: "Jo Reyes" });
  });
});

describe("parsers of what furniture carries", () => {
  it("wire bylines: the credit as printed, the reporters and writers as authors", () => {
    expect(
      parseWireByline(
        "(Reporting by Jane Doe in Kyiv and Tom Hale in London; Writing by Ann Lee; Editing by Mark Heinrich)",
      ),
    ).toEqual({
      credit: "Reporting by Jane Doe in Kyiv and Tom Hale in London; Writing by Ann Lee; Editing by Mark Heinrich",
      authors: ["Jane Doe", "Tom Hale", "Ann Lee"],
    });
    expect(parseWireByline("Reporting by Jane Doe in Millbrook, Editing by Mark Heinrich")?.authors).toEqual([
      "Jane Doe",
    ]);
    expect(parseWireByline("Additional reporting by Ann Lee.")).toEqual({
      credit: "Additional reporting by Ann Lee",
      authors: [],
    });
    expect(parseWireByline("Reporting by the BBC revealed the cracks")).toBeUndefined();
    expect(parseByline("By Jane Doe and Tom Hale | Reuters")).toEqual(["Jane Doe", "Tom Hale"]);
  });

  it("captions: the credit without its label", () => {
    expect(splitCaptionCredit("The bridge on Monday. **Jo Reyes / AFP**")).toEqual({
      caption: "The bridge on Monday.",
      credit: "Jo Reyes / AFP",
    });
    expect(splitCaptionCredit("The bridge on Monday. Photograph: Jo Reyes")).toEqual({
      caption: "The bridge on Monday.",
      credit: "Jo Reyes",
    });
    expect(splitCaptionCredit("The bridge on Monday (Photo by Jo Reyes/AFP)")).toEqual({
      caption: "The bridge on Monday",
      credit: "Jo Reyes/AFP",
    });
    expect(splitCaptionCredit("The bridge on Monday.")).toEqual({ caption: "The bridge on Monday." });
  });

  it("datelines: the day, and whether it was an update's", () => {
    expect(parseDateline("Published March 6, 2025 at 9:15 a.m. EST")).toEqual({ date: "2025-03-06", updated: false });
    expect(parseDateline("Last updated on 7 March 2025, 14:05 GMT")).toEqual({ date: "2025-03-07", updated: true });
    expect(parseDateline("March 2025")).toBeUndefined();
  });
});

describe("check and import share the rules", () => {
  const lines = [
    TITLE,
    "By Priya Nair",
    "March 6, 2025",
    "Engineers on the span. Photo: Jo Reyes / The Ledger",
    "The county council voted on Thursday to rebuild the bridge.",
    "Get the Ledger in your inbox",
    "Related article: [Bridge inspection ordered](https://ledger.example/2025/02/10/x)",
    "Work is expected to start in the autumn.",
    "We use cookies.",
    "Listen live: Ledger Radio",
    "Share this article",
    "(Reporting by Jane Doe; Editing by Mark Heinrich)",
    "Valley Wire contributed reporting.",
    "Original url: https://ledger.example/2025/03/06/x",
  ];
  const warnings = (body: string) =>
    furnitureWarnings({ file: "a.md", body, bodyLine: 1, data: { title: TITLE } as never });

  it.each([
    ["separated by blank lines", lines.join("\n\n")],
    ["without a blank line", lines.join("\n")],
    ["header packed, paragraphs separated", `${lines.slice(0, 4).join("\n")}\n\n${lines.slice(4).join("\n\n")}`],
  ])("every line check flags, the importer takes out (%s)", (_, text) => {
    const flagged = warnings(text).map((w) => text.split("\n")[w.line! - 1]!.trim());
    expect(flagged).toHaveLength(12);
    const clipping = parseClipping(text);
    for (const line of flagged) expect(clipping.body).not.toContain(line);
    expect(warnings(clipping.body)).toEqual([]);
    expect(clipping.body.split("\n\n")).toEqual([
      "The county council voted on Thursday to rebuild the bridge.",
      "Work is expected to start in the autumn.",
    ]);
    expect(clipping).toMatchObject({
      title: TITLE,
      date: "2025-03-06",
      authors: ["Priya Nair", "Jane Doe"],
      credit: "Reporting by Jane Doe; Editing by Mark Heinrich. Valley Wire contributed reporting.",
      image: { caption: "Engineers on the span.", credit: "Jo Reyes / The Ledger" },
      related: [{ title: "Bridge inspection ordered", url: "https://ledger.example/2025/02/10/x" }],
      url: "https://ledger.example/2025/03/06/x",
    });
  });
});
