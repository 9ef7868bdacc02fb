/**
 * `npm run bench`: how the full site build compares with bare Eleventy as the archive grows
 * (`npm run bench -- --help` for the options). The parts are in scripts/bench/: options.ts
 * (arguments), measure.ts (the builds, each in a child process: child.ts), report.ts (the
 * results table and lines), targets.ts (the targets, judged OK or MISSED).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { measure } from "./bench/measure.ts";
import { parseOptions, USAGE } from "./bench/options.ts";
import { introLines, resultLines } from "./bench/report.ts";
import { targetLines, targetsAllAt, targetTable } from "./bench/targets.ts";

let opts: ReturnType<typeof parseOptions>;
try {
  opts = parseOptions(process.argv.slice(2));
} catch (e) {
  console.error(`${(e as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (opts === "help") {
  console.log(USAGE);
  process.exit(0);
}

// tmpfs when there is one: the builds' output should not measure a disk
const tmpBase = isWritable("/dev/shm") ? "/dev/shm" : os.tmpdir();
const work = fs.mkdtempSync(path.join(tmpBase, "news-bench-"));
const { keep, quick, sizes } = opts;
process.on("exit", () => {
  if (!keep) fs.rmSync(work, { recursive: true, force: true });
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => process.exit(130));

console.log(introLines(opts, work).join("\n"));
const m = await measure(opts, work);
console.log(resultLines(m).join("\n"));
// --quick judges every target at its one size, so that every row's code runs in npm test
const targets = quick ? targetTable(targetsAllAt(sizes[0]!)) : targetTable();
console.log(
  targetLines(targets, m, quick ? `Targets (--quick: every target judged at ${sizes[0]} articles)` : "Targets").join(
    "\n",
  ),
);
if (keep) console.log(`\nKept ${work}`);

function isWritable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
