/**
 * One address setting: a project site's address (`url` https://owner.github.io/repo/ in
 * site.json) sets the path prefix of `npm run build`, `npm run check` and `npm start`.
 * PATH_PREFIX may repeat it; one that disagrees is one problem, never a stack trace. Through the
 * real CLIs, on a content tree of its own, output read with cheerio.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { article, contentTree } from "./helpers/fixture.ts";
import { runBuildAsync } from "./helpers/build-async.ts";
import { internalUrls, listFiles, readHtml, resolveToFile, ROOT, tempDir, TSX, urlOf } from "./helpers/site.ts";

const HOME = "https://owner.github.io/repo/";
const site = (url: string) =>
  JSON.stringify({ title: "Project site", description: "A project site's record.", language: "en", url }, null, 2);

/** Two reports, one per source (no warnings), and site.json with the given address. */
function projectSite(url = HOME): string {
  return contentTree({
    site: site(url),
    files: {
      "src/articles/alpha-news/first.md": article(
        { title: "First report", source: "alpha-news", date: "2024-09-16" },
        "The first report.\n",
      ),
      "src/articles/beta-post/second.md": article(
        { title: "Second report", source: "beta-post", date: "2024-09-17" },
        "The second report.\n",
      ),
    },
  });
}

/** A stack trace's frame line, as Node prints it. */
const STACK = /^ {4}at /m;

