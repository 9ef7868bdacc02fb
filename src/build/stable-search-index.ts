/**
 * Makes Pagefind's output byte-identical from build to build. Pagefind writes the values of
 * each filter in hash-map order, which changes from run to run (a known upstream limitation,
 * Pagefind issue #638: fragments are stable since 1.3, filter and meta indexes are not). So
 * after Pagefind has written its files we sort each filter's values, name the filter files
 * after a hash of their new content, point the meta index at them, and rename the meta index
 * the same way. The files keep Pagefind's format (a "pagefind_dcd" signature, then CBOR,
 * gzipped): the browser bundle reads them as before.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { decode, Encoder } from "cbor-x";

const SIGNATURE = Buffer.from("pagefind_dcd");
const encoder = new Encoder({ useRecords: false, variableMapSize: true });

type FilterFile = [name: string, values: [value: string, pages: number[]][]];
type MetaFile = [version: string, pages: unknown[], index: unknown[], filters: [name: string, hash: string][], ...rest: unknown[]];

function read<T>(file: string): T {
  const bytes = zlib.gunzipSync(fs.readFileSync(file));
  if (!bytes.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error(`${file} is not a Pagefind index file`);
  return decode(bytes.subarray(SIGNATURE.length)) as T;
}

function encode(value: unknown): Buffer {
  // level and header are fixed, so the same content always gives the same bytes
  return zlib.gzipSync(Buffer.concat([SIGNATURE, encoder.encode(value)]), { level: 9 });
}

function hash(bytes: Buffer, length: number): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, length);
}

const byValue = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Rewrites `<dir>` (Pagefind's output folder) so that equal input gives equal bytes. */
export function stabiliseSearchIndex(dir: string): void {
  const entryFile = path.join(dir, "pagefind-entry.json");
  const entry = JSON.parse(fs.readFileSync(entryFile, "utf8")) as { languages: Record<string, { hash: string }> };
  for (const language of Object.values(entry.languages)) {
    const metaFile = path.join(dir, `pagefind.${language.hash}.pf_meta`);
    const meta = read<MetaFile>(metaFile);
    const lang = language.hash.replace(/_[0-9a-f]+$/, "");
    for (const filter of meta[3]) {
      const oldFile = path.join(dir, "filter", `${filter[1]}.pf_filter`);
      const data = read<FilterFile>(oldFile);
      data[1].sort(byValue);
      const bytes = encode(data);
      filter[1] = `${lang}_${hash(bytes, 7)}`;
      fs.rmSync(oldFile);
      fs.writeFileSync(path.join(dir, "filter", `${filter[1]}.pf_filter`), bytes);
    }
    meta[3].sort(byValue);
    const bytes = encode(meta);
    fs.rmSync(metaFile);
    language.hash = `${lang}_${hash(bytes, 10)}`;
    fs.writeFileSync(path.join(dir, `pagefind.${language.hash}.pf_meta`), bytes);
  }
  fs.writeFileSync(entryFile, JSON.stringify(entry));
}
