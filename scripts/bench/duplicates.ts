/**
 * The duplicate check of `npm run import` and `npm run new` on its own, for a large archive:
 * `npx tsx scripts/bench/duplicates.ts [reports=4000]` writes the benchmark's corpus into a
 * temporary folder and times the check (wall and CPU, median of 5) for a new report, the same
 * address spelt otherwise, the same text under another address, and an address alone.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defaultPaths } from "../../src/content/pipeline.ts";
import { checkDuplicate } from "../../src/editing/duplicates.ts";
import { generateCorpus } from "./corpus.ts";

const n = Number(process.argv[2] ?? 4000);
const root = fs.mkdtempSync(path.join(os.tmpdir(), "bench-duplicates-"));
const other = fs.mkdtempSync(path.join(os.tmpdir(), "bench-duplicates-new-"));
try {
  const corpus = generateCorpus(root, n);
  generateCorpus(other, 13, { seed: 7 }); // a report of the same kind that is not in the archive
  const bodyOf = (file: string) => {
    const text = fs.readFileSync(file, "utf8");
    return text.slice(text.indexOf("\n---", 4) + 4);
  };
  // a report of the archive with an address, from the middle of it
  const dir = path.dirname(path.join(root, corpus.sample.file));
  const withUrl = fs
    .readdirSync(dir)
    .map((f) => path.join(dir, f))
    .filter((f) => /^url: /m.test(fs.readFileSync(f, "utf8")));
  const known = withUrl[Math.floor(withUrl.length / 2)]!;
  const url = /^url: "(.*)"$/m.exec(fs.readFileSync(known, "utf8"))![1]!;
  const newDir = path.join(other, "src", "articles", "northern-ledger");
  const paths = defaultPaths(root);
  const cases: [string, { url?: string; body?: string }][] = [
    [
      "a new report (address and text)",
      {
        url: "https://northern-ledger.example.org/news/new",
        body: bodyOf(path.join(newDir, fs.readdirSync(newDir)[0]!)),
      },
    ],
    [
      "the same address, spelt otherwise",
      { url: url.replace("https://", "http://www.") + "/amp/?utm_source=x", body: bodyOf(known) },
    ],
    ["the same text, another address", { url: "https://northern-ledger.example.org/news/other", body: bodyOf(known) }],
    ["an address alone (npm run new)", { url: "https://northern-ledger.example.org/news/new" }],
  ];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`${n} reports`);
  for (const [label, report] of cases) {
    const wall: number[] = [];
    const cpu: number[] = [];
    let result = "";
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const used = process.cpuUsage();
      const r = checkDuplicate(paths, report);
      const { user, system } = process.cpuUsage(used);
      wall.push(performance.now() - start);
      cpu.push((user + system) / 1000);
      result = r.stop ? `refused: ${/\(([^)]*)\)/.exec(r.stop)?.[1]}` : "accepted";
    }
    console.log(
      `  ${label}: ${result}; ${median(wall).toFixed(0)} ms wall, ${median(cpu).toFixed(0)} ms CPU (first ${wall[0]!.toFixed(0)} ms wall)`,
    );
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(other, { recursive: true, force: true });
}
