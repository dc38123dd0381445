import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import { errorRatioRecord } from "@platform/slo";
import { statPanel, timeSeriesPanel } from "./panels";

export interface ApplicationDashboardArgs {
  /** The application's name: the dashboard's title, uid and tag. */
  readonly app: string;
  /** Namespace that the application runs in; every query is scoped to it. */
  readonly namespace: string;
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// Grafana refuses uids longer than 40 characters.
const UID_PREFIX = "app-";
const MAX_UID = 40;

/** Every problem with the args, each naming the arg, the value and what is allowed. */
export function applicationDashboardProblems(args: ApplicationDashboardArgs): string[] {
  const problems: string[] = [];
  if (!NAME.test(args.app) || UID_PREFIX.length + args.app.length > MAX_UID) {
    problems.push(
      `app is ${JSON.stringify(args.app)}: expected a name of lower-case letters, digits and '-' ` +
        `of at most ${MAX_UID - UID_PREFIX.length} characters (it becomes the dashboard uid "${UID_PREFIX}<app>")`,
    );
  }
  if (!NAME.test(args.namespace) || args.namespace.length > 63) {
    problems.push(`namespace is ${JSON.stringify(args.namespace)}: expected a Kubernetes namespace name (lower-case letters, digits and '-')`);
  }
  return problems;
}

/** The uid of an application's dashboard, for links from alerts and other dashboards. */
export function applicationDashboardUid(app: string): string {
  return `${UID_PREFIX}${app}`;
}

/**
 * What any application gets by name: traffic, errors and latency at the ingress, its SLO error
 * ratios when it declares one, and its pods' health, CPU, memory and volumes. Every number comes
 * from the ingress controller and the cluster, so the app needs no instrumentation of its own.
 */
export function applicationDashboard(args: ApplicationDashboardArgs): dashboard.Dashboard {
  const problems = applicationDashboardProblems(args);
  if (problems.length > 0) throw new Error(`Invalid application dashboard:\n  - ${problems.join("\n  - ")}`);
  const { app, namespace } = args;
  const ns = `namespace="${namespace}"`;
  const containers = `${ns}, container!="", image!=""`;

  return new dashboard.DashboardBuilder(`${app}`)
    .uid(applicationDashboardUid(app))
    .tags(["application", app])
    .refresh("1m")
    .time({ from: "now-6h", to: "now" })
    .readonly()
    .withRow(new dashboard.RowBuilder("Traffic"))
    .withPanel(
      timeSeriesPanel({
        title: "Requests by status class",
        description: "Requests per second at the ingress, by HTTP status class.",
        unit: "reqps",
        span: 8,
        queries: [
          {
            expr: `sum by (status_class) (label_replace(rate(nginx_ingress_controller_requests{${ns}}[5m]), "status_class", "\${1}xx", "status", "(.).."))`,
            legend: "{{status_class}}",
          },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: "5xx ratio",
        description: "Share of requests answered with a server error: what the availability SLO counts.",
        unit: "percentunit",
        span: 8,
        min: 0,
        queries: [
          {
            expr:
              `sum by (ingress) (rate(nginx_ingress_controller_requests{${ns}, status=~"5.."}[5m]))\n/\n` +
              `sum by (ingress) (rate(nginx_ingress_controller_requests{${ns}}[5m]))`,
            legend: "{{ingress}}",
          },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: "Latency",
        description: "Time to answer at the ingress, including the time in the app.",
        unit: "s",
        span: 8,
        min: 0,
        queries: [0.5, 0.95, 0.99].map((quantile) => ({
          expr: `histogram_quantile(${quantile}, sum by (le) (rate(nginx_ingress_controller_request_duration_seconds_bucket{${ns}}[5m])))`,
          legend: `p${quantile * 100}`,
        })),
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: "SLO error ratio",
        description: "Error ratios that the availability SLO records, over the windows its fastest alerts read. Empty without an SLO.",
        unit: "percentunit",
        span: 24,
        min: 0,
        queries: ["5m", "1h", "6h"].map((window) => ({
          expr: `${errorRatioRecord(window)}{${ns}}`,
          legend: `{{ingress}} ${window}`,
        })),
      }),
    )
    .withRow(new dashboard.RowBuilder("Pods"))
    .withPanel(
      statPanel({
        title: "Pods ready",
        description: "Pods whose readiness probe passes.",
        unit: "short",
        queries: [{ expr: `sum(kube_pod_status_ready{${ns}, condition="true"})` }],
      }),
    )
    .withPanel(
      statPanel({
        title: "Restarts (1h)",
        description: "Container restarts in the last hour.",
        unit: "short",
        queries: [{ expr: `sum(increase(kube_pod_container_status_restarts_total{${ns}}[1h]))` }],
      }),
    )
    .withPanel(
      statPanel({
        title: "Containers last killed for memory",
        description: "Containers whose last termination was for exceeding their memory limit.",
        unit: "short",
        queries: [{ expr: `sum(kube_pod_container_status_last_terminated_reason{${ns}, reason="OOMKilled"})` }],
      }),
    )
    .withPanel(
      statPanel({
        title: "Volume used",
        description: "Fullest persistent volume of the app.",
        unit: "percentunit",
        queries: [{ expr: `max(kubelet_volume_stats_used_bytes{${ns}} / kubelet_volume_stats_capacity_bytes{${ns}})` }],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: "CPU by pod: used, requested and limited",
        description: "Above the request, the pod borrows spare CPU; at the limit, it is throttled.",
        unit: "cores",
        min: 0,
        queries: [
          { expr: `sum by (pod) (rate(container_cpu_usage_seconds_total{${containers}}[5m]))`, legend: "{{pod}} used" },
          { expr: `sum by (pod) (kube_pod_container_resource_requests{${ns}, resource="cpu"})`, legend: "{{pod}} requested" },
          { expr: `sum by (pod) (kube_pod_container_resource_limits{${ns}, resource="cpu"})`, legend: "{{pod}} limit" },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: "Memory by pod: used, requested and limited",
        description: "At the limit, the container is killed and restarted.",
        unit: "bytes",
        min: 0,
        queries: [
          { expr: `sum by (pod) (container_memory_working_set_bytes{${containers}})`, legend: "{{pod}} used" },
          { expr: `sum by (pod) (kube_pod_container_resource_requests{${ns}, resource="memory"})`, legend: "{{pod}} requested" },
          { expr: `sum by (pod) (kube_pod_container_resource_limits{${ns}, resource="memory"})`, legend: "{{pod}} limit" },
        ],
      }),
    )
    .build();
}
