/**
 * `npm start`: Eleventy's watch build and dev server, in a child process that a small supervisor
 * restarts when the site's own code changes (Node caches ES modules for the life of a process,
 * so an edited module under src/ is only picked up by a new one). Content and template edits are
 * rebuilt in place by Eleventy's watcher; a deleted article or data file rebuilds too (Eleventy
 * itself only rebuilds on additions and changes).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Eleventy from "@11ty/eleventy";

export interface DevOptions {
  /** Project root holding .eleventy.ts. */
  root: string;
  output: string;
  /** Serve on this port; undefined: watch and build only. */
  port?: number;
}

/** Code whose change needs a new process: TypeScript modules and the config, not content or templates. */
function isCodeFile(root: string, file: string): boolean {
  const rel = path.relative(root, file).split(path.sep).join("/");
  return rel === ".eleventy.ts" || (/^src\/.*\.ts$/.test(rel) && !rel.startsWith("src/articles/"));
}

/** Runs the watch build (and server) in this process, until it is stopped. */
export async function runWatchBuild(options: DevOptions): Promise<void> {
  const elev = new Eleventy(path.join(options.root, "src"), options.output, {
    source: "cli",
    configPath: path.join(options.root, ".eleventy.ts"),
    runMode: options.port === undefined ? "watch" : "serve",
  });
  await elev.init();
  elev.setIncrementalBuild(true);
  await elev.watch();
  // A deletion is a change too: the content plugin then drops the deleted page's output.
  const watcher = (elev as unknown as { watcher: { on(e: string, f: (p: string) => void): void; emit(e: string, p: string): void } }).watcher;
  watcher.on("unlink", (file) => watcher.emit("change", file));
  if (options.port !== undefined) elev.serve(options.port);
}

/** Starts `child` (a command that runs runWatchBuild) and starts it anew whenever a code file changes. */
export function superviseWatchBuild(root: string, child: { command: string; args: string[] }): { stop(): Promise<void> } {
  let current: ChildProcess | undefined;
  let restarting: Promise<void> | undefined;
  const start = () => {
    current = spawn(child.command, child.args, { cwd: root, stdio: "inherit", env: process.env });
  };
  const stopChild = () =>
    new Promise<void>((resolve) => {
      const c = current;
      if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once("exit", () => resolve());
      c.kill("SIGTERM");
    });
  const watchers = [fs.watch(path.join(root, "src"), { recursive: true }), fs.watch(root)].map((w, i) => {
    w.on("change", (_event, name) => {
      const file = path.join(root, i === 0 ? "src" : "", String(name));
      if (!isCodeFile(root, file) || restarting) return;
      console.log(`[start] ${path.relative(root, file)} changed: restarting the build with the new code`);
      restarting = stopChild().then(() => {
        restarting = undefined;
        start();
      });
    });
    return w;
  });
  start();
  return {
    async stop() {
      for (const w of watchers) w.close();
      await restarting;
      await stopChild();
    },
  };
}
