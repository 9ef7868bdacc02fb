/**
 * One build of the site, atomic: Eleventy writes into a fresh folder beside the output; only
 * when it (and every later step) succeeded is the old output swapped out for the new one.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Eleventy from "@11ty/eleventy";
import { writeSearchIndex } from "./search-index.ts";

export interface BuildOptions {
  /** Final output folder (replaced on success). */
  output: string;
  pathPrefix?: string;
  /** Project root holding .eleventy.ts (defaults to the working directory). */
  root?: string;
}

export interface BuildResult {
  pages: number;
  files: number;
  /** The whole build, search index included. */
  seconds: number;
  /** Eleventy alone. */
  eleventySeconds: number;
  /** Pagefind alone (indexing the staging folder and writing the index). */
  searchSeconds: number;
}

/** Eleventy's own console output is replaced by ours: errors come back as exceptions. */
const silent = { log() {}, info() {}, warn: (m: string) => console.warn(m), error() {} };

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const start = performance.now();
  const root = options.root ?? process.cwd();
  const output = path.resolve(options.output);
  const staging = path.join(path.dirname(output), `.${path.basename(output)}-building-${process.pid}`);
  removeStaleStaging(output);
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const pages = await runEleventy(root, staging, options.pathPrefix ?? "/");
    const eleventySeconds = (performance.now() - start) / 1000;
    // Search runs on the finished HTML in the staging folder: a failure here keeps the old output.
    const search = await writeSearchIndex(staging);
    fs.writeFileSync(path.join(staging, ".nojekyll"), "");
    const files = countFiles(staging);
    swapInto(staging, output);
    return {
      pages,
      files,
      seconds: (performance.now() - start) / 1000,
      eleventySeconds,
      searchSeconds: search.seconds,
    };
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    // Eleventy rejects as soon as one template fails while its passthrough copy may still be
    // writing into the staging folder: remove it again once that work has drained.
    removeAtExit(staging);
    throw error;
  }
}

/**
 * Eleventy's part of the build; returns the number of HTML pages written. Its results (every
 * page's HTML) go out of scope here, so the search step after it does not hold them too.
 */
async function runEleventy(root: string, staging: string, pathPrefix: string): Promise<number> {
  const elev = new Eleventy(path.join(root, "src"), staging, {
    configPath: path.join(root, ".eleventy.ts"),
    pathPrefix,
    quietMode: true,
    // "cli" makes the output folder given here win over the config file's dir.output
    source: "cli",
  });
  elev.logger.overrideLogger(silent);
  const [, templates] = (await elev.write()) as unknown as [unknown, { outputPath?: string | false }[]];
  return templates.filter((t) => typeof t.outputPath === "string" && t.outputPath.endsWith(".html")).length;
}

const leftovers = new Set<string>();
function removeAtExit(dir: string): void {
  if (leftovers.size === 0) process.once("exit", () => leftovers.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  leftovers.add(dir);
}

/** Staging folders left by a build that was killed (its process is gone) are removed. */
function removeStaleStaging(output: string): void {
  const parent = path.dirname(output);
  const pattern = new RegExp(`^\\.${path.basename(output).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-building-(\\d+)(-old)?$`);
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function swapInto(staging: string, output: string): void {
  const old = `${staging}-old`;
  if (fs.existsSync(output)) fs.renameSync(output, old);
  fs.renameSync(staging, output);
  fs.rmSync(old, { recursive: true, force: true });
}

function countFiles(dir: string): number {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}
