/**
 * `npm start`: Eleventy's watch build and dev server, in a child process that a small supervisor
 * restarts when the site's own code changes (Node caches ES modules for the life of a process,
 * so an edited module under src/ is only picked up by a new one). Content and template edits are
 * rebuilt in place by Eleventy's watcher; a deleted article or data file rebuilds too (Eleventy
 * itself only rebuilds on additions and changes). The site is served under the path prefix its
 * address implies (https://owner.github.io/repo/ → http://localhost:8080/repo/), or PATH_PREFIX;
 * when an edit of site.json changes that prefix, the supervisor restarts the child under the new one.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { defaultPaths } from "../content/pipeline.ts";
import { addressSettings } from "../publish/site.ts";
import { siteEleventy } from "./eleventy-run.ts";
import { addressPrefix, buildPrefix } from "./path-prefix.ts";
import { checkPinnedVersions } from "./runtime-patches.ts";
import { BuildSession, sessionOptions } from "./session.ts";

export interface DevOptions {
  /** Project root holding .eleventy.ts. */
  root: string;
  output: string;
  /** Serve on this port; undefined: watch and build only. */
  port?: number;
  /** The path prefix to build and serve under (the supervisor works it out). */
  pathPrefix: string;
}

/** Code whose change needs a new process: TypeScript modules and the config, not content or templates. */
function isCodeFile(root: string, file: string): boolean {
  const rel = path.relative(root, file).split(path.sep).join("/");
  return rel === ".eleventy.ts" || (/^src\/.*\.ts$/.test(rel) && !rel.startsWith("src/articles/"));
}

/** Runs the watch build (and server) in this process, until it is stopped. */
export async function runWatchBuild(options: DevOptions): Promise<void> {
  checkPinnedVersions();
  // the session keeps the article cache, the last model and the search schedule across rebuilds
  const session = new BuildSession(sessionOptions(options.root, "watch"));
  const runMode = options.port === undefined ? "watch" : "serve";
  const elev = siteEleventy({
    root: options.root,
    output: options.output,
    pathPrefix: options.pathPrefix,
    session,
    runMode,
  });
  await elev.init();
  elev.setIncrementalBuild(true);
  await elev.watch();
  // A deletion is a change too: the session then drops the deleted page's output.
  const watcher = (
    elev as unknown as { watcher: { on(e: string, f: (p: string) => void): void; emit(e: string, p: string): void } }
  ).watcher;
  watcher.on("unlink", (file) => watcher.emit("change", file));
  if (options.port !== undefined) {
    await elev.serve(options.port);
    const from =
      addressSettings(process.env).pathPrefix === undefined ? "the path of the site's address" : "PATH_PREFIX";
    const where = options.pathPrefix === "/" ? "" : ` (under ${options.pathPrefix}: ${from})`;
    console.log(`[start] the site is at http://localhost:${options.port}${options.pathPrefix}${where}`);
  }
}

/**
 * Starts `child` (a command that runs runWatchBuild under the prefix it is given) and starts it
 * anew whenever a code file changes, or an edit of site.json changes the prefix its address
 * implies. A child that stopped on its own is started again at the next edit.
 */
export function superviseWatchBuild(
  root: string,
  child: { command: string; args: (pathPrefix: string) => string[] },
): { stop(): Promise<void> } {
  // site.json (in CONTENT_ROOT's _data/ when it is set) and SITE_URL/PATH_PREFIX decide the prefix
  const dataDir = path.resolve(defaultPaths(process.env.CONTENT_ROOT || root).dataDir);
  const settings = addressSettings(process.env);
  let prefix = buildPrefix(dataDir, settings);
  let current: ChildProcess | undefined;
  let restarting: Promise<void> | undefined;
  let stopping = false;
  const start = () => {
    const c = spawn(child.command, child.args(prefix), { cwd: root, stdio: "inherit", env: process.env });
    current = c;
    // a child that failed on its own (not one stopped by a signal, e.g. Ctrl-C for the whole group)
    c.once("exit", (code) => {
      if (c === current && code !== null && !restarting && !stopping)
        console.error(`[start] the build stopped (exit code ${code}): it starts again when you save a file`);
    });
  };
  const stopChild = () =>
    new Promise<void>((resolve) => {
      const c = current;
      if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once("exit", () => resolve());
      c.kill("SIGTERM");
    });
  const restart = (why: string) => {
    if (restarting || stopping) return;
    console.log(`[start] ${why}`);
    restarting = stopChild().then(() => {
      restarting = undefined;
      start();
    });
  };
  const stopped = () => current !== undefined && (current.exitCode !== null || current.signalCode !== null);
  const onChange = (file: string) => {
    if (isCodeFile(root, file))
      return restart(`${path.relative(root, file)} changed: restarting the build with the new code`);
    // PATH_PREFIX, when given, is the prefix whatever the address says (a disagreement shows on the page)
    const implied =
      path.resolve(file) === path.join(dataDir, "site.json") && settings.pathPrefix === undefined
        ? addressPrefix(dataDir, settings)
        : undefined;
    if (implied !== undefined && implied !== prefix) {
      prefix = implied;
      return restart(`the site's address now implies the path prefix ${prefix}: restarting the build under it`);
    }
    if (stopped()) restart(`${path.relative(root, file)} changed: starting the build again`);
  };
  const folders = [path.join(root, "src"), root, dataDir].filter(
    (d, i, all) => all.indexOf(d) === i && fs.existsSync(d),
  );
  const watchers = folders.map((dir) => {
    const w = fs.watch(dir, { recursive: dir === path.join(root, "src") });
    w.on("change", (_event, name) => onChange(path.join(dir, String(name))));
    return w;
  });
  start();
  return {
    async stop() {
      stopping = true;
      for (const w of watchers) w.close();
      await restarting;
      await stopChild();
    },
  };
}
