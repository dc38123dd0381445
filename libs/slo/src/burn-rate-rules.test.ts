import { describe, expect, it } from "vitest";
import { availabilitySloProblems, availabilitySloRuleGroups, errorRatioRecord, SLO_WINDOWS } from "./burn-rate-rules";

const spec = { namespace: "degenquest", ingressName: "degen-server", objective: 0.999 };

function alerts() {
  const [, alerting] = availabilitySloRuleGroups(spec);
  return alerting!.rules.map((rule) => rule as Extract<typeof rule, { alert: string }>);
}

describe("availabilitySloRuleGroups", () => {
  it("records the 5xx share of the ingress's requests over every window an alert reads", () => {
    const [recording] = availabilitySloRuleGroups(spec);
    expect(recording!.name).toBe("slo-availability-error-ratios");
    expect(recording!.rules.map((rule) => ("record" in rule ? rule.record : ""))).toEqual(
      ["5m", "30m", "1h", "2h", "6h", "1d", "3d"].map((w) => `namespace_ingress:slo_errors_per_request:ratio_rate${w}`),
    );
    expect(recording!.rules[2]!.expr).toBe(
      'sum by (namespace, ingress) (rate(nginx_ingress_controller_requests{namespace="degenquest", ingress="degen-server", status=~"5.."}[1h]))\n' +
        "/\n" +
        'sum by (namespace, ingress) (rate(nginx_ingress_controller_requests{namespace="degenquest", ingress="degen-server"}[1h]))',
    );
  });

  it("pages at 14.4x over 1h and 5m and at 6x over 6h and 30m, and files tickets at 3x over 1d and 2h and 1x over 3d and 6h", () => {
    const selector = 'namespace="degenquest", ingress="degen-server"';
    expect(alerts().map((alert) => [alert.labels.severity, alert.expr])).toEqual([
      [
        "page",
        `namespace_ingress:slo_errors_per_request:ratio_rate1h{${selector}} > (14.4 * (1 - 0.999))\n` +
          `and\nnamespace_ingress:slo_errors_per_request:ratio_rate5m{${selector}} > (14.4 * (1 - 0.999))`,
      ],
      [
        "page",
        `namespace_ingress:slo_errors_per_request:ratio_rate6h{${selector}} > (6 * (1 - 0.999))\n` +
          `and\nnamespace_ingress:slo_errors_per_request:ratio_rate30m{${selector}} > (6 * (1 - 0.999))`,
      ],
      [
        "ticket",
        `namespace_ingress:slo_errors_per_request:ratio_rate1d{${selector}} > (3 * (1 - 0.999))\n` +
          `and\nnamespace_ingress:slo_errors_per_request:ratio_rate2h{${selector}} > (3 * (1 - 0.999))`,
      ],
      [
        "ticket",
        `namespace_ingress:slo_errors_per_request:ratio_rate3d{${selector}} > (1 * (1 - 0.999))\n` +
          `and\nnamespace_ingress:slo_errors_per_request:ratio_rate6h{${selector}} > (1 * (1 - 0.999))`,
      ],
    ]);
  });

  it("labels each alert with the service it concerns, so Alertmanager can route and group it", () => {
    expect(alerts()[0]!.labels).toEqual({
      namespace: "degenquest",
      ingress: "degen-server",
      severity: "page",
      slo: "availability",
      burn_rate: "14.4",
      long_window: "1h",
    });
    expect(alerts()[0]!.annotations.description).toContain("more than 14.4 times the 0.1% of requests that the 99.9% availability objective allows");
  });

  it("only reads windows that a recording rule provides", () => {
    const recorded = new Set(SLO_WINDOWS.map((window) => errorRatioRecord(window)));
    for (const alert of alerts()) {
      for (const [name] of alert.expr.matchAll(/namespace_ingress:[a-z_:]+ratio_rate\w+/g)) expect(recorded).toContain(name);
    }
  });

  it("writes the objective it was given into every threshold", () => {
    const [, alerting] = availabilitySloRuleGroups({ ...spec, objective: 0.995 });
    expect(alerting!.rules.every((rule) => rule.expr.includes("* (1 - 0.995))"))).toBe(true);
  });

  it("refuses an objective outside 0 and 1 with an error naming objective", () => {
    expect(() => availabilitySloRuleGroups({ ...spec, objective: 99.9 })).toThrow(
      "objective is 99.9: expected the share of requests that must succeed, a number between 0 and 1 exclusive, such as 0.999 for 99.9%",
    );
    for (const objective of [0, 1, -0.5, Number.NaN]) {
      expect(availabilitySloProblems({ objective })).toHaveLength(1);
    }
  });

  it("refuses an objective so low that the fastest alert could never fire", () => {
    expect(availabilitySloProblems({ objective: 0.9 })).toEqual([
      "objective is 0.9: the 14.4x burn-rate alert would need more than 100% of requests to fail and could never fire: use an objective of at least 0.931",
    ]);
    expect(availabilitySloProblems({ objective: 0.931 })).toEqual([]);
  });

  it("refuses names that would break the PromQL selector, reporting every problem at once", () => {
    expect(availabilitySloProblems({ namespace: "Degen Quest", ingressName: 'x"}', objective: 2 })).toEqual([
      expect.stringMatching(/^objective is 2:/),
      'namespace is "Degen Quest": expected a Kubernetes object name (lower-case letters, digits, \'-\' and \'.\')',
      'ingressName is "x\\"}": expected a Kubernetes object name (lower-case letters, digits, \'-\' and \'.\')',
    ]);
  });
});

describe("availabilitySloRuleGroups measured by the public probe", () => {
  const probeSpec = { namespace: "degenquest", probeJob: "probe-degen-server", objective: 0.999 };

  it("records the share of failed probes and alerts on the probe's labels", () => {
    const [recording, alerting] = availabilitySloRuleGroups(probeSpec);
    expect(recording!.rules[0]).toEqual({
      record: "namespace_probe:slo_errors_per_probe:ratio_rate5m",
      expr: '1 - avg by (namespace, job) (avg_over_time(probe_success{namespace="degenquest", job="probe-degen-server"}[5m]))',
      labels: { slo: "availability" },
    });
    const page = alerting!.rules[0] as { expr: string; labels: Record<string, string> };
    expect(page.expr).toBe(
      'namespace_probe:slo_errors_per_probe:ratio_rate1h{namespace="degenquest", job="probe-degen-server"} > (14.4 * (1 - 0.999))\n' +
        'and\nnamespace_probe:slo_errors_per_probe:ratio_rate5m{namespace="degenquest", job="probe-degen-server"} > (14.4 * (1 - 0.999))',
    );
    expect(page.labels).toMatchObject({ namespace: "degenquest", probe: "probe-degen-server", severity: "page" });
  });

  it("refuses both sources at once, and neither", () => {
    expect(availabilitySloProblems({ ...probeSpec, ingressName: "degen-server" })).toEqual([
      "ingressName and probeJob are both set: measure at the ingress or by the probe, not both",
    ]);
    expect(() => availabilitySloRuleGroups({ namespace: "degenquest", objective: 0.999 })).toThrow(/exactly one of ingressName/);
  });
});
