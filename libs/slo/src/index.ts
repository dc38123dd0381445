export * from "./availability-slo";
export * from "./burn-rate-rules";
