import type * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";

/**
 * The `data` of a ConfigMap that Grafana's dashboard sidecar loads: one JSON file named after the
 * dashboard's uid. The ConfigMap also needs the observability contract's `dashboardLabels`.
 */
export function dashboardConfigMapData(built: dashboard.Dashboard): Record<string, string> {
  if (!built.uid) throw new Error(`dashboard "${built.title ?? ""}" has no uid: Grafana would give it a new one on every load`);
  return { [`${built.uid}.json`]: JSON.stringify(built, null, 2) };
}
