import { resolve } from "node:path";
import { clusterBaseExamples } from "@platform/cluster-base-contract/examples";
import type { Environment } from "@platform/config";
import { findPulumiProjects, offlineInvokeResult, providerComputedOutputs, readStackConfig } from "@platform/offline-plan";
import { mockRuntime, runOnce, upstreamStacks, valueOf, type MockRuntime } from "@platform/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { GatewayEdge, IngressNginxEdge, NetworkingOutputs } from "@platform/networking-contract";
import { networkingExamples } from "@platform/networking-contract/examples";
import { networkingProgram } from "./program";

const projects = findPulumiProjects(resolve(__dirname, "../../.."));
const project = projects.find((p) => p.name === "networking")!;
/** DigitalOcean's answer for each load balancer, by the suffix of its name: which edge DNS follows shows in the IP. */
const INGRESS_LOAD_BALANCER_IP = "203.0.113.10";
const GATEWAY_LOAD_BALANCER_IP = "203.0.113.20";
const loadBalancerIp = (name: string) => (name.endsWith("-gateway") ? GATEWAY_LOAD_BALANCER_IP : INGRESS_LOAD_BALANCER_IP);

/**
 * The deploy secrets that the team sets with `pulumi config set --secret`, which the committed stack
 * files lack: the DNS-01 token of the gateway edge that staging and production serve through.
 */
const DEPLOY_SECRETS: Partial<Record<Environment, Record<string, string>>> = {
  staging: { "networking:acmeDnsToken": "dop_v1_staging_dns_token" },
  production: { "networking:acmeDnsToken": "dop_v1_production_dns_token" },
};

/** Keys that the engine hands over as secrets, wherever a test sets them. */
const SECRET_KEYS = ["networking:acmeDnsToken"];

/** The runtime of one environment: its committed stack file, its deploy secrets, and any keys a test sets instead. */
async function stackRuntime(stack: Environment, overrides: Record<string, unknown>): Promise<MockRuntime> {
  const config = readStackConfig(project, stack);
  const values = { ...config.values, ...(DEPLOY_SECRETS[stack] ?? {}), ...overrides };
  return mockRuntime({
    project: "networking",
    stack,
    config: values,
    secretKeys: [...new Set([...config.secretKeys, ...SECRET_KEYS.filter((key) => key in values)])],
    stackOutputs: upstreamStacks(stack, [clusterBaseExamples]),
    invokes: (token, inputs) =>
      token === "digitalocean:index/getLoadBalancer:getLoadBalancer"
        ? { name: inputs.name, ip: loadBalancerIp(String(inputs.name)) }
        : offlineInvokeResult(token, inputs),
    computed: providerComputedOutputs,
  });
}

/**
 * Runs the program for one environment with the configuration committed in its stack file and
 * what cluster-base exports there, and any keys the test sets instead; once per environment and
 * set of keys, as the tests only read the run.
 */
const runStack = runOnce(
  async (stack: Environment, overrides: Record<string, unknown> = {}): Promise<{ runtime: MockRuntime; outputs: NetworkingOutputs }> => {
    const runtime = await stackRuntime(stack, overrides);
    const outputs = (await valueOf(networkingProgram() as never)) as NetworkingOutputs;
    await runtime.settled();
    return { runtime, outputs };
  },
);

/**
 * Runs the program where the deploy is to fail once it knows cluster-base's outputs: the error
 * rejects the resources' inputs, and Pulumi's language host reports such an unhandled rejection
 * as the deploy's failure. The run's outputs never resolve, so it is not awaited as `runStack` is.
 */
async function deployFailures(stack: Environment, overrides: Record<string, unknown>): Promise<string[]> {
  const errors: unknown[] = [];
  const collect = (error: unknown) => errors.push(error);
  process.on("unhandledRejection", collect);
  try {
    await stackRuntime(stack, overrides);
    networkingProgram();
    for (let waited = 0; errors.length === 0 && waited < 5000; waited += 10) await new Promise((done) => setTimeout(done, 10));
    // The rest of the same failure: every resource whose inputs it rejects.
    for (let turn = 0; turn < 50; turn++) await new Promise((done) => setImmediate(done));
  } finally {
    process.off("unhandledRejection", collect);
  }
  return [...new Set(errors.map((error) => (error instanceof Error ? error.message : String(error))))];
}

// The first run loads the providers' modules: seconds, paid once here rather than by whichever test comes first.
beforeAll(() => runStack("dev"));

