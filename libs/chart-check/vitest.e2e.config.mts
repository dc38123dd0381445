import { defineConfig } from "vitest/config";

// Run by `npm run e2e` once the toolchain (helm, the control plane) is built.
export default defineConfig({
  test: {
    include: ["src/**/*.e2e.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
