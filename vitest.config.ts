import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Builds are CPU-heavy child processes: two files at a time on a 2-core machine.
    maxWorkers: 2,
    // A browser waited for (search results, a page reloading) answers in well under a second alone,
    // but in several seconds while two builds share the cores: expect.poll's default is 1 s.
    // A test that makes no assertion fails (one whose assertions all sit in a loop that ran no times).
    expect: { requireAssertions: true, poll: { timeout: 15_000 } },
  },
});
