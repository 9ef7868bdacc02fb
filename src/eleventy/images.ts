/**
 * Article pictures through @11ty/eleventy-img: AVIF and WebP at several widths plus a fallback
 * (JPEG, PNG or GIF as the original; JPEG, or PNG when transparent, for WebP and AVIF input:
 * never HEIF, which browsers do not show), explicit width and height (no layout shift), lazy
 * loading. Done once per build when the content loads, so pages, feeds and JSON-LD all read the
 * same result.
 *
 * Published pictures carry no metadata. A phone's or a screenshot tool's picture carries its
 * maker's secrets in EXIF (GPS position, camera serial, owner), XMP, IPTC, PNG text chunks
 * (tEXt/zTXt/iTXt: author, comments), JPEG comments and an ICC profile's own text. Only the
 * pixels go on: each picture is first decoded by sharp, turned upright by its EXIF orientation,
 * converted to sRGB by its own colour profile, and written as a plain lossless PNG holding
 * nothing else; eleventy-img (which keeps the input's ICC profile, and with it copies the PNG
 * text chunks of a PNG into a PNG) reads only that. So no profile is published either: sRGB is
 * what browsers assume for a picture without one (a wide-gamut photo loses only the colours
 * outside sRGB).
 */
import fs from "node:fs";
import path from "node:path";
import type { Article } from "../content/model.ts";
import { ContentError } from "../content/problems.ts";
import { urls } from "../content/urls.ts";

const IMAGE_WIDTHS = [360, 720, 1080, 1440];
const IMAGE_FORMATS = ["avif", "webp"];
/** Input formats published in their own format as the fallback; any other (WebP, AVIF) falls back to JPEG, or PNG when transparent. */
const OWN_FALLBACK = new Set(["jpeg", "png", "gif"]);
/** The article column: full width on phones, at most 40rem (~640 px, 1280 px on 2x screens) wider up. */
const IMAGE_SIZES = "(min-width: 44rem) 40rem, calc(100vw - 2rem)";

export interface ProcessedImage {
  /** `<picture>` markup. */
  html: string;
  /** Site path of the largest rendition in the original format: what feeds, OpenGraph and JSON-LD point at. */
  url?: string;
}

type ImageMetadata = Record<string, { url: string }[]>;

/**
 * Pictures already processed into an output folder, by file, its size and time and the folder:
 * `npm start` rebuilds an article's page without decoding its picture again (what eleventy-img's
 * own memory cache did for a path; the picture it reads now is a buffer made from the file).
 */
const processed = new Map<string, ProcessedImage>();

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
  const sharp = (await import("sharp")).default;
  for (const article of withFiles) {
    const file = article.image!.file!;
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    const key = `${file}\u0000${stat?.size}\u0000${stat?.mtimeMs}\u0000${outputDir}\u0000${article.image!.alt ?? ""}`;
    const done = processed.get(key);
    // (an output folder emptied since, or made anew under the same name: processed again)
    if (done && publishedFiles(done.html).every((name) => fs.existsSync(path.join(outputDir, "img", name)))) {
      out.set(article, done);
      continue;
    }
    let metadata: ImageMetadata;
    try {
      const { pixels, fallback } = await pixelsOnly(sharp, file);
      metadata = (await Image(pixels, {
        widths: IMAGE_WIDTHS,
        formats: [...IMAGE_FORMATS, fallback],
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
    const image = { html, url: fallback[fallback.length - 1]?.url };
    processed.set(key, image);
    out.set(article, image);
  }
  return out;
}

/** The file names of a `<picture>`'s renditions. */
function publishedFiles(html: string): string[] {
  return [...html.matchAll(/\/([^/\s"',]+\.(?:avif|webp|jpeg|png|gif))\b/g)].map((m) => m[1]!);
}

/**
 * The picture's pixels and nothing else: upright (EXIF orientation applied), in sRGB (converted
 * by the picture's own profile, if any), as an uncompressed PNG without any metadata chunk
 * (sharp writes none unless asked); and the format its fallback is published in.
 */
async function pixelsOnly(sharp: typeof import("sharp"), file: string): Promise<{ pixels: Buffer; fallback: string }> {
  const input = sharp(file, { failOn: "none" });
  const { format, hasAlpha, depth, icc } = await input.metadata();
  const fallback = format && OWN_FALLBACK.has(format) ? format : hasAlpha ? "png" : "jpeg";
  const upright = input.rotate().toColourspace("srgb");
  if (depth === "ushort" && icc) {
    // sharp converts a 16-bit picture by its profile to Display P3, not sRGB: converted on to sRGB
    // (that step attaches an sRGB profile), then read once more without it
    const srgb = await upright.withIccProfile("srgb").png({ compressionLevel: 0 }).toBuffer();
    return { pixels: await sharp(srgb).png({ compressionLevel: 0 }).toBuffer(), fallback };
  }
  const pixels = await upright.png({ compressionLevel: 0 }).toBuffer();
  return { pixels, fallback };
}
