/**
 * How the platform watches a service: Prometheus scrapes its metrics port (ServiceMonitor), the
 * blackbox exporter calls its public URL from outside (Probe), its availability SLO is measured at
 * the edge, and Grafana shows its dashboard.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { applicationDashboard, dashboardConfigMapData } from "@platform/dashboards";
import { AvailabilitySlo } from "@platform/slo";
import type { PublicEdge } from "@platform/networking-contract";
import type { ResolvedServiceArgs } from "./defaults";

export interface MonitoringTarget {
  readonly name: string;
  readonly namespace: pulumi.Input<string>;
  readonly labels: Readonly<Record<string, string>>;
  readonly selectorLabels: Readonly<Record<string, string>>;
  readonly parent: pulumi.Resource;
}

const withLabels = (own: Readonly<Record<string, string>>, extra: pulumi.Input<Readonly<Record<string, string>>>) =>
  pulumi.output(extra).apply((labels) => ({ ...own, ...labels }));

/** Scrapes the metrics port of the service's ClusterIP Service. */
export function serviceMonitor(
  target: MonitoringTarget,
  metrics: NonNullable<ResolvedServiceArgs["metrics"]>,
  monitorLabels: pulumi.Input<Readonly<Record<string, string>>>,
): k8s.apiextensions.CustomResource {
  return new k8s.apiextensions.CustomResource(
    `${target.name}-service-monitor`,
    {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "ServiceMonitor",
      metadata: { name: target.name, namespace: target.namespace, labels: withLabels(target.labels, monitorLabels) },
      spec: {
        selector: { matchLabels: { ...target.selectorLabels } },
        endpoints: [{ port: metrics.port, path: metrics.path, interval: `${metrics.intervalSeconds}s`, scheme: "http" }],
      },
    },
    { parent: target.parent },
  );
}

/**
 * Splits the contract's in-cluster address of the blackbox exporter into what a Probe's prober
 * takes. The address may come as a URL or as a bare `host:port`, which is plain HTTP.
 */
export function proberOf(blackboxExporterUrl: string): { url: string; scheme: string; path: string } {
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(blackboxExporterUrl) ? blackboxExporterUrl : `http://${blackboxExporterUrl}`);
  const path = url.pathname.replace(/\/+$/, "");
  return { url: url.host, scheme: url.protocol.replace(":", ""), path: `${path}/probe` };
}

/** Calls the public URL through the blackbox exporter, as a user would: DNS, TLS and the ingress included. */
export function publicProbe(
  target: MonitoringTarget,
  publicUrl: pulumi.Input<string>,
  blackboxExporterUrl: pulumi.Input<string>,
  monitorLabels: pulumi.Input<Readonly<Record<string, string>>>,
): k8s.apiextensions.CustomResource {
  return new k8s.apiextensions.CustomResource(
    `${target.name}-probe`,
    {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "Probe",
      metadata: { name: target.name, namespace: target.namespace, labels: withLabels(target.labels, monitorLabels) },
      spec: {
        jobName: probeJobOf(target.name),
        interval: "60s",
        module: "http_2xx",
        prober: pulumi.output(blackboxExporterUrl).apply(proberOf),
        targets: {
          staticConfig: {
            static: [publicUrl],
            labels: { service: target.name, namespace: target.namespace },
          },
        },
      },
    },
    { parent: target.parent },
  );
}

/** The Probe job that {@link publicProbe} names. */
export const probeJobOf = (name: string) => `probe-${name}`;

/**
 * The availability objective, measured where the edge that DNS points at allows: the Ingress's
 * requests on ingress-nginx; on the gateway, whose managed proxy publishes no per-route request
 * metrics, the public probe's successes.
 */
export function availabilitySlo(
  target: MonitoringTarget,
  primaryEdge: pulumi.Input<PublicEdge["kind"]>,
  objective: number,
  ruleLabels: pulumi.Input<Readonly<Record<string, string>>>,
): AvailabilitySlo {
  const measuredBy = pulumi
    .output(primaryEdge)
    .apply((kind) => (kind === "ingress-nginx" ? { ingressName: target.name } : { probeJob: probeJobOf(target.name) }));
  return new AvailabilitySlo(
    `${target.name}-availability`,
    { namespace: target.namespace, measuredBy, objective, ruleLabels: ruleLabels as pulumi.Input<Record<string, string>> },
    { parent: target.parent },
  );
}

/** The application's Grafana dashboard, in a ConfigMap that Grafana's sidecar loads from any namespace. */
export function dashboardConfigMap(
  target: MonitoringTarget,
  dashboardLabels: pulumi.Input<Readonly<Record<string, string>>>,
): k8s.core.v1.ConfigMap {
  return new k8s.core.v1.ConfigMap(
    `${target.name}-dashboard`,
    {
      metadata: { name: `${target.name}-dashboard`, namespace: target.namespace, labels: withLabels(target.labels, dashboardLabels) },
      data: pulumi
        .output(target.namespace)
        .apply((namespace) => dashboardConfigMapData(applicationDashboard({ app: target.name, namespace }))),
    },
    { parent: target.parent },
  );
}
