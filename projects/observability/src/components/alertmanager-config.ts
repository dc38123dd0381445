/**
 * Alertmanager's configuration: where pages and tickets go. It holds webhook URLs and routing
 * keys, so it lives in a Secret that the chart is pointed at, never in the chart's values.
 */

export interface AlertReceivers {
  /** Slack incoming webhook; left out, alerts are only visible in Alertmanager. */
  readonly slackWebhookUrl?: string;
  readonly slackChannel: string;
  /** PagerDuty Events v2 routing key; left out, pages go to Slack like tickets. */
  readonly pagerdutyRoutingKey?: string;
}

/** Severities that wake someone up: the SLO library's `page` and the chart's own `critical`. */
export const PAGE_SEVERITIES = ["page", "critical"] as const;

function slack(receivers: AlertReceivers, prefix: string) {
  return receivers.slackWebhookUrl === undefined
    ? {}
    : {
        slack_configs: [
          {
            api_url: receivers.slackWebhookUrl,
            channel: receivers.slackChannel,
            send_resolved: true,
            title: `${prefix}{{ .CommonLabels.alertname }} ({{ .Status }})`,
            text: "{{ range .Alerts }}{{ .Annotations.summary }}\n{{ end }}",
          },
        ],
      };
}

/** The whole `alertmanager.yaml` (JSON is YAML), routing pages and tickets to what is configured. */
export function alertmanagerConfig(receivers: AlertReceivers): Record<string, unknown> {
  const page =
    receivers.pagerdutyRoutingKey === undefined
      ? slack(receivers, "[PAGE] ")
      : { pagerduty_configs: [{ routing_key: receivers.pagerdutyRoutingKey, send_resolved: true }] };
  return {
    route: {
      receiver: "tickets",
      group_by: ["alertname", "namespace"],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: "4h",
      routes: [
        // The chart's always-firing alert proves the pipeline works; nobody needs to hear it.
        { receiver: "null", matchers: ['alertname = "Watchdog"'] },
        { receiver: "pages", matchers: [`severity =~ "${PAGE_SEVERITIES.join("|")}"`], repeat_interval: "1h" },
      ],
    },
    inhibit_rules: [
      {
        source_matchers: [`severity =~ "${PAGE_SEVERITIES.join("|")}"`],
        target_matchers: ['severity =~ "ticket|warning|info"'],
        equal: ["alertname", "namespace"],
      },
    ],
    receivers: [
      { name: "null" },
      { name: "tickets", ...slack(receivers, "") },
      { name: "pages", ...page },
    ],
  };
}
