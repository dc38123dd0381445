import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The command tests load the Automation API and spawn a process looking for the Pulumi CLI:
    // seconds on a busy machine.
    testTimeout: 30_000,
  },
});
