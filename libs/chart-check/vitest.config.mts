import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The *.e2e.test.ts files need helm and a control plane: the e2e run runs them (vitest.e2e.config.mts).
    exclude: [...configDefaults.exclude, "**/*.e2e.test.ts"],
  },
});
