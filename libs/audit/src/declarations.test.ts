import type { StackPlan } from "@platform/offline-plan";
import { describe, expect, it } from "vitest";
import { stackDeclarations } from "./declarations";

const plan = (project: string, resources: { type: string; name: string; inputs: Record<string, unknown> }[]): StackPlan => ({
  project,
  stack: "staging",
  resources: resources.map((resource) => ({ ...resource, urn: `urn:${resource.name}`, parent: null, custom: true })),
  outputs: {},
  stackReferences: [],
  invokes: [],
});

describe("stackDeclarations", () => {
  it("reads named, auto-named and ingress-nginx releases from the offline plans of an environment", () => {
    const { releases } = stackDeclarations([
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
    expect(stackDeclarations([plan("x", [{ type: "kubernetes:helm.sh/v3:Release", name: "r", inputs: { name: "r" } }])]).releases).toEqual([
      { namespace: "default", name: "r", stack: "x/staging" },
    ]);
  });

  it("reads the ACME account key Secret that each ClusterIssuer names", () => {
    const issuer = (name: string) => ({
      type: "kubernetes:cert-manager.io/v1:ClusterIssuer",
      name: `cluster-issuers-${name}`,
      inputs: { spec: { acme: { privateKeySecretRef: { name: `${name}-account-key` } } } },
    });
    const selfSigned = { type: "kubernetes:cert-manager.io/v1:ClusterIssuer", name: "selfsigned", inputs: { spec: { selfSigned: {} } } };

    expect(stackDeclarations([plan("networking", [issuer("letsencrypt-production"), selfSigned])]).secrets).toEqual([
      { name: "letsencrypt-production-account-key", stack: "networking/staging", reason: "ACME account key of a ClusterIssuer" },
    ]);
  });
});
