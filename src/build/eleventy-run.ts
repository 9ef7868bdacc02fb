/**
 * One Eleventy run of the site with a build session: the session reaches the site's plugins
 * through Eleventy's config callback (`site` in .eleventy.ts), with the run's runtime patches.
 * Used by every runner: a one-off build, a build worker and npm start's watch build.
 */
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { site } from "../../.eleventy.ts";
import type { BuildSession } from "./session.ts";
import { patchEleventyRun } from "./runtime-patches.ts";

/** Eleventy's own console output is replaced by ours: errors come back as exceptions. */
const silent = { log() {}, info() {}, warn: (m: string) => console.warn(m), error() {} };

export interface EleventyRunOptions {
  /** Project root holding .eleventy.ts and src/. */
  root: string;
  output: string;
  pathPrefix: string;
  session: BuildSession;
  /** npm start: "watch" (rebuild on edits) or "serve" (and the dev server). */
  runMode?: "build" | "watch" | "serve";
}

/** An Eleventy instance for the site with `session`; `write()` it for one run, or `watch()` it. */
export function siteEleventy(options: EleventyRunOptions): Eleventy {
  // npm start keeps Eleventy's own lines (pages written, the server's address); a build prints its own
  const build = (options.runMode ?? "build") === "build";
  const elev = new Eleventy(path.join(options.root, "src"), options.output, {
    configPath: path.join(options.root, ".eleventy.ts"),
    pathPrefix: options.pathPrefix,
    ...(build ? { quietMode: true } : {}),
    runMode: options.runMode ?? "build",
    config: (eleventyConfig: UserConfig) => {
      patchEleventyRun(eleventyConfig);
      eleventyConfig.addPlugin(site, { session: options.session });
    },
    // "cli" makes the output folder given here win over the config file's dir.output
    source: "cli",
  });
  if (build) elev.logger.overrideLogger(silent);
  return elev;
}

/**
 * One run of a build; returns the number of HTML pages written. Its results (every page's HTML)
 * go out of scope here, so what follows does not hold them too.
 */
export async function writeRun(options: EleventyRunOptions): Promise<number> {
  const [, templates] = (await siteEleventy(options).write()) as unknown as [
    unknown,
    { outputPath?: string | false }[],
  ];
  return templates.filter((t) => typeof t.outputPath === "string" && t.outputPath.endsWith(".html")).length;
}
