import {
  byteQuantity,
  cpuQuantity,
  dnsLabel,
  ipv4Cidr,
  loadStackConfig,
  ipv4BlocksOverlap,
  refineAtMost,
  runsOnMachine,
  type Environment,
  type QuantitySetting,
} from "@platform/config";
import { z } from "zod";

const DAYS = ["any", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

const nodePool = z.strictObject({
  /** Droplet size slug of each node. */
  size: z.string().regex(/^[a-z0-9-]+$/, { error: 'expected a droplet size slug such as "s-2vcpu-4gb"' }),
  minNodes: z.number().int().min(1).max(100),
  maxNodes: z.number().int().min(1).max(100),
});

const createCluster = z.strictObject({
  mode: z.literal("create"),
  name: dnsLabel,
  region: z.string().regex(/^[a-z]{3}[0-9]$/, { error: 'expected a DigitalOcean region slug such as "nyc3"' }),
  /** DOKS release line; the newest patch of it is resolved at deploy time. */
  versionPrefix: z.string().regex(/^1\.\d{2}\.$/, { error: 'expected a Kubernetes minor version prefix such as "1.33."' }),
  highAvailability: z.boolean().default(false),
  autoUpgrade: z.boolean().default(true),
  surgeUpgrade: z.boolean().default(true),
  maintenanceWindow: z
    .strictObject({
      day: z.enum(DAYS),
      startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a UTC time "HH:MM"' }),
    })
    .default({ day: "sunday", startTime: "04:00" }),
  nodePool,
  /** Private network of the cluster; left out, the region's default VPC is used. */
  vpcIpRange: ipv4Cidr.optional(),
  /**
   * VPC-native networking: the pods' and the Services' address blocks, routable in the VPC. Both
   * or neither; DOKS's managed Gateway API needs them. Chosen when the cluster is created.
   * @default none: the cluster's own overlay network
   */
  podNetwork: ipv4Cidr.optional(),
  serviceNetwork: ipv4Cidr.optional(),
  tags: z.array(dnsLabel).default([]),
});

const existingCluster = z.strictObject({
  mode: z.literal("existing"),
  /** Name of a DOKS cluster that this stack reads but never changes. */
  name: dnsLabel,
  /**
   * Whether the cluster was created VPC-native, which DOKS's managed Gateway API needs; the API
   * cannot tell (it reports a pod network for overlay clusters too). @default false
   */
  vpcNative: z.boolean().default(false),
});

const localCluster = z.strictObject({
  mode: z.literal("local"),
  /** kubeconfig context of the local cluster (kind, k3d, minikube). */
  context: z.string().min(1),
  /**
   * The GatewayClass of a Gateway API implementation the local cluster runs (such as Cilium's
   * `cilium`), which lets networking put the public edge on a Gateway. @default none
   */
  gatewayClassName: dnsLabel.optional(),
});

const registry = z.discriminatedUnion("mode", [
  z.strictObject({
    mode: z.literal("create"),
    name: dnsLabel,
    region: z.string().regex(/^[a-z]{3}[0-9]$/, { error: 'expected a region slug such as "sfo3"' }),
    subscriptionTier: z.enum(["starter", "basic", "professional"]).default("basic"),
  }),
  z.strictObject({ mode: z.literal("existing"), name: dnsLabel }),
  z.strictObject({
    mode: z.literal("local"),
    /** A registry the cluster on this machine pulls from, such as kind's `localhost:5001`, with an optional path. */
    server: z.string().regex(/^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)*$/, { error: 'expected a registry host such as "localhost:5001"' }),
  }),
]);

