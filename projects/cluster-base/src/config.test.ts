import { validateConfig, type Environment } from "@platform/config";
import { describe, expect, it } from "vitest";
import { clusterNetworkProblems, configSchema } from "./config";

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

  it("accepts VPC-native networks beside the VPC, as staging and production set them", () => {
    const vpcNative = { ...createCluster, vpcIpRange: "10.120.0.0/20", podNetwork: "10.121.0.0/16", serviceNetwork: "10.122.0.0/19" };
    const result = check("production", { ...production, cluster: vpcNative });
    expect(result.ok && result.value.cluster).toMatchObject({ podNetwork: "10.121.0.0/16", serviceNetwork: "10.122.0.0/19" });
    // Neither block is the default: the cluster's own overlay network.
    const overlay = check("production", production);
    expect(overlay.ok && overlay.value.cluster).not.toHaveProperty("podNetwork");
  });

  it("reports a VPC-native block without the other, with the key that is missing", () => {
    expect(problems("staging", { ...production, cluster: { ...createCluster, podNetwork: "10.111.0.0/16" } })).toEqual([
      "cluster-base:cluster.serviceNetwork is required with podNetwork (10.111.0.0/16): a VPC-native cluster needs both blocks",
    ]);
    expect(problems("staging", { ...production, cluster: { ...createCluster, serviceNetwork: "10.112.0.0/19" } })).toEqual([
      "cluster-base:cluster.podNetwork is required with serviceNetwork (10.112.0.0/19): a VPC-native cluster needs both blocks",
    ]);
  });

  it("reports overlapping blocks with the key of the later one, all at once", () => {
    const overlapping = { ...createCluster, vpcIpRange: "10.110.0.0/20", podNetwork: "10.110.0.0/16", serviceNetwork: "10.110.8.0/24" };
    expect(problems("staging", { ...production, cluster: overlapping })).toEqual([
      'cluster-base:cluster.podNetwork is "10.110.0.0/16": overlaps cluster.vpcIpRange (10.110.0.0/20): expected a block that shares no address with it',
      'cluster-base:cluster.serviceNetwork is "10.110.8.0/24": overlaps cluster.podNetwork (10.110.0.0/16): expected a block that shares no address with it',
      'cluster-base:cluster.serviceNetwork is "10.110.8.0/24": overlaps cluster.vpcIpRange (10.110.0.0/20): expected a block that shares no address with it',
    ]);
  });

  it("refuses a malformed block before comparing it", () => {
    expect(problems("staging", { ...production, cluster: { ...createCluster, podNetwork: "10.111.0.1/16", serviceNetwork: "10.112.0.0/19" } })).toEqual([
      'cluster-base:cluster.podNetwork is "10.111.0.1/16": it has host bits set after the /16 prefix: the block it lies in is "10.111.0.0/16": expected an IPv4 CIDR block such as "10.20.0.0/16"',
    ]);
  });

  it("names the GatewayClass of a local cluster, a name like any Kubernetes object's, and only there", () => {
    const local = { ...production, cluster: { mode: "local", context: "kind-degen", gatewayClassName: "cilium" }, registry: { mode: "local", server: "localhost:5001" } };
    const result = check("local", local);
    expect(result.ok && result.value.cluster).toEqual({ mode: "local", context: "kind-degen", gatewayClassName: "cilium" });
    expect(problems("local", { ...local, cluster: { ...local.cluster, gatewayClassName: "Cilium_GW" } })).toEqual([
      "cluster-base:cluster.gatewayClassName is \"Cilium_GW\": expected lower-case letters, digits and '-', starting and ending with a letter or digit",
    ]);
    // A DigitalOcean cluster's class is DOKS's, not a setting.
    expect(problems("staging", { ...production, cluster: { ...createCluster, gatewayClassName: "cilium" } })).toEqual([
      "cluster-base:cluster.gatewayClassName is not a known setting: remove it or fix its spelling",
    ]);
  });
});

