import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Program tests run the whole program under Pulumi's mocks, some twice: seconds on a busy machine.
    testTimeout: 60_000,
  },
});