const tenant = z
  .strictObject({
    quota: z.strictObject({
      requestsCpu: cpuQuantity,
      requestsMemory: byteQuantity,
      limitsCpu: cpuQuantity,
      limitsMemory: byteQuantity,
      storage: byteQuantity,
      persistentVolumeClaims: z.number().int().min(0).max(100).default(5),
      pods: z.number().int().min(1).max(1000),
    }),
    containerDefaults: z.strictObject({
      cpuRequest: cpuQuantity,
      memoryRequest: byteQuantity,
      cpuLimit: cpuQuantity,
      memoryLimit: byteQuantity,
    }),
    containerMax: z.strictObject({ cpu: cpuQuantity, memory: byteQuantity }),
  })
  .superRefine((t, ctx) => {
    // Named below the tenant, whose key the problem is reported at.
    const atMost = (smaller: QuantitySetting, larger: QuantitySetting) => refineAtMost(ctx, smaller, larger);
    atMost(["quota.requestsCpu", t.quota.requestsCpu], ["quota.limitsCpu", t.quota.limitsCpu]);
    atMost(["quota.requestsMemory", t.quota.requestsMemory], ["quota.limitsMemory", t.quota.limitsMemory]);
    atMost(["containerDefaults.cpuRequest", t.containerDefaults.cpuRequest], ["containerDefaults.cpuLimit", t.containerDefaults.cpuLimit]);
    atMost(
      ["containerDefaults.memoryRequest", t.containerDefaults.memoryRequest],
      ["containerDefaults.memoryLimit", t.containerDefaults.memoryLimit],
    );
    atMost(["containerDefaults.cpuLimit", t.containerDefaults.cpuLimit], ["containerMax.cpu", t.containerMax.cpu]);
    atMost(["containerDefaults.memoryLimit", t.containerDefaults.memoryLimit], ["containerMax.memory", t.containerMax.memory]);
    atMost(["containerMax.cpu", t.containerMax.cpu], ["quota.limitsCpu", t.quota.limitsCpu]);
    atMost(["containerMax.memory", t.containerMax.memory], ["quota.limitsMemory", t.quota.limitsMemory]);
  });

