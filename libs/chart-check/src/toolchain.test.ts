import { describe, expect, it } from "vitest";
import { helmOf } from "./toolchain";

describe("helmOf", () => {
  it("reads the helm folder build.sh printed", () => {
    expect(helmOf("export PLATFORM_E2E_CACHE=/c\nexport PLATFORM_E2E_HELM_BIN=/c/helm/abc/bin\n")).toBe("/c/helm/abc/bin/helm");
  });

  it("says what is missing when build.sh printed no helm", () => {
    expect(() => helmOf("export PLATFORM_E2E_CACHE=/c\n")).toThrow("e2e/toolchain/build.sh --print-env printed no PLATFORM_E2E_HELM_BIN");
  });
});
