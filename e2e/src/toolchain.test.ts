import { describe, expect, it } from "vitest";
import { parseToolchainEnv } from "./toolchain";

describe("parseToolchainEnv", () => {
  it("reads where build.sh put each part", () => {
    const printed = [
      "export PLATFORM_E2E_CACHE=/c",
      "export PLATFORM_E2E_PULUMI_BIN=/c/pulumi/k1/bin",
      "export PLATFORM_E2E_KUBERNETES_PROVIDER_BIN=/c/kubernetes-provider/k2/bin",
      "export PLATFORM_E2E_KUBERNETES_PROVIDER_VERSION=4.34.2",
      "export PLATFORM_E2E_CONTROL_PLANE_BIN=/c/kubernetes/k3/bin:/c/etcd/k4/bin:/c/kwok/k5/bin",
    ].join("\n");
    expect(parseToolchainEnv(printed)).toEqual({
      cacheDir: "/c",
      pulumiBin: "/c/pulumi/k1/bin",
      kubernetesProviderBin: "/c/kubernetes-provider/k2/bin",
      kubernetesProviderVersion: "4.34.2",
      controlPlaneBin: ["/c/kubernetes/k3/bin", "/c/etcd/k4/bin", "/c/kwok/k5/bin"],
    });
  });

  it("names what build.sh did not print", () => {
    expect(() => parseToolchainEnv("export PLATFORM_E2E_CACHE=/c\nexport PLATFORM_E2E_PULUMI_BIN=/x\n")).toThrow("e2e/toolchain/build.sh --print-env printed no PLATFORM_E2E_KUBERNETES_PROVIDER_BIN");
  });
});
