import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  findPulumiProjects,
  localContextsOf,
  offlineInvokeResult,
  providerComputedOutputs,
  readStackConfig,
  standInKubeconfig,
} from "@platform/offline-plan";
import { clusterBaseExamples } from "@platform/cluster-base-contract/examples";
import { isSecret, mockRuntime, runOnce, valueOf, type MockRuntime } from "@platform/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { clusterBaseProgram } from "./program";

const project = findPulumiProjects(resolve(__dirname, "../../..")).find((p) => p.name === "cluster-base")!;

/**
 * Runs the program for one environment with the configuration committed in its stack file, and
 * any keys the test sets instead; each combination once per file, as the tests only read the run.
 */
const runStack = runOnce(
  async (
    stack: string,
    overrides: Record<string, unknown> = {},
  ): Promise<{ runtime: MockRuntime; outputs: Record<string, unknown>; returned: ReturnType<typeof clusterBaseProgram> }> => {
    const config = readStackConfig(project, stack);
    // A local stack reads the machine's kubeconfig: here, the offline plan's stand-ins.
    const kubeconfig = join(mkdtempSync(join(tmpdir(), "cluster-base-test-")), "kubeconfig");
    writeFileSync(kubeconfig, standInKubeconfig(localContextsOf(config.values)));
    process.env.KUBECONFIG = kubeconfig;
    const runtime = await mockRuntime({
      project: "cluster-base",
      stack,
      config: { ...config.values, ...overrides },
      secretKeys: config.secretKeys,
      invokes: offlineInvokeResult,
      computed: providerComputedOutputs,
    });
    const returned = clusterBaseProgram();
    const outputs = await valueOf(returned as never);
    await runtime.settled();
    return { runtime, outputs: outputs as Record<string, unknown>, returned };
  },
);

// The first run loads the providers' modules: seconds, paid once here rather than by whichever test comes first.
beforeAll(() => runStack("dev"));

const CLUSTER = "digitalocean:index/kubernetesCluster:KubernetesCluster";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const QUOTA = "kubernetes:core/v1:ResourceQuota";
const RELEASE = "kubernetes:helm.sh/v3:Release";

describe("cluster-base, local (a kubeconfig context)", () => {
  it("creates nothing in DigitalOcean and reaches the cluster through the context", async () => {
    const { runtime, outputs } = await runStack("local");
    expect(runtime.resources.filter((r) => r.type.startsWith("digitalocean:"))).toEqual([]);
    expect(runtime.invoked.filter((token) => token.startsWith("digitalocean:"))).toEqual([]);
    // An empty string selects the machine's kubeconfig file; a missing (null) one is read by the
    // provider as an empty kubeconfig document, in which the context does not exist.
    const admin = runtime.one("pulumi:providers:kubernetes", "cluster-admin");
    expect(admin.inputs).toMatchObject({ context: "kind-degen", kubeconfig: "" });
    expect(admin.secretInputs).toContain("kubeconfig");
    // The stacks deploy with the context's own cluster and user, impersonating the pipeline.
    const deployer = runtime.one("pulumi:providers:kubernetes", "cluster");
    expect(deployer.secretInputs).toContain("kubeconfig");
    expect(deployer.inputs.context).toBe("kind-degen");
    const kubeconfig = JSON.parse(deployer.inputs.kubeconfig);
    expect(kubeconfig["current-context"]).toBe("kind-degen");
    expect(kubeconfig.clusters).toEqual([{ name: "kind-degen", cluster: { server: "https://kind-degen.offline-plan.invalid" } }]);
    expect(kubeconfig.users).toEqual([
      { name: "kind-degen", user: { token: "<known after deploy: credentials of kind-degen>", as: "platform:deployer", "as-groups": ["platform:deployers"] } },
    ]);
    expect(outputs.kubeconfig).toBe(deployer.inputs.kubeconfig);
    expect(runtime.ofType("kubernetes:core/v1:Secret")).toEqual([]);
    expect(runtime.one(RELEASE).inputs.values.args).toEqual(["--kubelet-insecure-tls"]);
    expect(outputs).toMatchObject({
      clusterMode: "local",
      clusterName: "kind-degen",
      kubeContext: "kind-degen",
      registryServer: "localhost:5001",
      storageClass: "standard",
      tenants: { degenquest: { namespace: "degenquest", imagePullSecret: "" }, "pioneer-agent": { namespace: "pioneer-agent", imagePullSecret: "" } },
    });
  });
});