function runCheck(content: string, env: Record<string, string> = {}, args: string[] = []) {
  const r = spawnSync(process.execPath, [TSX, "scripts/check.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CONTENT_ROOT: content, ...env },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run build with a project site's address", () => {
  let content: string;
  let dist: string;
  let stdout: string;

  beforeAll(async () => {
    content = projectSite();
    dist = path.join(tempDir(), "dist");
    const run = await runBuildAsync({ output: dist, env: { CONTENT_ROOT: content } });
    expect(run.status, run.stderr).toBe(0);
    stdout = run.stdout;
  });

  it("builds under the address's path without being told, and says so (the line pr.yml's summary reads)", () => {
    expect(stdout).toMatch(/^Built \d+ pages .* with path prefix \/repo\/$/m);
    // the same expression as the Summary step of .github/workflows/pr.yml
    const prefix = spawnSync("sed", ["-n", "s|^Built .* with path prefix \\(/[^ ]*/\\)$|\\1|p"], {
      input: stdout,
      encoding: "utf8",
    }).stdout.trim();
    expect(prefix).toBe("/repo/");
  });

  it("every internal link, stylesheet, script and picture of every page is under /repo/ and resolves", () => {
    const pages = listFiles(dist).filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(5);
    const outside: string[] = [];
    const broken: string[] = [];
    let checked = 0;
    for (const rel of pages) {
      const pageUrl = rel === "404.html" ? "/repo/no/such/page/" : urlOf(rel, "/repo/");
      for (const url of internalUrls(readHtml(dist, urlOf(rel)), pageUrl)) {
        checked++;
        if (!url.startsWith("/repo/")) outside.push(`${rel}: ${url}`);
        else if (!url.startsWith(`${pageUrl}#`) && !resolveToFile(dist, url, "/repo/")) broken.push(`${rel}: ${url}`);
      }
    }
    expect(outside).toEqual([]);
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it("canonical links, the sitemap and the feed are absolute addresses under the address", () => {
    const $ = readHtml(dist, "/sources/alpha-news/first/");
    expect($('link[rel="canonical"]').attr("href")).toBe(`${HOME}sources/alpha-news/first/`);
    expect($("h1").first().text()).toContain("First report");
    const xml = (file: string) => cheerio.load(fs.readFileSync(path.join(dist, file), "utf8"), { xml: true });
    const sitemap = xml("sitemap.xml");
    const locs = sitemap("url > loc")
      .map((_, el) => sitemap(el).text())
      .get();
    expect(locs.length).toBeGreaterThan(5);
    for (const loc of locs) expect(loc.startsWith(HOME), loc).toBe(true);
    const atom = xml("feed.xml");
    expect(
      atom("entry > link[rel=alternate]")
        .map((_, el) => atom(el).attr("href"))
        .get()
        .sort(),
    ).toEqual([`${HOME}sources/alpha-news/first/`, `${HOME}sources/beta-post/second/`]);
  });

  it("PATH_PREFIX or --path-prefix that repeats the address builds the same site", async () => {
    const again = path.join(tempDir(), "dist");
    const run = await runBuildAsync({ output: again, env: { CONTENT_ROOT: content }, args: ["--path-prefix", "repo"] });
    expect(run.status, run.stderr).toBe(0);
    expect(readHtml(again, "/").html()).toBe(readHtml(dist, "/").html());
  });

  it("PATH_PREFIX that disagrees: one line naming both, exit 1, no stack trace, nothing written", async () => {
    const output = path.join(tempDir(), "dist");
    const run = await runBuildAsync({ output, env: { CONTENT_ROOT: content, PATH_PREFIX: "/news/" } });
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(STACK);
    expect(run.stderr).not.toMatch(/Error\b/);
    const lines = run.stderr.split("\n").filter((l) => l.includes("PATH_PREFIX"));
    expect(lines).toEqual([
      `  - _data/site.json:5:3: url: "${HOME}" is served from /repo/, but PATH_PREFIX is /news/: leave PATH_PREFIX out (the address sets the prefix), or make the two agree`,
    ]);
    expect(fs.existsSync(output)).toBe(false);
    // nothing is left beside the output either (the build's staging folder)
    expect(fs.readdirSync(path.dirname(output))).toEqual([]);
  });
});

describe("npm run new-site with the README's example address", () => {
  const newSite = (content: string, url: string) =>
    spawnSync(
      process.execPath,
      [
        TSX,
        "scripts/new-site.ts",
        "--title",
        "Our record",
        "--description",
        "What we follow.",
        "--url",
        url,
        "--force",
      ],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, CONTENT_ROOT: content },
        timeout: 60_000,
      },
    );

  it("says where the site is served from, and npm run build then builds under it at once", async () => {
    const content = projectSite("https://example.org");
    // the old story's records and discover's state go with its reports
    for (const file of ["record/old/report.json", "discover/seen.json"]) {
      fs.mkdirSync(path.dirname(path.join(content, file)), { recursive: true });
      fs.writeFileSync(path.join(content, file), "{}\n");
    }
    const made = newSite(content, HOME);
    expect(made.status, made.stderr).toBe(0);
    expect(fs.existsSync(path.join(content, "record"))).toBe(false);
    expect(fs.existsSync(path.join(content, "discover"))).toBe(false);
    expect(made.stdout).toContain("The site is served from /repo/, the path of its address");
    const dist = path.join(tempDir(), "dist");
    const run = await runBuildAsync({ output: dist, env: { CONTENT_ROOT: content } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(STACK);
    expect(run.stdout).toMatch(/with path prefix \/repo\/$/m);
    expect(readHtml(dist, "/")('link[rel="canonical"]').attr("href")).toBe(HOME);
  });

  it("refuses an address whose path would break every link, and changes nothing", () => {
    const content = projectSite();
    const before = fs.readFileSync(path.join(content, "_data", "site.json"), "utf8");
    const made = newSite(content, "https://owner.github.io/my repo/");
    expect(made.status).toBe(1);
    expect(made.stderr).toMatch(/^ {2}- _data\/site\.json: url: .*would break every address/m);
    expect(fs.readFileSync(path.join(content, "_data", "site.json"), "utf8")).toBe(before);
  });
});

describe("npm run check with a project site's address", () => {
  let content: string;
  beforeAll(() => {
    content = projectSite();
  });

  it("no PATH_PREFIX, or one that agrees: no problems", () => {
    const envs: Record<string, string>[] = [
      {},
      { PATH_PREFIX: "/repo/" },
      { SITE_URL: "https://owner.github.io", PATH_PREFIX: "/repo/" },
    ];
    for (const env of envs) {
      const r = runCheck(content, env);
      expect(r.status, JSON.stringify(env) + r.stdout).toBe(0);
      expect(r.stderr.trim()).toBe("Content check: no problems.");
    }
  });

  it("a PATH_PREFIX that disagrees is one problem at site.json's url, file:line:column: field: message", () => {
    const r = runCheck(content, { PATH_PREFIX: "/news/" });
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split("\n")).toEqual([
      `_data/site.json:5:3: url: "${HOME}" is served from /repo/, but PATH_PREFIX is /news/: leave PATH_PREFIX out (the address sets the prefix), or make the two agree`,
    ]);
    expect(r.stderr.trim()).toBe("Content check: 1 error, 0 warnings.");
    expect(r.stderr + r.stdout).not.toMatch(STACK);
    const json = JSON.parse(runCheck(content, { PATH_PREFIX: "/news/" }, ["--format", "json"]).stdout) as {
      file: string;
      line: number;
      column: number;
      field: string;
    }[];
    expect(json.map((p) => [p.file, p.line, p.column, p.field])).toEqual([["_data/site.json", 5, 3, "url"]]);
  });

  it("an address the build could not use is a problem too: a path that breaks links, a bad SITE_URL", () => {
    const spaced = runCheck(projectSite("https://owner.github.io/my repo/"));
    expect(spaced.status).toBe(1);
    expect(spaced.stdout).toMatch(/^_data\/site\.json:5:3: url: .*would break every address/m);
    const bad = runCheck(content, { SITE_URL: "owner.github.io/repo" });
    expect(bad.status).toBe(1);
    expect(bad.stdout.trim()).toBe(
      'SITE_URL: "owner.github.io/repo" is not an absolute address like https://owner.github.io/repo/',
    );
  });
});

/** `npm start` on a port of its own, its output collected; stopped with its process group. */
class Server {
  log = "";
  readonly output = path.join(tempDir("start-out-"), "dist");
  private child!: ChildProcess;
  constructor(
    readonly content: string,
    readonly port: number,
    private readonly env: Record<string, string> = {},
  ) {}

  start(): void {
    this.child = spawn(
      process.execPath,
      [TSX, "scripts/start.ts", "--port", String(this.port), "--output", this.output],
      {
        cwd: ROOT,
        env: { ...process.env, CONTENT_ROOT: this.content, ...this.env },
        detached: true,
      },
    );
    this.child.stdout!.on("data", (d) => (this.log += d));
    this.child.stderr!.on("data", (d) => (this.log += d));
  }

  stop(): void {
    if (this.child?.pid && this.child.exitCode === null) process.kill(-this.child.pid, "SIGTERM");
  }

  async until(what: string, check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (
        await Promise.resolve()
          .then(check)
          .catch(() => false)
      )
        return;
      if (this.child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(
      `${this.child.exitCode !== null ? "npm start exited" : "timed out"} waiting until ${what}; it printed:\n${this.log}`,
    );
  }

  /** A page over HTTP, parsed; the status and the address it ended at (after redirects). */
  async page(urlPath: string): Promise<{ status: number; url: string; $: cheerio.CheerioAPI }> {
    const res = await fetch(`http://127.0.0.1:${this.port}${urlPath}`);
    return { status: res.status, url: res.url, $: cheerio.load(await res.text()) };
  }

  /** The problems shown at the top of a page, as text. */
  async banner(urlPath: string): Promise<string> {
    const { status, $ } = await this.page(urlPath);
    return status === 200 ? $(".content-problems").text() : "no page";
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** Editors' saves land a moment apart from the last build. */
const settle = () => new Promise((r) => setTimeout(r, 500));

describe("npm start with a project site's address", () => {
  let server: Server;
  beforeAll(async () => {
    server = new Server(projectSite(), await freePort());
    server.start();
    await server.until("the server says where the site is", () =>
      server.log.includes(`the site is at http://127.0.0.1:${server.port}/repo/`),
    );
    await server.until(
      "the first report's page is served",
      async () => (await server.page("/repo/sources/alpha-news/first/")).status === 200,
    );
  }, 90_000);
  afterAll(() => server?.stop());

  it("serves the site under /repo/, with links under it, and sends / there", async () => {
    const home = await server.page("/repo/");
    expect(home.status).toBe(200);
    const links = home
      .$("a[href]")
      .map((_, el) => home.$(el).attr("href"))
      .get()
      .filter((h) => h.startsWith("/"));
    expect(links.length).toBeGreaterThan(5);
    for (const href of links) expect(href.startsWith("/repo/"), href).toBe(true);
    const report = home.$('a[href="/repo/sources/alpha-news/first/"]');
    expect(report.length).toBeGreaterThan(0);
    const first = await server.page("/repo/sources/alpha-news/first/");
    expect(first.$("h1").first().text()).toContain("First report");
    expect(first.$('link[rel="stylesheet"]').attr("href")).toMatch(/^\/repo\/assets\/site\.[0-9a-f]+\.css$/);
    expect(
      (await fetch(`http://localhost:${server.port}${first.$('link[rel="stylesheet"]').attr("href")}`)).status,
    ).toBe(200);
    const root = await server.page("/");
    expect(root.url).toBe(`http://127.0.0.1:${server.port}/repo/`);
  });

  it("a broken address in site.json shows on every page, without a stack trace, until it is fixed", async () => {
    await settle();
    const file = path.join(server.content, "_data", "site.json");
    fs.writeFileSync(file, site("owner.github.io/repo/"));
    await server.until(
      "the problem is on the pages",
      async () =>
        (await server.banner("/repo/")).includes(
          "_data/site.json:5:3: url: expected an absolute http:// or https:// address",
        ) && (await server.banner("/repo/sources/beta-post/second/")).includes("_data/site.json:5:3: url:"),
    );
    expect(server.log).not.toMatch(STACK);
    await settle();
    fs.writeFileSync(file, site(HOME));
    await server.until(
      "the banner is gone",
      async () =>
        (await server.page("/repo/")).$(".content-problems").length === 0 &&
        (await server.page("/repo/sources/beta-post/second/")).$(".content-problems").length === 0,
    );
  }, 70_000);

  it("an address with another path restarts the server under it", async () => {
    await settle();
    fs.writeFileSync(path.join(server.content, "_data", "site.json"), site("https://owner.github.io/renamed/"));
    await server.until(
      "the site is under /renamed/",
      async () => (await server.page("/renamed/sources/alpha-news/first/")).status === 200,
    );
    const home = await server.page("/renamed/");
    expect(home.$('a[href="/renamed/sources/alpha-news/first/"]').length).toBeGreaterThan(0);
    expect(home.$('link[rel="canonical"]').attr("href")).toBe("https://owner.github.io/renamed/");
    expect(server.log).toContain(`the site is at http://127.0.0.1:${server.port}/renamed/`);
    expect(server.log).not.toMatch(STACK);
  }, 70_000);
});

describe("npm start with a PATH_PREFIX that disagrees with the address", () => {
  let server: Server;
  beforeAll(async () => {
    server = new Server(projectSite(), await freePort(), { PATH_PREFIX: "/news/" });
    server.start();
    await server.until("the server is up", async () => (await server.page("/news/")).status === 200);
  }, 90_000);
  afterAll(() => server?.stop());

  it("shows the disagreement on the page (served under PATH_PREFIX), without a stack trace, and recovers when site.json agrees", async () => {
    const want = `_data/site.json:5:3: url: "${HOME}" is served from /repo/, but PATH_PREFIX is /news/`;
    await server.until("the problem is on the page", async () => (await server.banner("/news/")).includes(want));
    expect(server.log).toContain(want);
    expect(server.log).not.toMatch(STACK);
    await settle();
    fs.writeFileSync(path.join(server.content, "_data", "site.json"), site("https://owner.github.io/news/"));
    await server.until("the report's page is served with no banner", async () => {
      const { status, $ } = await server.page("/news/sources/alpha-news/first/");
      return (
        status === 200 &&
        $(".content-problems").length === 0 &&
        $('link[rel="canonical"]').attr("href") === "https://owner.github.io/news/sources/alpha-news/first/"
      );
    });
    expect((await server.page("/news/")).$(".content-problems").length).toBe(0);
  }, 70_000);
});
