import { clusterBase } from "@platform/cluster-base-contract";
import { clusterProvider } from "@platform/kubernetes";
import { currentEnvironment } from "@platform/config";
import { ingressNginxEdge, networking, type PublicEdge } from "@platform/networking-contract";
import type { StackOutputs } from "@platform/stack-contracts";
import { BlackboxExporter } from "./components/blackbox-exporter";
import { DASHBOARD_LABELS, MONITOR_LABELS, PROMETHEUS_POD_LABELS, RULE_LABELS } from "./components/labels";
import { Logging } from "./components/logging";
import { MonitoringStack } from "./components/monitoring-stack";
import { PlatformAlerts } from "./components/platform-alerts";
import { CERT_MANAGER_METRICS_PORT, ScrapeLinks, type MetricsSource } from "./components/scrape-links";
import { loadObservabilityConfig } from "./config";
import type { ObservabilityOutputs } from "@platform/observability-contract";

/** Namespace of Elasticsearch, Kibana and the log shipper, where logging is on. */
export const LOGGING_NAMESPACE = "logging";

/**
 * ingress-nginx's controller metrics (request counts per Ingress, which SLOs and dashboards read),
 * where that edge serves; nothing to scrape where it does not.
 */
export function ingressControllerMetrics(edges: readonly PublicEdge[]): MetricsSource | undefined {
  const controller = ingressNginxEdge(edges);
  return controller && { namespace: controller.controllerNamespace, podLabels: { ...controller.controllerPodLabels }, metricsPort: controller.metricsPort };
}

/** observability: metrics, alerts, dashboards and logs for every stack above it. */
export function observabilityProgram(): StackOutputs<ObservabilityOutputs> {
  const environment = currentEnvironment();
  const config = loadObservabilityConfig(environment);
  const base = clusterBase.read();
  const network = networking.read();
  const provider = clusterProvider("cluster", base);
  // Small components run a spare replica where a node drain must not interrupt them.
  const replicas = environment === "production" ? 2 : 1;
  const ingress = { baseDomain: network.baseDomain, edges: network.edges, clusterIssuer: network.clusterIssuer };

  const monitoring = new MonitoringStack(
    "monitoring",
    {
      namespace: config.namespace,
      environment,
      storageClass: base.storageClass,
      prometheus: config.prometheus,
      alertmanager: config.alertmanager,
      grafanaReplicas: replicas,
      ingress,
      slackWebhookUrl: config.slackWebhookUrl,
      pagerdutyRoutingKey: config.pagerdutyRoutingKey,
      installChart: config.install.kubePrometheusStack,
    },
    { provider },
  );
  const monitoringCrds = monitoring.release;

  new PlatformAlerts("platform-alerts", { namespace: monitoring.namespace, monitoringCrds }, { provider });
  const blackbox = new BlackboxExporter(
    "blackbox",
    {
      namespace: monitoring.namespace,
      // Grafana is probed where this stack installs it and so knows its address.
      targets: config.install.kubePrometheusStack ? { grafana: monitoring.grafanaUrl.apply((url) => `${url}/api/health`) } : {},
      replicas,
      monitoringCrds,
      installChart: config.install.blackboxExporter,
    },
    { provider },
  );
  new ScrapeLinks(
    "scrape",
    {
      monitoringNamespace: monitoring.namespace,
      components: {
        "ingress-nginx": network.edges.apply(ingressControllerMetrics),
        "cert-manager": {
          namespace: network.certManagerNamespace,
          podLabels: network.certManagerPodLabels,
          // The networking contract publishes where cert-manager runs; its metrics port is the chart's default.
          metricsPort: CERT_MANAGER_METRICS_PORT,
        },
      },
      scrapedTenants: config.scrapedTenants,
      tenants: base.tenants,
      monitoringCrds,
    },
    { provider },
  );

  const logging = config.logging.enabled
    ? new Logging(
        "logging",
        {
          namespace: LOGGING_NAMESPACE,
          environment,
          retention: config.logging.retention,
          storageClass: base.storageClass,
          elasticsearch: config.logging.elasticsearch,
          kibana: config.logging.kibana,
          operatorReplicas: replicas,
          ingress,
        },
        { provider },
      )
    : undefined;

  return {
    namespace: monitoring.namespace,
    monitorLabels: MONITOR_LABELS,
    ruleLabels: RULE_LABELS,
    dashboardLabels: DASHBOARD_LABELS,
    prometheusNamespace: monitoring.namespace,
    prometheusPodLabels: PROMETHEUS_POD_LABELS,
    blackboxExporterUrl: blackbox.url,
    grafanaUrl: monitoring.grafanaUrl,
    alertmanagerUrl: monitoring.alertmanagerUrl,
    kibanaUrl: logging?.kibanaUrl ?? "",
    elasticsearchEndpoint: logging?.elasticsearchEndpoint ?? "",
  };
}
