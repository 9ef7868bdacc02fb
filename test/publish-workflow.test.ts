/**
 * The GitHub Pages workflow: valid YAML, the triggers, least-privilege permissions, the same
 * test command as the README, the path prefix and site address from configure-pages, and the
 * current major versions of the Pages actions. Plus the site-address rules it relies on.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { absoluteUrl, normalizePrefix, resolveSite } from "../src/publish/site.ts";
import { ROOT } from "./helpers/site.ts";

type Json = Record<string, any>;
const workflow = parse(fs.readFileSync(path.join(ROOT, ".github/workflows/pages.yml"), "utf8")) as Json;
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const steps = (job: string): Json[] => workflow.jobs[job].steps;
const allSteps = () => Object.keys(workflow.jobs).flatMap(steps);
const uses = (action: string) => allSteps().filter((s) => typeof s.uses === "string" && s.uses.split("@")[0] === action);

describe(".github/workflows/pages.yml", () => {
  it("runs on pushes to main and by hand", () => {
    expect(workflow.on.push.branches).toEqual(["main"]);
    expect(workflow.on).toHaveProperty("workflow_dispatch");
  });

  it("has least-privilege permissions: read by default, Pages write and OIDC only where it deploys", () => {
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs.build.permissions).toEqual({ contents: "read", pages: "read" });
    expect(workflow.jobs.deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(workflow.concurrency.group).toBeTruthy();
  });

  it("installs with npm ci, runs the README's test command, then builds", () => {
    const runs = steps("build").map((s) => s.run ?? "");
    const ci = runs.findIndex((r) => /\bnpm ci\b/.test(r));
    const test = runs.findIndex((r) => r.trim() === "npm test");
    const build = runs.findIndex((r) => r.trim() === "npm run build");
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(test).toBeGreaterThan(ci);
    expect(build).toBeGreaterThan(test);
    expect(readme).toMatch(/^npm test\b/m);
    // the browser tests need Chromium
    expect(runs.some((r) => /apt-get install[^\n]*\bchromium\b/.test(r))).toBe(true);
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

describe("site address (SITE_URL + path prefix)", () => {
  const data = { title: "T", description: "D", language: "en", url: "https://example.org" };

  it("normalises path prefixes", () => {
    expect(["", "/", undefined].map(normalizePrefix)).toEqual(["/", "/", "/"]);
    expect(["repo", "/repo", "/repo/", "repo/"].map(normalizePrefix)).toEqual(Array(4).fill("/repo/"));
  });

  it("project site: a bare origin or the full address with the prefix give the same home page", () => {
    for (const siteUrl of ["https://owner.github.io", "https://owner.github.io/", "https://owner.github.io/repo", "https://owner.github.io/repo/"]) {
      expect(resolveSite(data, { siteUrl, pathPrefix: "/repo/" }).url, siteUrl).toBe("https://owner.github.io/repo/");
    }
  });

  it("user site or custom domain: no prefix; without SITE_URL, site.json's url", () => {
    expect(resolveSite(data, { siteUrl: "https://news.example", pathPrefix: "/" }).url).toBe("https://news.example/");
    expect(resolveSite(data, { pathPrefix: "/" }).url).toBe("https://example.org/");
    expect(resolveSite(data, { siteUrl: "", pathPrefix: "/x/" }).url).toBe("https://example.org/x/");
  });

  it("refuses a SITE_URL whose path disagrees with the prefix, or that is not http(s)", () => {
    expect(() => resolveSite(data, { siteUrl: "https://owner.github.io/other/", pathPrefix: "/repo/" })).toThrow(/PATH_PREFIX=\/other\//);
    expect(() => resolveSite(data, { siteUrl: "ftp://x.example", pathPrefix: "/" })).toThrow(/https/);
    expect(() => resolveSite(data, { siteUrl: "not a url", pathPrefix: "/" })).toThrow(/absolute/);
  });

  it("absolute URLs keep the prefix for root-relative paths and resolve relative ones against a page", () => {
    const site = resolveSite(data, { siteUrl: "https://owner.github.io", pathPrefix: "/repo/" });
    expect(absoluteUrl(site, "/")).toBe("https://owner.github.io/repo/");
    expect(absoluteUrl(site, "/sources/a/")).toBe("https://owner.github.io/repo/sources/a/");
    expect(absoluteUrl(site, "photo.jpg", "/sources/a/b/")).toBe("https://owner.github.io/repo/sources/a/b/photo.jpg");
    expect(absoluteUrl(site, "https://elsewhere.example/x")).toBe("https://elsewhere.example/x");
  });
});
