/**
 * Every runtime patch the build applies, in one place, called by the runners (src/build/), never
 * by library code. Each relies on the internals of a pinned version, checked here; each has a
 * canary test that fails when an upgrade changes what it relies on:
 * - the Nunjucks compile cache (test/nunjucks-cache.test.ts);
 * - emptying Eleventy's process-wide layout cache between runs (test/slices.test.ts);
 * - Eleventy's benchmark notes silenced for one run's configuration;
 * - V8's heap growth limited in a one-off build (memory before speed);
 * - Pagefind's index files rewritten reproducibly (stable-search-index.ts, test/build-integrity);
 * - the dev server made to listen on one address (dev.ts listenOn, test/machine.test.ts).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import type UserConfig from "@11ty/eleventy/UserConfig";

/** The versions whose internals the patches rely on (a major.minor prefix, or an exact version). */
const PINNED = {
  "@11ty/eleventy": "3.1.",
  "@11ty/eleventy-dev-server": "2.1.",
  nunjucks: "3.2.",
  pagefind: "1.5.2",
} as const;

const require = createRequire(import.meta.url);

function installedVersion(name: string): string {
  // node_modules/<name>/package.json in this module's folder or the nearest folder above it
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, "node_modules", name, "package.json");
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`${name} is not installed`);
    dir = up;
  }
}

/** Throws, naming the package, when an installed version is not the one a patch was written for. */
export function checkPinnedVersions(pins: Record<string, string> = PINNED): void {
  const wrong: string[] = [];
  for (const [name, pin] of Object.entries(pins)) {
    const version = installedVersion(name);
    if (pin.endsWith(".") ? !version.startsWith(pin) : version !== pin)
      wrong.push(`${name} ${version} (the patches were written for ${pin.endsWith(".") ? `${pin}x` : pin})`);
  }
  // the Nunjucks patched must be the one Eleventy renders with
  const eleventyRequire = createRequire(require.resolve("@11ty/eleventy"));
  if (eleventyRequire.resolve("nunjucks") !== require.resolve("nunjucks"))
    wrong.push("nunjucks: Eleventy resolves another copy than the one the compile cache patches");
  if (wrong.length)
    throw new Error(
      `Runtime patches (src/build/runtime-patches.ts) do not match the installed packages: ${wrong.join("; ")}. Run their canary tests and update the pins.`,
    );
}

/**
 * Memory before speed in a one-off build: V8 then grows its heap by at most this much between
 * full collections (by default up to 4×, so a build's peak was mostly garbage). Measured with
 * `npm run bench`: peak RSS −20 % at 4,000 reports and −40 % at 10,000, for 5–10 % more time.
 * 40 rather than 25: at 50,000 reports 154 → 149 s (−13 s CPU), at 10,000 ~530 → ~570 MB.
 */
const HEAP_GROWING_PERCENT = 40;

/** For a process that builds once and exits (npm run build, a build worker): not for npm start. */
export function limitHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

type NunjucksTemplate = object;
type TemplateClass = new (src: unknown, env?: object, path?: string, eagerCompile?: boolean) => NunjucksTemplate;
interface NunjucksLib {
  Template: TemplateClass;
  [PATCHED]?: true;
}
const PATCHED = Symbol.for("story-timeline.nunjucks-template-cache");

/**
 * The Nunjucks compile cache. Eleventy 3.1 marks its Nunjucks engine not cacheable
 * (11ty/eleventy#3819) and makes a new `nunjucks.Template` for every page it renders (body,
 * layout, permalink and computed strings). Templates are stateless between renders, so one
 * compiled instance per (environment, path, source text) serves them all; Eleventy makes a new
 * environment each build, so nothing outlives a build. Applied to the library Eleventy emits.
 */
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

interface BenchmarkGroup {
  setIsVerbose(verbose: boolean): void;
}
interface BenchmarkManager {
  setVerboseOutput(verbose: boolean): void;
  getAll(): Record<string, BenchmarkGroup>;
}

/**
 * The patches of one Eleventy run's configuration, for the `config` callback of `new Eleventy()`:
 * the compile cache on the Nunjucks library Eleventy emits before compiling anything, and
 * Eleventy's "Benchmark" notes (slow filters, plugins) off, groups made before quietMode
 * took effect included: our runners print their own timing.
 */
export function patchEleventyRun(eleventyConfig: UserConfig): void {
  eleventyConfig.on("eleventy.engine.njk", ({ nunjucks }: { nunjucks: NunjucksLib }) =>
    patchNunjucksTemplateCache(nunjucks),
  );
  const bench = (eleventyConfig as unknown as { benchmarkManager: BenchmarkManager }).benchmarkManager;
  bench.setVerboseOutput(false);
  for (const group of Object.values(bench.getAll())) group.setIsVerbose(false);
}

/**
 * Eleventy keeps compiled layouts in a process-wide cache (its src/LayoutCache.js), emptied only
 * when a watched file changes: a second run in the process would lay its pages out with the first
 * run's filters and data (an article's picture missing from its page head, for one). Before each
 * run, the cache is emptied the way a change does it: the event on Eleventy's global event bus.
 */
export async function forgetEleventyLayouts(): Promise<void> {
  const url = new URL("./EventBus.js", import.meta.resolve("@11ty/eleventy"));
  const { default: bus } = (await import(url.href)) as {
    default: { emit(type: string, ...args: unknown[]): Promise<unknown> };
  };
  await bus.emit("eleventy.resourceModified", "", [], {});
}
