/**
 * What observability's stacks publish in each environment, as its offline plan shows them
 * (`npm run plan -- --project observability`): the upstream its readers' tests run against. A platform
 * test keeps every value equal to the plan; a secret holds a stand-in.
 */
import { stackExamples } from "@platform/stack-contracts";
import { observability, type ObservabilityOutputs } from "./index";

export const observabilityExamples = stackExamples<ObservabilityOutputs>(observability, {
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
});
