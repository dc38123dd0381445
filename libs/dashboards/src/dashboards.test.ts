import type * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import type * as prometheus from "@grafana/grafana-foundation-sdk/prometheus";
import { describe, expect, it } from "vitest";
import { applicationDashboard, applicationDashboardProblems } from "./application-dashboard";
import { dashboardConfigMapData } from "./configmap";
import { PROMETHEUS_DATASOURCE } from "./panels";
import { platformOverviewDashboard } from "./platform-overview";

type AnyPanel = dashboard.Panel | dashboard.RowPanel;

function panels(built: dashboard.Dashboard): dashboard.Panel[] {
  return (built.panels ?? []).filter((panel: AnyPanel): panel is dashboard.Panel => panel.type !== "row");
}

function panel(built: dashboard.Dashboard, title: string): dashboard.Panel {
  const found = panels(built).find((candidate) => candidate.title === title);
  if (!found) throw new Error(`no panel "${title}" in ${panels(built).map((p) => p.title).join(", ")}`);
  return found;
}

function targets(found: dashboard.Panel): prometheus.Dataquery[] {
  return (found.targets ?? []) as prometheus.Dataquery[];
}

function exprs(found: dashboard.Panel): string[] {
  return targets(found).map((target) => target.expr);
}

describe("platformOverviewDashboard", () => {
  const overview = platformOverviewDashboard();

  it("covers nodes, pods, restarts, CPU and memory, and the ingress, in rows", () => {
    expect((overview.panels ?? []).filter((p: AnyPanel) => p.type === "row").map((p: AnyPanel) => p.title)).toEqual([
      "Nodes and pods",
      "CPU and memory",
      "Ingress",
    ]);
    expect(panels(overview).map((p) => p.title)).toEqual([
      "Nodes ready",
      "Nodes not ready",
      "Pods not running",
      "Container restarts (1h)",
      "Running pods by namespace",
      "Container restarts by pod",
      "CPU: used, requested and limited",
      "Memory: used, requested and limited",
      "CPU used / requested by namespace",
      "Memory used / limit by namespace",
      "Requests by ingress",
      "5xx ratio by ingress",
    ]);
  });

  it("sets CPU use against requests, limits and what the nodes can allocate", () => {
    expect(exprs(panel(overview, "CPU: used, requested and limited"))).toEqual([
      'sum(rate(container_cpu_usage_seconds_total{container!="", image!=""}[5m]))',
      'sum(kube_pod_container_resource_requests{resource="cpu"})',
      'sum(kube_pod_container_resource_limits{resource="cpu"})',
      'sum(kube_node_status_allocatable{resource="cpu"})',
    ]);
    expect(panel(overview, "Memory: used, requested and limited").fieldConfig?.defaults?.unit).toBe("bytes");
  });

  it("measures ingress errors as the 5xx share of each ingress's requests", () => {
    expect(exprs(panel(overview, "5xx ratio by ingress"))).toEqual([
      'sum by (namespace, ingress) (rate(nginx_ingress_controller_requests{status=~"5.."}[5m]))\n/\n' +
        "sum by (namespace, ingress) (rate(nginx_ingress_controller_requests[5m]))",
    ]);
  });

  it("queries the provisioned Prometheus data source from every panel and target", () => {
    for (const found of panels(overview)) {
      expect(found.datasource).toEqual(PROMETHEUS_DATASOURCE);
      for (const target of targets(found)) expect(target.datasource).toEqual(PROMETHEUS_DATASOURCE);
    }
  });

  it("lays panels out on the 24-column grid without overlap", () => {
    const cells = new Set<string>();
    for (const found of overview.panels ?? []) {
      const { x, y, w, h } = found.gridPos!;
      expect(x + w).toBeLessThanOrEqual(24);
      for (let row = y; row < y + h; row++) {
        for (let column = x; column < x + w; column++) {
          expect(cells.has(`${row}:${column}`), `${found.title} overlaps at ${row}:${column}`).toBe(false);
          cells.add(`${row}:${column}`);
        }
      }
    }
  });
});

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

describe("dashboardConfigMapData", () => {
  it("holds the dashboard as one JSON file named after its uid", () => {
    const data = dashboardConfigMapData(applicationDashboard({ app: "pioneer-agent", namespace: "pioneer-agent" }));
    expect(Object.keys(data)).toEqual(["app-pioneer-agent.json"]);
    expect(JSON.parse(data["app-pioneer-agent.json"]!)).toMatchObject({ uid: "app-pioneer-agent", title: "pioneer-agent" });
  });
});
