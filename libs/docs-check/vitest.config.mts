import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Computing the Nx project graph takes seconds on a busy machine.
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
