/**
 * Compile each Nunjucks template string once per build, not once per page.
 *
 * Eleventy 3.1 marks its Nunjucks engine as not cacheable (11ty/eleventy#3819), so for a
 * paginated template it creates — and compiles, and evals — a new `nunjucks.Template` for
 * every page: the page body, its layout, its permalink and computed-data strings. With 4,000
 * article pages that was over half of the build (`node --cpu-prof`: ~7.7 s of 12.5 s of
 * rendering in nunjucks/src/compiler.js). Templates are stateless between renders (each
 * render gets a fresh context and frame), so one compiled instance per (environment, path,
 * source text) is enough. Includes and layouts loaded by name keep using Nunjucks' own
 * loader cache, which Eleventy invalidates in watch mode; a changed template file has new
 * source text, hence a new key. The cache hangs off the environment (a WeakMap), and Eleventy
 * makes a new environment for every build, so nothing outlives a build.
 */
import type UserConfig from "@11ty/eleventy/UserConfig";

type NunjucksTemplate = object;
type TemplateClass = new (src: unknown, env?: object, path?: string, eagerCompile?: boolean) => NunjucksTemplate;
interface NunjucksLib {
  Template: TemplateClass;
  [PATCHED]?: true;
}

const PATCHED = Symbol.for("story-timeline.nunjucks-template-cache");

export function patchNunjucksTemplateCache(nunjucks: NunjucksLib): void {
  if (nunjucks[PATCHED]) return;
  const Original = nunjucks.Template;
  const byEnv = new WeakMap<object, Map<string, NunjucksTemplate>>();
  // A constructor that returns the cached instance: `new nunjucks.Template(...)` keeps working.
  const Cached = function (src: unknown, env?: object, path?: string, eagerCompile?: boolean): NunjucksTemplate {
    if (typeof src !== "string" || !env) return new Original(src, env, path, eagerCompile);
    let cache = byEnv.get(env);
    if (!cache) byEnv.set(env, (cache = new Map()));
    const key = `${path ?? ""}\u0000${src}`;
    let tmpl = cache.get(key);
    if (!tmpl) cache.set(key, (tmpl = new Original(src, env, path, eagerCompile)));
    return tmpl;
  } as unknown as TemplateClass;
  Cached.prototype = Original.prototype;
  nunjucks.Template = Cached;
  nunjucks[PATCHED] = true;
}

export default function nunjucksCachePlugin(eleventyConfig: UserConfig): void {
  // Emitted with the library Eleventy renders with, before any template is compiled.
  eleventyConfig.on("eleventy.engine.njk", ({ nunjucks }: { nunjucks: NunjucksLib }) => patchNunjucksTemplateCache(nunjucks));
}
