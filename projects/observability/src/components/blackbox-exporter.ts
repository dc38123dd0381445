import { restrictedContainerSecurity } from "@platform/kubernetes";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MANAGED_BY, MONITOR_LABELS } from "./labels";
import { containerResources, LAYER_POD_SECURITY } from "./security";

/** Chart pinned so that an upgrade is a reviewed change, never a surprise on the next deploy. */
export const BLACKBOX_EXPORTER_CHART = {
  chart: "prometheus-blackbox-exporter",
  version: "11.17.2",
  repository: "https://prometheus-community.github.io/helm-charts",
} as const;

const SERVICE = "blackbox-exporter";
const PORT = 9115;

/** Probe modules: any 2xx answer, or a 2xx answer over valid TLS only. */
export const HTTP_MODULE = "http_2xx";
export const HTTPS_MODULE = "https_2xx";

export interface BlackboxExporterArgs {
  readonly namespace: pulumi.Input<string>;
  /** Public URLs to probe from inside the cluster, keyed by a short name (`grafana`). */
  readonly targets: Readonly<Record<string, pulumi.Input<string>>>;
  /** @default 1 */
  readonly replicas?: number;
  /** The release that installs the Probe resource type (kube-prometheus-stack). @default none: the type already exists */
  readonly monitoringCrds?: pulumi.Resource;
  /**
   * Installs the exporter from its chart. Off where the cluster already runs one as Service
   * `blackbox-exporter` in this namespace with the modules {@link HTTP_MODULE} and {@link HTTPS_MODULE}:
   * only the Probes are created. @default true
   */
  readonly installChart?: boolean;
}

/**
 * The blackbox exporter, which checks public endpoints the way a user reaches them (DNS, TLS,
 * ingress), and a Probe for each platform endpoint. Apps add Probes of their own against
 * {@link BlackboxExporter.url}, with the module {@link HTTP_MODULE} or {@link HTTPS_MODULE}.
 */
export class BlackboxExporter extends pulumi.ComponentResource {
  /** In-cluster URL of the exporter (`http://host:port`); a Probe's `spec.prober.url` takes its host and port. */
  readonly url: pulumi.Output<string>;

  constructor(name: string, args: BlackboxExporterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:observability:BlackboxExporter", name, {}, opts);
    const replicas = args.replicas ?? 1;

    const release = args.installChart === false ? undefined : new k8s.helm.v3.Release(
      name,
      {
        name: SERVICE,
        namespace: args.namespace,
        chart: BLACKBOX_EXPORTER_CHART.chart,
        version: BLACKBOX_EXPORTER_CHART.version,
        repositoryOpts: { repo: BLACKBOX_EXPORTER_CHART.repository },
        atomic: true,
        values: {
          fullnameOverride: SERVICE,
          replicas,
          resources: containerResources({ cpuRequest: "25m", memoryRequest: "32Mi", cpuLimit: "200m", memoryLimit: "64Mi" }),
          podSecurityContext: LAYER_POD_SECURITY,
          securityContext: restrictedContainerSecurity(),
          automountServiceAccountToken: false,
          // The chart probes /health for liveness and readiness.
          config: {
            modules: {
              [HTTP_MODULE]: { prober: "http", timeout: "10s", http: { preferred_ip_protocol: "ip4", follow_redirects: true } },
              [HTTPS_MODULE]: {
                prober: "http",
                timeout: "10s",
                http: { preferred_ip_protocol: "ip4", follow_redirects: true, fail_if_not_ssl: true },
              },
            },
          },
          podDisruptionBudget: replicas > 1 ? { maxUnavailable: 1 } : {},
        },
      },
      { parent: this },
    );

    const prober = pulumi.interpolate`${SERVICE}.${args.namespace}.svc:${PORT}`;
    this.url = pulumi.interpolate`http://${prober}`;

    for (const [target, url] of Object.entries(args.targets)) {
      new k8s.apiextensions.CustomResource(
        `${name}-probe-${target}`,
        {
          apiVersion: "monitoring.coreos.com/v1",
          kind: "Probe",
          metadata: { name: target, namespace: args.namespace, labels: { ...MANAGED_BY, ...MONITOR_LABELS } },
          spec: {
            jobName: `probe-${target}`,
            interval: "60s",
            module: HTTPS_MODULE,
            prober: { url: prober, scheme: "http" },
            targets: { staticConfig: { static: [url] } },
          },
        },
        { parent: this, dependsOn: [release, args.monitoringCrds].filter((dependency) => dependency !== undefined) },
      );
    }
    this.registerOutputs({ url: this.url });
  }
}
