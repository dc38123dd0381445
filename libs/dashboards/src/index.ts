export * from "./application-dashboard";
export * from "./configmap";
export { PROMETHEUS_DATASOURCE } from "./panels";
export * from "./platform-overview";
