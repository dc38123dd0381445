import { describe, expect, it } from "vitest";
import { kubePrometheusStackValues, REPLACED_DEFAULT_RULES, type MonitoringValuesInput } from "./monitoring-values";

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
    expect(values.alertmanager.ingress).toMatchObject({
      tls: [{ secretName: "alertmanager-tls", hosts: ["alertmanager.staging.degenquest.gg"] }],
      hosts: ["alertmanager.staging.degenquest.gg"],
    });
    expect(values.alertmanager.alertmanagerSpec.externalUrl).toBe("https://alertmanager.staging.degenquest.gg");
  });

  it("reads Grafana's admin credentials and Alertmanager's routing from Secrets, never from values", () => {
    expect(values.grafana.admin).toEqual({ existingSecret: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" });
    expect(values.alertmanager.alertmanagerSpec).toMatchObject({ useExistingSecret: true, configSecret: "alertmanager-config" });
    expect(JSON.stringify(values)).not.toMatch(/adminPassword|api_url|routing_key/);
  });

  it("lets Grafana's sidecar load dashboards labelled grafana_dashboard=1 from every namespace, on the data source uid dashboards use", () => {
    expect(values.grafana.sidecar).toMatchObject({
      dashboards: { enabled: true, label: "grafana_dashboard", labelValue: "1", searchNamespace: "ALL" },
      datasources: { uid: "prometheus" },
    });
  });

  it("turns off the chart's rules that the platform alerts replace", () => {
    expect(values.defaultRules.disabled).toEqual(Object.fromEntries(REPLACED_DEFAULT_RULES.map((rule) => [rule, true])));
  });

  it("runs Prometheus, Alertmanager, Grafana and the operator as non-root with requests and limits", () => {
    for (const pod of [spec, values.alertmanager.alertmanagerSpec, values.grafana, values.prometheusOperator]) {
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
      expect(pod.resources).toMatchObject({ requests: expect.any(Object), limits: expect.any(Object) });
    }
  });

  it("runs a single replica without anti-affinity or a disruption budget", () => {
    const single = kubePrometheusStackValues({ ...input, prometheus: { ...input.prometheus, replicas: 1 } });
    expect(single.prometheus.prometheusSpec.podAntiAffinity).toBeUndefined();
    expect(single.prometheus.podDisruptionBudget).toEqual({ enabled: false, maxUnavailable: 1 });
  });

  it("lets a drain take one replica of Prometheus and Alertmanager at a time", () => {
    expect(values.prometheus.podDisruptionBudget).toEqual({ enabled: true, maxUnavailable: 1 });
    expect(values.alertmanager.podDisruptionBudget).toEqual({ enabled: true, maxUnavailable: 1 });
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
