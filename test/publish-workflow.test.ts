/**
 * The GitHub Pages workflow: valid YAML, the triggers, least-privilege permissions, the same
 * test command as the README, the path prefix and site address from configure-pages, and the
 * current major versions of the Pages actions. Plus the site-address rules it relies on.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  absoluteUrl,
  addressSettings,
  isAddressProblem,
  normalizePrefix,
  resolveAddress,
  siteMeta,
  type AddressSettings,
} from "../src/publish/site.ts";
import { ROOT, tempDir } from "./helpers/site.ts";

// biome-ignore lint/suspicious/noExplicitAny: the parsed workflow YAML, of any shape, walked freely by assertions (a wrong path fails the test)
type Json = Record<string, any>;
const workflow = parse(fs.readFileSync(path.join(ROOT, ".github/workflows/pages.yml"), "utf8")) as Json;
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const steps = (job: string): Json[] => workflow.jobs[job].steps;
const allSteps = () => Object.keys(workflow.jobs).flatMap(steps);
const uses = (action: string) =>
  allSteps().filter((s) => typeof s.uses === "string" && s.uses.split("@")[0] === action);

describe(".github/workflows/pages.yml", () => {
  it("runs on pushes to main and by hand", () => {
    expect(workflow.on.push.branches).toEqual(["main"]);
    expect(workflow.on).toHaveProperty("workflow_dispatch");
  });

  it("has least-privilege permissions: read by default, Pages write and OIDC only where it deploys", () => {
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs.build.permissions).toEqual({ contents: "read", pages: "read" });
    expect(workflow.jobs.deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
    for (const job of ["changes", "test"]) expect(workflow.jobs[job].permissions, job).toBeUndefined();
    expect(workflow.concurrency.group).toBeTruthy();
  });

  it("a code change runs the README's test command (with Chromium) before the build; a content-only change skips it", () => {
    const test = steps("test").map((s) => s.run ?? "");
    expect(test.findIndex((r) => r.trim() === "npm test")).toBeGreaterThan(test.findIndex((r) => /\bnpm ci\b/.test(r)));
    expect(test.some((r) => /apt-get install[^\n]*\bchromium\b/.test(r))).toBe(true);
    expect(readme).toMatch(/^npm test\b/m);
    expect(workflow.jobs.test.needs).toBe("changes");
    expect(workflow.jobs.test.if).toBe("needs.changes.outputs.content_only != 'true'");
    expect(workflow.jobs.build.needs).toEqual(["changes", "test"]);
    expect(workflow.jobs.build.if).toContain("needs.test.result == 'skipped'");
    expect(workflow.jobs.build.if).toContain("needs.test.result == 'success'");
    expect(steps("changes").find((s) => s.id === "diff")!.run).toContain(".github/scripts/content-only.sh");
  });

  it("the build job checks the content (annotations), then builds", () => {
    const runs = steps("build").map((s) => s.run ?? "");
    const ci = runs.findIndex((r) => /\bnpm ci\b/.test(r));
    const check = runs.findIndex((r) => r.trim() === "npm run check -- --format github");
    const build = runs.findIndex((r) => r.trim() === "npm run build");
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(check).toBeGreaterThan(ci);
    expect(build).toBeGreaterThan(check);
  });

  it("builds with the path prefix and site address GitHub Pages reports", () => {
    const pagesStep = uses("actions/configure-pages")[0]!;
    const build = steps("build").find((s) => s.run?.trim() === "npm run build")!;
    expect(build.env.PATH_PREFIX).toBe(`\${{ steps.${pagesStep.id}.outputs.base_path }}/`);
    expect(build.env.SITE_URL).toBe(`\${{ steps.${pagesStep.id}.outputs.base_url }}`);
  });

  it("uses the current majors of the Pages actions and uploads dist/", () => {
    expect(uses("actions/configure-pages").map((s) => s.uses)).toEqual(["actions/configure-pages@v6"]);
    const upload = uses("actions/upload-pages-artifact");
    expect(upload.map((s) => s.uses)).toEqual(["actions/upload-pages-artifact@v5"]);
    expect(upload[0]!.with.path).toBe("dist");
    const deploy = uses("actions/deploy-pages");
    expect(deploy.map((s) => s.uses)).toEqual(["actions/deploy-pages@v5"]);
    expect(workflow.jobs.deploy.needs).toBe("build");
    expect(workflow.jobs.deploy.environment.name).toBe("github-pages");
  });
});

describe("site address (site.json's url or SITE_URL, and the path prefix)", () => {
  const data = { title: "T", description: "D", language: "en", url: "https://example.org" };
  const resolve = (url: string, settings: AddressSettings) => {
    const r = resolveAddress(url, settings);
    return isAddressProblem(r) ? r : r.origin + r.pathPrefix;
  };

  it("normalises path prefixes", () => {
    expect(["", "/", undefined].map(normalizePrefix)).toEqual(["/", "/", "/"]);
    expect(["repo", "/repo", "/repo/", "repo/"].map(normalizePrefix)).toEqual(Array(4).fill("/repo/"));
  });

  it("an address with a path implies the prefix; PATH_PREFIX may repeat it", () => {
    for (const url of ["https://owner.github.io/repo", "https://owner.github.io/repo/"]) {
      expect(resolve(url, {}), url).toBe("https://owner.github.io/repo/");
      expect(resolve(url, { pathPrefix: "/repo/" }), url).toBe("https://owner.github.io/repo/");
      expect(resolve(data.url, { siteUrl: url, pathPrefix: "repo" }), url).toBe("https://owner.github.io/repo/");
    }
  });

  it("project site as pages.yml builds it: a bare origin or the full address with PATH_PREFIX give the same home page", () => {
    for (const siteUrl of [
      "https://owner.github.io",
      "https://owner.github.io/",
      "https://owner.github.io/repo",
      "https://owner.github.io/repo/",
    ]) {
      expect(resolve(data.url, { siteUrl, pathPrefix: "/repo/" }), siteUrl).toBe("https://owner.github.io/repo/");
      // site.json may say the same address: SITE_URL wins
      expect(resolve("https://owner.github.io/repo/", { siteUrl, pathPrefix: "/repo/" }), siteUrl).toBe(
        "https://owner.github.io/repo/",
      );
    }
  });

  it("user site or custom domain: no prefix; without SITE_URL, site.json's url", () => {
    expect(resolve(data.url, { siteUrl: "https://news.example", pathPrefix: "/" })).toBe("https://news.example/");
    expect(resolve(data.url, {})).toBe("https://example.org/");
    expect(resolve(data.url, { pathPrefix: "/x/" })).toBe("https://example.org/x/");
    // a custom domain (pages.yml: SITE_URL is the domain, PATH_PREFIX "/") over a project address in site.json
    expect(resolve("https://owner.github.io/repo/", { siteUrl: "https://news.example", pathPrefix: "/" })).toBe(
      "https://news.example/",
    );
  });

  it("refuses a PATH_PREFIX that disagrees with the address's path, naming the setting to change", () => {
    expect(resolve("https://owner.github.io/other/", { pathPrefix: "/repo/" })).toEqual({
      setting: "url",
      message: expect.stringMatching(/served from \/other\/, but PATH_PREFIX is \/repo\//),
    });
    expect(resolve("https://owner.github.io/other/", { pathPrefix: "/" })).toMatchObject({ setting: "url" });
    expect(resolve(data.url, { siteUrl: "https://owner.github.io/other/", pathPrefix: "/repo/" })).toMatchObject({
      setting: "SITE_URL",
    });
    expect(resolve(data.url, { pathPrefix: "/a b/" })).toMatchObject({
      setting: "PATH_PREFIX",
      message: expect.stringMatching(/would break every address/),
    });
  });

  it("refuses an address that is not http(s), not absolute, or whose path would break every link", () => {
    expect(resolve(data.url, { siteUrl: "ftp://x.example" })).toMatchObject({
      setting: "SITE_URL",
      message: expect.stringMatching(/https/),
    });
    expect(resolve(data.url, { siteUrl: "not a url" })).toMatchObject({
      setting: "SITE_URL",
      message: expect.stringMatching(/absolute/),
    });
    expect(resolve("https://owner.github.io/my news/", {})).toMatchObject({
      setting: "url",
      message: expect.stringMatching(/would break every address/),
    });
  });

  it("reads SITE_URL and PATH_PREFIX from the environment; empty is not given", () => {
    expect(addressSettings({ SITE_URL: " https://a.example ", PATH_PREFIX: "/x/" })).toEqual({
      siteUrl: "https://a.example",
      pathPrefix: "/x/",
    });
    expect(addressSettings({ SITE_URL: "", PATH_PREFIX: "" })).toEqual({ siteUrl: undefined, pathPrefix: undefined });
  });

  it("absolute URLs keep the prefix for root-relative paths and resolve relative ones against a page", () => {
    const site = siteMeta(data, { siteUrl: "https://owner.github.io" }, "/repo/");
    expect(site.url).toBe("https://owner.github.io/repo/");
    expect(absoluteUrl(site, "/")).toBe("https://owner.github.io/repo/");
    expect(absoluteUrl(site, "/sources/a/")).toBe("https://owner.github.io/repo/sources/a/");
    expect(absoluteUrl(site, "photo.jpg", "/sources/a/b/")).toBe("https://owner.github.io/repo/sources/a/b/photo.jpg");
    expect(absoluteUrl(site, "https://elsewhere.example/x")).toBe("https://elsewhere.example/x");
  });
});

describe(".github/workflows/pr.yml", () => {
  const pr = parse(fs.readFileSync(path.join(ROOT, ".github/workflows/pr.yml"), "utf8")) as Json;
  const prSteps = (job: string): Json[] => pr.jobs[job].steps;

  it("runs on pull requests to main, reading only", () => {
    expect(pr.on.pull_request.branches).toEqual(["main"]);
    expect(pr.permissions).toEqual({ contents: "read" });
    for (const job of Object.keys(pr.jobs)) expect(pr.jobs[job].permissions, job).toBeUndefined();
  });

  it("annotates problems, builds a preview, uploads it and writes a job summary", () => {
    const s = prSteps("check-and-build");
    const runs = s.map((x) => x.run ?? "");
    const check = runs.findIndex((r) => r.trim() === "npm run check -- --format github");
    const build = runs.findIndex((r) => /^npm run build -- --output preview\b/.test(r.trim()));
    expect(check).toBeGreaterThan(runs.findIndex((r) => /\bnpm ci\b/.test(r)));
    expect(build).toBeGreaterThan(check);
    const upload = s.find((x) => typeof x.uses === "string" && x.uses.startsWith("actions/upload-artifact@"))!;
    expect(upload.with.path).toBe("preview");
    expect(s.find((x) => x.name === "Summary")!.run).toContain("GITHUB_STEP_SUMMARY");
  });

  it("builds the preview under the prefix the address implies: no PATH_PREFIX of its own", () => {
    const build = prSteps("check-and-build").find((x) => x.name === "Build the preview")!;
    expect(build.env?.PATH_PREFIX).toBeUndefined();
    expect(build.run).not.toMatch(/PATH_PREFIX|--path-prefix/);
  });

  it("the summary says how to open a preview built under a prefix, and plainly one built without", () => {
    const summary = prSteps("check-and-build").find((x) => x.name === "Summary")!.run as string;
    const run = (log: string | undefined) => {
      const dir = tempDir("pr-summary-");
      fs.mkdirSync(path.join(dir, "src/articles/a"), { recursive: true });
      fs.writeFileSync(path.join(dir, "src/articles/a/x.md"), "");
      if (log !== undefined) fs.writeFileSync(path.join(dir, "build.log"), log);
      const out = path.join(dir, "summary.md");
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression in the workflow, not a template literal
      execFileSync("sh", ["-e", "-c", summary.replace("${{ steps.check.outcome }}", "success")], {
        cwd: dir,
        env: { ...process.env, GITHUB_STEP_SUMMARY: out },
      });
      return fs.readFileSync(out, "utf8");
    };
    const prefixed = run(
      "Built 3 pages (9 files) into preview in 1.00 s (Eleventy 0.50 s, search index 0.20 s) with path prefix /repo/\n",
    );
    expect(prefixed).toContain("- Built 3 pages");
    expect(prefixed).toContain(
      "extract it into `preview/repo/`, run `npx serve preview` and open http://localhost:3000/repo/",
    );
    expect(prefixed).toContain("- Reports: 1");
    const root = run("Built 3 pages (9 files) into preview in 1.00 s (Eleventy 0.50 s, search index 0.20 s)\n");
    expect(root).toContain("open index.html from a local server (npx serve preview)");
    expect(root).not.toContain("path prefix");
    expect(run(undefined)).toContain("The build failed: see the Build step.");
  });

  it("runs the whole test suite when code or templates changed", () => {
    expect(pr.jobs.test.if).toContain("needs.check-and-build.outputs.content_only != 'true'");
    expect(prSteps("test").map((x) => x.run?.trim())).toContain("npm test");
  });
});

describe(".github/scripts/content-only.sh", () => {
  const repo = tempDir("content-only-");
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@example.org", ...args], {
      cwd: repo,
      encoding: "utf8",
    }).trim();
  const commit = (file: string) => {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.writeFileSync(path.join(repo, file), file + Math.random());
    git("add", "-A");
    git("commit", "-qm", file);
    return git("rev-parse", "HEAD");
  };
  const verdict = (event: string, base: string, head: string) =>
    execFileSync("bash", [path.join(ROOT, ".github/scripts/content-only.sh"), event, base, head], {
      cwd: repo,
      encoding: "utf8",
    }).trim();

  it("says content_only=true only when every changed file is under src/articles/, _data/, record/ or discover/", () => {
    git("init", "-q");
    const first = commit("src/pages/index.njk");
    const articles = commit("src/articles/alpha/report.md");
    const data = commit("_data/sources.json");
    const code = commit("src/content/model.ts");
    const record = commit("record/alpha/report.json");
    const seen = commit("discover/seen.json");
    expect(verdict("push", first, data)).toBe("content_only=true");
    expect(verdict("push", first, articles)).toBe("content_only=true");
    expect(verdict("push", data, code)).toBe("content_only=false");
    expect(verdict("push", code, seen)).toBe("content_only=true");
    expect(verdict("push", code, record)).toBe("content_only=true");
    expect(verdict("push", data, record)).toBe("content_only=false");
    expect(verdict("pull_request", first, code)).toBe("content_only=false");
    expect(verdict("push", "0000000000000000000000000000000000000000", data)).toBe("content_only=false");
    expect(verdict("workflow_dispatch", first, data)).toBe("content_only=false");
  });
});