const DO_LOAD_BALANCER = {
  name: "service.beta.kubernetes.io/do-loadbalancer-name",
  hostname: "service.beta.kubernetes.io/do-loadbalancer-hostname",
  proxyProtocol: "service.beta.kubernetes.io/do-loadbalancer-enable-proxy-protocol",
  sizeUnit: "service.beta.kubernetes.io/do-loadbalancer-size-unit",
};

const RELEASE = "kubernetes:helm.sh/v3:Release";
const ISSUER = "kubernetes:cert-manager.io/v1:ClusterIssuer";
const RECORD = "digitalocean:index/dnsRecord:DnsRecord";
const POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const CILIUM_POLICY = "kubernetes:cilium.io/v2:CiliumNetworkPolicy";
const GATEWAY = "kubernetes:gateway.networking.k8s.io/v1:Gateway";
const ROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";
const SECRET = "kubernetes:core/v1:Secret";
const GET_LOAD_BALANCER = "digitalocean:index/getLoadBalancer:getLoadBalancer";

/** The edges as the program publishes them, with the address of each one's load balancer. */
const ingressNginxEdge = (address: string): IngressNginxEdge => ({
  kind: "ingress-nginx",
  ingressClassName: "nginx",
  controllerNamespace: "ingress-nginx",
  controllerPodLabels: {
    "app.kubernetes.io/name": "ingress-nginx",
    "app.kubernetes.io/instance": "ingress-nginx",
    "app.kubernetes.io/component": "controller",
  },
  metricsPort: 10254,
  address,
});
const gatewayEdge = (address: string): GatewayEdge => ({ kind: "gateway", gatewayName: "public", gatewayNamespace: "gateway", address });

/** What the committed stack files serve through: the Gateway in staging and production, ingress-nginx elsewhere. */
const SERVES_GATEWAY = { local: false, dev: false, staging: true, production: true } as const;

/** Both edges, the Gateway first: a migration's configuration, for what ingress-nginx does where it still serves. */
const BOTH_EDGES = { "networking:edge": { primary: "gateway", alsoServe: ["ingress-nginx"] } };

const ingressValues = (runtime: MockRuntime) => runtime.ofType(RELEASE).find((r) => r.inputs.chart === "ingress-nginx")!.inputs.values.controller;
const dnsRecords = (runtime: MockRuntime) => runtime.ofType(RECORD).map((r) => [r.inputs.domain, r.inputs.name, r.inputs.type, r.inputs.value]);
const acmeSolvers = (runtime: MockRuntime) => runtime.ofType(ISSUER).map((issuer) => issuer.inputs.spec.acme.solvers);

