/**
 * Vitest's setup for every suite: the build (src/build/build-site.ts and what it imports) loads in
 * Node's own module graph, as under `tsx` (vitest.config.ts externalises it): there Eleventy loads
 * .eleventy.ts and the site's modules, and they share state with the build, one copy of each.
 */
import { register } from "tsx/esm/api";

register();
