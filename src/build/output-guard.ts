/**
 * What a build may replace, checked before anything is written: the output folder is replaced
 * whole, so it must be a previous build of this site (it carries BUILD_MARKER), empty, or new
 * (or `--force` says so); never the project or the content, nor a folder holding them. One
 * build at a time writes into an output: a lock file beside it, removed at exit, names the
 * process holding it (a lock whose process is gone is taken over).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Written in every build's output, with fixed content (builds stay byte-reproducible). */
export const BUILD_MARKER = ".story-timeline-build";
export const BUILD_MARKER_TEXT = "A build of this site: npm run build and npm start replace this folder whole.\n";

/** A build that stops before writing anything: its message is the one line the editor reads. */
export class BuildRefusal extends Error {
  override name = "BuildRefusal";
}

export function findRefusal(error: unknown): BuildRefusal | undefined {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === "object" && depth < 10; depth++) {
    if (e instanceof BuildRefusal || (e as Error).name === "BuildRefusal") return e as BuildRefusal;
    e = (e as { originalError?: unknown; cause?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function real(p: string): string {
  // the nearest existing folder, resolved through symlinks, with the rest appended
  const rest: string[] = [];
  let dir = path.resolve(p);
  for (;;) {
    try {
      return path.join(fs.realpathSync(dir), ...rest.reverse());
    } catch {
      const up = path.dirname(dir);
      if (up === dir) return path.resolve(p);
      rest.push(path.basename(dir));
      dir = up;
    }
  }
}

/** `inner` is `outer` or inside it. */
function within(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

export interface OutputCheck {
  /** The project root (holding .eleventy.ts and src/). */
  root: string;
  /** The content tree's folders: CONTENT_ROOT (or the root), its _data/ and src/articles/. */
  content: string[];
  /** Replace a non-empty folder that is not a build of this site. */
  force?: boolean;
  /** How the editor names the output setting (the flag of the command). */
  flag?: string;
}

/**
 * A build from before the marker: what every `npm run build` wrote at the output's top (the
 * search index, GitHub Pages' .nojekyll, the home page), and nothing a checkout or a content
 * tree has. Replaced once; the new build carries the marker.
 */
function isEarlierBuild(names: string[]): boolean {
  return (
    ["index.html", ".nojekyll", "pagefind"].every((n) => names.includes(n)) &&
    ![".git", "_data", "src", "package.json"].some((n) => names.includes(n))
  );
}

/** Throws a BuildRefusal when `output` may not be replaced by a build. */
export function checkOutput(output: string, check: OutputCheck): void {
  const flag = check.flag ?? "--output";
  const shown = `${flag} ${output}`;
  const out = real(output);
  const root = real(check.root);
  for (const folder of [root, ...check.content.map(real)]) {
    if (within(folder, out))
      throw new BuildRefusal(
        `${shown}: the output folder ${folder === out ? "is" : "holds"} ${folder === root ? "the project" : "the content"} (${folder}), which a build would replace: give a folder of its own, e.g. dist`,
      );
  }
  for (const source of [
    path.join(root, "src"),
    path.join(root, "_includes"),
    path.join(root, "node_modules"),
    path.join(root, ".git"),
    ...check.content.slice(1).map(real),
  ]) {
    if (within(out, source))
      throw new BuildRefusal(
        `${shown}: the output folder is inside ${source}, which holds the site's own files: give a folder of its own, e.g. dist`,
      );
  }
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(out);
  } catch {
    return; // a new folder
  }
  if (!stat.isDirectory()) throw new BuildRefusal(`${shown}: this is a file, not a folder: give a folder, e.g. dist`);
  const names = fs.readdirSync(out);
  if (names.length === 0 || names.includes(BUILD_MARKER) || isEarlierBuild(names) || check.force) return;
  const shownNames = names.sort().slice(0, 3).join(", ") + (names.length > 3 ? ", …" : "");
  throw new BuildRefusal(
    `${shown}: the folder holds files that are not a build of this site (${shownNames}; a build has ${BUILD_MARKER}), and a build replaces it whole: give an empty or new folder, or add --force to replace it`,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Its lock file: beside the output, in the folder the swap writes to. */
function lockFile(output: string): string {
  return path.join(path.dirname(output), `.${path.basename(output)}.build-lock`);
}

const held = new Set<string>();

/**
 * Takes the output's lock (creating the output's parent folder if needed); throws a BuildRefusal
 * when the parent cannot be written or another live build holds it. Released by the returned
 * function, or at exit.
 */
export function lockOutput(output: string, flag = "--output"): () => void {
  const parent = path.dirname(output);
  const lock = lockFile(output);
  const cannotWrite = (e: NodeJS.ErrnoException) => {
    const isFile = fs.statSync(parent, { throwIfNoEntry: false })?.isFile();
    return new BuildRefusal(
      `${flag} ${output}: its parent folder ${parent} cannot be written (${isFile ? "it is a file" : (e.code ?? e.message)}): give an output in a folder you can write, e.g. dist`,
    );
  };
  try {
    fs.mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw cannotWrite(e as NodeJS.ErrnoException);
  }
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(lock, `${process.pid}\n`, { flag: "wx" });
      break;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code !== "EEXIST") throw cannotWrite(err);
      let pid = 0;
      try {
        pid = Number.parseInt(fs.readFileSync(lock, "utf8"), 10);
      } catch {
        // removed meanwhile: try again
      }
      if (pid > 0 && pid !== process.pid && isAlive(pid) && attempt < 5)
        throw new BuildRefusal(
          `${flag} ${output}: another build (process ${pid}) is writing into this folder now: wait for it to end, or stop it (the lock is ${lock})`,
        );
      if (attempt >= 5) throw cannotWrite(err);
      // stale: its process is gone
      fs.rmSync(lock, { force: true });
    }
  }
  if (held.size === 0)
    process.once("exit", () => {
      for (const l of held) fs.rmSync(l, { force: true });
    });
  held.add(lock);
  return () => {
    held.delete(lock);
    fs.rmSync(lock, { force: true });
  };
}

/** What a build keeps in TMPDIR per report (its body, in an unlinked file): README, Quick start. */
const TEMP_BYTES_PER_REPORT = 15 * 1024;

/** Throws a BuildRefusal when TMPDIR has not room for the article bodies of `articlesDir`. */
export function checkTempSpace(articlesDir: string, tmp = os.tmpdir()): void {
  let reports = 0;
  try {
    reports = fs
      .readdirSync(articlesDir, { recursive: true })
      .filter((f) => /\.(md|markdown)$/i.test(String(f))).length;
  } catch {
    return; // the pipeline says what is wrong with the folder
  }
  let free: number;
  try {
    const s = fs.statfsSync(tmp);
    free = s.bavail * s.bsize;
  } catch {
    return; // checked by scripts/check-tmpdir.mjs as far as it can
  }
  const need = reports * TEMP_BYTES_PER_REPORT;
  if (free < need)
    throw new BuildRefusal(
      `TMPDIR (${tmp}) is nearly full: ${Math.floor(free / 1024)} KB free, ${Math.ceil(need / 1024)} KB needed for ${reports} reports: free some space, or point TMPDIR at a folder with room`,
    );
}
