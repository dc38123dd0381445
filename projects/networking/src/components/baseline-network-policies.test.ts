import { mockRuntime, valueOf, type MockRuntime } from "@platform/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { BaselineNetworkPolicies, GATEWAY_PROXY_POLICY_SPEC, tenantCoverageProblems } from "./baseline-network-policies";

const POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const CILIUM_POLICY = "kubernetes:cilium.io/v2:CiliumNetworkPolicy";
const published = {
  degenquest: { namespace: "degenquest", imagePullSecret: "registry-pull" },
  "pioneer-agent": { namespace: "pioneer-agent", imagePullSecret: "registry-pull" },
};
const ingressController = {
  namespace: "ingress-nginx",
  podLabels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" },
};
const onlyDegenquest = { tenants: ["degenquest"], publishedTenants: { degenquest: published.degenquest }, ingressController };

describe("BaselineNetworkPolicies", () => {
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime({ stack: "staging" });
  });

  const policiesIn = (namespace: string) =>
    Object.fromEntries(
      runtime
        .ofType(POLICY)
        .filter((policy) => policy.inputs.metadata.namespace === namespace)
        .map((policy) => [policy.inputs.metadata.name, policy.inputs.spec]),
    );

  it("gives every tenant namespace the same three policies", async () => {
    const tenants = ["degenquest", "pioneer-agent"];
    const baseline = new BaselineNetworkPolicies("baseline", { tenants, publishedTenants: published, ingressController });
    expect(await valueOf(baseline.namespaces["pioneer-agent"]!)).toBe("pioneer-agent");
    await runtime.settled();
    for (const namespace of ["degenquest", "pioneer-agent"]) {
      expect(Object.keys(policiesIn(namespace)).sort()).toEqual(["allow-dns", "allow-ingress-controller", "default-deny"]);
    }
    expect(runtime.ofType(POLICY)).toHaveLength(6);
  });

  it("denies all ingress and egress to every pod by default", async () => {
    new BaselineNetworkPolicies("baseline", onlyDegenquest);
    await runtime.settled();
    expect(policiesIn("degenquest")["default-deny"]).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
  });

  it("lets every pod look up names in CoreDNS and nothing else out", async () => {
    new BaselineNetworkPolicies("baseline", onlyDegenquest);
    await runtime.settled();
    expect(policiesIn("degenquest")["allow-dns"]).toEqual({
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
              podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
            },
          ],
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
      ],
    });
  });

  it("admits traffic only from the ingress controller's pods in its own namespace", async () => {
    new BaselineNetworkPolicies("baseline", onlyDegenquest);
    await runtime.settled();
    expect(policiesIn("degenquest")["allow-ingress-controller"]).toEqual({
      podSelector: {},
      policyTypes: ["Ingress"],
      ingress: [
        {
          // Both selectors in one peer: the controller's pods, and only in the controller's namespace.
          from: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } },
              podSelector: { matchLabels: ingressController.podLabels },
            },
          ],
        },
      ],
    });
  });

  it("admits the Gateway's proxy with a CiliumNetworkPolicy in every tenant namespace, where the gateway edge serves", async () => {
    new BaselineNetworkPolicies("baseline", { tenants: ["degenquest", "pioneer-agent"], publishedTenants: published, ingressController, gatewayProxy: true });
    await runtime.settled();
    const cilium = runtime.ofType(CILIUM_POLICY);
    expect(cilium.map((p) => `${p.inputs.metadata.namespace}/${p.inputs.metadata.name}`).sort()).toEqual([
      "degenquest/allow-gateway",
      "pioneer-agent/allow-gateway",
    ]);
    for (const policy of cilium) {
      expect(policy.inputs).toMatchObject({
        apiVersion: "cilium.io/v2",
        kind: "CiliumNetworkPolicy",
        metadata: { labels: { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "degen-platform" } },
      });
      // Every pod of the namespace, from Cilium's reserved identity of its Envoy: nothing else.
      expect(policy.inputs.spec).toEqual({ endpointSelector: {}, ingress: [{ fromEntities: ["ingress"] }] });
    }
    expect(GATEWAY_PROXY_POLICY_SPEC).toEqual({ endpointSelector: {}, ingress: [{ fromEntities: ["ingress"] }] });
    // Both edges during a migration: the ingress controller keeps its policy beside the Gateway's.
    for (const namespace of ["degenquest", "pioneer-agent"]) {
      expect(Object.keys(policiesIn(namespace)).sort()).toEqual(["allow-dns", "allow-ingress-controller", "default-deny"]);
    }
  });

  it("admits only the Gateway's proxy where ingress-nginx does not serve", async () => {
    new BaselineNetworkPolicies("baseline", { tenants: ["degenquest", "pioneer-agent"], publishedTenants: published, gatewayProxy: true });
    await runtime.settled();
    for (const namespace of ["degenquest", "pioneer-agent"]) {
      expect(Object.keys(policiesIn(namespace)).sort()).toEqual(["allow-dns", "default-deny"]);
    }
    expect(runtime.ofType(POLICY).some((p) => p.inputs.metadata.name === "allow-ingress-controller")).toBe(false);
    expect(runtime.ofType(CILIUM_POLICY)).toHaveLength(2);
  });

  it("admits nothing from outside without an edge, and creates no Cilium policy unless asked", async () => {
    new BaselineNetworkPolicies("baseline", { tenants: ["degenquest"], publishedTenants: { degenquest: published.degenquest } });
    await runtime.settled();
    expect(Object.keys(policiesIn("degenquest")).sort()).toEqual(["allow-dns", "default-deny"]);
    expect(runtime.ofType(CILIUM_POLICY)).toEqual([]);
  });

  it("creates no Cilium policy with only the ingress controller", async () => {
    new BaselineNetworkPolicies("baseline", { ...onlyDegenquest, gatewayProxy: false });
    await runtime.settled();
    expect(runtime.ofType(CILIUM_POLICY)).toEqual([]);
    expect(Object.keys(policiesIn("degenquest")).sort()).toEqual(["allow-dns", "allow-ingress-controller", "default-deny"]);
  });

  it("places policies in the namespace that cluster-base publishes for the tenant", async () => {
    new BaselineNetworkPolicies("baseline", {
      tenants: ["degenquest"],
      publishedTenants: { degenquest: { namespace: "degenquest-staging", imagePullSecret: "" } },
      ingressController,
      gatewayProxy: true,
    });
    await runtime.settled();
    expect(Object.keys(policiesIn("degenquest-staging"))).toHaveLength(3);
    expect(runtime.ofType(CILIUM_POLICY).map((p) => p.inputs.metadata.namespace)).toEqual(["degenquest-staging"]);
  });

  it("refuses tenants that cluster-base does not publish, and published tenants left unprotected", () => {
    expect(tenantCoverageProblems(["degenquest", "leaderboard"], ["degenquest", "pioneer-agent"])).toEqual([
      'networking:tenants lists "leaderboard", which cluster-base does not publish (it publishes: degenquest, pioneer-agent): ' +
        "remove it, or add the tenant to cluster-base and deploy that first",
      'cluster-base publishes tenant "pioneer-agent", which networking:tenants leaves out, so its namespace would have no ' +
        "baseline network policy: add it to networking:tenants",
    ]);
    expect(tenantCoverageProblems(["degenquest"], ["degenquest"])).toEqual([]);
  });
});
