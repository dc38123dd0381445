/**
 * Library floor: availability SLOs with multi-window, multi-burn-rate alerts.
 */
export * from "./availability-slo";
export * from "./burn-rate-rules";
