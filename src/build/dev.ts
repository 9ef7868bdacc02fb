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
import { createRequire } from "node:module";
import path from "node:path";
import { defaultPaths } from "../content/pipeline.ts";
import { addressSettings } from "../publish/site.ts";
import { siteEleventy } from "./eleventy-run.ts";
import { BUILD_MARKER, BUILD_MARKER_TEXT } from "./output-guard.ts";
import { addressPrefix, buildPrefix } from "./path-prefix.ts";
import { checkPinnedVersions } from "./runtime-patches.ts";
import { BuildSession, sessionOptions } from "./session.ts";

export interface DevOptions {
  /** Project root holding .eleventy.ts. */
  root: string;
  output: string;
  /** Serve on this port; undefined: watch and build only. */
  port?: number;
  /** The address the server listens on: 127.0.0.1 (this machine only) unless told otherwise. */
  host?: string;
  /** The path prefix to build and serve under (the supervisor works it out). */
  pathPrefix: string;
}

export const LOOPBACK = "127.0.0.1";

/** Where the dev server listens, once it does. */
let heard: (at: { address: string; port: number }) => void = () => {};
const listening = new Promise<{ address: string; port: number }>((resolve) => {
  heard = resolve;
});

interface DevServer {
  options: { messageOnStart?: unknown };
  server: { listen(o: { port: number; host: string }): void; once(e: string, f: () => void): void; address(): unknown };
  _serverListen(port: number): void;
}

/**
 * Eleventy's dev server (2.1.x) listens on every address of the machine, and has no setting for
 * it: its `_serverListen` is replaced so it listens on `host` only (a runtime patch, pinned in
 * runtime-patches.ts; test/machine.test.ts is its canary). Drafts are served too: only the
 * editor's own machine should read them, unless they say otherwise (--host).
 */
function listenOn(host: string): void {
  const eleventyRequire = createRequire(createRequire(import.meta.url).resolve("@11ty/eleventy"));
  const DevServer = eleventyRequire("@11ty/eleventy-dev-server") as { prototype: DevServer };
  if (typeof DevServer.prototype._serverListen !== "function")
    throw new Error("@11ty/eleventy-dev-server has no _serverListen: update listenOn in src/build/dev.ts");
  DevServer.prototype._serverListen = function (this: DevServer, port: number) {
    // its own line would say localhost; ours says where it listens
    this.options.messageOnStart = () => false;
    this.server.once("listening", () => {
      heard(this.server.address() as { address: string; port: number });
    });
    this.server.listen({ port, host });
  };
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
  if (options.port !== undefined) listenOn(options.host ?? LOOPBACK);
  await elev.init();
  elev.setIncrementalBuild(true);
  // a build of this site: a later build may replace it (src/build/output-guard.ts)
  fs.mkdirSync(options.output, { recursive: true });
  fs.writeFileSync(path.join(options.output, BUILD_MARKER), BUILD_MARKER_TEXT);
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
    const at = await listening;
    const host = at.address.includes(":") ? `[${at.address}]` : at.address;
    console.log(
      `[start] listening on ${at.address}: the site is at http://${host}:${at.port}${options.pathPrefix}${where}`,
    );
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
