import { validateConfig, type Environment } from "@platform/config";
import { describe, expect, it } from "vitest";
import { configSchema } from "./config";

const resources = { cpuRequest: "250m", memoryRequest: "1Gi", cpuLimit: "1", memoryLimit: "2Gi" };
const prometheus = { retention: "7d", storageSize: "20Gi", resources };
const alertmanager = { storageSize: "1Gi" };
const logging = {
  enabled: true,
  retention: "3d",
  elasticsearch: { nodes: 1, storageSize: "20Gi", resources },
  kibana: { resources },
};
const dev = { prometheus, alertmanager, logging };
const production = { prometheus: { ...prometheus, replicas: 2 }, alertmanager: { ...alertmanager, replicas: 2 }, logging };

function check(environment: Environment, config: Record<string, unknown>, secretKeys: string[] = []) {
  const values = Object.fromEntries(
    Object.entries(config)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
  return validateConfig("observability", configSchema(environment), { values, secretKeys: new Set(secretKeys) });
}

function problems(environment: Environment, config: Record<string, unknown>, secretKeys?: string[]): string[] {
  const result = check(environment, config, secretKeys);
  return result.ok ? [] : result.problems;
}

describe("observability configuration", () => {
  it("fills every documented default", () => {
    const result = check("dev", { ...dev, logging: { enabled: false } });
    expect(result.ok).toBe(true);
    expect(result.ok && result.value).toEqual({
      namespace: "monitoring",
      prometheus: { ...prometheus, replicas: 1 },
      alertmanager: { storageSize: "1Gi", replicas: 1, slackChannel: "#platform-alerts" },
      logging: { enabled: false },
      scrapedTenants: {},
      install: { kubePrometheusStack: true, blackboxExporter: true },
    });
  });

  it("fills Kibana's replica count where logging is on", () => {
    const result = check("dev", dev);
    expect(result.ok && result.value.logging).toMatchObject({ enabled: true, kibana: { replicas: 1 } });
  });

  it("refuses a negative retention, naming the key, the value and the expected form", () => {
    expect(problems("dev", { ...dev, prometheus: { ...prometheus, retention: "-3d" } })).toEqual([
      'observability:prometheus.retention is "-3d": expected a positive whole number of days, hours or minutes, such as "15d" or "12h"',
    ]);
  });

  it("refuses a storage size that is not a byte quantity", () => {
    expect(problems("dev", { ...dev, logging: { ...logging, elasticsearch: { ...logging.elasticsearch, storageSize: "lots" } } })).toEqual([
      'observability:logging.elasticsearch.storageSize is "lots": expected a positive Kubernetes memory quantity, such as "512Mi"',
    ]);
    expect(problems("dev", { ...dev, prometheus: { ...prometheus, storageSize: "20" } })).toEqual([
      'observability:prometheus.storageSize is "20": expected a positive Kubernetes memory quantity, such as "512Mi"',
    ]);
  });

  it("refuses an unknown key, suggesting the one meant", () => {
    expect(problems("dev", { ...dev, prometheous: prometheus })).toEqual([
      "observability:prometheous is not a known setting: did you mean observability:prometheus? " +
        "(known: namespace, prometheus, alertmanager, logging, scrapedTenants, slackWebhookUrl, pagerdutyRoutingKey, install)",
    ]);
    expect(problems("dev", { ...dev, alertmanager: { ...alertmanager, receivers: [] } })).toEqual([
      "observability:alertmanager.receivers is not a known setting: remove it or fix its spelling",
    ]);
  });

  it("refuses a request above its limit", () => {
    expect(problems("dev", { ...dev, prometheus: { ...prometheus, resources: { ...resources, memoryRequest: "4Gi" } } })).toEqual([
      'observability:prometheus.resources.memoryRequest is "4Gi": must not exceed prometheus.resources.memoryLimit (2Gi)',
    ]);
  });

  it("holds production to replicated Prometheus and Alertmanager and kept logs, reporting every problem at once", () => {
    expect(problems("production", { ...dev, logging: { enabled: false } })).toEqual([
      "observability:alertmanager.replicas is 1: production must deliver alerts through a node loss: expected at least 2",
      "observability:logging.enabled is false: production keeps its logs: expected true",
      "observability:prometheus.replicas is 1: production keeps metrics through a node loss: expected at least 2",
    ]);
    expect(problems("production", production)).toEqual([]);
    expect(problems("staging", { ...dev, logging: { enabled: false } })).toEqual([]);
  });

  it("accepts alert receivers only as secrets", () => {
    const receivers = { slackWebhookUrl: "https://hooks.slack.com/services/T0/B0/x", pagerdutyRoutingKey: "r0ut1ng" };
    expect(problems("production", { ...production, ...receivers })).toEqual([
      "observability:pagerdutyRoutingKey holds a sensitive value in plain text: set it with `pulumi config set --secret observability:pagerdutyRoutingKey <value>`",
      "observability:slackWebhookUrl holds a sensitive value in plain text: set it with `pulumi config set --secret observability:slackWebhookUrl <value>`",
    ]);
    expect(problems("production", { ...production, ...receivers }, ["slackWebhookUrl", "pagerdutyRoutingKey"])).toEqual([]);
  });

  it("refuses a metrics port outside the TCP range", () => {
    expect(problems("dev", { ...dev, scrapedTenants: { degenquest: { metricsPorts: [70000] } } })).toEqual([
      "observability:scrapedTenants.degenquest.metricsPorts.0 is 70000: Too big: expected number to be <=65535",
    ]);
  });
});
