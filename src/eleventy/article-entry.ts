/**
 * `{{ article | entry | safe }}` (or `entry(true)` for timeline entries, which show the time):
 * the `partials/article-entry.njk` markup for one article, rendered once per build and reused.
 *
 * An article appears in many lists — the timeline, its source's pages, the home page, and the
 * "Other coverage" of up to 12 other reports of its story — and every appearance is the same
 * markup. As a Nunjucks `{% include %}` each appearance cost a fresh render with a copy of the
 * whole page context: ~56,000 renders at 4,000 articles, most of the template time in
 * `node --cpu-prof`. The partial depends only on `article`, `showTime` and `compact` (keep it so), so
 * its output is cached per article. The cache belongs to the Nunjucks environment, which
 * Eleventy creates anew for every build: an edited partial or article is never served stale.
 */
import type UserConfig from "@11ty/eleventy/UserConfig";

const PARTIAL = "partials/article-entry.njk";

interface NunjucksEnv {
  render(name: string, context: object): string;
}

const caches = new WeakMap<NunjucksEnv, WeakMap<object, [string?, string?, string?]>>();

export default function articleEntryPlugin(eleventyConfig: UserConfig): void {
  // `entry(true)`: with the time (timeline); `entry("compact")`: headline, source and date only (sidebars).
  eleventyConfig.addFilter("entry", function (this: { env: NunjucksEnv }, article: object, variant?: boolean | "compact"): string {
    const env = this.env;
    let cache = caches.get(env);
    if (!cache) caches.set(env, (cache = new WeakMap()));
    let slot = cache.get(article);
    if (!slot) cache.set(article, (slot = []));
    const i = variant === "compact" ? 2 : variant ? 1 : 0;
    return (slot[i] ??= env.render(PARTIAL, { article, showTime: variant === true, compact: variant === "compact" }));
  });
}
