import { validateConfig, type Environment } from "@platform/config";
import { describe, expect, it } from "vitest";
import { configSchema } from "./config";

const tenant = {
  quota: { requestsCpu: "2", requestsMemory: "4Gi", limitsCpu: "4", limitsMemory: "8Gi", storage: "20Gi", pods: 20 },
  containerDefaults: { cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "500m", memoryLimit: "512Mi" },
  containerMax: { cpu: "2", memory: "4Gi" },
};

const createCluster = {
  mode: "create",
  name: "degen-production",
  region: "nyc3",
  versionPrefix: "1.33.",
  highAvailability: true,
  nodePool: { size: "s-4vcpu-8gb", minNodes: 3, maxNodes: 8 },
};

function check(environment: Environment, config: Record<string, unknown>) {
  const values = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  return validateConfig("cluster-base", configSchema(environment), { values, secretKeys: new Set() });
}

function problems(environment: Environment, config: Record<string, unknown>): string[] {
  const result = check(environment, config);
  return result.ok ? [] : result.problems;
}

const production = { cluster: createCluster, registry: { mode: "existing", name: "pioneer" }, tenants: { degenquest: tenant } };

describe("cluster-base configuration", () => {
  it("fills the documented defaults of a created cluster", () => {
    const result = check("staging", { ...production, cluster: { ...createCluster, highAvailability: undefined } });
    expect(result.ok && result.value).toMatchObject({
      cluster: {
        highAvailability: false,
        autoUpgrade: true,
        surgeUpgrade: true,
        maintenanceWindow: { day: "sunday", startTime: "04:00" },
        tags: [],
      },
      metricsServer: true,
      tenants: { degenquest: { quota: { persistentVolumeClaims: 5 } } },
    });
    expect(result.ok && result.value.storageClass).toBeUndefined();
  });

  it("accepts an existing cluster adopted by name", () => {
    expect(problems("dev", { ...production, cluster: { mode: "existing", name: "do-cluster-2b9226d" } })).toEqual([]);
  });

  it("names a missing required key", () => {
    expect(problems("dev", { registry: production.registry, tenants: production.tenants })).toEqual([
      "cluster-base:cluster is required (expected object)",
    ]);
  });

  it("refuses an unknown cluster mode, listing the modes", () => {
    expect(problems("dev", { ...production, cluster: { mode: "borrow", name: "x" } })).toEqual([
      "cluster-base:cluster.mode is \"borrow\": Invalid discriminator value. Expected 'create' | 'existing' | 'local'",
    ]);
  });

  it("refuses an invalid Kubernetes quantity with its full key", () => {
    const badTenant = { ...tenant, quota: { ...tenant.quota, requestsCpu: "lots" } };
    expect(problems("production", { ...production, tenants: { degenquest: badTenant } })).toEqual([
      'cluster-base:tenants.degenquest.quota.requestsCpu is "lots": expected a positive Kubernetes CPU quantity, such as "500m"',
    ]);
  });

  it("refuses a typo in a key with a suggestion", () => {
    expect(problems("production", { ...production, tenats: {} })).toEqual([
      "cluster-base:tenats is not a known setting: did you mean cluster-base:tenants? (known: cluster, registry, tenants, storageClass, metricsServer, admission)",
    ]);
  });

  it("refuses a wrong type and an out-of-range number", () => {
    expect(
      problems("staging", { ...production, cluster: { ...createCluster, highAvailability: "yes", nodePool: { ...createCluster.nodePool, maxNodes: 500 } } }),
    ).toEqual([
      'cluster-base:cluster.highAvailability is "yes": expected boolean, received string',
      "cluster-base:cluster.nodePool.maxNodes is 500: Too big: expected number to be <=100",
    ]);
  });

  it("refuses a node pool whose minimum exceeds its maximum", () => {
    expect(problems("staging", { ...production, cluster: { ...createCluster, nodePool: { ...createCluster.nodePool, minNodes: 5, maxNodes: 3 } } })).toEqual([
      "cluster-base:cluster.nodePool.minNodes is 5: must not exceed cluster.nodePool.maxNodes (3)",
    ]);
  });

  it("holds production to a highly available control plane, surge upgrades and two nodes", () => {
    expect(
      problems("production", {
        ...production,
        cluster: { ...createCluster, highAvailability: false, surgeUpgrade: false, nodePool: { ...createCluster.nodePool, minNodes: 1 } },
      }),
    ).toEqual([
      "cluster-base:cluster.highAvailability is false: production needs a highly available control plane: expected true",
      "cluster-base:cluster.nodePool.minNodes is 1: production needs at least 2 nodes to survive one",
      "cluster-base:cluster.surgeUpgrade is false: production upgrades must not take nodes away: expected true",
    ]);
  });

  it("keeps local clusters to the local stack and the local stack to local clusters", () => {
    expect(problems("dev", { ...production, cluster: { mode: "local", context: "kind-degen" } })).toEqual([
      'cluster-base:cluster.mode is "local": the dev stack runs on DigitalOcean: expected "create" or "existing"',
    ]);
    expect(problems("local", production)).toEqual([
      'cluster-base:cluster.mode is "create": the local stack uses a cluster on this machine: expected "local"',
    ]);
  });

  it("enforces the admission policies by default, and warns only on a cluster on a developer's machine", () => {
    const result = check("production", production);
    expect(result.ok && result.value.admission).toEqual({ enforcement: "deny", trustedUsers: [] });
    const local = { ...production, cluster: { mode: "local", context: "kind-degen" }, registry: { mode: "local", server: "localhost:5001" } };
    expect(problems("local", { ...local, admission: { enforcement: "warn" } })).toEqual([]);
    for (const environment of ["dev", "staging", "production"] as const) {
      expect(problems(environment, { ...production, admission: { enforcement: "warn" } })).toEqual([
        `cluster-base:admission.enforcement is "warn": the ${environment} cluster is shared: expected "deny" ("warn" lets changes from outside the pipeline through, for a cluster on a developer's machine)`,
      ]);
    }
  });

  it("refuses an unknown enforcement and a trusted user that is no user name, all at once", () => {
    expect(problems("staging", { ...production, admission: { enforcement: "audit", trustedUsers: ["ok-agent", "x' || true || '"] } })).toEqual([
      'cluster-base:admission.enforcement is "audit": Invalid option: expected one of "deny"|"warn"',
      `cluster-base:admission.trustedUsers.1 is "x' || true || '": expected a Kubernetes user name (no spaces or quotes)`,
    ]);
  });

  it("refuses a local registry for a DigitalOcean cluster", () => {
    expect(problems("staging", { ...production, registry: { mode: "local", server: "localhost:5001" } })).toEqual([
      'cluster-base:registry.mode is "local": a DigitalOcean cluster cannot pull from a local registry: expected "create" or "existing"',
    ]);
  });

  it("refuses tenant limits that contradict each other", () => {
    const contradictory = {
      ...tenant,
      quota: { ...tenant.quota, requestsMemory: "16Gi" },
      containerDefaults: { ...tenant.containerDefaults, cpuRequest: "1", cpuLimit: "500m" },
    };
    expect(problems("dev", { ...production, cluster: { mode: "existing", name: "x" }, tenants: { degenquest: contradictory } })).toEqual([
      'cluster-base:tenants.degenquest.containerDefaults.cpuRequest is "1": must not exceed containerDefaults.cpuLimit (500m)',
      'cluster-base:tenants.degenquest.quota.requestsMemory is "16Gi": must not exceed quota.limitsMemory (8Gi)',
    ]);
  });

  it("refuses a tenant name that cannot be a namespace", () => {
    expect(problems("dev", { ...production, cluster: { mode: "existing", name: "x" }, tenants: { Degen_Quest: tenant } })).toEqual([
      "cluster-base:tenants.Degen_Quest has an invalid name \"Degen_Quest\": expected lower-case letters, digits and '-', starting and ending with a letter or digit",
    ]);
  });
});
