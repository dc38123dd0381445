import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import { statPanel, timeSeriesPanel } from "./panels";

export const PLATFORM_OVERVIEW_UID = "platform-overview";

// Only containers with an image: the pod-level cgroup series would count every container twice.
const CONTAINERS = 'container!="", image!=""';

/**
 * The cluster at a glance for the platform team: nodes, pods, restarts, CPU and memory against
 * what workloads request and may use, and the traffic and errors at the ingress.
 */
export function platformOverviewDashboard(): dashboard.Dashboard {
  return new dashboard.DashboardBuilder("Platform overview")
    .uid(PLATFORM_OVERVIEW_UID)
    .tags(["platform"])
    .refresh("1m")
    .time({ from: "now-6h", to: "now" })
    .readonly()
    .withRow(new dashboard.RowBuilder("Nodes and pods"))
    .withPanel(
      statPanel({
        title: "Nodes ready",
        description: "Nodes whose kubelet reports Ready.",
        unit: "short",
        queries: [{ expr: 'sum(kube_node_status_condition{condition="Ready", status="true"})' }],
      }),
    )
    .withPanel(
      statPanel({
        title: "Nodes not ready",
        description: "Nodes that cannot run new pods: anything above zero needs a look.",
        unit: "short",
        queries: [{ expr: 'sum(kube_node_status_condition{condition="Ready", status!="true"})' }],
      }),
    )
    .withPanel(
      statPanel({
        title: "Pods not running",
        description: "Pods pending, failed or in an unknown phase.",
        unit: "short",
        queries: [{ expr: 'sum(kube_pod_status_phase{phase=~"Pending|Failed|Unknown"})' }],
      }),
    )
    .withPanel(
      statPanel({
        title: "Container restarts (1h)",
        description: "Restarts in the last hour, across the cluster.",
        unit: "short",
        queries: [{ expr: "sum(increase(kube_pod_container_status_restarts_total[1h]))" }],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: "Running pods by namespace",
        description: "Pods in the Running phase.",
        unit: "short",
        queries: [{ expr: 'sum by (namespace) (kube_pod_status_phase{phase="Running"})', legend: "{{namespace}}" }],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: "Container restarts by pod",
        description: "Restarts over the last 15 minutes, only pods that restarted.",
        unit: "short",
        queries: [
          {
            expr: "sum by (namespace, pod) (increase(kube_pod_container_status_restarts_total[15m])) > 0",
            legend: "{{namespace}}/{{pod}}",
          },
        ],
      }),
    )
    .withRow(new dashboard.RowBuilder("CPU and memory"))
    .withPanel(
      timeSeriesPanel({
        title: "CPU: used, requested and limited",
        description: "Cores used by containers, against the sum of their requests, their limits and what the nodes can allocate.",
        unit: "cores",
        min: 0,
        queries: [
          { expr: `sum(rate(container_cpu_usage_seconds_total{${CONTAINERS}}[5m]))`, legend: "used" },
          { expr: 'sum(kube_pod_container_resource_requests{resource="cpu"})', legend: "requested" },
          { expr: 'sum(kube_pod_container_resource_limits{resource="cpu"})', legend: "limits" },
          { expr: 'sum(kube_node_status_allocatable{resource="cpu"})', legend: "allocatable" },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: "Memory: used, requested and limited",
        description: "Working set of containers, against the sum of their requests, their limits and what the nodes can allocate.",
        unit: "bytes",
        min: 0,
        queries: [
          { expr: `sum(container_memory_working_set_bytes{${CONTAINERS}})`, legend: "used" },
          { expr: 'sum(kube_pod_container_resource_requests{resource="memory"})', legend: "requested" },
          { expr: 'sum(kube_pod_container_resource_limits{resource="memory"})', legend: "limits" },
          { expr: 'sum(kube_node_status_allocatable{resource="memory"})', legend: "allocatable" },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: "CPU used / requested by namespace",
        description: "Above 1, a namespace uses more than it reserved and risks throttling when nodes are busy.",
        unit: "percentunit",
        queries: [
          {
            expr:
              `sum by (namespace) (rate(container_cpu_usage_seconds_total{${CONTAINERS}}[5m]))\n/\n` +
              'sum by (namespace) (kube_pod_container_resource_requests{resource="cpu"})',
            legend: "{{namespace}}",
          },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: "Memory used / limit by namespace",
        description: "Near 1, containers are about to be killed for running out of memory.",
        unit: "percentunit",
        queries: [
          {
            expr:
              `sum by (namespace) (container_memory_working_set_bytes{${CONTAINERS}})\n/\n` +
              'sum by (namespace) (kube_pod_container_resource_limits{resource="memory"})',
            legend: "{{namespace}}",
          },
        ],
      }),
    )
    .withRow(new dashboard.RowBuilder("Ingress"))
    .withPanel(
      timeSeriesPanel({
        title: "Requests by ingress",
        description: "Requests per second through ingress-nginx.",
        unit: "reqps",
        queries: [
          {
            expr: "sum by (namespace, ingress) (rate(nginx_ingress_controller_requests[5m]))",
            legend: "{{namespace}}/{{ingress}}",
          },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: "5xx ratio by ingress",
        description: "Share of requests answered with a server error.",
        unit: "percentunit",
        min: 0,
        queries: [
          {
            expr:
              'sum by (namespace, ingress) (rate(nginx_ingress_controller_requests{status=~"5.."}[5m]))\n/\n' +
              "sum by (namespace, ingress) (rate(nginx_ingress_controller_requests[5m]))",
            legend: "{{namespace}}/{{ingress}}",
          },
        ],
      }),
    )
    .build();
}
