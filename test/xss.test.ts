/**
 * The XSS corpus (issue 7): test/fixtures/xss/ is a content tree whose every editor-written
 * field (titles, summaries, authors, credits, notes, tags, image src/alt/caption/credit,
 * related titles and URLs, source names, descriptions and URLs, story titles, bodies) holds
 * payloads: script tags, event handlers, javascript:/data:/vbscript: links and images,
 * entity-encoded and mixed-case schemes, `</script>` and `</title>`, attribute breakouts with
 * both quotes, template syntax. Each payload, if it ran, would set `window.__xss` or open a
 * dialog.
 *
 * The site is built, read with a parser (no script elements, no on* attributes, no unsafe
 * URLs, titles round-trip exactly), then every page is opened in real Chromium twice: once
 * with the Content-Security-Policy bypassed (so escaping alone is tested, not hidden behind
 * the CSP) and once with it (no script-src violation may be reported). Feeds and JSON-LD, when
 * the site has them, must still parse.
 */
import fs from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { xmlError } from "./helpers/xml.ts";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, serveSite, type Served } from "./helpers/browser.ts";
import { buildContent } from "./helpers/build-tree.ts";
import { ROOT, listFiles, urlOf } from "./helpers/site.ts";

const FIXTURE = path.join(ROOT, "test", "fixtures", "xss");
const SITE_TITLE = (JSON.parse(fs.readFileSync(path.join(FIXTURE, "_data", "site.json"), "utf8")) as { title: string })
  .title;

let dist: string;
let pages: string[];
let server: Served;
let browser: Browser;

