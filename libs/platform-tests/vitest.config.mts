import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The offline plan of every environment runs once per test run and is shared by every file.
    globalSetup: ["./src/global-setup.ts"],
  },
});
