import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The generator's workspace test type-checks, tests and plans a generated project: minutes, not seconds.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