describe("cluster-base, dev (an existing cluster adopted by name)", () => {
  it("reads the cluster without creating or changing one", async () => {
    const { runtime, outputs } = await runStack("dev");
    expect(runtime.ofType(CLUSTER)).toEqual([]);
    expect(runtime.invoked).toContain("digitalocean:index/getKubernetesCluster:getKubernetesCluster");
    expect(outputs).toMatchObject({ clusterMode: "existing", clusterName: "do-cluster-2b9226d", storageClass: "do-block-storage" });
  });

  it("gives each tenant namespace read-only pull credentials for the shared registry", async () => {
    const { runtime, outputs } = await runStack("dev");
    expect(runtime.one("digitalocean:index/containerRegistryDockerCredentials:ContainerRegistryDockerCredentials").inputs).toEqual({
      registryName: "pioneer",
      write: false,
    });
    const secrets = runtime.ofType("kubernetes:core/v1:Secret");
    expect(secrets.map((s) => s.inputs.metadata.namespace).sort()).toEqual(["degenquest", "pioneer-agent"]);
    expect(secrets.every((s) => s.inputs.type === "kubernetes.io/dockerconfigjson" && s.secretInputs.includes("stringData"))).toBe(true);
    expect(outputs).toMatchObject({
      registryServer: "registry.digitalocean.com/pioneer",
      tenants: { degenquest: { imagePullSecret: "registry-pull" } },
    });
  });
});

describe("cluster-base, staging and production (clusters created here)", () => {
  it("creates a single-control-plane cluster in its own VPC for staging", async () => {
    const { runtime } = await runStack("staging");
    expect(runtime.one(CLUSTER).inputs).toMatchObject({
      name: "degen-staging",
      ha: false,
      surgeUpgrade: true,
      autoUpgrade: true,
      maintenancePolicy: { day: "tuesday", startTime: "04:00" },
      nodePool: { autoScale: true, minNodes: 2, maxNodes: 4 },
    });
    expect(runtime.one("digitalocean:index/vpc:Vpc").inputs.ipRange).toBe("10.110.0.0/20");
    expect(runtime.one(RELEASE).inputs.values.replicas).toBe(1);
  });

  it("creates a highly available cluster with room to lose a node for production", async () => {
    const { runtime, outputs } = await runStack("production");
    expect(runtime.one(CLUSTER).inputs).toMatchObject({ name: "degen-production", ha: true, nodePool: { minNodes: 3, maxNodes: 8 } });
    expect(runtime.one(RELEASE).inputs.values).toMatchObject({ replicas: 2, podDisruptionBudget: { enabled: true } });
    expect(outputs).toMatchObject({ environment: "production", clusterMode: "create", clusterName: "degen-production" });
  });

  it("turns a tenant's quota settings into the ResourceQuota's hard limits, shutting out load balancers and node ports", async () => {
    // A quota that no stack file holds, so that each limit is traced from the setting to its own key.
    const tenants = {
      degenquest: {
        quota: { requestsCpu: "1500m", requestsMemory: "3Gi", limitsCpu: "3", limitsMemory: "6Gi", storage: "15Gi", persistentVolumeClaims: 4, pods: 12 },
        containerDefaults: { cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "500m", memoryLimit: "512Mi" },
        containerMax: { cpu: "2", memory: "4Gi" },
      },
    };
    const { runtime } = await runStack("staging", { "cluster-base:tenants": JSON.stringify(tenants) });
    expect(runtime.one(QUOTA).inputs).toMatchObject({
      metadata: { name: "tenant-quota", namespace: "degenquest" },
      spec: {
        hard: {
          "requests.cpu": "1500m",
          "requests.memory": "3Gi",
          "limits.cpu": "3",
          "limits.memory": "6Gi",
          "requests.storage": "15Gi",
          persistentvolumeclaims: "4",
          pods: "12",
          "services.loadbalancers": "0",
          "services.nodeports": "0",
        },
      },
    });
  });

  it("sizes tenant quotas per environment", async () => {
    const quotaOf = async (stack: string) =>
      (await runStack(stack)).runtime.ofType(QUOTA).find((q) => q.inputs.metadata.namespace === "degenquest")!.inputs.spec.hard;
    expect((await quotaOf("dev"))["requests.cpu"]).toBe("2");
    expect((await quotaOf("staging"))["requests.cpu"]).toBe("3");
    expect((await quotaOf("production"))["requests.cpu"]).toBe("6");
  });
});

