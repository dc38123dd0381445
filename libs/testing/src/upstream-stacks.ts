/**
 * What the platform's upstream stacks export in each environment, written out from the offline
 * plan (`npm run plan -- --project observability`), for tests of the programs that read them.
 * Values only a provider knows read as the plan shows them (`<known after deploy: …>`); the
 * kubeconfig of a DigitalOcean cluster, a secret the plan masks, is a minimal stand-in.
 */
import type { MockRuntimeOptions } from "./mock-runtime";

export const PLATFORM_ENVIRONMENTS = ["local", "e2e", "dev", "staging", "production"] as const;
export type PlatformEnvironment = (typeof PLATFORM_ENVIRONMENTS)[number];
export type UpstreamProject = "cluster-base" | "networking" | "observability";

type Outputs = Readonly<Record<string, unknown>>;

const DO_KUBECONFIG = "apiVersion: v1\nkind: Config\n";

const CLUSTER_BASE: Record<PlatformEnvironment, Outputs> = {
  local: {
    clusterMode: "local",
    clusterName: "kind-degen",
    environment: "local",
    kubeconfig: "",
    kubeContext: "kind-degen",
    kubernetesVersion: "local",
    registryServer: "localhost:5001",
    storageClass: "standard",
    tenants: {
      degenquest: { namespace: "degenquest", imagePullSecret: "" },
      "pioneer-agent": { namespace: "pioneer-agent", imagePullSecret: "" },
    },
  },
  e2e: {
    clusterMode: "local",
    clusterName: "platform-e2e",
    environment: "e2e",
    kubeconfig: "",
    kubeContext: "platform-e2e",
    kubernetesVersion: "local",
    registryServer: "registry.digitalocean.com/pioneer",
    storageClass: "do-block-storage",
    tenants: {
      degenquest: { namespace: "degenquest", imagePullSecret: "" },
      "pioneer-agent": { namespace: "pioneer-agent", imagePullSecret: "" },
    },
  },
  dev: {
    clusterMode: "existing",
    clusterName: "do-cluster-2b9226d",
    environment: "dev",
    kubeconfig: DO_KUBECONFIG,
    kubeContext: "",
    kubernetesVersion: "<known after deploy: Kubernetes version of cluster do-cluster-2b9226d>",
    registryServer: "registry.digitalocean.com/pioneer",
    storageClass: "do-block-storage",
    tenants: {
      degenquest: { namespace: "degenquest", imagePullSecret: "registry-pull" },
      "pioneer-agent": { namespace: "pioneer-agent", imagePullSecret: "registry-pull" },
    },
  },
  staging: {
    clusterMode: "create",
    clusterName: "degen-staging",
    environment: "staging",
    kubeconfig: DO_KUBECONFIG,
    kubeContext: "",
    kubernetesVersion: "<known after deploy: newest DOKS release of 1.33.x>",
    registryServer: "registry.digitalocean.com/pioneer",
    storageClass: "do-block-storage",
    tenants: {
      degenquest: { namespace: "degenquest", imagePullSecret: "registry-pull" },
      "pioneer-agent": { namespace: "pioneer-agent", imagePullSecret: "registry-pull" },
    },
  },
  production: {
    clusterMode: "create",
    clusterName: "degen-production",
    environment: "production",
    kubeconfig: DO_KUBECONFIG,
    kubeContext: "",
    kubernetesVersion: "<known after deploy: newest DOKS release of 1.33.x>",
    registryServer: "registry.digitalocean.com/pioneer",
    storageClass: "do-block-storage",
    tenants: {
      degenquest: { namespace: "degenquest", imagePullSecret: "registry-pull" },
      "pioneer-agent": { namespace: "pioneer-agent", imagePullSecret: "registry-pull" },
    },
  },
};

