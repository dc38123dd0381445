import { describe, expect, it } from "vitest";
import { operatorClaimName, operatorClaims } from "./operator-volumes";

describe("operatorClaimName", () => {
  // As prometheus-operator v0.93 names them for the chart's monitoring-prometheus and monitoring-alertmanager.
  it("gives the operator's claim names", () => {
    expect(operatorClaimName("prometheus", 0)).toBe("prometheus-monitoring-prometheus-db-prometheus-monitoring-prometheus-0");
    expect(operatorClaimName("alertmanager", 2)).toBe("alertmanager-monitoring-alertmanager-db-alertmanager-monitoring-alertmanager-2");
  });
});

describe("operatorClaims", () => {
  it("makes one claim per replica, at the declared size", () => {
    expect(operatorClaims({ prometheus: { replicas: 2, storageSize: "150Gi" }, alertmanager: { replicas: 1, storageSize: "5Gi" } })).toEqual([
      { workload: "prometheus", name: "prometheus-monitoring-prometheus-db-prometheus-monitoring-prometheus-0", storage: "150Gi" },
      { workload: "prometheus", name: "prometheus-monitoring-prometheus-db-prometheus-monitoring-prometheus-1", storage: "150Gi" },
      { workload: "alertmanager", name: "alertmanager-monitoring-alertmanager-db-alertmanager-monitoring-alertmanager-0", storage: "5Gi" },
    ]);
  });
});
