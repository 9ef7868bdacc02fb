/**
 * In-process builds: `buildSite()` (src/build/build-site.ts, what `npm run build` runs) in the
 * test's own process, on a content tree of the test's own or on the sample. Once Eleventy is
 * loaded, a small tree builds in a second or two, where a child process takes five or more.
 * What a failed build prints, its exit code and what it leaves behind are the CLI's:
 * test them with `runBuildAsync` (helpers/build-async.ts).
 */
import path from "node:path";
import type * as cheerio from "cheerio";
import { contentTree } from "./fixture.ts";
import { readHtml, SAMPLE, tempDir } from "./site.ts";
import { checkXmlFiles } from "./xml.ts";

// Node's own import (test/helpers/setup.ts, vitest.config.ts): Eleventy loads the site's modules
// there too, and they share state with the build, as under `tsx`.
const { buildSite } = await import("../../src/build/build-site.ts");

export interface TreeBuild {
  /** The content root that was built (the build's CONTENT_ROOT). */
  content: string;
  /** The output folder. */
  output: string;
  /** HTML pages and files written, as the build counted them. */
  pages: number;
  files: number;
  /** What the build printed (warnings, notes), one string. */
  log: string;
  /** A page of the output by its address without the path prefix (`/`, `/sources/x/`), parsed. */
  html(urlPath: string): cheerio.CheerioAPI;
}

export interface BuildOptions {
  /**
   * Environment of this build only, as `npm run build` reads it (PATH_PREFIX, SITE_URL, TZ,
   * BUILD_SLICE_PAGES, …): set for the build, then put back.
   */
  env?: Record<string, string>;
}

/**
 * Writes `files` (paths relative to a content root: `_data/sources.json`,
 * `src/articles/<source>/<slug>.md`, …) into a temporary folder and builds it. `site.json`,
 * `sources.json` and `stories.json` are fixture.ts's unless `files` has its own.
 */
export function buildTree(files: Record<string, string | Uint8Array>, options: BuildOptions = {}): Promise<TreeBuild> {
  return buildContent(contentTree({ files }), options);
}

/** Builds the sample (test/fixtures/sample); returns its output folder. */
export async function buildSample(options: BuildOptions = {}): Promise<string> {
  return (await buildContent(SAMPLE, options)).output;
}

/** The last build started: builds in one process take turns (they share process.env). */
let queue: Promise<unknown> = Promise.resolve();

/** Builds a content root that is already written (fixture.ts's contentTree, a corpus case, …). */
export function buildContent(content: string, options: BuildOptions = {}): Promise<TreeBuild> {
  const run = queue.then(() => build(content, options));
  queue = run.catch(() => undefined);
  return run;
}

async function build(content: string, options: BuildOptions): Promise<TreeBuild> {
  const output = path.join(tempDir("tree-"), "dist");
  const env: Record<string, string> = { ...options.env, CONTENT_ROOT: content };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const logged: string[] = [];
  const console_ = { log: console.log, warn: console.warn, error: console.error };
  const keep = (...args: unknown[]) => void logged.push(args.map(String).join(" "));
  Object.assign(process.env, env);
  Object.assign(console, { log: keep, warn: keep, error: keep });
  try {
    const result = await buildSite({ output });
    // Every XML file of every test build must be well-formed for a conforming parser.
    checkXmlFiles(output);
    return {
      content,
      output,
      pages: result.pages,
      files: result.files,
      log: logged.join("\n"),
      html: (urlPath) => readHtml(output, urlPath),
    };
  } catch (error) {
    throw new Error(`the build of ${content} failed: ${(error as Error)?.message ?? error}\n${logged.join("\n")}`, {
      cause: error,
    });
  } finally {
    Object.assign(console, console_);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
