/** Builds run as child processes without blocking the test worker, so several can run at once. */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkXmlFiles } from "./xml.ts";
import { ROOT, TSX } from "./site.ts";

export interface AsyncBuildRun {
  /** Exit code; null when the build was killed (timed out). */
  status: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  output: string;
  seconds: number;
}

/**
 * Runs a script as its npm script does (`node tsx scripts/<name>.ts …`) in a child process,
 * without blocking this one: a test's own HTTP server on loopback keeps answering it.
 */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSX, script, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs `scripts/build.ts` (what `npm run build` runs) and resolves when it exits or is killed at the timeout. */
export function runBuildAsync(opts: {
  output: string;
  env?: Record<string, string>;
  args?: string[];
  timeoutMs?: number;
}): Promise<AsyncBuildRun> {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSX, "scripts/build.ts", "--output", opts.output, ...(opts.args ?? [])], {
      cwd: ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, opts.timeoutMs ?? 90_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      // Every XML file of every test build must be well-formed for a conforming parser.
      if (code === 0 && fs.existsSync(opts.output)) checkXmlFiles(opts.output);
      resolve({
        status: timedOut ? null : code,
        timedOut,
        stdout,
        stderr,
        output: opts.output,
        seconds: (Date.now() - start) / 1000,
      });
    });
  });
}

/** Runs async jobs with at most `limit` at a time; results in input order. */
export async function pool<T, R>(items: T[], limit: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await job(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Builds every case of a corpus folder (`<corpus>/<case>/` content trees) a few at a time,
 * each in a copy that `prepare` may change first (symlinks, large files).
 */
export async function buildCorpus<C extends { name: string; prepare?: (dir: string) => unknown }>(
  corpus: string,
  cases: C[],
  work: string,
  timeoutMs: number,
): Promise<Map<string, AsyncBuildRun>> {
  const runs = new Map<string, AsyncBuildRun>();
  // Builds are child processes: a few at a time keeps the corpus quick on a small machine.
  const limit = Math.max(2, Math.min(4, os.availableParallelism()));
  await pool(cases, limit, async (c) => {
    const dir = path.join(work, c.name);
    fs.cpSync(path.join(corpus, c.name), dir, { recursive: true });
    await c.prepare?.(dir);
    runs.set(
      c.name,
      await runBuildAsync({ output: path.join(work, `${c.name}-dist`), env: { CONTENT_ROOT: dir }, timeoutMs }),
    );
  });
  return runs;
}
