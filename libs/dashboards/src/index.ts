/**
 * Library floor: Grafana dashboards as code, built from the SLOs they show.
 */
export * from "./application-dashboard";
export * from "./configmap";
export { PROMETHEUS_DATASOURCE } from "./panels";
export * from "./platform-overview";
