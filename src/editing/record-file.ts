/**
 * Writing the record of a report (`record/<source-id>/<slug>.json`, read by
 * src/content/record.ts): a capture is the original's headline and text, extracted exactly as
 * `npm run import` extracts a page (decoded, cleaned, read by Readability, made markdown, then
 * plain text per paragraph), with when, from where and the SHA-256 of the bytes. Text, not pages:
 * a capture is a few kilobytes.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseJsonFile } from "../content/files.ts";
import { parseBody } from "../content/markdown.ts";
import { type ContentPaths, recordDirOf } from "../content/pipeline.ts";
import { comparableWords, recordPath } from "../content/record.ts";
import { type CaptureData, type RecordData, recordSchema } from "../content/schema.ts";
import { decodePage, EncodingProblem } from "./page-encoding.ts";
import { isFurnitureLine } from "./page-furniture.ts";
import { parseSavedPage } from "./saved-page.ts";

export const sha256Of = (bytes: Uint8Array): string => crypto.createHash("sha256").update(bytes).digest("hex");

/** The paragraphs of a markdown body as plain text (what a capture keeps). */
export function paragraphsOf(markdown: string): string[] {
  return parseBody(markdown).blocks;
}

/** A page's headline and text as the importer reads them, or why it cannot be read. */
export function extractPage(
  bytes: Uint8Array,
  options: { contentType?: string; address: string },
): { title: string; text: string[] } | { stop: string } {
  let html: string;
  try {
    html = decodePage(bytes, { contentType: options.contentType, name: options.address }).text;
  } catch (e) {
    if (e instanceof EncodingProblem) return { stop: e.message };
    throw e;
  }
  const page = parseSavedPage(html, { url: options.address });
  if (page.stop) return { stop: page.stop };
  return { title: page.title ?? "", text: paragraphsOf(page.body) };
}

/**
 * What a change is compared on: the headline's words and the text's, with white space, quote
 * marks, dashes, paragraph breaks and page furniture (a dateline, "Updated …", "Read more",
 * wire credits) left out.
 */
function comparable(capture: { title?: string; text?: readonly string[] }): string {
  const text = (capture.text ?? []).filter((p) => !isFurnitureLine(p));
  return `${comparableWords(capture.title ?? "").join(" ")}\n${comparableWords(text.join(" ")).join(" ")}`;
}

/** Whether two captures of a page differ by more than white space and furniture. */
export function differs(
  a: { title?: string; text?: readonly string[] },
  b: { title?: string; text?: readonly string[] },
): boolean {
  return comparable(a) !== comparable(b);
}

/** A report's record file as it is; undefined when there is none, "broken" when it cannot be read (`npm run check` says why; nothing is written over it). */
export function readRecordFile(paths: ContentPaths, key: string): RecordData | "broken" | undefined {
  const file = recordPath(recordDirOf(paths), key);
  if (!fs.existsSync(file)) return undefined;
  try {
    const parsed = recordSchema.safeParse(parseJsonFile(fs.readFileSync(file, "utf8")).value);
    return parsed.success ? parsed.data : "broken";
  } catch {
    return "broken";
  }
}

/** Writes a record: keys in a fixed order, one paragraph per line, so diffs stay small. Atomic (a temporary file renamed). */
export function writeRecordFile(paths: ContentPaths, key: string, record: RecordData): string {
  const file = recordPath(recordDirOf(paths), key);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const ordered = {
    url: record.url,
    ...(record.checked ? { checked: record.checked } : {}),
    captures: record.captures.map((c: CaptureData) =>
      Object.fromEntries(
        (["at", "by", "from", "sha256", "removed", "title", "text"] as const)
          .filter((k) => c[k] !== undefined)
          .map((k) => [k, c[k]]),
      ),
    ),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(ordered, null, 2)}\n`);
  fs.renameSync(tmp, file);
  return path.relative(paths.root, file).split(path.sep).join("/");
}

/** The first capture of a report just imported (a new record; an old one left by a deleted report is replaced). */
export function writeFirstCapture(paths: ContentPaths, key: string, url: string, capture: CaptureData): string {
  return writeRecordFile(paths, key, { url, captures: [capture] });
}
