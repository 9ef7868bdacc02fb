/**
 * Article images through eleventy-img, with images this test generates (sharp) in a tiny
 * content tree built through CONTENT_ROOT: responsive AVIF/WebP/fallback, explicit size,
 * lazy loading, alt, caption and credit; and clear build errors for a bad `image.src`.
 */
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, test } from "vitest";
import { runBuildAsync } from "./helpers/build-async.ts";
import { buildContent } from "./helpers/build-tree.ts";
import { readHtml, resolveToFile, tempDir } from "./helpers/site.ts";

function fixture(articles: Record<string, string>): string {
  const root = tempDir("content-");
  fs.mkdirSync(path.join(root, "_data"));
  fs.writeFileSync(
    path.join(root, "_data", "sources.json"),
    JSON.stringify([{ id: "daily-test", name: "The Daily Test", url: "https://daily.example" }]),
  );
  fs.writeFileSync(path.join(root, "_data", "stories.json"), "[]");
  fs.writeFileSync(
    path.join(root, "_data", "site.json"),
    JSON.stringify({
      title: "Images",
      description: "A test of pictures.",
      language: "en",
      url: "https://images.example",
    }),
  );
  for (const [rel, text] of Object.entries(articles)) {
    const file = path.join(root, "src", "articles", rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

const article = (slug: string, image: string) => `---
title: Report ${slug}
source: daily-test
date: 2024-09-16
image:
${image}
---
The body of report ${slug}.
`;

describe("an article image", () => {
  let dist: string;
  beforeAll(async () => {
    const root = fixture({
      "daily-test/beside.md": article(
        "beside",
        "  src: photo.jpg\n  alt: A grey field under a red sky\n  caption: The field at dusk.\n  credit: Test Photographer / Agency",
      ),
      "daily-test/shared.md": article("shared", "  src: /images/chart.png\n  alt: A bar chart"),
    });
    await sharp({ create: { width: 1600, height: 900, channels: 3, background: { r: 150, g: 40, b: 30 } } })
      .jpeg()
      .toFile(path.join(root, "src", "articles", "daily-test", "photo.jpg"));
    fs.mkdirSync(path.join(root, "src", "images"));
    await sharp({ create: { width: 500, height: 300, channels: 4, background: { r: 20, g: 90, b: 160, alpha: 1 } } })
      .png()
      .toFile(path.join(root, "src", "images", "chart.png"));
    const run = await buildContent(root);
    expect(run.log).toBe("");
    dist = run.output;
  });

  test("becomes a <figure> with a responsive <picture>: AVIF, WebP, a fallback, size, lazy loading, alt, caption, credit", () => {
    const $ = readHtml(dist, "/sources/daily-test/beside/");
    const figure = $("figure.report-image");
    expect(figure).toHaveLength(1);
    const types = figure
      .find("picture source")
      .map((_, el) => $(el).attr("type"))
      .get();
    expect(types).toEqual(["image/avif", "image/webp"]);
    const img = figure.find("picture img");
    expect(img.attr("alt")).toBe("A grey field under a red sky");
    expect(img.attr("loading")).toBe("lazy");
    expect(img.attr("decoding")).toBe("async");
    expect(Number(img.attr("width"))).toBeGreaterThan(0);
    expect(Number(img.attr("height")) / Number(img.attr("width"))).toBeCloseTo(900 / 1600, 2);
    expect(img.attr("src")).toMatch(/^\/img\/.+\.jpeg$/);
    const avif = figure.find('source[type="image/avif"]');
    expect(avif.attr("sizes")).toBeTruthy();
    const widths = (avif.attr("srcset") ?? "").split(",").map((s) => s.trim().split(/\s+/)[1]);
    expect(widths).toEqual(["360w", "720w", "1080w", "1440w"]);
    expect(figure.find("figcaption").text()).toContain("The field at dusk.");
    expect(figure.find("figcaption .credit").text()).toBe("Test Photographer / Agency");
    // every file the markup names was written
    const urls = [
      img.attr("src")!,
      ...figure
        .find("source")
        .map((_, el) => ($(el).attr("srcset") ?? "").split(",").map((s) => s.trim().split(/\s+/)[0]!))
        .get(),
    ];
    for (const u of urls) expect(resolveToFile(dist, u), u).toBeTruthy();
  });

  test("a path starting with / is read from the content's src/ folder, and a small image is not upscaled", () => {
    const $ = readHtml(dist, "/sources/daily-test/shared/");
    const img = $("figure.report-image picture img");
    expect(img.attr("alt")).toBe("A bar chart");
    expect(img.attr("width")).toBe("500");
    expect(img.attr("src")).toMatch(/\.png$/);
    expect($('figure.report-image source[type="image/webp"]').attr("srcset")).not.toMatch(/720w/);
  });
});

describe("a bad image.src stops the build with the article and the field named", () => {
  test.each([
    ["missing.jpg", /src\/articles\/daily-test\/bad\.md:\d+:\d+: image\.src: "missing\.jpg" does not exist/],
    ["../../../../etc/passwd", /image\.src: .* points outside the content folder/],
    ["https://example.org/a.jpg", /image\.src: .* is an address/],
  ])("%s", async (src, message) => {
    const root = fixture({ "daily-test/bad.md": article("bad", `  src: "${src}"\n  alt: Something`) });
    const run = await runBuildAsync({ output: path.join(tempDir(), "dist"), env: { CONTENT_ROOT: root } });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
  });
});
