import { restrictedContainerSecurity, restrictedPodSecurity } from "@platform/kubernetes";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { platformNamespace } from "./namespace";

/** Chart pinned so that an upgrade is a reviewed change, never a surprise on the next deploy. */
export const CERT_MANAGER_CHART = {
  chart: "cert-manager",
  version: "v1.21.1",
  repository: "https://charts.jetstack.io",
} as const;

const RELEASE_NAME = "cert-manager";
export const CERT_MANAGER_METRICS_PORT = 9402;

/** Labels the chart gives the cert-manager controller's pods. */
export const CERT_MANAGER_POD_LABELS: Readonly<Record<string, string>> = {
  "app.kubernetes.io/name": "cert-manager",
  "app.kubernetes.io/instance": RELEASE_NAME,
  "app.kubernetes.io/component": "controller",
};

/** Where cert-manager runs, and the resource whose creation installs its CRDs (none when preinstalled). */
export interface CertManagerInstallation {
  readonly namespace: pulumi.Output<string>;
  readonly podLabels: Readonly<Record<string, string>>;
  readonly crds?: pulumi.Resource;
}

/** A cert-manager that the cluster already runs in namespace `cert-manager`, with its CRDs. */
export function preinstalledCertManager(): CertManagerInstallation {
  return { namespace: pulumi.output("cert-manager"), podLabels: CERT_MANAGER_POD_LABELS };
}

export interface CertManagerArgs {
  /** Replicas of the controller, the webhook and the CA injector. @default 1; 2 or more adds disruption budgets and spreading */
  readonly replicas?: number;
  /** @default "cert-manager" */
  readonly namespace?: string;
  /**
   * Issues certificates for Gateways from their `cert-manager.io/cluster-issuer` annotation. The
   * Gateway API CRDs must exist before cert-manager starts (DOKS installs them with the cluster).
   * @default false
   */
  readonly gatewayApi?: boolean;
}

export function certManagerArgsProblems(args: CertManagerArgs): string[] {
  const replicas = args.replicas ?? 1;
  return Number.isInteger(replicas) && replicas >= 1 ? [] : [`replicas is ${replicas}: expected a whole number of at least 1`];
}

type Quantities = { readonly cpu: string; readonly memory: string };

/**
 * cert-manager, which obtains and renews the TLS certificates that Ingresses ask for. Its CRDs
 * are installed and upgraded by the chart and kept if the release is ever removed, so that
 * removing it never deletes every Certificate in the cluster.
 */
export class CertManager extends pulumi.ComponentResource implements CertManagerInstallation {
  readonly release: k8s.helm.v3.Release;
  readonly namespace: pulumi.Output<string>;
  readonly podLabels = CERT_MANAGER_POD_LABELS;
  readonly metricsPort = CERT_MANAGER_METRICS_PORT;
  /** The release that installs cert-manager's CRDs. */
  get crds(): pulumi.Resource {
    return this.release;
  }

  constructor(name: string, args: CertManagerArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super("platform:networking:CertManager", name, {}, opts);
    const problems = certManagerArgsProblems(args);
    if (problems.length > 0) throw new pulumi.ResourceError(`CertManager ${name}:\n  - ${problems.join("\n  - ")}`, this);
    const replicas = args.replicas ?? 1;

    const namespace = platformNamespace(`${name}-namespace`, args.namespace ?? "cert-manager", "restricted", { parent: this });
    this.namespace = namespace.metadata.name;

    // Each of the chart's three deployments gets the same shape: its own resources, and above one
    // replica a disruption budget and a spread across nodes.
    const component = (chartName: string, componentName: string, requests: Quantities, limits: Quantities) => ({
      replicaCount: replicas,
      podDisruptionBudget: replicas > 1 ? { enabled: true, maxUnavailable: 1 } : { enabled: false },
      topologySpreadConstraints:
        replicas > 1
          ? [
              {
                maxSkew: 1,
                topologyKey: "kubernetes.io/hostname",
                whenUnsatisfiable: "ScheduleAnyway",
                labelSelector: {
                  matchLabels: {
                    "app.kubernetes.io/name": chartName,
                    "app.kubernetes.io/instance": RELEASE_NAME,
                    "app.kubernetes.io/component": componentName,
                  },
                },
              },
            ]
          : [],
      resources: { requests, limits },
      securityContext: restrictedPodSecurity(),
      containerSecurityContext: restrictedContainerSecurity(),
    });

    this.release = new k8s.helm.v3.Release(
      name,
      {
        name: RELEASE_NAME,
        namespace: this.namespace,
        chart: CERT_MANAGER_CHART.chart,
        version: CERT_MANAGER_CHART.version,
        repositoryOpts: { repo: CERT_MANAGER_CHART.repository },
        atomic: true,
        values: {
          crds: { enabled: true, keep: true },
          ...component("cert-manager", "controller", { cpu: "50m", memory: "128Mi" }, { cpu: "500m", memory: "512Mi" }),
          ...(args.gatewayApi ? { extraArgs: ["--enable-gateway-api"] } : {}),
          webhook: component("webhook", "webhook", { cpu: "20m", memory: "64Mi" }, { cpu: "200m", memory: "128Mi" }),
          cainjector: component("cainjector", "cainjector", { cpu: "20m", memory: "128Mi" }, { cpu: "200m", memory: "512Mi" }),
          startupapicheck: {
            resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "100m", memory: "64Mi" } },
            securityContext: restrictedPodSecurity(),
            containerSecurityContext: restrictedContainerSecurity(),
          },
          // Metrics stay on; scraping them is configured by the observability layer.
          prometheus: { enabled: true, servicemonitor: { enabled: false }, podmonitor: { enabled: false } },
        },
      },
      { parent: this },
    );

    this.registerOutputs({ namespace: this.namespace, status: this.release.status });
  }
}
