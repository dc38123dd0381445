import { describe, expect, it } from "vitest";
import { alertmanagerConfig } from "./alertmanager-config";

type Receiver = { name: string; slack_configs?: { api_url: string; channel: string }[]; pagerduty_configs?: { routing_key: string }[] };

function receivers(config: Record<string, unknown>): Record<string, Receiver> {
  return Object.fromEntries((config.receivers as Receiver[]).map((receiver) => [receiver.name, receiver]));
}

describe("alertmanagerConfig", () => {
  it("routes pages and the chart's critical alerts to the pages receiver, everything else to tickets", () => {
    const route = alertmanagerConfig({ slackChannel: "#alerts" }).route as { receiver: string; routes: { receiver: string; matchers: string[] }[] };
    expect(route.receiver).toBe("tickets");
    expect(route.routes).toEqual([
      { receiver: "null", matchers: ['alertname = "Watchdog"'] },
      { receiver: "pages", matchers: ['severity =~ "page|critical"'], repeat_interval: "1h" },
    ]);
  });

  it("notifies nobody when no receiver is configured, so alerts stay visible in Alertmanager only", () => {
    expect(receivers(alertmanagerConfig({ slackChannel: "#alerts" }))).toEqual({
      null: { name: "null" },
      tickets: { name: "tickets" },
      pages: { name: "pages" },
    });
  });

  it("sends pages to PagerDuty and tickets to Slack when both are configured", () => {
    const all = receivers(alertmanagerConfig({ slackChannel: "#alerts-production", slackWebhookUrl: "https://hooks/x", pagerdutyRoutingKey: "key" }));
    expect(all.pages!.pagerduty_configs).toEqual([{ routing_key: "key", send_resolved: true }]);
    expect(all.pages!.slack_configs).toBeUndefined();
    expect(all.tickets!.slack_configs![0]).toMatchObject({ api_url: "https://hooks/x", channel: "#alerts-production" });
  });

  it("sends pages to Slack when there is no PagerDuty key", () => {
    const all = receivers(alertmanagerConfig({ slackChannel: "#alerts", slackWebhookUrl: "https://hooks/x" }));
    expect(all.pages!.slack_configs![0]).toMatchObject({ api_url: "https://hooks/x", title: "[PAGE] {{ .CommonLabels.alertname }} ({{ .Status }})" });
  });
});