describe.each(["local", "dev", "staging", "production"] as const)("networking, %s", (stack) => {
  it("reads cluster-base and reaches the cluster through the provider it publishes", async () => {
    const { runtime } = await runStack(stack);
    const provider = runtime.one("pulumi:providers:kubernetes", "cluster");
    // The kubeconfig and context cluster-base publishes (its examples' stand-ins), as they are.
    expect(provider.inputs).toMatchObject(
      stack === "local"
        ? { context: "kind-degen", kubeconfig: "apiVersion: v1\nkind: Config\ncurrent-context: kind-degen\n" }
        : { kubeconfig: "apiVersion: v1\nkind: Config\n", context: "" },
    );
    expect(provider.secretInputs).toContain("kubeconfig");
    const kubernetesResources = runtime.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
    expect(kubernetesResources.every((r) => r.provider?.includes("::cluster::"))).toBe(true);
  });

  it("puts the baseline policies in every tenant namespace, admitting only the edge that serves", async () => {
    const { runtime } = await runStack(stack);
    const policies = runtime.ofType(POLICY);
    const edgePolicy = SERVES_GATEWAY[stack] ? [] : ["allow-ingress-controller"];
    expect(policies.map((p) => `${p.inputs.metadata.namespace}/${p.inputs.metadata.name}`).sort()).toEqual(
      ["degenquest", "pioneer-agent"].flatMap((tenant) => ["allow-dns", ...edgePolicy, "default-deny"].map((name) => `${tenant}/${name}`)),
    );
    for (const policy of policies.filter((p) => p.inputs.metadata.name === "allow-ingress-controller")) {
      expect(policy.inputs.spec.ingress[0].from[0]).toEqual({
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } },
        podSelector: {
          matchLabels: {
            "app.kubernetes.io/name": "ingress-nginx",
            "app.kubernetes.io/instance": "ingress-nginx",
            "app.kubernetes.io/component": "controller",
          },
        },
      });
    }
    // The Gateway's proxy reaches pods as Cilium's reserved ingress identity, which only a Cilium policy admits.
    const cilium = runtime.ofType(CILIUM_POLICY);
    expect(cilium.map((p) => `${p.inputs.metadata.namespace}/${p.inputs.metadata.name}`).sort()).toEqual(
      SERVES_GATEWAY[stack] ? ["degenquest/allow-gateway", "pioneer-agent/allow-gateway"] : [],
    );
    for (const policy of cilium) expect(policy.inputs.spec).toEqual({ endpointSelector: {}, ingress: [{ fromEntities: ["ingress"] }] });
  });

  it("protects exactly the tenants that cluster-base's stack file declares", () => {
    const clusterBaseProject = projects.find((p) => p.name === "cluster-base")!;
    const declared = Object.keys(JSON.parse(readStackConfig(clusterBaseProject, stack).values["cluster-base:tenants"]!) as object);
    const listed = JSON.parse(readStackConfig(project, stack).values["networking:tenants"]!) as string[];
    expect([...listed].sort()).toEqual(declared.sort());
  });

  it("publishes the issuer its apps use among the issuers it created", async () => {
    const { runtime, outputs } = await runStack(stack);
    const created = runtime.ofType(ISSUER).map((issuer) => issuer.inputs.metadata.name).sort();
    expect(Object.values(outputs.clusterIssuers).sort()).toEqual(created);
    expect(created).toContain(outputs.clusterIssuer);
  });

  it("publishes the edge that serves, as networking's contract examples say", async () => {
    const { outputs } = await runStack(stack);
    const address = { local: "127.0.0.1", dev: INGRESS_LOAD_BALANCER_IP, staging: GATEWAY_LOAD_BALANCER_IP, production: GATEWAY_LOAD_BALANCER_IP }[stack];
    expect(outputs.edges).toEqual(SERVES_GATEWAY[stack] ? [gatewayEdge(address)] : [ingressNginxEdge(address)]);
    // The contract's examples, but for the address, which the offline plan knows only after deploy.
    const withoutAddress = (edges: readonly { address: string }[]) => edges.map(({ address: _address, ...edge }) => edge);
    expect(withoutAddress(outputs.edges)).toEqual(withoutAddress(networkingExamples.byEnvironment[stack].edges));
  });
});

describe("networking, local", () => {
  it("creates nothing in DigitalOcean and serves localtest.me on the node's ports with a self-signed issuer", async () => {
    const { runtime, outputs } = await runStack("local");
    expect(runtime.resources.filter((r) => r.type.startsWith("digitalocean:"))).toEqual([]);
    expect(runtime.invoked.filter((token) => token.startsWith("digitalocean:"))).toEqual([]);
    expect(ingressValues(runtime)).toMatchObject({ hostPort: { enabled: true }, service: { type: "ClusterIP" }, config: {} });
    expect(outputs).toMatchObject({ baseDomain: "localtest.me", loadBalancerAddress: "127.0.0.1", clusterIssuer: "selfsigned" });
  });
});

