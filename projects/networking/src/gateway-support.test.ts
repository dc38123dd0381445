import type { GatewayApiSupport } from "@platform/cluster-base-contract";
import { mockRuntime, valueOf } from "@platform/testing";
import * as pulumi from "@pulumi/pulumi";
import { beforeEach, describe, expect, it } from "vitest";
import { gatewayClassOf, gatewayEdgeProblem } from "./gateway-support";

const AVAILABLE: GatewayApiSupport = { available: true, gatewayClassName: "cilium" };
const OLD_CLUSTER: GatewayApiSupport = {
  available: false,
  reason: 'cluster "degen-dev" runs Kubernetes 1.32.5-do.0, and DOKS manages the Gateway API from 1.33 on: upgrade it',
};
const FALLBACK = 'Or serve through ingress-nginx: set networking:edge.primary to "ingress-nginx" (and leave "gateway" out of networking:edge.alsoServe)';

describe("gatewayEdgeProblem", () => {
  it("has nothing to say where the cluster runs a Gateway API implementation", () => {
    expect(gatewayEdgeProblem(AVAILABLE, { primary: "gateway", alsoServe: [] })).toBeUndefined();
    expect(gatewayEdgeProblem(AVAILABLE, { primary: "ingress-nginx", alsoServe: ["gateway"] })).toBeUndefined();
  });

  it("names networking:edge.primary, cluster-base's reason and the way back to ingress-nginx", () => {
    expect(gatewayEdgeProblem(OLD_CLUSTER, { primary: "gateway", alsoServe: [] })).toBe(
      'networking:edge.primary is "gateway", but the cluster has no Gateway API implementation: ' +
        'cluster "degen-dev" runs Kubernetes 1.32.5-do.0, and DOKS manages the Gateway API from 1.33 on: upgrade it. ' +
        FALLBACK,
    );
    // The primary is named even when ingress-nginx serves beside it.
    expect(gatewayEdgeProblem(OLD_CLUSTER, { primary: "gateway", alsoServe: ["ingress-nginx"] })).toMatch(/^networking:edge\.primary is "gateway", /);
  });

  it("names networking:edge.alsoServe where the gateway only serves beside ingress-nginx", () => {
    expect(gatewayEdgeProblem(OLD_CLUSTER, { primary: "ingress-nginx", alsoServe: ["gateway"] })).toBe(
      'networking:edge.alsoServe has "gateway", but the cluster has no Gateway API implementation: ' +
        'cluster "degen-dev" runs Kubernetes 1.32.5-do.0, and DOKS manages the Gateway API from 1.33 on: upgrade it. ' +
        FALLBACK,
    );
  });
});

describe("gatewayClassOf", () => {
  beforeEach(async () => {
    await mockRuntime({ stack: "staging" });
  });

  /**
   * What resolving the Output leaves unhandled: a failed Output rejects its value and the promises
   * behind it, which Pulumi's language host reports as the deploy's failure (valueOf would wait forever).
   */
  async function failuresOf(output: pulumi.Output<string>): Promise<unknown[]> {
    const errors: unknown[] = [];
    const collect = (error: unknown) => errors.push(error);
    process.on("unhandledRejection", collect);
    try {
      await (output as unknown as { promise(): Promise<string> }).promise().catch(collect);
      for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("unhandledRejection", collect);
    }
    return errors;
  }

  it("is the GatewayClass that cluster-base publishes, once its output resolves", async () => {
    expect(await valueOf(gatewayClassOf(pulumi.output(AVAILABLE), { primary: "gateway", alsoServe: [] }))).toBe("cilium");
    expect(await valueOf(gatewayClassOf({ available: true, gatewayClassName: "envoy" }, { primary: "gateway", alsoServe: [] }))).toBe("envoy");
  });

  it("stops the deploy with the problem, as a RunError (Pulumi prints it without a stack trace)", async () => {
    const errors = await failuresOf(gatewayClassOf(pulumi.output(OLD_CLUSTER), { primary: "gateway", alsoServe: [] }));
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error).toBeInstanceOf(pulumi.RunError);
      expect((error as Error).message).toBe(gatewayEdgeProblem(OLD_CLUSTER, { primary: "gateway", alsoServe: [] }));
    }
  });
});