beforeAll(async () => {
  dist = (await buildContent(FIXTURE)).output;
  pages = listFiles(dist).filter((f) => f.endsWith(".html"));
  server = await serveSite(dist);
  browser = await launchBrowser(); // throws without Chromium: this test fails, never skips
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Front matter of a fixture article (JSON-style values, one per line), read the simple way. */
function frontMatter(rel: string): Record<string, unknown> {
  const text = fs.readFileSync(path.join(FIXTURE, "src", "articles", rel), "utf8");
  const block = text.split("\n---\n")[0]!.replace(/^---\n/, "");
  return Object.fromEntries(
    block.split("\n").map((line) => {
      const i = line.indexOf(": ");
      return [line.slice(0, i), JSON.parse(line.slice(i + 2)) as unknown];
    }),
  );
}

const URL_ATTRS = ["href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite"];

describe("XSS corpus", () => {
  it("covers every editor-written field with payloads", () => {
    const first = frontMatter("alpha/first.md");
    for (const key of ["title", "summary", "authors", "credit", "tags", "image", "related", "note", "url", "archive"]) {
      expect(JSON.stringify(first[key]), key).toMatch(/__xss|alert\(/);
    }
    const sources = fs.readFileSync(path.join(FIXTURE, "_data", "sources.json"), "utf8");
    expect(sources).toContain("<script>window.__xss=1</script>");
    expect(pages.length).toBeGreaterThanOrEqual(8);
  });

  it("the HTML holds no injected script, handler, frame or unsafe URL", () => {
    expect(pages.length).toBeGreaterThanOrEqual(8);
    for (const file of pages) {
      const html = fs.readFileSync(path.join(dist, file), "utf8");
      const $ = cheerio.load(html);
      // scripts: only JSON-LD blocks and the site's own files
      $("script").each((_, el) => {
        const type = $(el).attr("type");
        const src = $(el).attr("src");
        expect(
          type === "application/ld+json" ||
            (src !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith("//")),
          `${file}: ${$.html(el)}`,
        ).toBe(true);
      });
      $("*").each((_, el) => {
        for (const [name, value] of Object.entries(
          (el as unknown as { attribs: Record<string, string> }).attribs ?? {},
        )) {
          expect(name.startsWith("on"), `${file}: <${(el as { tagName?: string }).tagName} ${name}="${value}">`).toBe(
            false,
          );
          if (URL_ATTRS.includes(name)) {
            const clean = value.replace(/[\u0000-\u0020\u007f]+/g, "").toLowerCase();
            expect(clean, `${file}: ${name}="${value}"`).not.toMatch(/^(javascript|data|vbscript|file):/);
          }
        }
      });
      expect($("iframe, frame, object, embed, base").length, file).toBe(0);
      // the site's own search form posts to itself; no form may send readers elsewhere
      const foreignForms = $("form[action]").filter((_, f) =>
        /^([a-z][a-z0-9+.-]*:|\/\/)/i.test($(f).attr("action") ?? ""),
      );
      expect(foreignForms.length, file).toBe(0);
      // where editors' text lands, no markup of theirs survives (the site's own icons live elsewhere)
      const editorText =
        ".report-body, .report-header, .report-image, .related, .citation, .editor-note, .entry, .lede, .story-group-title";
      expect($(editorText).find("svg, math, style, script, iframe, object, embed").length, file).toBe(0);
      expect(
        $("meta[http-equiv]")
          .map((_, el) => $(el).attr("http-equiv"))
          .get(),
        file,
      ).toEqual(["Content-Security-Policy"]);
    }
  });

  it("titles, names and captions come out exactly as written: escaped once, not mangled, not run as templates", () => {
    const first = frontMatter("alpha/first.md");
    const second = frontMatter("beta/second.md");
    const sources = JSON.parse(fs.readFileSync(path.join(FIXTURE, "_data", "sources.json"), "utf8")) as {
      name: string;
      description: string;
    }[];
    const $1 = cheerio.load(fs.readFileSync(path.join(dist, "sources/alpha/first/index.html"), "utf8"));
    expect($1("h1").text()).toBe(first.title);
    expect($1("title").text()).toBe(`${first.title as string} · ${SITE_TITLE}`);
    expect($1('meta[name="description"]').attr("content")).toBe(first.summary);
    expect($1("figcaption").text()).toContain((first.image as { caption: string }).caption);
    expect($1("img").first().attr("alt")).toBe((first.image as { alt: string }).alt);
    expect($1(".related li").first().text()).toBe((first.related as { title: string }[])[0]!.title);
    expect($1(".report-body").text()).toContain("{{ 7*7 }}");
    const $2 = cheerio.load(fs.readFileSync(path.join(dist, "sources/beta/second/index.html"), "utf8"));
    expect($2("h1").text()).toBe(second.title); // entity-looking text stays text: &#60; is shown, not decoded
    const $s = cheerio.load(fs.readFileSync(path.join(dist, "sources/alpha/index.html"), "utf8"));
    expect($s("h1").text()).toContain(sources[0]!.name);
    expect($s(".lede").text()).toBe(sources[0]!.description);
  });

  it("JSON-LD blocks, when present, parse and cannot be closed early", () => {
    let blocks = 0;
    for (const file of pages) {
      const $ = cheerio.load(fs.readFileSync(path.join(dist, file), "utf8"));
      $('script[type="application/ld+json"]').each((_, el) => {
        blocks++;
        const raw = $(el).html() ?? "";
        expect(raw, file).not.toMatch(/<\/script|<!--/i);
        expect(() => JSON.parse(raw), `${file}: JSON-LD does not parse`).not.toThrow();
      });
    }
    // the article pages carry JSON-LD: the loop above read some
    expect(blocks).toBeGreaterThan(0);
  });

  it("feeds and other data files, when present, still parse", () => {
    const files = listFiles(dist);
    expect(files.filter((f) => f.endsWith(".xml")).length).toBeGreaterThan(0);
    expect(files.filter((f) => f.endsWith(".json")).length).toBeGreaterThan(0);
    for (const f of files.filter((f) => f.endsWith(".xml"))) {
      expect(xmlError(fs.readFileSync(path.join(dist, f), "utf8")), f).toBeUndefined();
    }
    for (const f of files.filter((f) => f.endsWith(".json"))) {
      expect(() => JSON.parse(fs.readFileSync(path.join(dist, f), "utf8")), f).not.toThrow();
    }
    if (files.includes("feed.json")) {
      const feed = JSON.parse(fs.readFileSync(path.join(dist, "feed.json"), "utf8")) as {
        items?: { title?: string }[];
      };
      expect(JSON.stringify(feed)).toContain(JSON.stringify(frontMatter("alpha/first.md").title).slice(1, -1));
    }
  });

  for (const csp of ["bypassed", "enforced"] as const) {
    it(`no payload runs in Chromium (CSP ${csp})`, async () => {
      const context: BrowserContext = await browser.newContext({
        bypassCSP: csp === "bypassed",
        javaScriptEnabled: true,
      });
      // nothing leaves the loopback server: external images and links are aborted, not fetched
      await context.route("**/*", (route) =>
        route.request().url().startsWith(server.origin) ? route.continue() : route.abort(),
      );
      await context.addInitScript(() => {
        const w = window as unknown as { __violations: string[] };
        w.__violations = [];
        document.addEventListener(
          "securitypolicyviolation",
          (e) => w.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`),
          true,
        );
      });
      const problems: string[] = [];
      try {
        for (const file of pages) {
          const page = await context.newPage();
          page.on("dialog", (d) => {
            problems.push(`${file}: a dialog opened (${d.type()}: ${d.message()})`);
            void d.dismiss();
          });
          await page.goto(server.origin + urlOf(file), { waitUntil: "load" });
          // fire the events an injected handler would listen to, on every element
          await page.evaluate(() => {
            for (const el of Array.from(document.querySelectorAll("*"))) {
              for (const type of [
                "mouseover",
                "mouseenter",
                "pointerover",
                "focus",
                "focusin",
                "error",
                "load",
                "animationstart",
                "toggle",
              ]) {
                el.dispatchEvent(new Event(type));
              }
            }
          });
          await page.waitForTimeout(50);
          const state = await page.evaluate(() => {
            const w = window as unknown as { __xss?: unknown; __violations: string[] };
            const unsafe: string[] = [];
            for (const el of Array.from(document.querySelectorAll("[href], [src], [action], [formaction]"))) {
              for (const attr of ["href", "src", "action", "formaction"]) {
                const v = el.getAttribute(attr);
                if (v === null) continue;
                const protocol = new URL(v, document.baseURI).protocol;
                if (!["http:", "https:", "mailto:"].includes(protocol))
                  unsafe.push(`<${el.tagName.toLowerCase()} ${attr}="${v}"> (${protocol})`);
              }
            }
            return { xss: w.__xss, violations: w.__violations, unsafe };
          });
          if (state.xss !== undefined) problems.push(`${file}: window.__xss was set`);
          for (const u of state.unsafe) problems.push(`${file}: unsafe URL as the browser reads it: ${u}`);
          for (const v of state.violations.filter((v) => v.startsWith("script-src")))
            problems.push(`${file}: CSP blocked a script: ${v}`);
          await page.close();
        }
      } finally {
        await context.close();
      }
      expect(problems).toEqual([]);
    });
  }
});
