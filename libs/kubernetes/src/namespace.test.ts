import { mockRuntime, valueOf, type MockRuntime } from "@platform/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { podSecurityLabels, podSecurityNamespace } from "./namespace";

const NAMESPACE = "kubernetes:core/v1:Namespace";

describe("podSecurityNamespace", () => {
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime();
  });

  it("creates the namespace under the resource name given, enforcing the level at the latest version", async () => {
    const namespace = podSecurityNamespace("cert-manager-namespace", {
      name: "cert-manager",
      enforce: "restricted",
      labels: { "app.kubernetes.io/managed-by": "pulumi" },
    });
    expect(await valueOf(namespace.metadata.name)).toBe("cert-manager");
    const { name, inputs } = runtime.one(NAMESPACE);
    expect(name).toBe("cert-manager-namespace");
    expect(inputs.metadata).toEqual({
      name: "cert-manager",
      labels: {
        "app.kubernetes.io/managed-by": "pulumi",
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/enforce-version": "latest",
        "pod-security.kubernetes.io/warn": "restricted",
        "pod-security.kubernetes.io/audit": "restricted",
      },
    });
  });

  it("keeps warnings and audit at restricted where a looser level is enforced", async () => {
    podSecurityNamespace("monitoring-namespace", { name: "monitoring", enforce: "privileged" });
    await runtime.settled();
    expect(runtime.one(NAMESPACE).inputs.metadata.labels).toEqual({
      "app.kubernetes.io/managed-by": "pulumi",
      "pod-security.kubernetes.io/enforce": "privileged",
      "pod-security.kubernetes.io/enforce-version": "latest",
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
    });
  });

  it("never lets the other labels loosen the Pod Security ones or take the namespace out of the pipeline's hands", async () => {
    podSecurityNamespace("apps-namespace", {
      name: "apps",
      enforce: "baseline",
      labels: {
        "pod-security.kubernetes.io/warn": "privileged",
        "pod-security.kubernetes.io/enforce": "privileged",
        "app.kubernetes.io/managed-by": "helm",
        team: "games",
      },
    });
    await runtime.settled();
    const expected = {
      team: "games",
      "app.kubernetes.io/managed-by": "pulumi",
      "pod-security.kubernetes.io/enforce": "baseline",
      "pod-security.kubernetes.io/enforce-version": "latest",
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
    };
    expect(runtime.one(NAMESPACE).inputs.metadata.labels).toEqual(expected);
    expect({ team: "games", "app.kubernetes.io/managed-by": "pulumi", ...podSecurityLabels("baseline") }).toEqual(expected);
  });
});
