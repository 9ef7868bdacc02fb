/**
 * How large the record grows: `npx tsx scripts/bench/record-size.ts [reports=1000]` writes the
 * benchmark's corpus into a temporary folder, gives every report the record `npm run import`
 * writes (its first capture: headline and text as plain paragraphs), and prints the size of
 * `record/` per 1,000 reports, raw and gzipped (about what git stores), then again with one
 * changed version per report.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { parseMarkdownFile } from "../../src/content/files.ts";
import { defaultPaths } from "../../src/content/pipeline.ts";
import { paragraphsOf, sha256Of, writeRecordFile } from "../../src/editing/record-file.ts";
import { generateCorpus } from "./corpus.ts";

const n = Number(process.argv[2] ?? 1000);
const root = fs.mkdtempSync(path.join(os.tmpdir(), "bench-record-"));
try {
  generateCorpus(root, n);
  const paths = defaultPaths(root);
  const reports: { key: string; title: string; text: string[]; url: string }[] = [];
  for (const source of fs.readdirSync(paths.articlesDir).sort())
    for (const name of fs.readdirSync(path.join(paths.articlesDir, source)).sort()) {
      const file = fs.readFileSync(path.join(paths.articlesDir, source, name), "utf8");
      const { data, body } = parseMarkdownFile(file);
      const front = data as { title: string; url?: string };
      reports.push({
        key: `${source}/${name.replace(/\.md$/, "")}`,
        title: front.title,
        text: paragraphsOf(body),
        url: front.url ?? `https://${source}.example/${name}`,
      });
    }
  const size = () => {
    let raw = 0;
    let gz = 0;
    for (const r of reports) {
      const bytes = fs.readFileSync(path.join(root, "record", `${r.key}.json`));
      raw += bytes.length;
      gz += zlib.gzipSync(bytes).length;
    }
    return { raw, gz };
  };
  const capture = (r: (typeof reports)[number], at: string, text: string[]) => ({
    at,
    by: "import" as const,
    from: r.url,
    sha256: sha256Of(Buffer.from(text.join("\n"))),
    title: r.title,
    text,
  });
  for (const r of reports)
    writeRecordFile(paths, r.key, { url: r.url, captures: [capture(r, "2026-12-06T10:00:00.000Z", r.text)] });
  const one = size();
  // one later version each: a paragraph rewritten
  for (const r of reports) {
    const edited = r.text.map((p, i) => (i === 1 ? `${p} Updated.` : p));
    writeRecordFile(paths, r.key, {
      url: r.url,
      checked: "2026-12-07",
      captures: [
        capture(r, "2026-12-06T10:00:00.000Z", r.text),
        { ...capture(r, "2026-12-07T10:00:00.000Z", edited), by: "recheck" },
      ],
    });
  }
  const two = size();
  const per = (bytes: number) => `${(((bytes / reports.length) * 1000) / 1e6).toFixed(2)} MB`;
  console.log(`${reports.length} reports (~650-word bodies)`);
  console.log(
    `first capture only: ${per(one.raw)} per 1,000 reports (${(one.raw / reports.length / 1e3).toFixed(1)} KB each), gzipped ${per(one.gz)}`,
  );
  console.log(`with one changed version each: ${per(two.raw)} per 1,000 reports, gzipped ${per(two.gz)}`);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
