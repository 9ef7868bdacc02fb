/**
 * The editor's machine (issue 26): what the commands do with the machine they run on. Each class
 * either does the right thing or stops with one line naming the setting, exit 1, nothing written,
 * the previous output intact, no stack trace. Real CLIs, in child processes.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuildAsync } from "./helpers/build-async.ts";
import { article, contentTree } from "./helpers/fixture.ts";
import { ROOT, TSX, tempDir } from "./helpers/site.ts";

const MARKER = ".story-timeline-build";
let content: string;

beforeAll(() => {
  content = contentTree({
    files: {
      "src/articles/alpha-news/one.md": article({ title: "One report", source: "alpha-news", date: "2024-09-16" }),
    },
  });
});

/** A CLI as its npm script runs it: the TMPDIR check first, then tsx. */
function runScript(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  cwd = ROOT,
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    process.execPath,
    ["--import", path.join(ROOT, "scripts/check-tmpdir.mjs"), TSX, path.join(ROOT, script), ...args],
    { cwd, env: { ...process.env, CONTENT_ROOT: content, ...env }, encoding: "utf8", timeout: 90_000 },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The one line a refusal prints: no stack trace, nothing else. */
function oneLine(stderr: string): string {
  const lines = stderr.trim().split("\n");
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile())
      out[path.relative(dir, path.join(e.parentPath, e.name))] = fs.readFileSync(
        path.join(e.parentPath, e.name),
        "utf8",
      );
  return out;
}

/** A folder nobody can write: chmod 0o555, or (as root, who writes anyway) /sys, which refuses everyone. */
function readOnlyDir(): string {
  if (process.getuid?.() === 0) {
    expect(() => fs.mkdtempSync("/sys/x"), "/sys must refuse root's writes for this test").toThrow();
    return "/sys";
  }
  const dir = tempDir("read-only-");
  fs.chmodSync(dir, 0o555);
  return dir;
}

