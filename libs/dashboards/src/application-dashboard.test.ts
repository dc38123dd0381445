import { describe, expect, it } from "vitest";
import { applicationDashboard, applicationDashboardProblems } from "./application-dashboard";
import { exprs, panel, panels, targets } from "./dashboard-reading";

describe("applicationDashboard", () => {
  const degenquest = applicationDashboard({ app: "degenquest", namespace: "degenquest" });

  it("is named after the app, with a stable uid and tags to find it by", () => {
    expect(degenquest).toMatchObject({ title: "degenquest", uid: "app-degenquest", tags: ["application", "degenquest"] });
  });

  it("scopes every query to the app's namespace", () => {
    const all = panels(degenquest).flatMap(exprs);
    expect(all.length).toBeGreaterThan(10);
    for (const expr of all) expect(expr).toContain('namespace="degenquest"');
  });

  it("shows traffic, errors, latency and the SLO's recorded error ratios", () => {
    expect(exprs(panel(degenquest, "Latency"))).toEqual(
      [0.5, 0.95, 0.99].map(
        (q) =>
          `histogram_quantile(${q}, sum by (le) (rate(nginx_ingress_controller_request_duration_seconds_bucket{namespace="degenquest"}[5m])))`,
      ),
    );
    expect(exprs(panel(degenquest, "SLO error ratio"))).toEqual([
      'namespace_ingress:slo_errors_per_request:ratio_rate5m{namespace="degenquest"}',
      'namespace_ingress:slo_errors_per_request:ratio_rate1h{namespace="degenquest"}',
      'namespace_ingress:slo_errors_per_request:ratio_rate6h{namespace="degenquest"}',
    ]);
    expect(exprs(panel(degenquest, "Requests by status class"))).toEqual([
      'sum by (status_class) (label_replace(rate(nginx_ingress_controller_requests{namespace="degenquest"}[5m]), "status_class", "${1}xx", "status", "(.).."))',
    ]);
  });

  it("sets each pod's memory against its requests and limits", () => {
    const memory = panel(degenquest, "Memory by pod: used, requested and limited");
    expect(exprs(memory)).toEqual([
      'sum by (pod) (container_memory_working_set_bytes{namespace="degenquest", container!="", image!=""})',
      'sum by (pod) (kube_pod_container_resource_requests{namespace="degenquest", resource="memory"})',
      'sum by (pod) (kube_pod_container_resource_limits{namespace="degenquest", resource="memory"})',
    ]);
    expect(targets(memory).map((target) => target.legendFormat)).toEqual([
      "{{pod}} used",
      "{{pod}} requested",
      "{{pod}} limit",
    ]);
  });

  it("refuses names that would break its queries or its uid, naming each arg", () => {
    expect(() => applicationDashboard({ app: "Degen Quest", namespace: 'x"}' })).toThrow(
      "Invalid application dashboard:\n" +
        `  - app is "Degen Quest": expected a name of lower-case letters, digits and '-' of at most 36 characters (it becomes the dashboard uid "app-<app>")\n` +
        `  - namespace is "x\\"}": expected a Kubernetes namespace name (lower-case letters, digits and '-')`,
    );
    expect(applicationDashboardProblems({ app: "a".repeat(37), namespace: "ok" })).toHaveLength(1);
    expect(applicationDashboardProblems({ app: "a".repeat(36), namespace: "ok" })).toEqual([]);
  });
});