describe("networking on DigitalOcean", () => {
  it.each([
    ["dev", "ingress-nginx", "do-cluster-2b9226d-ingress", "dev.degenquest.gg", INGRESS_LOAD_BALANCER_IP],
    ["staging", "gateway", "degen-staging-gateway", "staging.degenquest.gg", GATEWAY_LOAD_BALANCER_IP],
    ["production", "gateway", "degen-production-gateway", "degenquest.gg", GATEWAY_LOAD_BALANCER_IP],
  ] as const)("%s: points its domain and wildcard at the load balancer of its %s edge, %s", async (stack, edge, loadBalancer, domain, ip) => {
    const { runtime, outputs } = await runStack(stack);
    if (edge === "ingress-nginx") {
      const annotations = ingressValues(runtime).service.annotations;
      expect(annotations[DO_LOAD_BALANCER.name]).toBe(loadBalancer);
      expect(annotations[DO_LOAD_BALANCER.hostname]).toBe(domain);
    } else {
      expect(runtime.one(GATEWAY).inputs.spec.infrastructure.annotations[DO_LOAD_BALANCER.name]).toBe(loadBalancer);
    }
    expect(outputs.baseDomain).toBe(domain);
    expect(outputs.loadBalancerAddress).toBe(ip);
    expect(dnsRecords(runtime)).toEqual(
      stack === "production"
        ? [
            ["degenquest.gg", "@", "A", ip],
            ["degenquest.gg", "*", "A", ip],
          ]
        : [
            ["degenquest.gg", stack, "A", ip],
            ["degenquest.gg", `*.${stack}`, "A", ip],
          ],
    );
  });

  // Staging and production with ingress-nginx beside the Gateway, as during the migration: their
  // committed ingress settings still shape the controller.
  const withIngressNginx = (stack: "dev" | "staging" | "production") => (stack === "dev" ? runStack(stack) : runStack(stack, BOTH_EDGES));

  it.each(["dev", "staging", "production"] as const)("%s: speaks PROXY protocol on the load balancer and in nginx alike", async (stack) => {
    const { runtime } = await withIngressNginx(stack);
    const values = ingressValues(runtime);
    expect(values.service.annotations[DO_LOAD_BALANCER.proxyProtocol]).toBe("true");
    expect(values.config["use-proxy-protocol"]).toBe("true");
  });

  it("runs production highly available and dev and staging on one controller without a budget", async () => {
    const sizes: Record<string, unknown[]> = {};
    for (const stack of ["dev", "staging", "production"] as const) {
      const { runtime } = await withIngressNginx(stack);
      const values = ingressValues(runtime);
      sizes[stack] = [values.replicaCount, values.maxUnavailable, values.topologySpreadConstraints?.length];
    }
    expect(sizes).toEqual({ dev: [1, undefined, undefined], staging: [1, undefined, undefined], production: [3, 1, 1] });
  });

  it("uses Let's Encrypt staging in dev and production certificates in staging and production", async () => {
    const issuers: Record<string, string> = {};
    for (const stack of ["dev", "staging", "production"] as const) issuers[stack] = (await runStack(stack)).outputs.clusterIssuer;
    expect(issuers).toEqual({ dev: "letsencrypt-staging", staging: "letsencrypt-production", production: "letsencrypt-production" });
  });
});

describe("networking, e2e (a cluster that already runs ingress-nginx and cert-manager, both edges serving)", () => {
  it("installs neither chart, and publishes where the preinstalled controllers run", async () => {
    const { runtime, outputs } = await runStack("e2e");
    expect(runtime.ofType(RELEASE)).toEqual([]);
    expect(runtime.resources.filter((r) => r.type.startsWith("digitalocean:"))).toEqual([]);
    // The issuers still exist, on the CRDs the cluster already has.
    expect(runtime.ofType(ISSUER).map((r) => r.inputs.metadata.name)).toEqual(["selfsigned"]);
    expect(outputs).toMatchObject({
      certManagerNamespace: "cert-manager",
      loadBalancerAddress: "",
      clusterIssuer: "selfsigned",
    });
    // The Gateway first (the primary), then the preinstalled ingress-nginx.
    // No load balancer in front of either: the e2e cluster's addresses are kwok's and the run's.
    expect(outputs.edges).toEqual([gatewayEdge(""), ingressNginxEdge("")]);
    expect(outputs.edges).toEqual(networkingExamples.byEnvironment.e2e.edges);
    // Tenants still admit the (preinstalled) controller.
    const fromIngress = runtime.ofType(POLICY).filter((r) => JSON.stringify(r.inputs.spec.ingress ?? []).includes("ingress-nginx"));
    expect(fromIngress.map((r) => r.inputs.metadata.namespace).sort()).toEqual(["degenquest", "pioneer-agent"]);
    // ...and the Gateway's proxy.
    expect(runtime.ofType(CILIUM_POLICY).map((r) => r.inputs.metadata.namespace).sort()).toEqual(["degenquest", "pioneer-agent"]);
  });

  it("puts the Gateway on the GatewayClass that cluster-base's local configuration names, without a cloud load balancer", async () => {
    const { runtime } = await runStack("e2e");
    const gateway = runtime.one(GATEWAY).inputs;
    expect(gateway.spec.gatewayClassName).toBe("cilium");
    expect(gateway.spec.infrastructure).toBeUndefined();
    expect(gateway.metadata.annotations).toEqual({ "cert-manager.io/cluster-issuer": "selfsigned" });
    expect(gateway.spec.listeners.map((l: { hostname?: string }) => l.hostname)).toEqual([undefined, "e2e.localtest.me", "*.e2e.localtest.me"]);
    expect(runtime.invoked).not.toContain(GET_LOAD_BALANCER);
  });
});

