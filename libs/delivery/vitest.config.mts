import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The change tests run the real Nx and git on a workspace on disk: seconds each, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
