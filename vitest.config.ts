import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { unitSuites } from "./test/helpers/suites.ts";

/** Suites that build nothing, drive no browser and run no command (test/helpers/suites.ts): `npm run test:unit`. */
const unit = unitSuites(path.dirname(fileURLToPath(import.meta.url)));

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Builds are CPU-heavy (in the test's process or a child): two files at a time on a 2-core machine.
    maxWorkers: 2,
    // A browser waited for (search results, a page reloading) answers in well under a second alone,
    // but in several seconds while two builds share the cores: expect.poll's default is 1 s.
    // A test that makes no assertion fails (one whose assertions all sit in a loop that ran no times).
    expect: { requireAssertions: true, poll: { timeout: 15_000 } },
    // In-process builds (test/helpers/build-tree.ts) load the build as `tsx` does, in Node's own
    // module graph, where Eleventy loads the site's modules: one copy of each, sharing their state.
    server: { deps: { external: [/\/src\/build\/build-site\.ts$/] } },
    setupFiles: ["test/helpers/setup.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: unit } },
      { extends: true, test: { name: "integration", include: ["test/**/*.test.ts"], exclude: unit } },
    ],
  },
});
