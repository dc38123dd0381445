import { describe, expect, it } from "vitest";
import { formatKeyPath, mergeSubchartDefaults, nearestKeys, reachedRenderedObjects, unknownValueKeys } from "./values-keys";

const defaults = {
  replicas: 1,
  podDisruptionBudget: { enabled: false, minAvailable: 1 },
  resources: {},
  nodeSelector: null,
  args: [],
  image: { repository: "x", tag: "" },
};

describe("unknownValueKeys", () => {
  it("finds a misspelt key at any depth, with the nearest keys that exist", () => {
    expect(unknownValueKeys({ replicas: 2, podDisruptionBudget: { enabled: true, minAvailabel: 1 }, replcas: 3 }, defaults)).toEqual([
      { path: ["podDisruptionBudget", "minAvailabel"], nearest: ["minAvailable", "enabled"] },
      { path: ["replcas"], nearest: ["replicas", "resources", "args"] },
    ]);
  });

  it("allows anything below an empty map, null or a list: the chart leaves those to the user", () => {
    expect(unknownValueKeys({ resources: { limits: { cpu: "1" } }, nodeSelector: { zone: "a" }, args: ["--x"] }, defaults)).toEqual([]);
  });

  it("passes keys the chart has, and does not descend where the default is a scalar", () => {
    expect(unknownValueKeys({ image: { tag: "v1" }, replicas: { oddly: "a map" } }, defaults)).toEqual([]);
  });
});

describe("mergeSubchartDefaults", () => {
  it("knows a subchart's keys under its alias, the parent's too, and shares global", () => {
    const merged = mergeSubchartDefaults({ grafana: { enabled: true, sidecar: { dashboards: { enabled: true } } }, global: { rbac: { create: true } } }, [
      { alias: "grafana", defaults: { persistence: { enabled: false }, sidecar: { dashboards: { label: "x" } }, global: { imageRegistry: null } } },
    ]);
    expect(unknownValueKeys({ grafana: { enabled: true, persistence: { enabled: true }, sidecar: { dashboards: { enabled: true, label: "y" } } } }, merged)).toEqual([]);
    expect(unknownValueKeys({ global: { imageRegistry: "r", rbac: { create: false } } }, merged)).toEqual([]);
    expect(unknownValueKeys({ grafana: { persistance: {} } }, merged)).toEqual([{ path: ["grafana", "persistance"], nearest: ["persistence", "enabled", "sidecar"] }]);
  });
});

describe("formatKeyPath and nearestKeys", () => {
  it("writes a path as in a values file, quoting keys with dots", () => {
    expect(formatKeyPath(["controller", "service", "annotations", "service.beta.kubernetes.io/do-loadbalancer-name"])).toBe(
      'controller.service.annotations["service.beta.kubernetes.io/do-loadbalancer-name"]',
    );
  });

  it("orders candidates by edit distance, ignoring case", () => {
    expect(nearestKeys("MaxUnavailble", ["minAvailable", "maxUnavailable", "enabled", "labels"])).toEqual(["maxUnavailable", "minAvailable", "enabled"]);
  });
});

describe("reachedRenderedObjects", () => {
  const objects = [
    { kind: "Deployment", spec: { template: { spec: { containers: [{ name: "c", securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" }, privileged: false } }] } } } },
    { kind: "ConfigMap", data: { replicas: "2" } },
  ];

  it("sees a key passed through to an object whole, even among defaults the chart merged in", () => {
    const ours = { securityContext: { seccompProfile: { type: "RuntimeDefault" } } };
    expect(reachedRenderedObjects(["securityContext", "seccompProfile"], ours, objects)).toBe(true);
    expect(reachedRenderedObjects(["replicas"], { replicas: 2 }, objects)).toBe(true);
  });

  it("does not count a key whose value reached nothing, or reached it changed", () => {
    expect(reachedRenderedObjects(["pdb", "minAvailabel"], { pdb: { minAvailabel: 1 } }, objects)).toBe(false);
    expect(reachedRenderedObjects(["securityContext", "seccompProfile"], { securityContext: { seccompProfile: { type: "Localhost" } } }, objects)).toBe(false);
  });
});
