import { describe, expect, it } from "vitest";
import { formatKeyPath, mergeSubchartDefaults, nearestKeys, reachedAsText, reachedRenderedObjects, readByTemplates, unknownValueKeys } from "./values-keys";

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

describe("reachedAsText", () => {
  const objects = [{ kind: "ConfigMap", data: { "grafana.ini": "[server]\nroot_url = https://grafana.example\n[users]\nallow_sign_up = false\n" } }];

  it("sees a key, and every key and value below it, written into one configuration file", () => {
    expect(reachedAsText(["grafana.ini", "server", "root_url"], { "grafana.ini": { server: { root_url: "https://grafana.example" } } }, objects)).toBe(true);
    expect(reachedAsText(["grafana.ini", "users"], { "grafana.ini": { users: { allow_sign_up: false } } }, objects)).toBe(true);
  });

  it("does not count a key whose value is not there", () => {
    expect(reachedAsText(["grafana.ini", "users"], { "grafana.ini": { users: { allow_sign_up: true } } }, objects)).toBe(false);
    expect(reachedAsText(["grafana.ini", "server", "root_ur"], { "grafana.ini": { server: { root_ur: "https://x" } } }, objects)).toBe(false);
  });
});

describe("readByTemplates", () => {
  const sources = [
    { prefix: [], text: '{{- if .Values.fullnameOverride }}{{ .Values.fullnameOverride | trunc 63 }}{{ end }}' },
    { prefix: ["grafana"], text: "{{ .Values.admin.existingSecret }}" },
  ];

  it("finds a key a template reads by its path, a subchart's under its alias", () => {
    expect(readByTemplates(["fullnameOverride"], sources)).toBe(true);
    expect(readByTemplates(["grafana", "admin", "existingSecret"], sources)).toBe(true);
    expect(readByTemplates(["grafana", "admin"], sources)).toBe(true);
  });

  it("does not match another key that starts the same, or a subchart's key at the top", () => {
    expect(readByTemplates(["fullname"], sources)).toBe(false);
    expect(readByTemplates(["admin", "existingSecret"], sources)).toBe(false);
  });
});
