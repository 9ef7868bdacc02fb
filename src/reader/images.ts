/**
 * Article images through @11ty/eleventy-img, called from the article template (an async
 * shortcode), never as an HTML transform: pages without an image cost nothing.
 * `image.src` is a path relative to the article's markdown file, or, starting with `/`, relative
 * to the content root's `src/` folder; it must stay inside the content root.
 * Output: <picture> with AVIF and WebP sources and a fallback in the original format, explicit
 * width and height (no layout shift), lazy loading and async decoding.
 */
import fs from "node:fs";
import path from "node:path";
import type { Article } from "../content/model.ts";
import { ContentError } from "../content/problems.ts";

export const IMAGE_WIDTHS = [360, 720, 1080, 1440];
export const IMAGE_FORMATS = ["avif", "webp", "auto"];
/** The article column: full width on phones, at most 40rem (~640 px, 1280 px on 2x screens) wider up. */
export const IMAGE_SIZES = "(min-width: 44rem) 40rem, calc(100vw - 2rem)";

/** The image file on disk, or a ContentError naming the article and the field. */
export function resolveImageFile(article: Pick<Article, "file" | "image">, contentRoot: string): string {
  const src = article.image?.src ?? "";
  const fail = (message: string) => new ContentError([{ file: article.file, field: "image.src", message }]);
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//")) {
    throw fail(`"${src}" is an address: put the image file in the repository and give its path`);
  }
  const root = path.resolve(contentRoot);
  const file = src.startsWith("/")
    ? path.resolve(root, "src", `.${src}`)
    : path.resolve(root, path.dirname(article.file), src);
  if (file !== root && !file.startsWith(root + path.sep)) throw fail(`"${src}" points outside the content folder`);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw fail(`"${src}" does not exist (looked for ${path.relative(root, file).split(path.sep).join("/")})`);
  }
  return file;
}

/** `<picture>` markup for an article's image; empty when the article has no image file. */
export async function articleImageHtml(article: Article, contentRoot: string, outputDir: string): Promise<string> {
  if (!article.image?.src) return "";
  const file = resolveImageFile(article, contentRoot);
  // Loaded on first use: sharp is heavy and most builds have few images.
  const eleventyImg = await import("@11ty/eleventy-img");
  const Image = eleventyImg.default;
  const generateHTML = (eleventyImg.default as unknown as { generateHTML: (m: unknown, attrs: Record<string, string>) => string }).generateHTML;
  let metadata;
  try {
    metadata = await Image(file, {
      widths: IMAGE_WIDTHS,
      formats: IMAGE_FORMATS,
      outputDir: path.join(outputDir, "img"),
      urlPath: "/img/",
    });
  } catch (e) {
    throw new ContentError([{ file: article.file, field: "image.src", message: `could not be read as an image: ${(e as Error).message}` }]);
  }
  // The largest rendition in the original format is what feeds, OpenGraph and JSON-LD point at
  // (the page's head is rendered after its body, so it can read it).
  const fallback = Object.entries(metadata).find(([format]) => format !== "avif" && format !== "webp")?.[1] ?? metadata.webp ?? [];
  article.imageUrl = fallback[fallback.length - 1]?.url;
  return generateHTML(metadata, {
    alt: article.image.alt ?? "",
    sizes: IMAGE_SIZES,
    loading: "lazy",
    decoding: "async",
  });
}
