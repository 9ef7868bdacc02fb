/**
 * Article pictures through @11ty/eleventy-img: AVIF and WebP at several widths plus a fallback
 * in the original format, explicit width and height (no layout shift), lazy loading. Done once
 * per build when the content loads, so pages, feeds and JSON-LD all read the same result.
 */
import path from "node:path";
import type { Article } from "../content/model.ts";
import { ContentError } from "../content/problems.ts";
import { urls } from "../content/urls.ts";

const IMAGE_WIDTHS = [360, 720, 1080, 1440];
const IMAGE_FORMATS = ["avif", "webp", "auto"];
/** The article column: full width on phones, at most 40rem (~640 px, 1280 px on 2x screens) wider up. */
const IMAGE_SIZES = "(min-width: 44rem) 40rem, calc(100vw - 2rem)";

export interface ProcessedImage {
  /** `<picture>` markup. */
  html: string;
  /** Site path of the largest rendition in the original format: what feeds, OpenGraph and JSON-LD point at. */
  url?: string;
}

type ImageMetadata = Record<string, { url: string }[]>;

/** Processes every article picture into `outputDir/img/`; a file that is not an image is a ContentError naming the article. */
export async function processImages(
  articles: readonly Article[],
  outputDir: string,
): Promise<Map<Article, ProcessedImage>> {
  const out = new Map<Article, ProcessedImage>();
  const withFiles = articles.filter((a) => a.image?.file);
  if (!withFiles.length) return out;
  // Loaded on first use: sharp is heavy and most builds have few images.
  const eleventyImg = await import("@11ty/eleventy-img");
  const Image = eleventyImg.default;
  const generateHTML = (Image as unknown as { generateHTML: (m: unknown, attrs: Record<string, string>) => string })
    .generateHTML;
  for (const article of withFiles) {
    let metadata: ImageMetadata;
    try {
      metadata = (await Image(article.image!.file!, {
        widths: IMAGE_WIDTHS,
        formats: IMAGE_FORMATS,
        outputDir: path.join(outputDir, "img"),
        urlPath: urls.images,
      })) as unknown as ImageMetadata;
    } catch (e) {
      throw new ContentError([
        { file: article.file, field: "image.src", message: `could not be read as an image: ${(e as Error).message}` },
      ]);
    }
    const fallback =
      Object.entries(metadata).find(([format]) => format !== "avif" && format !== "webp")?.[1] ?? metadata.webp ?? [];
    const html = generateHTML(metadata, {
      alt: article.image!.alt ?? "",
      sizes: IMAGE_SIZES,
      loading: "lazy",
      decoding: "async",
    });
    out.set(article, { html, url: fallback[fallback.length - 1]?.url });
  }
  return out;
}