describe("clusterNetworkProblems", () => {
  const overlapMessage = (left: string, value: string) => `overlaps cluster.${left} (${value}): expected a block that shares no address with it`;

  it("has nothing to say of the overlay network, or of separate blocks", () => {
    expect(clusterNetworkProblems({})).toEqual([]);
    expect(clusterNetworkProblems({ vpcIpRange: "10.110.0.0/20" })).toEqual([]);
    expect(clusterNetworkProblems({ vpcIpRange: "10.110.0.0/20", podNetwork: "10.111.0.0/16", serviceNetwork: "10.112.0.0/19" })).toEqual([]);
    // Blocks that touch without sharing an address.
    expect(clusterNetworkProblems({ vpcIpRange: "10.0.0.0/16", podNetwork: "10.1.0.0/16", serviceNetwork: "10.2.0.0/19" })).toEqual([]);
    // Without a VPC range of its own (the region's default VPC), only the two blocks are compared.
    expect(clusterNetworkProblems({ podNetwork: "10.111.0.0/16", serviceNetwork: "10.112.0.0/19" })).toEqual([]);
  });

  it("reports the missing block, whichever it is", () => {
    expect(clusterNetworkProblems({ podNetwork: "10.111.0.0/16" })).toEqual([
      { key: "serviceNetwork", value: undefined, message: "is required with podNetwork (10.111.0.0/16): a VPC-native cluster needs both blocks" },
    ]);
    expect(clusterNetworkProblems({ vpcIpRange: "10.110.0.0/20", serviceNetwork: "10.112.0.0/19" })).toEqual([
      { key: "podNetwork", value: undefined, message: "is required with serviceNetwork (10.112.0.0/19): a VPC-native cluster needs both blocks" },
    ]);
  });

  it("reports a block overlapping the VPC, and the two blocks overlapping each other", () => {
    expect(clusterNetworkProblems({ vpcIpRange: "10.110.0.0/20", podNetwork: "10.110.0.0/16", serviceNetwork: "10.112.0.0/19" })).toEqual([
      { key: "podNetwork", value: "10.110.0.0/16", message: overlapMessage("vpcIpRange", "10.110.0.0/20") },
    ]);
    expect(clusterNetworkProblems({ vpcIpRange: "10.110.0.0/20", podNetwork: "10.111.0.0/16", serviceNetwork: "10.110.15.0/24" })).toEqual([
      { key: "serviceNetwork", value: "10.110.15.0/24", message: overlapMessage("vpcIpRange", "10.110.0.0/20") },
    ]);
    expect(clusterNetworkProblems({ podNetwork: "10.111.0.0/16", serviceNetwork: "10.111.255.0/24" })).toEqual([
      { key: "serviceNetwork", value: "10.111.255.0/24", message: overlapMessage("podNetwork", "10.111.0.0/16") },
    ]);
    // The same block twice.
    expect(clusterNetworkProblems({ podNetwork: "10.111.0.0/16", serviceNetwork: "10.111.0.0/16" })).toEqual([
      { key: "serviceNetwork", value: "10.111.0.0/16", message: overlapMessage("podNetwork", "10.111.0.0/16") },
    ]);
  });

  it("compares addresses above 128.0.0.0 as the unsigned numbers they are", () => {
    expect(clusterNetworkProblems({ vpcIpRange: "192.168.0.0/20", podNetwork: "192.168.8.0/21", serviceNetwork: "172.16.0.0/16" })).toEqual([
      { key: "podNetwork", value: "192.168.8.0/21", message: overlapMessage("vpcIpRange", "192.168.0.0/20") },
    ]);
    expect(clusterNetworkProblems({ vpcIpRange: "10.0.0.0/8", podNetwork: "172.16.0.0/12", serviceNetwork: "192.168.0.0/16" })).toEqual([]);
    expect(clusterNetworkProblems({ podNetwork: "0.0.0.0/0", serviceNetwork: "255.255.255.0/24" })).toEqual([
      { key: "serviceNetwork", value: "255.255.255.0/24", message: overlapMessage("podNetwork", "0.0.0.0/0") },
    ]);
  });

  it("reports both a missing block and an overlap together", () => {
    expect(clusterNetworkProblems({ vpcIpRange: "10.110.0.0/20", podNetwork: "10.110.0.0/24" })).toEqual([
      { key: "serviceNetwork", value: undefined, message: "is required with podNetwork (10.110.0.0/24): a VPC-native cluster needs both blocks" },
      { key: "podNetwork", value: "10.110.0.0/24", message: overlapMessage("vpcIpRange", "10.110.0.0/20") },
    ]);
  });
});
