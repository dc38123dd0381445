/**
 * Contract floor: what observability publishes, where metrics, alerts, dashboards and logs go and
 * the labels that app resources carry to be picked up. Side-effect free; the delivery rules map
 * this package to the observability stack.
 */
import { defineStackContract } from "@platform/stack-contracts";

export interface ObservabilityOutputs {
  /** Namespace of Prometheus, Alertmanager and Grafana. */
  readonly namespace: string;
  /** Labels a ServiceMonitor or PodMonitor carries to be scraped. */
  readonly monitorLabels: Readonly<Record<string, string>>;
  /** Labels a PrometheusRule carries to be loaded. */
  readonly ruleLabels: Readonly<Record<string, string>>;
  /** Labels a ConfigMap carries for Grafana to load the dashboards in it. */
  readonly dashboardLabels: Readonly<Record<string, string>>;
  /** Namespace and pod labels of Prometheus, for network policies that let it scrape. */
  readonly prometheusNamespace: string;
  readonly prometheusPodLabels: Readonly<Record<string, string>>;
  /** In-cluster URL of the blackbox exporter that probes public endpoints from outside the app. */
  readonly blackboxExporterUrl: string;
  readonly grafanaUrl: string;
  /**
   * Alertmanager's public URL, behind basic authentication on ingress-nginx; empty where only the
   * gateway serves, which cannot ask for a password first (its alerts and silences are in Grafana).
   */
  readonly alertmanagerUrl: string;
  /** Kibana's URL, or empty where logging is switched off. */
  readonly kibanaUrl: string;
  /** In-cluster Elasticsearch endpoint, or empty where logging is switched off. */
  readonly elasticsearchEndpoint: string;
}

export const observability = defineStackContract<ObservabilityOutputs>("observability", {
  namespace: "plain",
  monitorLabels: "plain",
  ruleLabels: "plain",
  dashboardLabels: "plain",
  prometheusNamespace: "plain",
  prometheusPodLabels: "plain",
  blackboxExporterUrl: "plain",
  grafanaUrl: "plain",
  alertmanagerUrl: "plain",
  kibanaUrl: "plain",
  elasticsearchEndpoint: "plain",
});
