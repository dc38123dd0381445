import { mockRuntime, type MockRuntime } from "@platform/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { layerNamespace } from "./layer-namespace";

describe("layerNamespace", () => {
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime();
  });

  it("enforces privileged at the latest version of the standard, warning and auditing at restricted", async () => {
    layerNamespace("logging-namespace", { namespace: "logging", environment: "staging" }, {});
    await runtime.settled();
    const namespace = runtime.one("kubernetes:core/v1:Namespace");
    expect(namespace.name).toBe("logging-namespace");
    expect(namespace.inputs.metadata).toEqual({
      name: "logging",
      labels: {
        "app.kubernetes.io/managed-by": "pulumi",
        "app.kubernetes.io/part-of": "observability",
        "platform.degen.dev/environment": "staging",
        // Grafana's and Kibana's HTTPRoutes attach to the environment's Gateway.
        "platform.degen.dev/public-routes": "allowed",
        "pod-security.kubernetes.io/enforce": "privileged",
        "pod-security.kubernetes.io/enforce-version": "latest",
        "pod-security.kubernetes.io/warn": "restricted",
        "pod-security.kubernetes.io/audit": "restricted",
      },
    });
  });
});
