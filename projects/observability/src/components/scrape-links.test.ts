import { mockRuntime, type MockRuntime } from "@platform/testing";
import * as pulumi from "@pulumi/pulumi";
import { beforeEach, describe, expect, it } from "vitest";
import { ScrapeLinks, tenantNamespace, type MetricsSource, type ScrapeLinksArgs } from "./scrape-links";

const ingressNginx: MetricsSource = {
  namespace: "ingress-nginx",
  podLabels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" },
  metricsPort: 10254,
};
const certManager: MetricsSource = { namespace: "cert-manager", podLabels: { "app.kubernetes.io/name": "cert-manager" }, metricsPort: 9402 };

const args: ScrapeLinksArgs = {
  monitoringNamespace: "monitoring",
  components: { "ingress-nginx": ingressNginx, "cert-manager": certManager },
  scrapedTenants: { degenquest: { metricsPorts: [8888] } },
  tenants: {
    degenquest: { namespace: "degenquest", imagePullSecret: "registry-pull" },
    "pioneer-agent": { namespace: "pioneer-agent", imagePullSecret: "registry-pull" },
  },
};

const POD_MONITOR = "kubernetes:monitoring.coreos.com/v1:PodMonitor";
const POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

describe("ScrapeLinks", () => {
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime();
    new ScrapeLinks("scrape", args);
    await runtime.settled();
  });

  it("scrapes the ingress controller's pods on its metrics port, keeping the Ingress's namespace label", () => {
    const monitor = runtime.one(POD_MONITOR, "scrape-ingress-nginx");
    expect(monitor.inputs.metadata).toMatchObject({ namespace: "monitoring", labels: { release: "kube-prometheus-stack" } });
    expect(monitor.inputs.spec).toEqual({
      namespaceSelector: { matchNames: ["ingress-nginx"] },
      selector: { matchLabels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" } },
      podMetricsEndpoints: [{ portNumber: 10254, path: "/metrics", interval: "30s", honorLabels: true }],
    });
  });

  it("scrapes cert-manager, whose metrics feed the certificate expiry alerts", () => {
    expect(runtime.one(POD_MONITOR, "scrape-cert-manager").inputs.spec.podMetricsEndpoints[0].portNumber).toBe(9402);
  });

  it("admits only Prometheus's pods, only to the metrics port, in the ingress controller's namespace", () => {
    const policy = runtime.one(POLICY, "scrape-ingress-nginx");
    expect(policy.inputs.metadata.namespace).toBe("ingress-nginx");
    expect(policy.inputs.spec).toEqual({
      podSelector: { matchLabels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } },
              podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus", "operator.prometheus.io/name": "monitoring-prometheus" } },
            },
          ],
          ports: [{ protocol: "TCP", port: 10254 }],
        },
      ],
    });
  });

  it("opens each scraped tenant's metrics ports to Prometheus, in the namespace cluster-base publishes, and no other tenant", () => {
    const tenantPolicies = runtime.ofType(POLICY).filter((policy) => policy.name.startsWith("scrape-tenant-"));
    expect(tenantPolicies.map((policy) => [policy.inputs.metadata.namespace, policy.inputs.spec.ingress[0].ports])).toEqual([
      ["degenquest", [{ protocol: "TCP", port: 8888 }]],
    ]);
    expect(tenantPolicies[0]!.inputs.spec.podSelector).toEqual({ matchLabels: {} });
  });
});

describe("ScrapeLinks with a component that runs only in some environments", () => {
  it("scrapes it under the same names as a component always there, where its Output resolves to its pods", async () => {
    const runtime = await mockRuntime();
    new ScrapeLinks("scrape", { ...args, components: { "cert-manager": certManager, "ingress-nginx": pulumi.output(ingressNginx) } });
    await runtime.settled();
    expect(runtime.one(POD_MONITOR, "scrape-ingress-nginx").inputs.spec).toEqual({
      namespaceSelector: { matchNames: ["ingress-nginx"] },
      selector: { matchLabels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" } },
      podMetricsEndpoints: [{ portNumber: 10254, path: "/metrics", interval: "30s", honorLabels: true }],
    });
    expect(runtime.one(POLICY, "scrape-ingress-nginx").inputs.spec.ingress[0].ports).toEqual([{ protocol: "TCP", port: 10254 }]);
  });

  it("declares nothing for it where its Output resolves to nothing, and still scrapes the others", async () => {
    const runtime = await mockRuntime();
    new ScrapeLinks("scrape", { ...args, components: { "cert-manager": certManager, "ingress-nginx": pulumi.output(undefined) } });
    await runtime.settled();
    expect(runtime.ofType(POD_MONITOR).map((monitor) => monitor.name)).toEqual(["scrape-cert-manager"]);
    expect(runtime.ofType(POLICY).map((policy) => policy.inputs.metadata.namespace).sort()).toEqual(["cert-manager", "degenquest"]);
  });
});

describe("tenantNamespace", () => {
  it("names a scraped tenant that cluster-base does not publish, with the tenants it does", () => {
    expect(tenantNamespace({ degenquest: { namespace: "degenquest", imagePullSecret: "" } }, "degen-quest")).toEqual({
      problem:
        "observability:scrapedTenants.degen-quest is not a tenant of the cluster-base stack (tenants: degenquest): " +
        "remove it or add the tenant to cluster-base first",
    });
    expect(tenantNamespace({}, "degenquest")).toMatchObject({ problem: expect.stringContaining("(tenants: none)") });
  });
});