const NETWORKING: Record<PlatformEnvironment, Outputs> = {
  local: {
    baseDomain: "localtest.me",
    certManagerNamespace: "cert-manager",
    certManagerPodLabels: {
      "app.kubernetes.io/name": "cert-manager",
      "app.kubernetes.io/instance": "cert-manager",
      "app.kubernetes.io/component": "controller",
    },
    clusterIssuer: "selfsigned",
    clusterIssuers: {
      selfsigned: "selfsigned",
    },
    ingressClassName: "nginx",
    ingressControllerMetricsPort: 10254,
    ingressControllerNamespace: "ingress-nginx",
    ingressControllerPodLabels: {
      "app.kubernetes.io/name": "ingress-nginx",
      "app.kubernetes.io/instance": "ingress-nginx",
      "app.kubernetes.io/component": "controller",
    },
    loadBalancerAddress: "127.0.0.1",
  },
  e2e: {
    baseDomain: "e2e.localtest.me",
    certManagerNamespace: "cert-manager",
    certManagerPodLabels: {
      "app.kubernetes.io/name": "cert-manager",
      "app.kubernetes.io/instance": "cert-manager",
      "app.kubernetes.io/component": "controller",
    },
    clusterIssuer: "selfsigned",
    clusterIssuers: {
      selfsigned: "selfsigned",
    },
    ingressClassName: "nginx",
    ingressControllerMetricsPort: 10254,
    ingressControllerNamespace: "ingress-nginx",
    ingressControllerPodLabels: {
      "app.kubernetes.io/name": "ingress-nginx",
      "app.kubernetes.io/instance": "ingress-nginx",
      "app.kubernetes.io/component": "controller",
    },
    loadBalancerAddress: "",
  },
  dev: {
    baseDomain: "dev.degenquest.gg",
    certManagerNamespace: "cert-manager",
    certManagerPodLabels: {
      "app.kubernetes.io/name": "cert-manager",
      "app.kubernetes.io/instance": "cert-manager",
      "app.kubernetes.io/component": "controller",
    },
    clusterIssuer: "letsencrypt-staging",
    clusterIssuers: {
      "letsencrypt-staging": "letsencrypt-staging",
      "letsencrypt-production": "letsencrypt-production",
    },
    ingressClassName: "nginx",
    ingressControllerMetricsPort: 10254,
    ingressControllerNamespace: "ingress-nginx",
    ingressControllerPodLabels: {
      "app.kubernetes.io/name": "ingress-nginx",
      "app.kubernetes.io/instance": "ingress-nginx",
      "app.kubernetes.io/component": "controller",
    },
    loadBalancerAddress: "<known after deploy: public IP of load balancer do-cluster-2b9226d-ingress>",
  },
  staging: {
    baseDomain: "staging.degenquest.gg",
    certManagerNamespace: "cert-manager",
    certManagerPodLabels: {
      "app.kubernetes.io/name": "cert-manager",
      "app.kubernetes.io/instance": "cert-manager",
      "app.kubernetes.io/component": "controller",
    },
    clusterIssuer: "letsencrypt-production",
    clusterIssuers: {
      "letsencrypt-staging": "letsencrypt-staging",
      "letsencrypt-production": "letsencrypt-production",
    },
    ingressClassName: "nginx",
    ingressControllerMetricsPort: 10254,
    ingressControllerNamespace: "ingress-nginx",
    ingressControllerPodLabels: {
      "app.kubernetes.io/name": "ingress-nginx",
      "app.kubernetes.io/instance": "ingress-nginx",
      "app.kubernetes.io/component": "controller",
    },
    loadBalancerAddress: "<known after deploy: public IP of load balancer degen-staging-ingress>",
  },
  production: {
    baseDomain: "degenquest.gg",
    certManagerNamespace: "cert-manager",
    certManagerPodLabels: {
      "app.kubernetes.io/name": "cert-manager",
      "app.kubernetes.io/instance": "cert-manager",
      "app.kubernetes.io/component": "controller",
    },
    clusterIssuer: "letsencrypt-production",
    clusterIssuers: {
      "letsencrypt-staging": "letsencrypt-staging",
      "letsencrypt-production": "letsencrypt-production",
    },
    ingressClassName: "nginx",
    ingressControllerMetricsPort: 10254,
    ingressControllerNamespace: "ingress-nginx",
    ingressControllerPodLabels: {
      "app.kubernetes.io/name": "ingress-nginx",
      "app.kubernetes.io/instance": "ingress-nginx",
      "app.kubernetes.io/component": "controller",
    },
    loadBalancerAddress: "<known after deploy: public IP of load balancer degen-production-ingress>",
  },
};

