/**
 * The Nunjucks compile cache (src/build/runtime-patches.ts) patches a library's internals. This
 * fails loudly when an Eleventy or Nunjucks upgrade changes what it relies on: Eleventy emits
 * `eleventy.engine.njk` with the library, constructs a `nunjucks.Template` per page, and the
 * cached templates render each page correctly.
 */
import fs from "node:fs";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import nunjucks from "nunjucks";
import { describe, expect, it } from "vitest";
import { patchEleventyRun } from "../src/build/runtime-patches.ts";
import { tempDir } from "./helpers/site.ts";

const PAGES = 40;

/** Builds a paginated template of PAGES pages; returns how many templates Nunjucks compiled. */
async function build(withCache: boolean): Promise<{ compiled: number; engineEvent: boolean; output: string }> {
  const root = tempDir("njk-");
  fs.mkdirSync(path.join(root, "src", "_includes"), { recursive: true });
  fs.writeFileSync(path.join(root, "src", "_includes", "layout.njk"), "<main>{{ content | safe }}</main>");
  fs.writeFileSync(
    path.join(root, "src", "page.njk"),
    [
      "---",
      "layout: layout.njk",
      "pagination: { data: items, size: 1, alias: item }",
      'permalink: "/p/{{ item }}/"',
      "eleventyComputed:",
      '  title: "Item {{ item }}"',
      "---",
      "<h1>{{ title }}</h1><p>{{ item * 2 }}</p>",
    ].join("\n"),
  );
  const output = path.join(root, "dist");
  const proto = nunjucks.Template.prototype as unknown as { _compile: (...a: unknown[]) => unknown };
  const original = proto._compile;
  let compiled = 0;
  let engineEvent = false;
  proto._compile = function (this: unknown, ...args: unknown[]) {
    compiled++;
    return original.apply(this, args);
  };
  try {
    const elev = new Eleventy(path.join(root, "src"), output, {
      quietMode: true,
      config(cfg: {
        addGlobalData: (k: string, v: unknown) => void;
        on: (e: string, f: (a: { nunjucks?: unknown }) => void) => void;
        addPlugin: (p: unknown) => void;
      }) {
        cfg.addGlobalData(
          "items",
          Array.from({ length: PAGES }, (_, i) => i),
        );
        cfg.on("eleventy.engine.njk", (arg) => (engineEvent = arg.nunjucks === nunjucks));
        if (withCache) patchEleventyRun(cfg as unknown as UserConfig);
      },
    });
    (elev as unknown as { logger: { overrideLogger(l: object): void } }).logger.overrideLogger({
      log() {},
      info() {},
      warn() {},
      error() {},
    });
    await elev.write();
  } finally {
    proto._compile = original;
  }
  return { compiled, engineEvent, output };
}

describe("the Nunjucks compile cache", () => {
  // Order matters: the patch, once applied, stays on the library for the rest of this process.
  it("is still needed: without it Eleventy compiles templates once per page", async () => {
    const { compiled, engineEvent } = await build(false);
    expect(
      engineEvent,
      "Eleventy no longer emits eleventy.engine.njk with the nunjucks library: the patch is never applied",
    ).toBe(true);
    expect(
      compiled,
      "Eleventy now compiles each template once per build: remove src/build/runtime-patches.ts",
    ).toBeGreaterThanOrEqual(PAGES);
  });

  it("compiles each template once per build, and every page is still right", async () => {
    const { compiled, output } = await build(true);
    expect(compiled).toBeLessThan(10);
    for (const i of [0, 1, PAGES - 1]) {
      expect(fs.readFileSync(path.join(output, "p", String(i), "index.html"), "utf8")).toBe(
        `<main><h1>Item ${i}</h1><p>${i * 2}</p></main>`,
      );
    }
  });
});
