/**
 * Safe output (issue 7), the unit-sized half: the markdown renderer's link policy, the
 * image-src rule, JSON for script blocks, the CSP partial, and an audit of every `| safe` in
 * the templates. The built-site half is test/xss.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isSafeUrl, renderBody } from "../src/content/markdown.ts";
import { isImageSrc } from "../src/content/schema.ts";
import { scriptJson } from "../src/eleventy/filters.ts";
import { ROOT } from "./helpers/site.ts";

describe("markdown renderer", () => {
  it("renders only http, https, mailto and relative links; every other scheme stays text", () => {
    const bad = [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "&#106;avascript:alert(1)",
      "&#x6A;avascript:alert(1)",
      "javascript&colon;alert(1)",
      " javascript:alert(1)",
      "vbscript:msgbox(1)",
      "data:text/html,<script>alert(1)</script>",
      "file:///etc/passwd",
      "//evil.example/x",
    ];
    for (const url of bad) {
      const html = renderBody(`[x](${url}) and ![y](${url}) and <${url}>`);
      expect(html, url).not.toMatch(/<a |<img /);
    }
    const html = renderBody(
      "[a](https://example.org/) [b](http://example.org/) [c](mailto:x@example.org) [d](../other/) [e](/sources/) [f](#top)",
    );
    expect(html).toContain('<a href="https://example.org/" rel="noopener noreferrer">a</a>');
    expect(html).toContain('<a href="http://example.org/" rel="noopener noreferrer">b</a>');
    expect(html).toContain('<a href="mailto:x@example.org">c</a>');
    expect(html).toContain('<a href="../other/">d</a>');
    expect(html).toContain('<a href="/sources/">e</a>');
    expect(html).toContain('<a href="#top">f</a>');
    expect(isSafeUrl("java\tscript:alert(1)")).toBe(false);
  });

  it("placeholder links are plain text; raw HTML and template syntax are shown as text", () => {
    expect(renderBody("[said](#) and [here]()")).toBe("<p>said and here</p>\n");
    const html = renderBody('<script>alert(1)</script> <b onclick="x">b</b> {{ 7*7 }} {% include "x" %}');
    expect(html).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;b onclick=&quot;x&quot;&gt;b&lt;/b&gt; {{ 7*7 }} {% include &quot;x&quot; %}</p>\n",
    );
  });

  it("link and image titles cannot break out of their attribute", () => {
    const html = renderBody('[a](https://example.org/ "\\" onmouseover=\\"alert(1)") ![b](x.png "\'><script>")');
    expect(html).toContain('title="&quot; onmouseover=&quot;alert(1)"');
    expect(html).not.toMatch(/<script|" onmouseover/);
  });
});

describe("front-matter image src", () => {
  it.each([
    ["photo.jpg", true],
    ["images/photo.jpg", true],
    ["/assets/photo.jpg", true],
    ["https://example.org/photo.jpg", true],
    ["javascript:alert(1)", false],
    [" javascript:alert(1)", false],
    ["java\nscript:alert(1)", false],
    ["data:image/svg+xml,<svg onload=alert(1)>", false],
    ["//evil.example/photo.jpg", false],
    ["\\\\evil.example/photo.jpg", false],
    ["file:///etc/passwd", false],
  ])("%j → %s", (src, ok) => expect(isImageSrc(src)).toBe(ok));
});

describe("JSON for script blocks", () => {
  it("no text can close the script element or open a comment, and the JSON still parses", () => {
    const value = { name: "</script><script>alert(1)</script><!-- & \u2028\u2029 -->" };
    const out = scriptJson(value);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual(value);
  });
});

describe("templates", () => {
  const templates = [
    ...fs.readdirSync(path.join(ROOT, "src", "pages")).map((f) => path.join("src", "pages", f)),
    ...fs
      .readdirSync(path.join(ROOT, "_includes"), { recursive: true, encoding: "utf8" })
      .map((f) => path.join("_includes", f)),
  ].filter((f) => /\.(njk|html|xml|json|txt|11ty\.js)$/.test(f));

  it("use `| safe` only on renderer HTML, escaped JSON, or front-matter values that the head escapes again", () => {
    // Allowed: Eleventy's `content` (already rendered and escaped), `<x>.html` (markdown-it output,
    // raw HTML off), `scriptJson` output, the JSON Feed document, a story's shared.json and search/names.json (JSON.stringify output in .json files, no HTML context), `entry` (the
    // article-entry partial rendered by Nunjucks with autoescaping, cached per article). In front matter (`eleventyComputed`), `| safe` keeps a value
    // from being escaped twice: head.njk prints `title`/`description` with `{{ }}`, escaped once there
    // (test/xss.test.ts checks the <title> round-trips exactly). A captured block (`{% set x %}`)
    // is the template's own autoescaped output.
    const allowed = [
      /\{\{-?\s*content\s*\|\s*safe\s*-?\}\}/,
      /\{\{-?\s*[\w.]+\.html\s*\|\s*safe\s*-?\}\}/,
      /\|\s*scriptJson\s*\|\s*safe/,
      /\{\{\s*feed\s*\|\s*jsonFeed\s*\|\s*safe\s*\}\}/,
      /\{\{\s*story\s*\|\s*sharedJson\s*\|\s*safe\s*\}\}/,
      /\{\{\s*news\.entities\s*\|\s*searchNames\s*\|\s*safe\s*\}\}/,
      /\|\s*entry(\([\w"]*\))?\s*\|\s*safe/,
    ];
    const offenders: string[] = [];
    for (const rel of templates) {
      const text = fs.readFileSync(path.join(ROOT, rel), "utf8");
      const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
      const body = fm ? text.slice(fm[0].length) : text;
      // a block `{% set x %}…{% endset %}` is this template's own output, autoescaped as it was
      // captured: `x | safe` (a link handed to a message of the locale file) is not escaped twice
      const captures = [...body.matchAll(/\{%-?\s*set\s+(\w+)\s*-?%\}/g)].map((m) => m[1]!);
      const own = captures.map((name) => new RegExp(`\\b${name}\\s*\\|\\s*safe\\b`));
      for (const line of body.split("\n")) {
        if (!/\|\s*safe\b/.test(line)) continue;
        const rest = [...allowed, ...own].reduce((l, re) => l.replace(new RegExp(re, "g"), ""), line);
        if (/\|\s*safe\b/.test(rest)) offenders.push(`${rel}: ${line.trim()}`);
      }
      expect(text, rel).not.toMatch(/autoescape\s*(=|:)?\s*false|\{%-?\s*autoescape/);
    }
    expect(offenders).toEqual([]);
  });

  it("every page's head carries the Content-Security-Policy partial, which forbids inline script", () => {
    const head = fs.readFileSync(path.join(ROOT, "_includes", "partials", "head.njk"), "utf8");
    expect(head).toContain('{% include "partials/csp.njk" %}');
    const csp = fs.readFileSync(path.join(ROOT, "_includes", "partials", "csp.njk"), "utf8");
    const content = /content="([^"]+)"/.exec(csp)?.[1] ?? "";
    const directives = Object.fromEntries(
      content
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives["script-src"]).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives["default-src"]).toEqual(["'self'"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
    expect(directives["base-uri"]).toEqual(["'none'"]);
    expect(content).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
  });
});