describe("cluster-base in every environment", () => {
  const ADMIN_ONLY = [
    "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy",
    "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding",
    "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
  ];

  it.each(["local", "dev", "staging", "production"])(
    "%s: declares the access bindings and policies as the cluster admin, everything else as the pipeline",
    async (stack) => {
      const { runtime } = await runStack(stack);
      const kubernetes = runtime.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:"));
      const [admin, deployed] = [kubernetes.filter((r) => ADMIN_ONLY.includes(r.type)), kubernetes.filter((r) => !ADMIN_ONLY.includes(r.type))];
      const count = (type: string) => admin.filter((r) => r.type === type).length;
      expect(ADMIN_ONLY.map(count)).toEqual([3, 3, 2]);
      for (const resource of admin) expect(resource.provider, resource.name).toMatch(/::pulumi:providers:kubernetes::cluster-admin::/);
      expect(deployed.length).toBeGreaterThan(0);
      for (const resource of deployed) expect(resource.provider, resource.name).toMatch(/::pulumi:providers:kubernetes::cluster::/);
      expect(runtime.ofType(NAMESPACE).map((n) => n.inputs.metadata.name).sort()).toEqual(["degenquest", "pioneer-agent"]);
    },
  );

  it.each([
    ["local", "warn", "localhost:5001"],
    ["dev", "deny", "registry.digitalocean.com/pioneer"],
    ["staging", "deny", "registry.digitalocean.com/pioneer"],
    ["production", "deny", "registry.digitalocean.com/pioneer"],
  ])("%s: the admission policies %s, and take CI's images from %s", async (stack, enforcement, registry) => {
    const { runtime } = await runStack(stack);
    const bindings = runtime.ofType("kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding");
    const actions = Object.fromEntries(bindings.map((b) => [b.inputs.spec.policyName, b.inputs.spec.validationActions]));
    const enforced = enforcement === "deny" ? ["Deny"] : ["Warn"];
    expect(actions).toEqual({ "platform-pipeline-only": enforced, "platform-break-glass": ["Warn"], "platform-ci-images": enforced });
    const images = runtime.one("kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy", "admission-platform-ci-images");
    const outside = images.inputs.spec.variables.find((v: { name: string }) => v.name === "outside").expression as string;
    expect(outside).toContain(`'^${registry.replace(/\./g, "\\\\.")}/`);
  });

  it.each(["local", "dev", "staging", "production"])("%s: binds the pipeline's and break-glass groups, and only them, as cluster admins", async (stack) => {
    const { runtime } = await runStack(stack);
    const bindings = runtime.ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding").map((b) => [b.inputs.subjects, b.inputs.roleRef.name]);
    expect(bindings).toEqual([
      [[{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "platform:deployers" }], "cluster-admin"],
      [[{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "platform:break-glass" }], "cluster-admin"],
    ]);
  });

  it.each(["local", "dev", "staging", "production"])("%s: exports the kubeconfig only as a secret", async (stack) => {
    const { returned } = await runStack(stack);
    expect(await isSecret(returned.kubeconfig as never)).toBe(true);
  });
});

describe("cluster-base and the Gateway API", () => {
  /** The committed staging cluster with keys a test sets instead. */
  const stagingCluster = (changes: Record<string, unknown>, without: string[] = []) => {
    const cluster = { ...JSON.parse(readStackConfig(project, "staging").values["cluster-base:cluster"]!), ...changes } as Record<string, unknown>;
    for (const key of without) delete cluster[key];
    return { "cluster-base:cluster": JSON.stringify(cluster) };
  };

  it.each(["staging", "production"])("%s: creates a VPC-native cluster with the pod and Service blocks of its stack file", async (stack) => {
    const { runtime } = await runStack(stack);
    const networks = { staging: ["10.111.0.0/16", "10.112.0.0/19"], production: ["10.121.0.0/16", "10.122.0.0/19"] }[stack]!;
    const cluster = runtime.one(CLUSTER).inputs;
    expect([cluster.clusterSubnet, cluster.serviceSubnet]).toEqual(networks);
  });

  it.each(["staging", "production"])("%s: publishes DOKS's cilium GatewayClass for its VPC-native 1.33 cluster", async (stack) => {
    const { outputs } = await runStack(stack);
    expect(outputs.gatewayApi).toEqual({ available: true, gatewayClassName: "cilium" });
  });

  it.each(["local", "dev", "staging", "production", "e2e"])("%s: publishes the Gateway API support that cluster-base's contract examples show", async (stack) => {
    const { outputs } = await runStack(stack);
    expect(outputs.gatewayApi).toEqual(clusterBaseExamples.byEnvironment[stack as keyof typeof clusterBaseExamples.byEnvironment].gatewayApi);
  });

  it("creates an overlay-network cluster without the blocks, and says why it has no Gateway API", async () => {
    const { runtime, outputs } = await runStack("staging", stagingCluster({}, ["podNetwork", "serviceNetwork"]));
    const cluster = runtime.one(CLUSTER).inputs;
    expect(cluster.clusterSubnet).toBeUndefined();
    expect(cluster.serviceSubnet).toBeUndefined();
    expect(outputs.gatewayApi).toEqual({
      available: false,
      reason:
        "cluster-base:cluster.podNetwork and cluster.serviceNetwork are not set: DOKS's managed Gateway API needs a VPC-native cluster; " +
        "set both (VPC-native networking is chosen when a cluster is created, so this replaces the cluster)",
    });
  });

  it("says why a 1.32 cluster has no Gateway API, naming the version prefix", async () => {
    const { runtime, outputs } = await runStack("staging", stagingCluster({ versionPrefix: "1.32." }));
    expect(runtime.one(CLUSTER).inputs.clusterSubnet).toBe("10.111.0.0/16");
    expect(outputs.gatewayApi).toEqual({
      available: false,
      reason: 'cluster-base:cluster.versionPrefix is "1.32.": DOKS\'s managed Gateway API needs Kubernetes 1.33 or later; set "1.33." or later',
    });
  });

  it("publishes the GatewayClass that a local cluster's configuration names", async () => {
    const { outputs } = await runStack("local", { "cluster-base:cluster": JSON.stringify({ mode: "local", context: "kind-degen", gatewayClassName: "cilium" }) });
    expect(outputs.gatewayApi).toEqual({ available: true, gatewayClassName: "cilium" });
  });
});
