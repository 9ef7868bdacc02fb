/**
 * What pages and feeds carry, and what the importer brings in ("Real input, round three"):
 * a picture named in a body's markdown (a file beside the article, another site's address, also
 * in a translation) is one problem naming the file, the line and `body`, in the build and in
 * `npm run check`'s pipeline, and the build exits 1; the importer drops pictures inside the text
 * (tracking pixels, other sites' pictures, pasted `<img>`) and says so in `note`, makes relative
 * links (inline and reference-style) absolute or plain words, takes a JSON-LD headline written
 * as HTML as clean text, and reads a page whose text is rendered by script from JSON-LD
 * `articleBody`, or refuses it with one line saying what to do.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultPaths, loadContent } from "../src/content/pipeline.ts";
import { formatProblem, isError } from "../src/content/problems.ts";
import { parseClipping } from "../src/editing/clipped-text.ts";
import { parseSavedPage, plainText } from "../src/editing/saved-page.ts";
import { runBuildAsync } from "./helpers/build-async.ts";
import { article, contentTree } from "./helpers/fixture.ts";
import { ROOT, TSX, tempDir } from "./helpers/site.ts";

const A = "src/articles/alpha-news";
const front = { title: "The bridge", source: "alpha-news", date: "2024-09-16" };
const errors = (files: Record<string, string>, renderHtml = true) =>
  loadContent(defaultPaths(contentTree({ files })), { renderHtml })
    .problems.filter(isError)
    .map(formatProblem);

describe("pictures in a body's markdown", () => {
  it("a picture beside the article: one problem at its line, telling the editor to use image", () => {
    const files = {
      [`${A}/bridge.md`]: article(front, "The council met.\n\n![The span](photo.jpg)\n"),
    };
    for (const render of [true, false])
      expect(errors(files, render)).toEqual([
        `${A}/bridge.md:8: body: a picture in the text ("photo.jpg") is not published: the text shows no pictures; give it as the article's picture in the front matter (image: src: photo.jpg, alt: …) or remove it`,
      ]);
  });

  it("another site's picture (a tracker): one problem at its line, inside a paragraph too; also in a translation", () => {
    const files = {
      [`${A}/bridge.md`]: article(
        front,
        "The council met.\n\nIt voted\nto rebuild ![](https://tracker.example/pixel.gif?u=1) the span.\n",
      ),
      [`${A}/bridge.de.md`]: article(
        { title: "Die Brücke", translator: "DeepL", machine: true, date: "2024-09-17" },
        "Der Rat tagte.\n\n![Brücke][b]\n\n[b]: https://cdn.example/b.jpg\n",
      ),
    };
    const found = errors(files).sort();
    expect(found).toHaveLength(2);
    expect(found[0]).toBe(
      `${A}/bridge.de.md:9: body: a picture from another site ("https://cdn.example/b.jpg") is not published: every reader's browser and feed reader would fetch it from that site, and the pages allow only their own pictures; remove it, or make it a link: [Brücke](https://cdn.example/b.jpg)`,
    );
    expect(found[1]).toMatch(
      new RegExp(
        `^${A}/bridge\\.md:9: body: a picture from another site \\("https://tracker\\.example/pixel\\.gif\\?u=1"\\)`,
      ),
    );
  });

  it("refused addresses stay text, as before: no problem, no picture", () => {
    expect(
      errors({ [`${A}/bridge.md`]: article(front, "![x](javascript:alert(1)) and ![y](data:image/png;base64,AA)\n") }),
    ).toEqual([]);
  });

  it("the build exits 1 with the one line, and writes nothing", async () => {
    const root = contentTree({
      files: { [`${A}/bridge.md`]: article(front, "The council met.\n\n![pixel](https://tracker.example/p.gif)\n") },
    });
    const output = path.join(tempDir("out-"), "dist");
    const run = await runBuildAsync({ output, env: { CONTENT_ROOT: root } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `${A}/bridge.md:8: body: a picture from another site ("https://tracker.example/p.gif")`,
    );
    expect(run.stderr).toMatch(/1 problem:/);
    expect(fs.existsSync(output)).toBe(false);
  }, 60_000);
});

describe("the importer: pictures and links inside the text", () => {
  const para =
    "The county council voted on Thursday to demolish and rebuild the Millbrook bridge, which has been closed since inspectors found cracks in its main span.";

  it("a clipping: markdown pictures and pasted <img> go, the note says so; relative links, inline and by reference, made absolute", () => {
    const c = parseClipping(
      [
        "Council votes to rebuild the bridge",
        "",
        `${para} ![](https://tracker.example/pixel.gif?id=7)`,
        "",
        '<img src="https://ads.example/1x1.png" width="1" height="1">',
        "",
        "[![chart](chart.png)](https://ledger.example/chart)",
        "",
        "Read the [report](/2025/03/06/inspection-report) and the [minutes][m], or the [agenda][a].",
        "",
        "[m]: ../minutes.pdf",
        "[a]: javascript:alert(1)",
      ].join("\n"),
      { url: "https://ledger.example/2025/03/06/council-votes" },
    );
    expect(c.body).not.toMatch(/!\[|<img|tracker|ads\.example|chart\.png/);
    expect(c.body).toContain(para);
    expect(c.body).toContain("[report](https://ledger.example/2025/03/06/inspection-report)");
    expect(c.body).toContain("[m]: https://ledger.example/2025/03/minutes.pdf");
    expect(c.body).toContain("or the agenda.");
    expect(c.body).not.toContain("javascript");
    expect(c.pictureNote).toBe(
      "3 pictures inside the text of our copy are left out: pictures from other sites are not shown here.",
    );
  });

  it("a saved page: an inline 1×1 pixel and a remote picture go and the note says so; relative links become absolute", () => {
    const page = parseSavedPage(
      `<html><head><title>T</title><link rel="canonical" href="https://ledger.example/2025/03/06/council-votes"></head><body><article><p>${para} <img src="https://tracker.example/p.gif" width="1" height="1"></p><p>${para} See the <a href="/2025/03/06/inspection-report">inspection report</a>.</p><p><a href="https://elsewhere.example/big.jpg"><img src="https://elsewhere.example/big.jpg"></a></p><p>${para}</p></article></body></html>`,
    );
    expect(page.body).not.toMatch(/!\[|<img|tracker|big\.jpg|\[\]/);
    expect(page.body).toContain("[inspection report](https://ledger.example/2025/03/06/inspection-report)");
    expect(page.notes.join(" ")).toContain("2 pictures inside the text of our copy are left out");
    expect(page.stop).toBeUndefined();
  });
});

describe("the importer: a JSON-LD headline written as HTML", () => {
  it("markup and entities become clean text", () => {
    expect(plainText("Kyiv &amp; <b>Moscow</b>")).toBe("Kyiv & Moscow");
    expect(plainText("Kyiv &amp;amp; Moscow &#8212; <i>talks</i><script>alert(1)</script>")).toBe(
      "Kyiv & Moscow — talks",
    );
    expect(plainText("Profits rise 5% as a < b")).toBe("Profits rise 5% as a < b");
    const ld = JSON.stringify({
      "@type": "NewsArticle",
      headline: "Kyiv &amp; <b>Moscow</b> trade  prisoners",
      author: { "@type": "Person", name: "Jo &amp; <em>Reyes</em>" },
    });
    const page = parseSavedPage(
      `<html><head><title>x</title><script type="application/ld+json">${ld}</script></head><body><article><p>${"The two sides exchanged prisoners on Friday, officials said. ".repeat(3)}</p></article></body></html>`,
    );
    expect(page.title).toBe("Kyiv & Moscow trade prisoners");
    expect(page.authors).toEqual(["Jo & Reyes"]);
  });
});

describe("the importer: a page whose text is rendered by script", () => {
  const menu =
    '<header><a href="/">Home</a></header><div id="__next"><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul><div>Loading…</div></div>';
  const next = `<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"story":{"body":"…"}}}}</script>`;
  const text =
    "The two sides exchanged prisoners on Friday, officials in Kyiv said.\n\nTwenty soldiers came home, the ministry said.";

  it("its text is taken from JSON-LD articleBody when the page gives it", () => {
    const ld = JSON.stringify({ "@type": "NewsArticle", headline: "Prisoners exchanged", articleBody: text });
    const page = parseSavedPage(
      `<html><head><title>x</title><script type="application/ld+json">${ld}</script></head><body>${menu}${next}</body></html>`,
      { url: "https://ledger.example/2025/03/06/prisoners" },
    );
    expect(page.stop).toBeUndefined();
    expect(page.body).toBe(text);
    expect(page.found).toContain("body (JSON-LD articleBody: the page's text is rendered by script)");
  });

  it("without articleBody, the import stops with one line: the page's text is rendered by script, and what to do", () => {
    const root = contentTree({});
    const file = path.join(tempDir("page-"), "prisoners.html");
    fs.writeFileSync(
      file,
      `<html><head><title>Prisoners exchanged</title><link rel="canonical" href="https://alpha.example/2025/03/06/prisoners"></head><body>${menu}${next}</body></html>`,
    );
    const r = spawnSync(process.execPath, [TSX, "scripts/import.ts", file], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CONTENT_ROOT: root },
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^Nothing was written: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: the page's text is rendered by script: without scripts the page shows only "[^"]*", and it gives no JSON-LD articleBody; open the page in a browser, copy the report's text into a \\.txt file and import that`,
      ),
    );
    expect(fs.readdirSync(path.join(root, "src", "articles"))).toEqual([]);
  }, 60_000);
});