describe("networking, the gateway edge (production as committed: the Gateway alone)", () => {
  it("puts the Gateway on DOKS's GatewayClass, for the domain and its wildcard, behind a named load balancer", async () => {
    const { runtime } = await runStack("production");
    const gateway = runtime.one(GATEWAY).inputs;
    expect(gateway.metadata).toMatchObject({
      name: "public",
      namespace: "gateway",
      annotations: { "cert-manager.io/cluster-issuer": "letsencrypt-production", "pulumi.com/waitFor": "jsonpath={.status.addresses[0].value}" },
    });
    expect(gateway.spec.gatewayClassName).toBe("cilium");
    expect(gateway.spec.infrastructure).toEqual({ annotations: { [DO_LOAD_BALANCER.name]: "degen-production-gateway", [DO_LOAD_BALANCER.sizeUnit]: "1" } });
    expect(gateway.spec.listeners.map((l: { name: string; hostname?: string }) => [l.name, l.hostname])).toEqual([
      ["http", undefined],
      ["https", "degenquest.gg"],
      ["https-wildcard", "*.degenquest.gg"],
    ]);
    // Routes only from the namespaces the pipeline labels for them, on the HTTPS listeners.
    for (const listener of gateway.spec.listeners.slice(1)) {
      expect(listener.allowedRoutes.namespaces).toEqual({ from: "Selector", selector: { matchLabels: { "platform.degen.dev/public-routes": "allowed" } } });
      expect(listener.tls.certificateRefs).toEqual([{ kind: "Secret", group: "", name: "public-edge-tls" }]);
    }
    expect(runtime.one(ROUTE).inputs.spec.rules[0].filters[0]).toEqual({ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } });
  });

  it("installs no ingress-nginx, and cert-manager issues certificates for Gateways", async () => {
    const { runtime } = await runStack("production");
    const releases = runtime.ofType(RELEASE);
    expect(releases.map((r) => r.inputs.chart)).toEqual(["cert-manager"]);
    expect(releases[0]!.inputs.values.extraArgs).toEqual(["--enable-gateway-api"]);
    expect(runtime.ofType("kubernetes:core/v1:Namespace").map((n) => n.inputs.metadata.name).sort()).toEqual(["cert-manager", "gateway"]);
  });

  it("points DNS at the Gateway's load balancer, the only one it reads", async () => {
    const { runtime, outputs } = await runStack("production");
    expect(new Set(runtime.ofType(RECORD).map((r) => r.inputs.value))).toEqual(new Set([GATEWAY_LOAD_BALANCER_IP]));
    expect(outputs.loadBalancerAddress).toBe(GATEWAY_LOAD_BALANCER_IP);
    expect(runtime.invoked.filter((token) => token === GET_LOAD_BALANCER)).toHaveLength(1);
    expect(outputs.edges).toEqual([gatewayEdge(GATEWAY_LOAD_BALANCER_IP)]);
  });

  it("proves control of the domain through DigitalOcean DNS with the deploy's token, kept secret", async () => {
    const { runtime } = await runStack("production");
    expect(acmeSolvers(runtime)).toEqual([
      [{ dns01: { digitalocean: { tokenSecretRef: { name: "digitalocean-dns-token", key: "access-token" } } } }],
      [{ dns01: { digitalocean: { tokenSecretRef: { name: "digitalocean-dns-token", key: "access-token" } } } }],
    ]);
    const secret = runtime.one(SECRET);
    expect(secret.inputs).toMatchObject({
      metadata: { name: "digitalocean-dns-token", namespace: "cert-manager" },
      stringData: { "access-token": "dop_v1_production_dns_token" },
    });
    expect(secret.secretInputs).toContain("stringData");
  });
});

