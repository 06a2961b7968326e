import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests start child processes and HTTP servers: two workers fit the 2-core machines.
    maxWorkers: 2,
  },
});