describe("--output", () => {
  it("refuses a folder that is not a build, replaces it with --force, and then rebuilds it freely", async () => {
    const out = path.join(tempDir("out-"), "checkout");
    fs.mkdirSync(path.join(out, ".git"), { recursive: true });
    fs.writeFileSync(path.join(out, "notes.txt"), "mine");
    const before = snapshot(out);
    const env = { CONTENT_ROOT: content };
    const refused = await runBuildAsync({ output: out, env });
    expect(refused.status).toBe(1);
    expect(oneLine(refused.stderr)).toMatch(
      /^--output .*checkout: the folder holds files that are not a build.*--force/,
    );
    expect(snapshot(out)).toEqual(before);
    const forced = await runBuildAsync({ output: out, env, args: ["--force"] });
    expect(forced.status, forced.stderr).toBe(0);
    expect(fs.readFileSync(path.join(out, MARKER), "utf8")).toMatch(/^A build of this site/);
    expect(fs.existsSync(path.join(out, "notes.txt"))).toBe(false);
    const again = await runBuildAsync({ output: out, env });
    expect(again.status, again.stderr).toBe(0);
    // a build from before the marker is a build too (replaced once, then marked)
    fs.rmSync(path.join(out, MARKER));
    const earlier = await runBuildAsync({ output: out, env });
    expect(earlier.status, earlier.stderr).toBe(0);
    expect(fs.existsSync(path.join(out, MARKER))).toBe(true);
    // but not with a checkout's .git in it
    fs.rmSync(path.join(out, MARKER));
    fs.mkdirSync(path.join(out, ".git"));
    expect((await runBuildAsync({ output: out, env })).status).toBe(1);
    // no lock is left behind
    expect(fs.readdirSync(path.dirname(out)).filter((n) => n.includes("lock"))).toEqual([]);
  }, 120_000);

  it("never replaces the project or the content, with or without --force", async () => {
    for (const out of [ROOT, content, path.dirname(content), path.join(content, "_data")]) {
      const r = await runBuildAsync({ output: out, env: { CONTENT_ROOT: content }, args: ["--force"] });
      expect(r.status).toBe(1);
      expect(oneLine(r.stderr)).toMatch(/^--output .*(project|content|holds the site's own files)/);
    }
    expect(fs.existsSync(path.join(content, "_data", "sources.json"))).toBe(true);
  }, 120_000);

  it("refuses an output whose parent cannot be written", async () => {
    const file = path.join(tempDir("parent-"), "a-file");
    fs.writeFileSync(file, "x");
    for (const out of [path.join(file, "dist"), path.join(readOnlyDir(), "dist")]) {
      const r = await runBuildAsync({ output: out, env: { CONTENT_ROOT: content } });
      expect(r.status).toBe(1);
      expect(oneLine(r.stderr)).toMatch(/^--output .*: its parent folder .* cannot be written/);
    }
  }, 120_000);

  it("one build at a time: a live build's lock refuses a second; a dead one's is taken over", async () => {
    const parent = tempDir("locked-");
    const out = path.join(parent, "dist");
    const first = await runBuildAsync({ output: out, env: { CONTENT_ROOT: content } });
    expect(first.status, first.stderr).toBe(0);
    const before = snapshot(out);
    const lock = path.join(parent, ".dist.build-lock");
    fs.writeFileSync(lock, `${process.pid}\n`);
    const refused = await runBuildAsync({ output: out, env: { CONTENT_ROOT: content } });
    expect(refused.status).toBe(1);
    expect(oneLine(refused.stderr)).toMatch(new RegExp(`another build \\(process ${process.pid}\\) is writing`));
    expect(snapshot(out)).toEqual(before);
    // a process that has ended
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    fs.writeFileSync(lock, dead.stdout);
    const taken = await runBuildAsync({ output: out, env: { CONTENT_ROOT: content } });
    expect(taken.status, taken.stderr).toBe(0);
    expect(fs.existsSync(lock)).toBe(false);
  }, 120_000);
});

describe("TMPDIR", () => {
  it("not a folder, missing, or not writable: one line naming TMPDIR, exit 1, the output intact", () => {
    const dir = tempDir("tmpdir-");
    const out = path.join(dir, "dist");
    fs.mkdirSync(out);
    fs.writeFileSync(
      path.join(out, MARKER),
      "A build of this site: npm run build and npm start replace this folder whole.\n",
    );
    fs.writeFileSync(path.join(out, "index.html"), "previous");
    const file = path.join(dir, "a-file");
    fs.writeFileSync(file, "x");
    for (const [tmp, what] of [
      [file, "is not a folder"],
      [path.join(dir, "missing"), "does not exist"],
      [readOnlyDir(), "cannot be written"],
    ] as const) {
      const r = runScript("scripts/build.ts", ["--output", out], { TMPDIR: tmp });
      expect(r.status).toBe(1);
      expect(oneLine(r.stderr)).toContain(`TMPDIR (${tmp}) ${what}`);
      expect(fs.readFileSync(path.join(out, "index.html"), "utf8")).toBe("previous");
      expect(fs.readdirSync(dir).sort()).toEqual(["a-file", "dist"]);
    }
  }, 60_000);
});

describe("SITE_URL and PATH_PREFIX", () => {
  it("a bad one is refused without a stack trace, by npm run build and npm start", async () => {
    const bad: Record<string, string>[] = [
      { SITE_URL: "javascript:alert(1)" },
      { SITE_URL: "not an address" },
      { PATH_PREFIX: "/a?b/" },
    ];
    for (const env of bad) {
      const out = path.join(tempDir("address-"), "dist");
      const r = await runBuildAsync({ output: out, env: { CONTENT_ROOT: content, ...env } });
      expect(r.status).toBe(1);
      expect(oneLine(r.stderr)).toMatch(/^(SITE_URL|PATH_PREFIX): /);
      expect(fs.existsSync(out)).toBe(false);
      const start = runScript("scripts/start.ts", ["--watch-only", "--output", out], env);
      expect(start.status).toBe(1);
      expect(oneLine(start.stderr)).toMatch(/^(SITE_URL|PATH_PREFIX): /);
      expect(fs.existsSync(out)).toBe(false);
    }
  }, 120_000);
});

describe("npm run new and npm run import: a source id is never a path", () => {
  it.each(["..", "../../etc", "/tmp", "a/b", "a\\b", "alpha-news/.."])(
    "--source %s",
    (source) => {
      // the content in a folder of its own: nothing may appear beside it either
      const parent = tempDir("new-");
      const tree = path.join(parent, "content");
      fs.cpSync(content, tree, { recursive: true });
      const before = snapshot(parent);
      const env = { CONTENT_ROOT: tree };
      const made = runScript("scripts/new.ts", ["--source", source, "A title"], env, tree);
      expect(made.status).toBe(1);
      expect(oneLine(made.stderr)).toContain(`--source "${source}": a source id is`);
      const clip = path.join(tempDir("clip-"), "clip.txt");
      fs.writeFileSync(clip, "A title\n\nSome words of the report.\n");
      const imported = runScript(
        "scripts/import.ts",
        [clip, "--source", source, "--title", "T", "--date", "2024-09-16"],
        env,
        tree,
      );
      expect(imported.status).toBe(1);
      expect(oneLine(imported.stderr)).toContain(`--source "${source}": a source id is`);
      expect(snapshot(parent)).toEqual(before);
    },
    60_000,
  );
});

describe("npm start", () => {
  let child: ChildProcess | undefined;
  let log = "";
  afterAll(() => {
    if (child?.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  });

  it("listens on 127.0.0.1 only, and says so", async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const out = path.join(tempDir("serve-"), "dist");
    child = spawn(process.execPath, [TSX, "scripts/start.ts", "--port", String(port), "--output", out], {
      cwd: ROOT,
      env: { ...process.env, CONTENT_ROOT: content },
      detached: true,
    });
    child.stdout!.on("data", (d) => (log += d));
    child.stderr!.on("data", (d) => (log += d));
    const deadline = Date.now() + 60_000;
    while (!/\[start\] listening on/.test(log)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`npm start did not listen:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(log).toContain(`[start] listening on 127.0.0.1: the site is at http://127.0.0.1:${port}/`);
    expect(log).not.toContain("[start] warning");
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a && a.family === "IPv4" && !a.internal)
      .map((a) => a!.address);
    // the machine's other addresses must not answer; with none, the listening socket itself is checked
    for (const address of others) {
      const answered = await new Promise<boolean>((resolve) => {
        const s = net.connect({ host: address, port }, () => {
          s.destroy();
          resolve(true);
        });
        s.on("error", () => resolve(false));
      });
      expect(answered, `npm start answers on ${address}`).toBe(false);
    }
    if (others.length === 0) {
      const ss = spawnSync("ss", ["-ltnH", `sport = :${port}`], { encoding: "utf8" });
      expect(ss.status, "no non-loopback address and no ss to check the socket with").toBe(0);
      expect(ss.stdout.trim().split(/\s+/)[3]).toBe(`127.0.0.1:${port}`);
    }
  }, 90_000);

  it("--host 0.0.0.0 warns that the network can read the drafts; a bad port is one line", async () => {
    const shared = spawn(
      process.execPath,
      [
        TSX,
        "scripts/start.ts",
        "--host",
        "0.0.0.0",
        "--port",
        String(20_000 + Math.floor(Math.random() * 20_000)),
        "--output",
        path.join(tempDir("shared-"), "dist"),
      ],
      { cwd: ROOT, env: { ...process.env, CONTENT_ROOT: content }, detached: true },
    );
    let said = "";
    shared.stderr.on("data", (d) => (said += d));
    const deadline = Date.now() + 30_000;
    while (!said.includes("warning") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (shared.exitCode === null) process.kill(-shared.pid!, "SIGTERM");
    expect(said).toContain("warning: listening on 0.0.0.0, not only this machine: anyone on the network can read");
    const r = runScript("scripts/start.ts", ["--port", "notaport"]);
    expect(r.status).toBe(1);
    expect(oneLine(r.stderr)).toMatch(/^--port notaport/);
  }, 60_000);
});