describe("networking, both edges during a migration", () => {
  it("serves through the Gateway and ingress-nginx alike, DNS on the Gateway's load balancer", async () => {
    const { runtime, outputs } = await runStack("production", BOTH_EDGES);
    expect(runtime.ofType(GATEWAY)).toHaveLength(1);
    expect(runtime.ofType(RELEASE).map((r) => r.inputs.chart).sort()).toEqual(["cert-manager", "ingress-nginx"]);
    expect(ingressValues(runtime).service.annotations[DO_LOAD_BALANCER.name]).toBe("degen-production-ingress");
    // Each edge with its own load balancer's address; DNS and loadBalancerAddress follow the first.
    expect(outputs.edges).toEqual([gatewayEdge(GATEWAY_LOAD_BALANCER_IP), ingressNginxEdge(INGRESS_LOAD_BALANCER_IP)]);
    expect(outputs.loadBalancerAddress).toBe(GATEWAY_LOAD_BALANCER_IP);
    expect(dnsRecords(runtime)).toEqual([
      ["degenquest.gg", "@", "A", GATEWAY_LOAD_BALANCER_IP],
      ["degenquest.gg", "*", "A", GATEWAY_LOAD_BALANCER_IP],
    ]);
    // Tenants admit both edges.
    expect(runtime.ofType(POLICY).filter((p) => p.inputs.metadata.name === "allow-ingress-controller")).toHaveLength(2);
    expect(runtime.ofType(CILIUM_POLICY)).toHaveLength(2);
  });

  it("keeps DNS on ingress-nginx while it is the primary, with the Gateway beside it", async () => {
    const { runtime, outputs } = await runStack("staging", { "networking:edge": { primary: "ingress-nginx", alsoServe: ["gateway"] } });
    expect(runtime.ofType(GATEWAY)).toHaveLength(1);
    expect(outputs.edges).toEqual([ingressNginxEdge(INGRESS_LOAD_BALANCER_IP), gatewayEdge(GATEWAY_LOAD_BALANCER_IP)]);
    expect(outputs.loadBalancerAddress).toBe(INGRESS_LOAD_BALANCER_IP);
    expect(dnsRecords(runtime)).toEqual([
      ["degenquest.gg", "staging", "A", INGRESS_LOAD_BALANCER_IP],
      ["degenquest.gg", "*.staging", "A", INGRESS_LOAD_BALANCER_IP],
    ]);
    // The Gateway's wildcard certificate still needs DNS-01, whichever edge DNS points at.
    for (const solvers of acmeSolvers(runtime)) expect(Object.keys(solvers[0])).toEqual(["dns01"]);
    expect(runtime.one(SECRET).inputs.stringData).toEqual({ "access-token": "dop_v1_staging_dns_token" });
  });
});

describe("networking, how Let's Encrypt checks the domain", () => {
  it("answers HTTP-01 through ingress-nginx where only ingress-nginx serves, with no token", async () => {
    for (const { runtime } of [await runStack("dev"), await runStack("staging", { "networking:edge": { primary: "ingress-nginx" } })]) {
      expect(acmeSolvers(runtime)).toEqual([
        [{ http01: { ingress: { ingressClassName: "nginx", serviceType: "ClusterIP" } } }],
        [{ http01: { ingress: { ingressClassName: "nginx", serviceType: "ClusterIP" } } }],
      ]);
      expect(runtime.ofType(SECRET)).toEqual([]);
    }
  });

  it("leaves cert-manager's Gateway API support off where no Gateway serves", async () => {
    const { runtime } = await runStack("dev");
    expect(runtime.one(RELEASE, "cert-manager").inputs.values.extraArgs).toBeUndefined();
    expect(runtime.ofType(GATEWAY)).toEqual([]);
  });
});

describe("networking, the gateway edge on a cluster without the Gateway API", () => {
  it("fails the deploy naming networking:edge.primary, cluster-base's reason and the fix", async () => {
    // dev's cluster-base reads an existing cluster, whose Gateway API support is known only at deploy.
    const failures = await deployFailures("dev", { "networking:edge": { primary: "gateway" }, "networking:acmeDnsToken": "dop_v1_dev_dns_token" });
    expect(failures.length).toBeGreaterThan(0);
    const reason = (clusterBaseExamples.byEnvironment.dev.gatewayApi as { reason: string }).reason;
    for (const failure of failures) {
      expect(failure).toContain('networking:edge.primary is "gateway", but the cluster has no Gateway API implementation: ');
      expect(failure).toContain(reason);
      expect(failure).toContain('set networking:edge.primary to "ingress-nginx"');
    }
  });

  it("names networking:edge.alsoServe where the Gateway only serves beside ingress-nginx", async () => {
    const failures = await deployFailures("dev", { "networking:edge": { alsoServe: ["gateway"] }, "networking:acmeDnsToken": "dop_v1_dev_dns_token" });
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) expect(failure).toContain('networking:edge.alsoServe has "gateway", but the cluster has no Gateway API implementation');
  });

});
