import { resolve } from "node:path";
import { clusterBaseExamples } from "@platform/cluster-base-contract/examples";
import type { Environment } from "@platform/config";
import { findPulumiProjects, offlineInvokeResult, providerComputedOutputs, readStackConfig } from "@platform/offline-plan";
import { mockRuntime, runOnce, upstreamStacks, valueOf, type MockRuntime } from "@platform/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { NetworkingOutputs } from "@platform/networking-contract";
import { networkingProgram } from "./program";

const projects = findPulumiProjects(resolve(__dirname, "../../.."));
const project = projects.find((p) => p.name === "networking")!;
const LOAD_BALANCER_IP = "203.0.113.10";

/**
 * Runs the program for one environment with the configuration committed in its stack file and
 * what cluster-base exports there; once per environment and file, as the tests only read the run.
 */
const runStack = runOnce(async (stack: Environment): Promise<{ runtime: MockRuntime; outputs: NetworkingOutputs }> => {
  const config = readStackConfig(project, stack);
  const runtime = await mockRuntime({
    project: "networking",
    stack,
    config: config.values,
    secretKeys: config.secretKeys,
    stackOutputs: upstreamStacks(stack, [clusterBaseExamples]),
    invokes: (token, inputs) =>
      token === "digitalocean:index/getLoadBalancer:getLoadBalancer" ? { name: inputs.name, ip: LOAD_BALANCER_IP } : offlineInvokeResult(token, inputs),
    computed: providerComputedOutputs,
  });
  const outputs = (await valueOf(networkingProgram() as never)) as NetworkingOutputs;
  await runtime.settled();
  return { runtime, outputs };
});

// The first run loads the providers' modules: seconds, paid once here rather than by whichever test comes first.
beforeAll(() => runStack("dev"));

const DO_LOAD_BALANCER = {
  name: "service.beta.kubernetes.io/do-loadbalancer-name",
  hostname: "service.beta.kubernetes.io/do-loadbalancer-hostname",
  proxyProtocol: "service.beta.kubernetes.io/do-loadbalancer-enable-proxy-protocol",
};

const RELEASE = "kubernetes:helm.sh/v3:Release";
const ISSUER = "kubernetes:cert-manager.io/v1:ClusterIssuer";
const RECORD = "digitalocean:index/dnsRecord:DnsRecord";
const POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

const ingressValues = (runtime: MockRuntime) => runtime.ofType(RELEASE).find((r) => r.inputs.chart === "ingress-nginx")!.inputs.values.controller;

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

  it("puts the baseline policies in every tenant namespace, admitting only the published ingress controller", async () => {
    const { runtime } = await runStack(stack);
    const policies = runtime.ofType(POLICY);
    expect(policies.map((p) => `${p.inputs.metadata.namespace}/${p.inputs.metadata.name}`).sort()).toEqual([
      "degenquest/allow-dns",
      "degenquest/allow-ingress-controller",
      "degenquest/default-deny",
      "pioneer-agent/allow-dns",
      "pioneer-agent/allow-ingress-controller",
      "pioneer-agent/default-deny",
    ]);
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
    expect(outputs.ingressClassName).toBe("nginx");
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
    ["dev", "do-cluster-2b9226d-ingress", "dev.degenquest.gg"],
    ["staging", "degen-staging-ingress", "staging.degenquest.gg"],
    ["production", "degen-production-ingress", "degenquest.gg"],
  ] as const)("%s: points its domain and wildcard at the load balancer %s it names", async (stack, loadBalancer, domain) => {
    const { runtime, outputs } = await runStack(stack);
    const annotations = ingressValues(runtime).service.annotations;
    expect(annotations[DO_LOAD_BALANCER.name]).toBe(loadBalancer);
    expect(annotations[DO_LOAD_BALANCER.hostname]).toBe(domain);
    expect(outputs.baseDomain).toBe(domain);
    expect(outputs.loadBalancerAddress).toBe(LOAD_BALANCER_IP);
    const records = runtime.ofType(RECORD).map((r) => r.inputs);
    expect(records.map((r) => [r.domain, r.name, r.type, r.value])).toEqual(
      stack === "production"
        ? [
            ["degenquest.gg", "@", "A", LOAD_BALANCER_IP],
            ["degenquest.gg", "*", "A", LOAD_BALANCER_IP],
          ]
        : [
            ["degenquest.gg", stack, "A", LOAD_BALANCER_IP],
            ["degenquest.gg", `*.${stack}`, "A", LOAD_BALANCER_IP],
          ],
    );
  });

  it.each(["dev", "staging", "production"] as const)("%s: speaks PROXY protocol on the load balancer and in nginx alike", async (stack) => {
    const { runtime } = await runStack(stack);
    const values = ingressValues(runtime);
    expect(values.service.annotations[DO_LOAD_BALANCER.proxyProtocol]).toBe("true");
    expect(values.config["use-proxy-protocol"]).toBe("true");
  });

  it("runs production highly available and dev and staging on one controller without a budget", async () => {
    const sizes: Record<string, unknown[]> = {};
    for (const stack of ["dev", "staging", "production"] as const) {
      const { runtime } = await runStack(stack);
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

describe("networking, e2e (a cluster that already runs ingress-nginx and cert-manager)", () => {
  it("installs neither chart, and publishes where the preinstalled controllers run", async () => {
    const { runtime, outputs } = await runStack("e2e");
    expect(runtime.ofType(RELEASE)).toEqual([]);
    expect(runtime.resources.filter((r) => r.type.startsWith("digitalocean:"))).toEqual([]);
    // The issuers still exist, on the CRDs the cluster already has.
    expect(runtime.ofType(ISSUER).map((r) => r.inputs.metadata.name)).toEqual(["selfsigned"]);
    expect(outputs).toMatchObject({
      ingressClassName: "nginx",
      ingressControllerNamespace: "ingress-nginx",
      ingressControllerPodLabels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" },
      certManagerNamespace: "cert-manager",
      loadBalancerAddress: "",
      clusterIssuer: "selfsigned",
    });
    // Tenants still admit the (preinstalled) controller.
    const fromIngress = runtime.ofType(POLICY).filter((r) => JSON.stringify(r.inputs.spec.ingress ?? []).includes("ingress-nginx"));
    expect(fromIngress.map((r) => r.inputs.metadata.namespace).sort()).toEqual(["degenquest", "pioneer-agent"]);
  });
});
