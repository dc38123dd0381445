/** Reading built dashboards in tests: panels by title and the PromQL of their targets. */
import type * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import type * as prometheus from "@grafana/grafana-foundation-sdk/prometheus";

export type AnyPanel = dashboard.Panel | dashboard.RowPanel;

export function panels(built: dashboard.Dashboard): dashboard.Panel[] {
  return (built.panels ?? []).filter((panel: AnyPanel): panel is dashboard.Panel => panel.type !== "row");
}

export function panel(built: dashboard.Dashboard, title: string): dashboard.Panel {
  const found = panels(built).find((candidate) => candidate.title === title);
  if (!found) throw new Error(`no panel "${title}" in ${panels(built).map((p) => p.title).join(", ")}`);
  return found;
}

export function targets(found: dashboard.Panel): prometheus.Dataquery[] {
  return (found.targets ?? []) as prometheus.Dataquery[];
}

export function exprs(found: dashboard.Panel): string[] {
  return targets(found).map((target) => target.expr);
}
