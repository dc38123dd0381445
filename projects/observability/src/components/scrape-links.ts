import type { TenantNamespace } from "@platform/cluster-base-contract";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MANAGED_BY, MONITOR_LABELS, PROMETHEUS_POD_LABELS } from "./labels";

/** Port of cert-manager's controller metrics (the chart's default). */
export const CERT_MANAGER_METRICS_PORT = 9402;

/** Pods of a lower layer that serve Prometheus metrics, as that layer's contract publishes them. */
export interface MetricsSource {
  readonly namespace: pulumi.Input<string>;
  readonly podLabels: pulumi.Input<Record<string, string>>;
  readonly metricsPort: pulumi.Input<number>;
}

export interface ScrapeLinksArgs {
  /** Namespace of Prometheus, where the monitors live. */
  readonly monitoringNamespace: pulumi.Input<string>;
  /**
   * Platform components to scrape, keyed by a short name (`ingress-nginx`, `cert-manager`). One that
   * runs only in some environments is an Output that resolves to nothing where it does not run.
   */
  readonly components: Readonly<Record<string, MetricsSource | pulumi.Output<MetricsSource | undefined>>>;
  /** Tenants whose pods Prometheus may reach, with the ports their metrics listen on. */
  readonly scrapedTenants: Readonly<Record<string, { readonly metricsPorts: readonly number[] }>>;
  /** Tenant namespaces that cluster-base created, keyed by tenant. */
  readonly tenants: pulumi.Input<Record<string, TenantNamespace>>;
  /** The release that installs the PodMonitor resource type. @default none: the type already exists */
  readonly monitoringCrds?: pulumi.Resource;
}

/**
 * The namespace cluster-base published for a tenant, or the problem: a tenant renamed or removed
 * there fails with its name rather than putting a policy in a namespace nobody owns.
 */
export function tenantNamespace(tenants: Readonly<Record<string, TenantNamespace>>, tenant: string): { namespace: string } | { problem: string } {
  const found = tenants[tenant];
  if (found) return { namespace: found.namespace };
  return {
    problem:
      `observability:scrapedTenants.${tenant} is not a tenant of the cluster-base stack ` +
      `(tenants: ${Object.keys(tenants).join(", ") || "none"}): remove it or add the tenant to cluster-base first`,
  };
}

/**
 * What lets Prometheus reach the layers below it: a PodMonitor for each platform component (the
 * ingress controller, cert-manager), and in each of their namespaces and each scraped tenant a NetworkPolicy that
 * admits Prometheus's pods to the metrics ports, whatever deny-by-default policy they carry.
 */
export class ScrapeLinks extends pulumi.ComponentResource {
  constructor(name: string, args: ScrapeLinksArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:observability:ScrapeLinks", name, {}, opts);
    const crds = args.monitoringCrds ? [args.monitoringCrds] : [];

    const podMonitor = (suffix: string, source: MetricsSource) =>
      new k8s.apiextensions.CustomResource(
        `${name}-${suffix}`,
        {
          apiVersion: "monitoring.coreos.com/v1",
          kind: "PodMonitor",
          metadata: { name: suffix, namespace: args.monitoringNamespace, labels: { ...MANAGED_BY, ...MONITOR_LABELS } },
          spec: {
            namespaceSelector: { matchNames: [source.namespace] },
            selector: { matchLabels: source.podLabels },
            // Keep the metric's own `namespace` label (the Ingress's namespace, which SLOs select
            // on) rather than renaming it `exported_namespace`.
            podMetricsEndpoints: [{ portNumber: source.metricsPort, path: "/metrics", interval: "30s", honorLabels: true }],
          },
        },
        { parent: this, dependsOn: crds },
      );

    const allowPrometheus = (
      suffix: string,
      namespace: pulumi.Input<string>,
      podSelector: pulumi.Input<Record<string, string>>,
      ports: readonly pulumi.Input<number>[],
    ) =>
      new k8s.networking.v1.NetworkPolicy(
        `${name}-${suffix}`,
        {
          metadata: { name: "allow-prometheus-scrape", namespace, labels: MANAGED_BY },
          spec: {
            podSelector: { matchLabels: podSelector },
            policyTypes: ["Ingress"],
            ingress: [
              {
                from: [
                  {
                    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": args.monitoringNamespace } },
                    podSelector: { matchLabels: { ...PROMETHEUS_POD_LABELS } },
                  },
                ],
                ports: ports.map((port) => ({ protocol: "TCP", port })),
              },
            ],
          },
        },
        { parent: this },
      );

    const scrape = (component: string, source: MetricsSource) => {
      podMonitor(component, source);
      allowPrometheus(component, source.namespace, source.podLabels, [source.metricsPort]);
    };
    for (const [component, source] of Object.entries(args.components)) {
      if (pulumi.Output.isInstance(source)) source.apply((resolved) => resolved && scrape(component, resolved));
      else scrape(component, source);
    }
    for (const [tenant, { metricsPorts }] of Object.entries(args.scrapedTenants)) {
      const namespace = pulumi.output(args.tenants).apply((tenants) => {
        const found = tenantNamespace(tenants, tenant);
        if ("problem" in found) throw new pulumi.ResourceError(found.problem, this);
        return found.namespace;
      });
      allowPrometheus(`tenant-${tenant}`, namespace, {}, metricsPorts);
    }
    this.registerOutputs({});
  }
}