const OBSERVABILITY: Record<PlatformEnvironment, Outputs> = {
  local: {
    alertmanagerUrl: "https://alertmanager.localtest.me",
    blackboxExporterUrl: "http://blackbox-exporter.monitoring.svc:9115",
    dashboardLabels: {
      grafana_dashboard: "1",
    },
    elasticsearchEndpoint: "",
    grafanaUrl: "https://grafana.localtest.me",
    kibanaUrl: "",
    monitorLabels: {
      release: "kube-prometheus-stack",
    },
    namespace: "monitoring",
    prometheusNamespace: "monitoring",
    prometheusPodLabels: {
      "app.kubernetes.io/name": "prometheus",
      "operator.prometheus.io/name": "monitoring-prometheus",
    },
    ruleLabels: {
      release: "kube-prometheus-stack",
    },
  },
  e2e: {
    alertmanagerUrl: "",
    blackboxExporterUrl: "http://blackbox-exporter.monitoring.svc:9115",
    dashboardLabels: {
      grafana_dashboard: "1",
    },
    elasticsearchEndpoint: "",
    grafanaUrl: "",
    kibanaUrl: "",
    monitorLabels: {
      release: "kube-prometheus-stack",
    },
    namespace: "monitoring",
    prometheusNamespace: "monitoring",
    prometheusPodLabels: {
      "app.kubernetes.io/name": "prometheus",
      "operator.prometheus.io/name": "monitoring-prometheus",
    },
    ruleLabels: {
      release: "kube-prometheus-stack",
    },
  },
  dev: {
    alertmanagerUrl: "https://alertmanager.dev.degenquest.gg",
    blackboxExporterUrl: "http://blackbox-exporter.monitoring.svc:9115",
    dashboardLabels: {
      grafana_dashboard: "1",
    },
    elasticsearchEndpoint: "https://logs-es-http.logging.svc:9200",
    grafanaUrl: "https://grafana.dev.degenquest.gg",
    kibanaUrl: "https://kibana.dev.degenquest.gg",
    monitorLabels: {
      release: "kube-prometheus-stack",
    },
    namespace: "monitoring",
    prometheusNamespace: "monitoring",
    prometheusPodLabels: {
      "app.kubernetes.io/name": "prometheus",
      "operator.prometheus.io/name": "monitoring-prometheus",
    },
    ruleLabels: {
      release: "kube-prometheus-stack",
    },
  },
  staging: {
    alertmanagerUrl: "https://alertmanager.staging.degenquest.gg",
    blackboxExporterUrl: "http://blackbox-exporter.monitoring.svc:9115",
    dashboardLabels: {
      grafana_dashboard: "1",
    },
    elasticsearchEndpoint: "https://logs-es-http.logging.svc:9200",
    grafanaUrl: "https://grafana.staging.degenquest.gg",
    kibanaUrl: "https://kibana.staging.degenquest.gg",
    monitorLabels: {
      release: "kube-prometheus-stack",
    },
    namespace: "monitoring",
    prometheusNamespace: "monitoring",
    prometheusPodLabels: {
      "app.kubernetes.io/name": "prometheus",
      "operator.prometheus.io/name": "monitoring-prometheus",
    },
    ruleLabels: {
      release: "kube-prometheus-stack",
    },
  },
  production: {
    alertmanagerUrl: "https://alertmanager.degenquest.gg",
    blackboxExporterUrl: "http://blackbox-exporter.monitoring.svc:9115",
    dashboardLabels: {
      grafana_dashboard: "1",
    },
    elasticsearchEndpoint: "https://logs-es-http.logging.svc:9200",
    grafanaUrl: "https://grafana.degenquest.gg",
    kibanaUrl: "https://kibana.degenquest.gg",
    monitorLabels: {
      release: "kube-prometheus-stack",
    },
    namespace: "monitoring",
    prometheusNamespace: "monitoring",
    prometheusPodLabels: {
      "app.kubernetes.io/name": "prometheus",
      "operator.prometheus.io/name": "monitoring-prometheus",
    },
    ruleLabels: {
      release: "kube-prometheus-stack",
    },
  },
};

const OUTPUTS: Record<UpstreamProject, Record<PlatformEnvironment, Outputs>> = {
  "cluster-base": CLUSTER_BASE,
  networking: NETWORKING,
  observability: OBSERVABILITY,
};

/** The outputs one upstream stack exports in one environment. */
export function upstreamOutputs(project: UpstreamProject, environment: PlatformEnvironment): Record<string, unknown> {
  return structuredClone(OUTPUTS[project][environment]) as Record<string, unknown>;
}

/**
 * The `stackOutputs` of a mock runtime that reads the given upstream stacks of one environment.
 * Pass the upstream contracts to fail fast when an output was added to or removed from one.
 */
export function upstreamStacks(
  environment: PlatformEnvironment,
  projects: readonly UpstreamProject[],
  contracts: Partial<Record<UpstreamProject, { readonly outputs: object }>> = {},
): NonNullable<MockRuntimeOptions["stackOutputs"]> {
  return Object.fromEntries(
    projects.map((project) => {
      const outputs = upstreamOutputs(project, environment);
      const contract = contracts[project];
      if (contract) {
        const expected = Object.keys(contract.outputs).sort().join(", ");
        const actual = Object.keys(outputs).sort().join(", ");
        if (expected !== actual) throw new Error(`${project}'s contract exports ${expected}; the test support has ${actual}`);
      }
      return [`organization/${project}/${environment}`, { outputs, secretOutputNames: project === "cluster-base" ? ["kubeconfig"] : [] }];
    }),
  );
}
