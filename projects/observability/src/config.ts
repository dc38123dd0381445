import {
  byteQuantity,
  containerResourcesSchema,
  dnsLabel,
  loadStackConfig,
  retention,
  secretString,
  type ContainerResourcesConfig,
  type Environment,
} from "@platform/config";
import { z } from "zod";

export type ResourcesConfig = ContainerResourcesConfig;

const prometheus = z.strictObject({
  /** How long Prometheus keeps samples. */
  retention,
  /** Size of each replica's volume; keep it above what the retention needs, or Prometheus drops data early. */
  storageSize: byteQuantity,
  replicas: z.number().int().min(1).max(3).default(1),
  resources: containerResourcesSchema("prometheus.resources"),
});

const alertmanager = z.strictObject({
  /** Replicas form a gossip cluster, so a notification survives the loss of one. */
  replicas: z.number().int().min(1).max(3).default(1),
  storageSize: byteQuantity,
  /** Slack channel that tickets and pages go to when a webhook is set. */
  slackChannel: z.string().regex(/^#[a-z0-9_-]+$/, { error: 'expected a Slack channel such as "#platform-alerts"' }).default("#platform-alerts"),
});

const loggingEnabled = z.strictObject({
  enabled: z.literal(true),
  /** How long log indices live before the lifecycle policy deletes them. */
  retention,
  elasticsearch: z.strictObject({
    nodes: z.number().int().min(1).max(5),
    storageSize: byteQuantity,
    resources: containerResourcesSchema("logging.elasticsearch.resources"),
  }),
  kibana: z.strictObject({
    replicas: z.number().int().min(1).max(3).default(1),
    resources: containerResourcesSchema("logging.kibana.resources"),
  }),
});

const logging = z.discriminatedUnion("enabled", [loggingEnabled, z.strictObject({ enabled: z.literal(false) })]);

export type LoggingConfig = z.output<typeof loggingEnabled>;

const port = z.number().int().min(1).max(65535);

/** The whole configuration of an observability stack, with the rules of its environment. */
export function configSchema(environment: Environment) {
  return z
    .strictObject({
      /** Namespace of Prometheus, Alertmanager, Grafana and the blackbox exporter. */
      namespace: dnsLabel.default("monitoring"),
      prometheus,
      alertmanager,
      logging,
      /**
       * Tenant namespaces (from cluster-base) where Prometheus may reach pods, and the ports
       * their metrics listen on. Each must exist in the cluster-base stack.
       */
      scrapedTenants: z.record(dnsLabel, z.strictObject({ metricsPorts: z.array(port).min(1) })).default({}),
      /** Slack incoming webhook for alerts: `pulumi config set --secret observability:slackWebhookUrl <url>`. */
      slackWebhookUrl: secretString().optional(),
      /** PagerDuty Events v2 routing key for pages: `pulumi config set --secret observability:pagerdutyRoutingKey <key>`. */
      pagerdutyRoutingKey: secretString().optional(),
      /**
       * Third-party add-ons this stack installs from their Helm charts. Turn one off where the
       * cluster already runs it: kube-prometheus-stack (prometheus-operator and its CRDs, with
       * Grafana loading labelled dashboards), or a blackbox exporter as Service `blackbox-exporter`
       * in this stack's namespace. Alerts, scrape configs, probes and dashboards are still created.
       */
      install: z
        .strictObject({ kubePrometheusStack: z.boolean().default(true), blackboxExporter: z.boolean().default(true) })
        .prefault({}),
    })
    .superRefine((config, ctx) => {
      if (environment !== "production") return;
      const need = (path: string[], input: unknown, message: string) => ctx.addIssue({ code: "custom", path, input, message });
      if (config.prometheus.replicas < 2) {
        need(["prometheus", "replicas"], config.prometheus.replicas, "production keeps metrics through a node loss: expected at least 2");
      }
      if (config.alertmanager.replicas < 2) {
        need(["alertmanager", "replicas"], config.alertmanager.replicas, "production must deliver alerts through a node loss: expected at least 2");
      }
      if (!config.logging.enabled) {
        need(["logging", "enabled"], false, "production keeps its logs: expected true");
      }
    });
}

export type ObservabilityConfig = z.output<ReturnType<typeof configSchema>>;

export function loadObservabilityConfig(environment: Environment): ObservabilityConfig {
  return loadStackConfig(configSchema(environment));
}
