/**
 * A patch of Nunjucks' internals: compile each template string once per build, not once per page.
 * Eleventy 3.1 marks its Nunjucks engine not cacheable and makes a new `nunjucks.Template` for
 * every page it renders (body, layout, permalink and computed strings). Templates are stateless
 * between renders, so one compiled instance per (environment, path, source text) serves them all;
 * Eleventy makes a new environment each build, so nothing outlives a build.
 * test/nunjucks-cache.test.ts fails if an Eleventy or Nunjucks upgrade changes what this relies on.
 */
import type UserConfig from "@11ty/eleventy/UserConfig";

type NunjucksTemplate = object;
type TemplateClass = new (src: unknown, env?: object, path?: string, eagerCompile?: boolean) => NunjucksTemplate;
interface NunjucksLib {
  Template: TemplateClass;
  [PATCHED]?: true;
}

const PATCHED = Symbol.for("story-timeline.nunjucks-template-cache");

function patchNunjucksTemplateCache(nunjucks: NunjucksLib): void {
  if (nunjucks[PATCHED]) return;
  const Original = nunjucks.Template;
  const byEnv = new WeakMap<object, Map<string, NunjucksTemplate>>();
  // A constructor that returns the cached instance: `new nunjucks.Template(...)` keeps working.
  // biome-ignore lint/complexity/useArrowFunction: a constructor (`new nunjucks.Template`): an arrow function cannot be called with new
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
