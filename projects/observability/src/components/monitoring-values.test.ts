import { describe, expect, it } from "vitest";
import { GRAFANA_SERVICE, kubePrometheusStackValues, type MonitoringValuesInput } from "./monitoring-values";

/**
 * kube-prometheus-stack 88.5.3's defaults for `prometheus.podDisruptionBudget` and
 * `alertmanager.podDisruptionBudget` (values.yaml; 77.11.1 has the same): `maxUnavailable` is
 * only a comment there.
 */
const CHART_BUDGET_DEFAULTS = { enabled: false, minAvailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow" };

/**
 * The spec the chart writes for a budget: `toYaml (omit .Values.<component>.podDisruptionBudget
 * "enabled")` over Helm's merge of its defaults with our values, in which a null value removes
 * the default.
 */
function renderedBudgetSpec(budget: object): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...CHART_BUDGET_DEFAULTS, ...budget };
  return Object.fromEntries(Object.entries(merged).filter(([key, value]) => key !== "enabled" && value !== null && value !== undefined));
}

const RESTRICTED_POD = { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } };
const RESTRICTED_CONTAINER = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

const input: MonitoringValuesInput = {
  storageClass: "do-block-storage",
  prometheus: {
    retention: "15d",
    storageSize: "50Gi",
    replicas: 2,
    resources: { cpuRequest: "500m", memoryRequest: "2Gi", cpuLimit: "2", memoryLimit: "4Gi" },
  },
  alertmanager: {
    replicas: 2,
    storageSize: "2Gi",
    configSecret: "alertmanager-config",
    endpoint: { host: "alertmanager.staging.degenquest.gg", ingressClassName: "nginx", clusterIssuer: "letsencrypt-production" },
  },
  grafana: {
    adminSecret: "grafana-admin",
    replicas: 1,
    endpoint: { host: "grafana.staging.degenquest.gg", ingressClassName: "nginx", clusterIssuer: "letsencrypt-production" },
  },
};

