import { restrictedContainerSecurity } from "@platform/kubernetes";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** Chart pinned so that an upgrade is a reviewed change, never a surprise on the next deploy. */
export const METRICS_SERVER_CHART = {
  chart: "metrics-server",
  version: "3.13.1",
  repository: "https://kubernetes-sigs.github.io/metrics-server/",
} as const;

export interface MetricsServerArgs {
  /** @default 1; 2 or more adds a disruption budget so a node drain never removes every replica */
  readonly replicas?: number;
  /**
   * Skips verification of kubelet serving certificates, which kind and minikube sign themselves.
   * @default false
   */
  readonly insecureKubeletTls?: boolean;
}

/** metrics-server, which HorizontalPodAutoscalers and `kubectl top` read resource usage from. */
export class MetricsServer extends pulumi.ComponentResource {
  readonly release: k8s.helm.v3.Release;

  constructor(name: string, args: MetricsServerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cluster-base:MetricsServer", name, {}, opts);
    const replicas = args.replicas ?? 1;
    const insecureKubeletTls = args.insecureKubeletTls ?? false;

    this.release = new k8s.helm.v3.Release(
      name,
      {
        name: "metrics-server",
        namespace: "kube-system",
        chart: METRICS_SERVER_CHART.chart,
        version: METRICS_SERVER_CHART.version,
        repositoryOpts: { repo: METRICS_SERVER_CHART.repository },
        atomic: true,
        values: {
          replicas,
          args: insecureKubeletTls ? ["--kubelet-insecure-tls"] : [],
          resources: {
            requests: { cpu: "100m", memory: "200Mi" },
            limits: { memory: "400Mi" },
          },
          podDisruptionBudget: { enabled: replicas > 1, minAvailable: 1 },
          // The container's context, as the chart's own default user.
          securityContext: restrictedContainerSecurity({ runAsUser: 1000 }),
        },
      },
      { parent: this },
    );
    this.registerOutputs({ status: this.release.status });
  }
}
