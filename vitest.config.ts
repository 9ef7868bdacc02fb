import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
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
  },
});
