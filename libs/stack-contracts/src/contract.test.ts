import { isSecret, mockRuntime, valueOf } from "@platform/testing";
import { describe, expect, it } from "vitest";
import { contractViolations, defineStackContract, isStackContract } from "./contract";

interface UpstreamOutputs {
  readonly clusterName: string;
  readonly kubeconfig: string;
  readonly tenants: Record<string, { namespace: string }>;
}

const upstream = defineStackContract<UpstreamOutputs>("upstream", {
  clusterName: "plain",
  kubeconfig: "secret",
  tenants: "plain",
});

const deployed = { clusterName: "degen-staging", kubeconfig: "apiVersion: v1", tenants: { degenquest: { namespace: "degenquest" } } };

describe("a contract reader", () => {
  it("reads the upstream stack of the same environment in the same organisation", async () => {
    await mockRuntime({ stack: "staging", organization: "degen", stackOutputs: { "degen/upstream/staging": { outputs: deployed } } });
    const view = upstream.read();
    expect(view.stackName).toBe("degen/upstream/staging");
    expect(await valueOf(view.clusterName)).toBe("degen-staging");
    expect(await valueOf(view.tenants)).toEqual({ degenquest: { namespace: "degenquest" } });
  });

  it("reads another stack when asked to", async () => {
    await mockRuntime({ stack: "staging", stackOutputs: { "organization/upstream/production": { outputs: deployed } } });
    expect(upstream.read({ stack: "production" }).stackName).toBe("organization/upstream/production");
  });

  it("keeps declared secrets secret even when the producer exported them in plain text", async () => {
    await mockRuntime({ stackOutputs: { "organization/upstream/dev": { outputs: deployed, secretOutputNames: [] } } });
    const view = upstream.read();
    expect(await isSecret(view.kubeconfig)).toBe(true);
    expect(await isSecret(view.clusterName)).toBe(false);
    expect(await valueOf(view.kubeconfig)).toBe("apiVersion: v1");
  });
});

describe("contractViolations", () => {
  it("finds nothing wrong with exactly the declared outputs, secrets secret", () => {
    expect(contractViolations(upstream, deployed, new Set(["kubeconfig"]))).toEqual([]);
  });

  it("names a missing output, an undeclared output and a secret exported in plain text", () => {
    const { tenants: _t, ...missingTenants } = deployed;
    expect(contractViolations(upstream, { ...missingTenants, extra: 1 }, new Set())).toEqual([
      'upstream exports "kubeconfig" in plain text, but its contract declares it secret',
      'upstream does not export "tenants", which its contract declares',
      'upstream exports "extra", which its contract does not declare',
    ]);
  });
});

describe("isStackContract", () => {
  it("recognises contracts and nothing else", () => {
    expect(isStackContract(upstream)).toBe(true);
    expect(isStackContract({ project: "x" })).toBe(false);
    expect(isStackContract(null)).toBe(false);
  });
});
