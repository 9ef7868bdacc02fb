/**
 * Loaded (`node --import`) before tsx by the npm scripts that build or write: tsx itself keeps its
 * cache in the temporary folder and fails there with a stack trace, and a build keeps the article
 * bodies there. A temporary folder that is missing, not a folder, read-only or full stops the
 * command here with one line, before anything is written.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = os.tmpdir();
const setting = process.env.TMPDIR ? `TMPDIR (${dir})` : `the temporary folder (${dir})`;
/** The least free space a command starts with: tsx's cache and a small build's article bodies. */
const LEAST_FREE = 16 * 1024 * 1024;

function refuse(what) {
  console.error(
    `${setting} ${what}: point TMPDIR at a writable folder with free space (e.g. TMPDIR=$HOME/tmp), or unset it. Nothing was written.`,
  );
  process.exit(1);
}

let stat;
try {
  stat = fs.statSync(dir);
} catch (e) {
  refuse(e.code === "ENOENT" ? "does not exist" : `cannot be read (${e.code})`);
}
if (!stat.isDirectory()) refuse("is not a folder");
let probe;
try {
  probe = fs.mkdtempSync(path.join(dir, "story-timeline-check-"));
  fs.writeFileSync(path.join(probe, "probe"), Buffer.alloc(64 * 1024));
} catch (e) {
  refuse(
    e.code === "ENOSPC" || e.code === "EDQUOT"
      ? "is full"
      : `cannot be written (${e.code === "EROFS" ? "read-only file system" : e.code})`,
  );
} finally {
  if (probe) fs.rmSync(probe, { recursive: true, force: true });
}
try {
  const free = fs.statfsSync(dir);
  if (free.bavail * free.bsize < LEAST_FREE)
    refuse(`is full (${Math.floor((free.bavail * free.bsize) / 1024)} KB free, at least 16 MB needed)`);
} catch {
  // statfs is not everywhere: the probe above has written
}
