/**
 * Makes Pagefind's output byte-identical from build to build. Pagefind writes the values of
 * each filter in hash-map order, which changes from run to run (a known upstream limitation,
 * Pagefind issue #638: fragments are stable since 1.3, filter and meta indexes are not). So we
 * take Pagefind's files in memory, sort each filter's values, name the filter files after a
 * hash of their new content, point the meta index at them, and name the meta index the same
 * way. The files keep Pagefind's format (a "pagefind_dcd" signature, then CBOR, gzipped): the
 * browser bundle reads them as before.
 */
import { createHash } from "node:crypto";
import zlib from "node:zlib";
import { decode, encode as encodeCbor } from "cborg";

const SIGNATURE = Buffer.from("pagefind_dcd");

type FilterFile = [name: string, values: [value: string, pages: number[]][]];
type MetaFile = [
  version: string,
  pages: unknown[],
  index: unknown[],
  filters: [name: string, hash: string][],
  ...rest: unknown[],
];

/** Pagefind's output: path inside the pagefind/ folder → bytes. */
export type SearchFiles = Map<string, Uint8Array>;

function read<T>(files: SearchFiles, name: string): T {
  const raw = files.get(name);
  if (!raw) throw new Error(`Pagefind wrote no ${name}`);
  const bytes = zlib.gunzipSync(raw);
  if (!bytes.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error(`${name} is not a Pagefind index file`);
  return decode(bytes.subarray(SIGNATURE.length)) as T;
}

function encode(value: unknown): Buffer {
  // level and header are fixed, so the same content always gives the same bytes
  return zlib.gzipSync(Buffer.concat([SIGNATURE, encodeCbor(value)]), { level: 9 });
}

function hash(bytes: Buffer, length: number): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, length);
}

const byName = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Rewrites Pagefind's files (in place in the map) so that equal input gives equal bytes. */
export function stabiliseSearchIndex(files: SearchFiles): void {
  const entry = JSON.parse(Buffer.from(files.get("pagefind-entry.json") ?? "").toString("utf8")) as {
    languages: Record<string, { hash: string }>;
  };
  for (const language of Object.values(entry.languages)) {
    const metaName = `pagefind.${language.hash}.pf_meta`;
    const meta = read<MetaFile>(files, metaName);
    const lang = language.hash.replace(/_[0-9a-f]+$/, "");
    for (const filter of meta[3]) {
      const oldName = `filter/${filter[1]}.pf_filter`;
      const data = read<FilterFile>(files, oldName);
      data[1].sort(byName);
      const bytes = encode(data);
      filter[1] = `${lang}_${hash(bytes, 7)}`;
      files.delete(oldName);
      files.set(`filter/${filter[1]}.pf_filter`, bytes);
    }
    meta[3].sort(byName);
    const bytes = encode(meta);
    files.delete(metaName);
    language.hash = `${lang}_${hash(bytes, 10)}`;
    files.set(`pagefind.${language.hash}.pf_meta`, bytes);
  }
  // one index per language: listed in a fixed order (Pagefind's follows a hash map's)
  entry.languages = Object.fromEntries(Object.entries(entry.languages).sort(byName));
  files.set("pagefind-entry.json", Buffer.from(JSON.stringify(entry)));
}