describe("kubePrometheusStackValues", () => {
  const values = kubePrometheusStackValues(input);
  const spec = values.prometheus.prometheusSpec;

  it("selects monitors, probes and rules in every namespace by the labels the contract publishes", () => {
    for (const kind of ["serviceMonitor", "podMonitor", "probe"]) {
      expect(spec[`${kind}Selector`]).toEqual({ matchLabels: { release: "kube-prometheus-stack" } });
      expect(spec[`${kind}NamespaceSelector`]).toEqual({});
      expect(spec[`${kind}SelectorNilUsesHelmValues`]).toBe(false);
    }
    expect(spec.ruleSelector).toEqual({ matchLabels: { release: "kube-prometheus-stack" } });
    expect(spec.ruleNamespaceSelector).toEqual({});
  });

  it("keeps Prometheus's samples for the retention on a volume of the configured size and class", () => {
    expect(spec).toMatchObject({
      retention: "15d",
      replicas: 2,
      podAntiAffinity: "soft",
      storageSpec: {
        volumeClaimTemplate: {
          spec: { storageClassName: "do-block-storage", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "50Gi" } } },
        },
      },
      resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } },
    });
    expect(values.prometheus.ingress).toEqual({ enabled: false });
  });

  it("publishes Grafana and Alertmanager through the ingress class with a certificate from the cluster issuer", () => {
    expect(values.grafana.ingress).toEqual({
      enabled: true,
      ingressClassName: "nginx",
      annotations: { "cert-manager.io/cluster-issuer": "letsencrypt-production" },
      hosts: ["grafana.staging.degenquest.gg"],
      path: "/",
      tls: [{ secretName: "grafana-tls", hosts: ["grafana.staging.degenquest.gg"] }],
    });
    expect(values.alertmanager.ingress).toEqual({
      enabled: true,
      ingressClassName: "nginx",
      annotations: { "cert-manager.io/cluster-issuer": "letsencrypt-production" },
      hosts: ["alertmanager.staging.degenquest.gg"],
      paths: ["/"],
      pathType: "Prefix",
      tls: [{ secretName: "alertmanager-tls", hosts: ["alertmanager.staging.degenquest.gg"] }],
    });
    expect(values.alertmanager.alertmanagerSpec.externalUrl).toBe("https://alertmanager.staging.degenquest.gg");
  });

  it("makes no chart Ingress where ingress-nginx does not serve, while Grafana and Alertmanager keep their public URLs", () => {
    const { ingressClassName: _grafanaClass, ...grafanaEndpoint } = input.grafana.endpoint;
    const { ingressClassName: _alertmanagerClass, ...alertmanagerEndpoint } = input.alertmanager.endpoint;
    const gatewayOnly = kubePrometheusStackValues({
      ...input,
      grafana: { ...input.grafana, replicas: 2, endpoint: grafanaEndpoint },
      alertmanager: { ...input.alertmanager, endpoint: alertmanagerEndpoint },
    });
    expect(gatewayOnly.grafana.ingress).toEqual({ enabled: false });
    expect(gatewayOnly.alertmanager.ingress).toEqual({ enabled: false });
    expect(gatewayOnly.grafana["grafana.ini"]).toMatchObject({ server: { root_url: "https://grafana.staging.degenquest.gg" } });
    expect(gatewayOnly.grafana.fullnameOverride).toBe(GRAFANA_SERVICE.name);
    expect(gatewayOnly.alertmanager.alertmanagerSpec.externalUrl).toBe("https://alertmanager.staging.degenquest.gg");
  });

  it("reads Grafana's admin credentials and Alertmanager's routing from Secrets, never from values", () => {
    expect(values.grafana.admin).toEqual({ existingSecret: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" });
    expect(values.alertmanager.alertmanagerSpec).toMatchObject({ useExistingSecret: true, configSecret: "alertmanager-config" });
    expect(JSON.stringify(values)).not.toMatch(/adminPassword|api_url|routing_key/);
  });

  it("lets Grafana's sidecar load dashboards labelled grafana_dashboard=1 from every namespace, on the data source uid dashboards use", () => {
    expect(values.grafana.sidecar).toEqual({
      resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "200m", memory: "128Mi" } },
      securityContext: RESTRICTED_CONTAINER,
      dashboards: { enabled: true, label: "grafana_dashboard", labelValue: "1", searchNamespace: "ALL" },
      datasources: { enabled: true, defaultDatasourceEnabled: true, uid: "prometheus" },
    });
  });

  it("turns off the chart's rules that the platform alerts replace", () => {
    expect(values.defaultRules).toEqual({
      create: true,
      disabled: { KubeNodeNotReady: true, KubePodCrashLooping: true, KubePersistentVolumeFillingUp: true },
    });
  });

  it("runs Prometheus, Alertmanager, Grafana and the operator as non-root with requests and limits", () => {
    expect(spec.securityContext).toEqual(RESTRICTED_POD);
    expect(values.alertmanager.alertmanagerSpec.securityContext).toEqual(RESTRICTED_POD);
    expect(values.alertmanager.alertmanagerSpec.resources).toEqual({ requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "200m", memory: "256Mi" } });
    expect(values.prometheusOperator).toEqual({
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
      securityContext: RESTRICTED_POD,
      containerSecurityContext: RESTRICTED_CONTAINER,
    });
    // Grafana's image runs as user 472, which owns its data directory.
    expect(values.grafana.securityContext).toEqual({ ...RESTRICTED_POD, runAsUser: 472, runAsGroup: 472, fsGroup: 472 });
    expect(values.grafana.containerSecurityContext).toEqual(RESTRICTED_CONTAINER);
    expect(values.grafana.resources).toEqual({ requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } });
  });

  it("installs the operator's CRDs and upgrades them with the chart through its hook job, restricted and bounded", () => {
    expect(values.crds).toEqual({
      enabled: true,
      upgradeJob: {
        enabled: true,
        image: { busybox: { tag: "1.37.0" } },
        resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
        podSecurityContext: RESTRICTED_POD,
        containerSecurityContext: RESTRICTED_CONTAINER,
      },
    });
  });

  it("runs a single replica without anti-affinity or a disruption budget", () => {
    const single = kubePrometheusStackValues({
      ...input,
      prometheus: { ...input.prometheus, replicas: 1 },
      alertmanager: { ...input.alertmanager, replicas: 1 },
    });
    expect(single.prometheus.prometheusSpec.podAntiAffinity).toBeUndefined();
    expect(single.alertmanager.alertmanagerSpec.podAntiAffinity).toBeUndefined();
    expect(single.prometheus.podDisruptionBudget.enabled).toBe(false);
    expect(single.alertmanager.podDisruptionBudget.enabled).toBe(false);
  });

  it("lets a drain take one replica of Prometheus and Alertmanager at a time, in a budget the API server accepts", () => {
    expect(values.prometheus.podDisruptionBudget.enabled).toBe(true);
    expect(values.alertmanager.podDisruptionBudget.enabled).toBe(true);
    expect(renderedBudgetSpec(values.prometheus.podDisruptionBudget)).toEqual({ minAvailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow" });
    expect(renderedBudgetSpec(values.alertmanager.podDisruptionBudget)).toEqual({ minAvailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow" });
    const three = kubePrometheusStackValues({
      ...input,
      prometheus: { ...input.prometheus, replicas: 3 },
      alertmanager: { ...input.alertmanager, replicas: 3 },
    });
    expect(renderedBudgetSpec(three.prometheus.podDisruptionBudget)).toEqual({ minAvailable: 2, unhealthyPodEvictionPolicy: "AlwaysAllow" });
    expect(renderedBudgetSpec(three.alertmanager.podDisruptionBudget)).toEqual({ minAvailable: 2, unhealthyPodEvictionPolicy: "AlwaysAllow" });
  });

  it("never hands the chart a budget with both minAvailable and maxUnavailable, which Kubernetes refuses", () => {
    for (const replicas of [2, 3, 5]) {
      const budgets = kubePrometheusStackValues({
        ...input,
        prometheus: { ...input.prometheus, replicas },
        alertmanager: { ...input.alertmanager, replicas },
      });
      for (const budget of [budgets.prometheus.podDisruptionBudget, budgets.alertmanager.podDisruptionBudget]) {
        expect(Object.keys(renderedBudgetSpec(budget)).filter((key) => key === "minAvailable" || key === "maxUnavailable")).toHaveLength(1);
      }
    }
  });

  it("keeps each Grafana user on one replica when there are several, since logins live in each replica's database", () => {
    expect(values.grafana.podDisruptionBudget).toBeUndefined();
    expect((values.grafana.ingress as { annotations: object }).annotations).not.toHaveProperty("nginx.ingress.kubernetes.io/affinity");
    const two = kubePrometheusStackValues({ ...input, grafana: { ...input.grafana, replicas: 2 } });
    expect(two.grafana).toMatchObject({
      replicas: 2,
      podDisruptionBudget: { maxUnavailable: 1 },
      ingress: { annotations: { "nginx.ingress.kubernetes.io/affinity": "cookie", "cert-manager.io/cluster-issuer": "letsencrypt-production" } },
    });
  });
});
