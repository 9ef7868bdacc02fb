/**
 * Published pictures carry no metadata. Input pictures of every accepted format (JPEG, PNG, GIF,
 * WebP, AVIF) are drawn by sharp and given their makers' secrets in every container their format
 * has: EXIF (written by sharp: artist, description, GPS), XMP, IPTC, a JPEG comment, PNG text
 * chunks (tEXt, zTXt, iTXt, written by hand), a GIF comment and a wide-gamut ICC profile. A site
 * with one article per picture is built, and every published file is read with sharp's parser and
 * walked container by container: none of the planted words, and no metadata chunk, segment or
 * box, may remain (no ICC profile either: pictures are converted to sRGB). An AVIF picture is
 * published as AVIF, WebP and JPEG, never HEIF, and no `<source>` has `type="undefined"`.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { beforeAll, describe, expect, test } from "vitest";
import { buildTree, type TreeBuild } from "./helpers/build-tree.ts";
import { article } from "./helpers/fixture.ts";

const PLANTED = [
  "Planted Photographer",
  "PLANTED-GPS",
  "Secret comment",
  "Planted Byline",
  "planted-xmp",
  "Planted Camera Serial",
];
const EXIF = {
  IFD0: { Artist: "Planted Photographer", ImageDescription: "Secret comment in EXIF", Copyright: "planted-xmp" },
  IFD2: { BodySerialNumber: "Planted Camera Serial", UserComment: "PLANTED-GPS 55.7512 N 37.6184 E" },
  IFD3: { GPSLatitudeRef: "N", GPSLongitudeRef: "E" },
};
const XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:exif="http://ns.adobe.com/exif/1.0/"><dc:creator>Planted Photographer planted-xmp</dc:creator><exif:GPSLatitude>PLANTED-GPS 55,45.07N</exif:GPSLatitude></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A PNG chunk: length, type, data, CRC-32 of type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The chunks of a PNG file, by type. */
function pngChunks(png: Buffer): string[] {
  const types: string[] = [];
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    types.push(png.toString("latin1", at + 4, at + 8));
    at += 12 + length;
  }
  return types;
}

/** A JPEG segment: marker, length, payload. */
function jpegSegment(marker: number, payload: Buffer): Buffer {
  const length = payload.length + 2;
  return Buffer.concat([Buffer.from([0xff, marker, length >> 8, length & 0xff]), payload]);
}

