import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Builds are CPU-heavy child processes: two files at a time on a 2-core machine.
    maxWorkers: 2,
  },
});
