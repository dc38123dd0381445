import { describe, expect, it } from "vitest";
import { auditedTypes, preferredGroupVersions } from "./discovery";

const resource = (name: string, kind: string, namespaced = true, verbs = ["get", "list", "watch"]) => ({ name, kind, namespaced, verbs });

describe("discovery", () => {
  it("keeps namespaced, listable types and drops subresources, cluster-scoped types, Events and create-only types", () => {
    const types = auditedTypes([
      {
        groupVersion: "v1",
        resources: [
          resource("pods", "Pod"),
          resource("pods/log", "Pod", true, ["get"]),
          resource("nodes", "Node", false),
          resource("events", "Event"),
          resource("bindings", "Binding", true, ["create"]),
        ],
      },
      { groupVersion: "events.k8s.io/v1", resources: [resource("events", "Event")] },
      { groupVersion: "cert-manager.io/v1", resources: [resource("certificates", "Certificate"), resource("clusterissuers", "ClusterIssuer", false)] },
      { groupVersion: "metrics.k8s.io/v1beta1", resources: [resource("pods", "PodMetrics")] },
    ]);

    expect(types).toEqual([
      { apiVersion: "v1", kind: "Pod", plural: "pods" },
      { apiVersion: "cert-manager.io/v1", kind: "Certificate", plural: "certificates" },
    ]);
  });

  it("asks for each group in its preferred version only, and never for metrics", () => {
    expect(
      preferredGroupVersions({
        groups: [
          { name: "autoscaling", preferredVersion: { groupVersion: "autoscaling/v2" } },
          { name: "metrics.k8s.io", preferredVersion: { groupVersion: "metrics.k8s.io/v1beta1" } },
          { name: "cilium.io", preferredVersion: { groupVersion: "cilium.io/v2" } },
        ],
      }),
    ).toEqual(["autoscaling/v2", "cilium.io/v2"]);
  });
});