/** The markers of a JPEG file up to its first scan. */
function jpegMarkers(jpeg: Buffer): number[] {
  const markers: number[] = [];
  for (let at = 2; at + 4 <= jpeg.length; ) {
    expect(jpeg[at]).toBe(0xff);
    const marker = jpeg[at + 1]!;
    markers.push(marker);
    if (marker === 0xda) break;
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return markers;
}

/** IPTC in a Photoshop APP13 resource (8BIM 0x0404): a byline (2:80). */
function iptcSegment(): Buffer {
  const byline = Buffer.from("Planted Byline");
  const record = Buffer.concat([Buffer.from([0x1c, 0x02, 0x50, 0, byline.length]), byline]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(record.length);
  const pad = Buffer.alloc(record.length % 2);
  return jpegSegment(
    0xed,
    Buffer.concat([
      Buffer.from("Photoshop 3.0\0", "latin1"),
      Buffer.from("8BIM"),
      Buffer.from([4, 4, 0, 0]),
      size,
      record,
      pad,
    ]),
  );
}

/** The chunks of a RIFF (WebP) file, by fourcc. */
function riffChunks(webp: Buffer): string[] {
  const out: string[] = [];
  for (let at = 12; at + 8 <= webp.length; ) {
    out.push(webp.toString("latin1", at, at + 4));
    const size = webp.readUInt32LE(at + 4);
    at += 8 + size + (size % 2);
  }
  return out;
}

/** A picture of its own colour (the same pixels would be published once, under one name). */
const drawn = (g: number, channels: 3 | 4 = 3) =>
  sharp({
    create: {
      width: 800,
      height: 500,
      channels,
      background: { r: 200, g, b: 30, ...(channels === 4 && { alpha: 1 }) },
    },
  });

async function plantedJpeg(): Promise<Buffer> {
  const jpeg = await drawn(10).jpeg().withIccProfile("p3").withExif(EXIF).toBuffer();
  return Buffer.concat([
    jpeg.subarray(0, 2),
    jpegSegment(0xfe, Buffer.from("Secret comment: meet at the bridge")),
    jpegSegment(0xe1, Buffer.concat([Buffer.from("http://ns.adobe.com/xap/1.0/\0", "latin1"), Buffer.from(XMP)])),
    iptcSegment(),
    jpeg.subarray(2),
  ]);
}

async function plantedPng(): Promise<Buffer> {
  const png = await drawn(60, 4).png().withIccProfile("p3").withExif(EXIF).toBuffer();
  const iend = png.length - 12;
  return Buffer.concat([
    png.subarray(0, iend),
    pngChunk("tEXt", Buffer.from("Author\0Planted Photographer", "latin1")),
    pngChunk("tEXt", Buffer.from("Comment\0Secret comment from a screenshot tool", "latin1")),
    pngChunk(
      "zTXt",
      Buffer.concat([Buffer.from("Description\0\0", "latin1"), zlib.deflateSync("Secret comment, compressed")]),
    ),
    pngChunk("iTXt", Buffer.concat([Buffer.from("XML:com.adobe.xmp\0\0\0\0\0", "latin1"), Buffer.from(XMP)])),
    pngChunk("iTXt", Buffer.from("Location\0\0\0\0\0PLANTED-GPS 55.7512, 37.6184", "utf8")),
    pngChunk("tIME", Buffer.from([0x07, 0xe8, 9, 16, 12, 0, 0])),
    png.subarray(iend),
  ]);
}

async function plantedGif(): Promise<Buffer> {
  const gif = await drawn(110).gif().toBuffer();
  const flags = gif[10]!;
  const table = flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0;
  const at = 13 + table;
  const words = Buffer.from("Secret comment by Planted Photographer");
  return Buffer.concat([
    gif.subarray(0, at),
    Buffer.from([0x21, 0xfe, words.length]),
    words,
    Buffer.from([0]),
    gif.subarray(at),
  ]);
}

const plantedWebp = () => drawn(160).webp().withIccProfile("p3").withExif(EXIF).toBuffer();
const plantedAvif = () => drawn(210).avif({ effort: 0 }).withIccProfile("p3").withExif(EXIF).toBuffer();

const KINDS = ["jpeg", "png", "gif", "webp", "avif"] as const;

describe("published pictures carry no metadata", () => {
  let run: TreeBuild;
  let published: string[];
  const inputs = {} as Record<(typeof KINDS)[number], Buffer>;
  beforeAll(async () => {
    inputs.jpeg = await plantedJpeg();
    inputs.png = await plantedPng();
    inputs.gif = await plantedGif();
    inputs.webp = await plantedWebp();
    inputs.avif = await plantedAvif();
    const files: Record<string, string | Uint8Array> = {};
    for (const kind of KINDS) {
      files[`src/articles/alpha-news/photo-${kind}.${kind}`] = inputs[kind]!;
      files[`src/articles/alpha-news/report-${kind}.md`] = article(
        {
          title: `A report with a ${kind} picture`,
          source: "alpha-news",
          date: "2024-09-16",
          image: { src: `photo-${kind}.${kind}`, alt: `A ${kind} picture` },
        },
        `The body of the report with a ${kind} picture.\n`,
      );
    }
    // a 16-bit picture in Display P3: its colours converted to sRGB, as an 8-bit picture's are
    files["src/articles/alpha-news/wide.png"] = await drawn(240)
      .toColourspace("rgb16")
      .png()
      .withIccProfile("p3")
      .toBuffer();
    files["src/articles/alpha-news/wide-gamut.md"] = article(
      {
        title: "A wide-gamut picture",
        source: "alpha-news",
        date: "2024-09-16",
        image: { src: "wide.png", alt: "A P3 picture" },
      },
      "The body of the report with a 16-bit picture.\n",
    );
    run = await buildTree(files);
    const dir = path.join(run.output, "img");
    published = fs.readdirSync(dir).map((f) => path.join(dir, f));
  }, 120_000);

  test("the inputs really carry what is planted (so the test can fail)", async () => {
    const jpeg = await sharp(inputs.jpeg).metadata();
    expect(jpeg.exif && jpeg.xmp && jpeg.iptc && jpeg.icc).toBeTruthy();
    const png = await sharp(inputs.png).metadata();
    expect(png.icc).toBeTruthy();
    expect(pngChunks(inputs.png)).toEqual(expect.arrayContaining(["tEXt", "zTXt", "iTXt", "iCCP"]));
    for (const kind of ["webp", "avif"] as const) {
      const m = await sharp(inputs[kind]).metadata();
      expect(m.exif, kind).toBeTruthy();
    }
    expect(inputs.gif.includes("Secret comment")).toBe(true);
  });

  test("every size of every format is published, and sharp reads no EXIF, XMP, IPTC or ICC profile in any", async () => {
    const formats = new Set(published.map((f) => path.extname(f)));
    expect([...formats].sort()).toEqual([".avif", ".gif", ".jpeg", ".png", ".webp"]);
    expect(published.length).toBeGreaterThanOrEqual(5 * 3 * 2);
    for (const file of published) {
      const m = await sharp(file).metadata();
      const name = path.basename(file);
      expect(m.exif, name).toBeUndefined();
      expect(m.xmp, name).toBeUndefined();
      expect(m.iptc, name).toBeUndefined();
      expect(m.icc, name).toBeUndefined();
    }
  });

  test("no planted word is left in any published file's bytes, and no metadata container either", () => {
    for (const file of published) {
      const bytes = fs.readFileSync(file);
      const name = path.basename(file);
      for (const word of PLANTED) {
        expect(bytes.includes(Buffer.from(word, "latin1")), `${name}: ${word}`).toBe(false);
        expect(bytes.includes(Buffer.from(word, "utf16le")), `${name}: ${word} (UTF-16)`).toBe(false);
      }
      const ext = path.extname(file);
      if (ext === ".png")
        expect(
          pngChunks(bytes).filter((t) => !["IHDR", "PLTE", "tRNS", "IDAT", "IEND", "pHYs"].includes(t)),
          name,
        ).toEqual([]);
      if (ext === ".jpeg")
        // APP1 (EXIF, XMP), APP2 (ICC), APP13 (IPTC), COM: none; APP0 (JFIF) and the image's own tables only
        expect(
          jpegMarkers(bytes).filter((m) => (m >= 0xe1 && m <= 0xef) || m === 0xfe),
          name,
        ).toEqual([]);
      if (ext === ".webp")
        expect(
          riffChunks(bytes).filter((c) => ["EXIF", "XMP ", "ICCP"].includes(c)),
          name,
        ).toEqual([]);
      if (ext === ".avif") {
        // an Exif item, an XMP item (mime application/rdf+xml) or an ICC colour box (colr, type prof)
        for (const box of ["Exif", "rdf+xml", "prof"])
          expect(bytes.includes(Buffer.from(box, "latin1")), `${name}: ${box}`).toBe(false);
      }
    }
  });

  test('an AVIF picture is published as AVIF, WebP and JPEG: never HEIF, never type="undefined"', () => {
    expect(published.filter((f) => /\.(heic|heif)$/i.test(f))).toEqual([]);
    for (const kind of KINDS) {
      const $ = run.html(`/sources/alpha-news/report-${kind}/`);
      const picture = $("figure picture");
      expect(picture.length, kind).toBe(1);
      expect(picture.html(), kind).not.toMatch(/undefined|heic|heif/i);
      const types = picture
        .find("source")
        .map((_, s) => $(s).attr("type"))
        .get();
      expect(types, kind).toEqual(["image/avif", "image/webp"]);
      const fallback = picture.find("img").attr("src") ?? "";
      const expected = kind === "avif" || kind === "webp" ? "jpeg" : kind;
      expect(fallback, kind).toMatch(new RegExp(`\\.${expected}$`));
    }
  });

  test("colours are converted to sRGB by the picture's profile, 16-bit pictures too", async () => {
    const $ = run.html("/sources/alpha-news/wide-gamut/");
    const src = $("figure picture img").attr("src") ?? "";
    expect(src).toMatch(/\.png$/);
    const file = path.join(run.output, "img", path.basename(src));
    const pixel = [...(await sharp(file).removeAlpha().raw().toBuffer()).subarray(0, 3)];
    for (const [i, want] of [200, 240, 30].entries())
      expect(Math.abs(pixel[i]! - want), `${pixel}`).toBeLessThanOrEqual(3);
  });

  test("feeds carry no picture of another site: any <img> in any feed is the site's own", () => {
    const feeds = fs
      .readdirSync(run.output, { recursive: true, encoding: "utf8" })
      .filter((f) => /(^|\/)feed[^/]*\.(xml|json)$|\.xml$/.test(f) && !f.includes("sitemap"));
    expect(feeds.length).toBeGreaterThan(0);
    for (const feed of feeds) {
      const text = fs
        .readFileSync(path.join(run.output, feed), "utf8")
        .replace(/\\"/g, '"')
        .replace(/\\\//g, "/")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&");
      for (const m of text.matchAll(/<img\b[^>]*?\ssrcset="([^"]*)"|<img\b[^>]*?\ssrc="([^"]*)"|\\u003cimg/gi)) {
        for (const src of (m[1] ?? m[2] ?? "other").split(",").map((s) => s.trim().split(/\s+/)[0]!))
          expect(src, feed).toMatch(/^(https:\/\/test\.example\/|\/)/);
      }
    }
  });
});
