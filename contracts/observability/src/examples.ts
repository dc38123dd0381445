/**
 * What observability's stacks publish in each environment, as its offline plan shows them
 * (`npm run plan -- --project observability`): the upstream its readers' tests run against. A platform
 * test keeps every value equal to the plan.
 */
import { stackExamples } from "@platform/stack-contracts";
import { observability, type ObservabilityOutputs } from "./index";

/** What every environment publishes alike. */
const EVERY_ENVIRONMENT = {
  blackboxExporterUrl: "http://blackbox-exporter.monitoring.svc:9115",
  dashboardLabels: {
    grafana_dashboard: "1",
  },
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
} satisfies Partial<ObservabilityOutputs>;

export const observabilityExamples = stackExamples<ObservabilityOutputs>(observability, {
  local: {
    ...EVERY_ENVIRONMENT,
    alertmanagerUrl: "https://alertmanager.localtest.me",
    elasticsearchEndpoint: "",
    grafanaUrl: "https://grafana.localtest.me",
    kibanaUrl: "",
  },
  e2e: {
    ...EVERY_ENVIRONMENT,
    alertmanagerUrl: "",
    elasticsearchEndpoint: "",
    grafanaUrl: "",
    kibanaUrl: "",
  },
  dev: {
    ...EVERY_ENVIRONMENT,
    alertmanagerUrl: "https://alertmanager.dev.degenquest.gg",
    elasticsearchEndpoint: "https://logs-es-http.logging.svc:9200",
    grafanaUrl: "https://grafana.dev.degenquest.gg",
    kibanaUrl: "https://kibana.dev.degenquest.gg",
  },
  staging: {
    ...EVERY_ENVIRONMENT,
    alertmanagerUrl: "",
    elasticsearchEndpoint: "https://logs-es-http.logging.svc:9200",
    grafanaUrl: "https://grafana.staging.degenquest.gg",
    kibanaUrl: "https://kibana.staging.degenquest.gg",
  },
  production: {
    ...EVERY_ENVIRONMENT,
    alertmanagerUrl: "",
    elasticsearchEndpoint: "https://logs-es-http.logging.svc:9200",
    grafanaUrl: "https://grafana.degenquest.gg",
    kibanaUrl: "https://kibana.degenquest.gg",
  },
});
