/**
 * Names and labels that other stacks build on: published in the contract, so renaming one here is
 * a breaking change for every app that carries them.
 */

/** Helm release of kube-prometheus-stack; its own monitors and rules carry `release: <this>`. */
export const MONITORING_RELEASE = "kube-prometheus-stack";

/** Base name of the chart's objects: the Prometheus custom resource is `<this>-prometheus`. */
export const MONITORING_FULLNAME = "monitoring";

/** Labels Prometheus selects ServiceMonitors, PodMonitors and Probes by, in every namespace. */
export const MONITOR_LABELS: Readonly<Record<string, string>> = { release: MONITORING_RELEASE };

/** Labels Prometheus selects PrometheusRules by, in every namespace. */
export const RULE_LABELS: Readonly<Record<string, string>> = { release: MONITORING_RELEASE };

/** Labels that Grafana's sidecar looks for on ConfigMaps in every namespace. */
export const DASHBOARD_LABELS: Readonly<Record<string, string>> = { grafana_dashboard: "1" };

/** Labels the Prometheus operator gives Prometheus pods, for network policies that let them in. */
export const PROMETHEUS_POD_LABELS: Readonly<Record<string, string>> = {
  "app.kubernetes.io/name": "prometheus",
  "operator.prometheus.io/name": `${MONITORING_FULLNAME}-prometheus`,
};

export const MANAGED_BY = { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "observability" } as const;
