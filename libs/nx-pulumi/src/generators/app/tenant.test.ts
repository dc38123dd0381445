import { describe, expect, it } from "vitest";
import { quantityValue, withListedTenant, withTenant } from "./tenant";

const CLUSTER_BASE = `# dev runs on the cluster that exists today.
config:
  cluster-base:cluster:
    mode: existing
    tags: [dev]
  cluster-base:tenants:
    degenquest:
      quota: { requestsCpu: "2", pods: 20 }
      containerDefaults: { cpuRequest: 100m, memoryRequest: 128Mi, cpuLimit: 500m, memoryLimit: 512Mi }
      containerMax: { cpu: "2", memory: 4Gi }
    pioneer-agent:
      quota: { requestsCpu: "3", pods: 20 }  # sized for the model cache
      containerDefaults: { cpuRequest: 50m }
  cluster-base:registry:
    mode: existing
`;

describe("withTenant", () => {
  it("adds the tenant after the last one, with the first tenant's container settings, leaving every other byte as it was", () => {
    expect(withTenant(CLUSTER_BASE, "cluster-base:tenants", "arcade")).toBe(
      CLUSTER_BASE.replace(
        "  cluster-base:registry:",
        [
          "    arcade:",
          '      quota: { requestsCpu: "1", requestsMemory: 2Gi, limitsCpu: "2", limitsMemory: 4Gi, storage: 10Gi, pods: 10 }',
          "      containerDefaults: { cpuRequest: 100m, memoryRequest: 128Mi, cpuLimit: 500m, memoryLimit: 512Mi }",
          '      containerMax: { cpu: "2", memory: 4Gi }',
          "  cluster-base:registry:",
        ].join("\n"),
      ),
    );
  });

  it("appends at the end of a file whose tenants come last", () => {
    const text = "config:\n  cluster-base:tenants:\n    degenquest:\n      quota: { pods: 1 }\n";
    expect(withTenant(text, "cluster-base:tenants", "arcade")).toBe(
      `${text}    arcade:\n      quota: { requestsCpu: "1", requestsMemory: 2Gi, limitsCpu: "2", limitsMemory: 4Gi, storage: 10Gi, pods: 10 }\n` +
        '      containerDefaults: { cpuRequest: 100m, memoryRequest: 128Mi, cpuLimit: 500m, memoryLimit: 512Mi }\n      containerMax: { cpu: "1", memory: 2Gi }\n',
    );
  });

  it("keeps the copied container settings within the starting quota, as cluster-base requires", () => {
    const production = [
      "config:",
      "  cluster-base:tenants:",
      "    degenquest:",
      '      quota: { requestsCpu: "6", limitsCpu: "12", limitsMemory: 24Gi, pods: 50 }',
      '      containerDefaults: { cpuRequest: 100m, memoryRequest: 128Mi, cpuLimit: "1", memoryLimit: 1Gi }',
      '      containerMax: { cpu: "4", memory: 8Gi }',
      "",
    ].join("\n");
    expect(withTenant(production, "cluster-base:tenants", "arcade").split("\n").slice(6)).toEqual([
      "    arcade:",
      '      quota: { requestsCpu: "1", requestsMemory: 2Gi, limitsCpu: "2", limitsMemory: 4Gi, storage: 10Gi, pods: 10 }',
      '      containerDefaults: { cpuRequest: 100m, memoryRequest: 128Mi, cpuLimit: "1", memoryLimit: 1Gi }',
      '      containerMax: { cpu: "2", memory: 4Gi }',
      "",
    ]);
    const large = production.replace('cpuRequest: 100m, memoryRequest: 128Mi, cpuLimit: "1", memoryLimit: 1Gi', 'cpuRequest: "3", memoryRequest: 5Gi, cpuLimit: 3500m, memoryLimit: 6Gi');
    expect(withTenant(large, "cluster-base:tenants", "arcade").split("\n").slice(8, 10)).toEqual([
      '      containerDefaults: { cpuRequest: "2", memoryRequest: 4Gi, cpuLimit: "2", memoryLimit: 4Gi }',
      '      containerMax: { cpu: "2", memory: 4Gi }',
    ]);
  });

  it("raises the starting quota to what the application holds at the peak of a rollout: its most pods plus the surge", () => {
    const production = [
      "config:",
      "  cluster-base:tenants:",
      "    degenquest:",
      '      quota: { requestsCpu: "6", limitsCpu: "12", limitsMemory: 24Gi, pods: 50 }',
      '      containerDefaults: { cpuRequest: 100m, memoryRequest: 128Mi, cpuLimit: "1", memoryLimit: 1Gi }',
      '      containerMax: { cpu: "4", memory: 8Gi }',
      "",
    ].join("\n");
    // 2 replicas and 1 surge pod at 1 CPU each: 3 CPU of limits, above the starting 2.
    const generated = { replicas: 2, surge: 1, resources: { cpuRequest: "250m", memoryRequest: "256Mi", cpuLimit: "1", memoryLimit: "512Mi" } };
    expect(withTenant(production, "cluster-base:tenants", "arcade", generated).split("\n").slice(6)).toEqual([
      "    arcade:",
      '      quota: { requestsCpu: "1", requestsMemory: 2Gi, limitsCpu: "3", limitsMemory: 4Gi, storage: 10Gi, pods: 10 }',
      '      containerDefaults: { cpuRequest: 100m, memoryRequest: 128Mi, cpuLimit: "1", memoryLimit: 1Gi }',
      '      containerMax: { cpu: "2", memory: 4Gi }',
      "",
    ]);
    // An autoscaler's 12 pods and the surge pod: every amount of the quota, and its pod count, raised.
    const autoscaled = { replicas: 12, surge: 1, resources: { cpuRequest: "300m", memoryRequest: "512Mi", cpuLimit: "1500m", memoryLimit: "1Gi" } };
    expect(withTenant(production, "cluster-base:tenants", "arcade", autoscaled).split("\n")[7]).toBe(
      "      quota: { requestsCpu: 3900m, requestsMemory: 6656Mi, limitsCpu: 19500m, limitsMemory: 13Gi, storage: 10Gi, pods: 13 }",
    );
    // Small enough for the starting quota: as without the application.
    const small = { replicas: 1, surge: 1, resources: { cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "500m", memoryLimit: "256Mi" } };
    expect(withTenant(production, "cluster-base:tenants", "arcade", small)).toBe(withTenant(production, "cluster-base:tenants", "arcade"));
  });

  it("gives the tenant a container maximum that admits the application's container, within its quota", () => {
    const text = [
      "config:",
      "  cluster-base:tenants:",
      "    degenquest:",
      "      quota: { pods: 1 }",
      "      containerDefaults: { cpuRequest: 100m, memoryRequest: 128Mi, cpuLimit: 500m, memoryLimit: 256Mi }",
      "      containerMax: { cpu: 500m, memory: 256Mi }",
      "",
    ].join("\n");
    const large = { replicas: 1, surge: 1, resources: { cpuRequest: "1", memoryRequest: "1Gi", cpuLimit: "3", memoryLimit: "6Gi" } };
    expect(withTenant(text, "cluster-base:tenants", "arcade", large).split("\n").slice(6)).toEqual([
      "    arcade:",
      '      quota: { requestsCpu: "2", requestsMemory: 2Gi, limitsCpu: "6", limitsMemory: 12Gi, storage: 10Gi, pods: 10 }',
      "      containerDefaults: { cpuRequest: 100m, memoryRequest: 128Mi, cpuLimit: 500m, memoryLimit: 256Mi }",
      '      containerMax: { cpu: "3", memory: 6Gi }',
      "",
    ]);
  });

  it("reads quantities as the API server does", () => {
    expect([quantityValue("500m"), quantityValue("2"), quantityValue("1.5"), quantityValue("4Gi"), quantityValue("1G"), quantityValue("1e3")]).toEqual([
      0.5,
      2,
      1.5,
      4 * 2 ** 30,
      1e9,
      1000,
    ]);
    expect(quantityValue("two")).toBeUndefined();
  });

  it("leaves a file alone when the tenant is there or the file has no tenants", () => {
    expect(withTenant(CLUSTER_BASE, "cluster-base:tenants", "degenquest")).toBe(CLUSTER_BASE);
    expect(withTenant("config:\n  cluster-base:cluster: { mode: local }\n", "cluster-base:tenants", "arcade")).toBe(
      "config:\n  cluster-base:cluster: { mode: local }\n",
    );
  });
});

describe("withListedTenant", () => {
  it("appends to a flow list in place", () => {
    const text = "config:\n  networking:tenants: [degenquest, pioneer-agent]\n  networking:ingress:\n    replicas: 1\n";
    expect(withListedTenant(text, "networking:tenants", "arcade")).toBe(
      "config:\n  networking:tenants: [degenquest, pioneer-agent, arcade]\n  networking:ingress:\n    replicas: 1\n",
    );
  });

  it("appends to a block list with its indentation", () => {
    const text = "config:\n  networking:tenants:\n    - degenquest\n  networking:ingress: {}\n";
    expect(withListedTenant(text, "networking:tenants", "arcade")).toBe(
      "config:\n  networking:tenants:\n    - degenquest\n    - arcade\n  networking:ingress: {}\n",
    );
  });

  it("leaves a list that already names the tenant alone", () => {
    const text = "config:\n  networking:tenants: [arcade]\n";
    expect(withListedTenant(text, "networking:tenants", "arcade")).toBe(text);
  });
});
