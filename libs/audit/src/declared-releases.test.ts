import type { StackPlan } from "@platform/offline-plan";
import { describe, expect, it } from "vitest";
import { declaredReleases } from "./declared-releases";

const plan = (project: string, resources: { type: string; name: string; inputs: Record<string, unknown> }[]): StackPlan => ({
  project,
  stack: "staging",
  resources: resources.map((resource) => ({ ...resource, urn: `urn:${resource.name}`, parent: null, custom: true })),
  outputs: {},
  stackReferences: [],
  invokes: [],
});

describe("declaredReleases", () => {
  it("reads named, auto-named and ingress-nginx releases from the offline plans of an environment", () => {
    const releases = declaredReleases([
      plan("observability", [
        { type: "kubernetes:helm.sh/v3:Release", name: "monitoring", inputs: { name: "kube-prometheus-stack", namespace: "observability" } },
        { type: "kubernetes:helm.sh/v3:Release", name: "logs", inputs: { namespace: "logging" } },
        { type: "kubernetes:core/v1:ConfigMap", name: "dashboards", inputs: { metadata: { name: "x" } } },
      ]),
      plan("networking", [
        { type: "kubernetes-ingress-nginx:index:IngressController", name: "ingress", inputs: { helmOptions: { name: "ingress-nginx", namespace: "ingress-nginx" } } },
        { type: "kubernetes:helm.sh/v3:Release", name: "cert-manager", inputs: { name: "<known after deploy: name>", namespace: "cert-manager" } },
      ]),
    ]);

    expect(releases).toEqual([
      { namespace: "observability", name: "kube-prometheus-stack", stack: "observability/staging" },
      { namespace: "logging", namePrefix: "logs-", stack: "observability/staging" },
      { namespace: "ingress-nginx", name: "ingress-nginx", stack: "networking/staging" },
      { namespace: "cert-manager", namePrefix: "cert-manager-", stack: "networking/staging" },
    ]);
  });

  it("puts a release without a namespace where Helm does, in default", () => {
    expect(declaredReleases([plan("x", [{ type: "kubernetes:helm.sh/v3:Release", name: "r", inputs: { name: "r" } }])])).toEqual([
      { namespace: "default", name: "r", stack: "x/staging" },
    ]);
  });
});
