import { mockRuntime, valueOf } from "@platform/testing";
import { beforeEach, describe, expect, it } from "vitest";
import type { MockRuntime } from "@platform/testing";
import { IMAGE_PULL_SECRET_NAME, TenantNamespace } from "./tenant-namespace";

const tenant = {
  environment: "staging",
  quota: {
    requestsCpu: "3",
    requestsMemory: "6Gi",
    limitsCpu: "6",
    limitsMemory: "12Gi",
    storage: "50Gi",
    persistentVolumeClaims: 5,
    pods: 30,
  },
  containerDefaults: { cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "1", memoryLimit: "1Gi" },
  containerMax: { cpu: "2", memory: "4Gi" },
};

describe("TenantNamespace", () => {
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime({ stack: "staging" });
  });

  it("creates the namespace under its own name with the restricted Pod Security Standard enforced", async () => {
    const namespace = new TenantNamespace("degenquest", tenant);
    expect(await valueOf(namespace.namespaceName)).toBe("degenquest");
    const { inputs } = runtime.one("kubernetes:core/v1:Namespace");
    expect(inputs.metadata.name).toBe("degenquest");
    expect(inputs.metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "platform.degen.dev/tenant": "degenquest",
      "platform.degen.dev/environment": "staging",
      "app.kubernetes.io/managed-by": "pulumi",
    });
  });

  it("caps the namespace with a quota that also forbids load balancers and node ports", async () => {
    new TenantNamespace("degenquest", tenant);
    await runtime.settled();
    const quota = runtime.one("kubernetes:core/v1:ResourceQuota");
    expect(quota.inputs.metadata.namespace).toBe("degenquest");
    expect(quota.inputs.spec.hard).toEqual({
      "requests.cpu": "3",
      "requests.memory": "6Gi",
      "limits.cpu": "6",
      "limits.memory": "12Gi",
      "requests.storage": "50Gi",
      persistentvolumeclaims: "5",
      pods: "30",
      "services.loadbalancers": "0",
      "services.nodeports": "0",
    });
  });

  it("gives every container default requests and limits and a ceiling", async () => {
    new TenantNamespace("degenquest", tenant);
    await runtime.settled();
    const [limit] = runtime.one("kubernetes:core/v1:LimitRange").inputs.spec.limits;
    expect(limit).toEqual({
      type: "Container",
      defaultRequest: { cpu: "100m", memory: "128Mi" },
      default: { cpu: "1", memory: "1Gi" },
      max: { cpu: "2", memory: "4Gi" },
    });
  });

  it("places read-only registry credentials as a dockerconfigjson secret", async () => {
    const namespace = new TenantNamespace("degenquest", { ...tenant, dockerConfigJson: '{"auths":{}}' });
    expect(await valueOf(namespace.imagePullSecret)).toBe(IMAGE_PULL_SECRET_NAME);
    await runtime.settled();
    const secret = runtime.one("kubernetes:core/v1:Secret");
    expect(secret.inputs.type).toBe("kubernetes.io/dockerconfigjson");
    expect(secret.inputs.metadata).toMatchObject({ namespace: "degenquest", name: IMAGE_PULL_SECRET_NAME });
    expect(secret.inputs.stringData[".dockerconfigjson"]).toBe('{"auths":{}}');
    expect(secret.secretInputs).toContain("stringData");
  });

  it("creates no pull secret when the registry needs none, and says so with an empty name", async () => {
    const namespace = new TenantNamespace("degenquest", tenant);
    expect(await valueOf(namespace.imagePullSecret)).toBe("");
    await runtime.settled();
    expect(runtime.ofType("kubernetes:core/v1:Secret")).toHaveLength(0);
  });

  it("names children after the tenant, so two tenants never share a URN", async () => {
    new TenantNamespace("degenquest", tenant);
    new TenantNamespace("pioneer-agent", tenant);
    await runtime.settled();
    const names = runtime.resources.filter((r) => r.custom).map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("pioneer-agent-quota");
  });
});
