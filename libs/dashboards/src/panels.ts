/**
 * The few panel shapes the platform's dashboards use, built with Grafana's foundation SDK so that
 * every panel is typed against Grafana's own schema.
 */
import type * as cog from "@grafana/grafana-foundation-sdk/cog";
import type * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import * as prometheus from "@grafana/grafana-foundation-sdk/prometheus";
import * as stat from "@grafana/grafana-foundation-sdk/stat";
import * as timeseries from "@grafana/grafana-foundation-sdk/timeseries";

/**
 * The Prometheus data source that Grafana is provisioned with. The observability stack sets this
 * uid on the data source it creates, so every dashboard finds it without a template variable.
 */
export const PROMETHEUS_DATASOURCE = { type: "prometheus", uid: "prometheus" } as const;

/** One PromQL query and the legend of the series it returns. */
export interface Query {
  readonly expr: string;
  /** @default the series' labels */
  readonly legend?: string;
}

export interface PanelSpec {
  readonly title: string;
  readonly description: string;
  /** Grafana unit id: `percentunit`, `bytes`, `cores`, `reqps`, `s`, `short`. */
  readonly unit: string;
  readonly queries: readonly Query[];
  /** Width in grid columns out of 24. @default 12 */
  readonly span?: number;
  /** Lower bound of the axis or gauge. @default none: Grafana picks it from the data */
  readonly min?: number;
}

function target(query: Query, index: number): prometheus.DataqueryBuilder {
  const builder = new prometheus.DataqueryBuilder()
    .datasource(PROMETHEUS_DATASOURCE)
    .expr(query.expr)
    .refId(String.fromCharCode(65 + index));
  return query.legend === undefined ? builder : builder.legendFormat(query.legend);
}

function common<B extends timeseries.PanelBuilder | stat.PanelBuilder>(builder: B, spec: PanelSpec, height: number): B {
  builder
    .title(spec.title)
    .description(spec.description)
    .datasource(PROMETHEUS_DATASOURCE)
    .unit(spec.unit)
    .span(spec.span ?? 12)
    .height(height);
  spec.queries.forEach((query, index) => builder.withTarget(target(query, index)));
  if (spec.min !== undefined) builder.min(spec.min);
  return builder;
}

/** A graph over time. */
export function timeSeriesPanel(spec: PanelSpec): cog.Builder<dashboard.Panel> {
  return common(new timeseries.PanelBuilder(), spec, 8);
}

/** A single current number, such as the count of ready nodes. */
export function statPanel(spec: PanelSpec): cog.Builder<dashboard.Panel> {
  return common(new stat.PanelBuilder(), { span: 6, ...spec }, 4);
}