const admission = z.strictObject({
  /**
   * What the admission policies do with a change from outside the pipeline or an image from outside
   * CI: refuse it, or (on a cluster on a developer's machine) admit it with a warning.
   */
  enforcement: z.enum(["deny", "warn"]).default("deny"),
  /**
   * Users that change objects in the platform's namespaces without being people, besides
   * Kubernetes' own components and service accounts: a managed cluster's own agents.
   */
  trustedUsers: z
    .array(z.string().regex(/^[^\s']+$/, { error: "expected a Kubernetes user name (no spaces or quotes)" }))
    .default([]),
});

export type AdmissionConfig = z.output<typeof admission>;
export type TenantConfig = z.output<typeof tenant>;
export type RegistryConfig = z.output<typeof registry>;
export type CreateClusterConfig = z.output<typeof createCluster>;
export type ClusterConfig = z.output<ReturnType<typeof clusterSchema>>;

function clusterSchema() {
  return z.discriminatedUnion("mode", [createCluster, existingCluster, localCluster]);
}

/** The whole configuration of a cluster-base stack, with the rules of its environment. */
export function configSchema(environment: Environment) {
  return z
    .strictObject({
      cluster: clusterSchema(),
      registry,
      tenants: z.record(dnsLabel, tenant).refine((tenants) => Object.keys(tenants).length > 0, {
        error: "expected at least one tenant namespace",
      }),
      /** Storage class of application volumes; left out, DigitalOcean block storage (or kind's `standard` locally). */
      storageClass: dnsLabel.optional(),
      /** Installs metrics-server, which the autoscalers need; turn off where the cluster ships one (k3d). */
      metricsServer: z.boolean().default(true),
      /** The admission policies that keep changes to the pipeline and images to CI. */
      admission: admission.default({ enforcement: "deny", trustedUsers: [] }),
    })
    .superRefine((config, ctx) => {
      const onMachine = runsOnMachine(environment);
      if (onMachine !== (config.cluster.mode === "local")) {
        ctx.addIssue({
          code: "custom",
          path: ["cluster", "mode"],
          input: config.cluster.mode,
          message: onMachine
            ? `the ${environment} stack uses a cluster on this machine: expected "local"`
            : `the ${environment} stack runs on DigitalOcean: expected "create" or "existing"`,
        });
      }
      if (config.admission.enforcement === "warn" && !onMachine) {
        ctx.addIssue({
          code: "custom",
          path: ["admission", "enforcement"],
          input: "warn",
          message: `the ${environment} cluster is shared: expected "deny" ("warn" lets changes from outside the pipeline through, for a cluster on a developer's machine)`,
        });
      }
      if (config.registry.mode === "local" && config.cluster.mode !== "local") {
        ctx.addIssue({
          code: "custom",
          path: ["registry", "mode"],
          input: "local",
          message: 'a DigitalOcean cluster cannot pull from a local registry: expected "create" or "existing"',
        });
      }
      if (environment === "production" && config.cluster.mode === "create") {
        const { highAvailability, surgeUpgrade, nodePool: pool } = config.cluster;
        const require = (path: string[], input: unknown, message: string) =>
          ctx.addIssue({ code: "custom", path: ["cluster", ...path], input, message });
        if (!highAvailability) require(["highAvailability"], false, "production needs a highly available control plane: expected true");
        if (!surgeUpgrade) require(["surgeUpgrade"], false, "production upgrades must not take nodes away: expected true");
        if (pool.minNodes < 2) require(["nodePool", "minNodes"], pool.minNodes, "production needs at least 2 nodes to survive one");
      }
      if (config.cluster.mode === "create") {
        for (const problem of clusterNetworkProblems(config.cluster)) {
          ctx.addIssue({ code: "custom", path: ["cluster", problem.key], input: problem.value, message: problem.message });
        }
      }
      if (config.cluster.mode === "create" && config.cluster.nodePool.minNodes > config.cluster.nodePool.maxNodes) {
        ctx.addIssue({
          code: "custom",
          path: ["cluster", "nodePool", "minNodes"],
          input: config.cluster.nodePool.minNodes,
          message: `must not exceed cluster.nodePool.maxNodes (${config.cluster.nodePool.maxNodes})`,
        });
      }
    });
}

/** VPC-native networks: both blocks or neither, and no two of the VPC, pod and Service blocks overlapping. */
export function clusterNetworkProblems(
  cluster: Pick<CreateClusterConfig, "vpcIpRange" | "podNetwork" | "serviceNetwork">,
): { key: string; value: unknown; message: string }[] {
  const problems: { key: string; value: unknown; message: string }[] = [];
  const { podNetwork, serviceNetwork, vpcIpRange } = cluster;
  if ((podNetwork === undefined) !== (serviceNetwork === undefined)) {
    const [missing, given] = podNetwork === undefined ? ["podNetwork", serviceNetwork] : ["serviceNetwork", podNetwork];
    problems.push({ key: missing, value: undefined, message: `is required with ${missing === "podNetwork" ? "serviceNetwork" : "podNetwork"} (${given}): a VPC-native cluster needs both blocks` });
  }
  const blocks = (
    [
      ["vpcIpRange", vpcIpRange],
      ["podNetwork", podNetwork],
      ["serviceNetwork", serviceNetwork],
    ] as const
  ).filter((entry): entry is readonly ["vpcIpRange" | "podNetwork" | "serviceNetwork", string] => entry[1] !== undefined);
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      const [leftKey, left] = blocks[i]!;
      const [rightKey, right] = blocks[j]!;
      if (ipv4BlocksOverlap(left, right)) {
        problems.push({ key: rightKey, value: right, message: `overlaps cluster.${leftKey} (${left}): expected a block that shares no address with it` });
      }
    }
  }
  return problems;
}

export type ClusterBaseConfig = z.output<ReturnType<typeof configSchema>>;

export function loadClusterBaseConfig(environment: Environment): ClusterBaseConfig {
  return loadStackConfig(configSchema(environment));
}
