import { describe, expect, it } from "vitest";
import { exprs, panel, panels, targets, type AnyPanel } from "./dashboard-reading";
import { PROMETHEUS_DATASOURCE } from "./panels";
import { platformOverviewDashboard } from "./platform-overview";

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
