import { describe, expect, it } from "vitest";
import { environmentOfNamespaces } from "./environment";
import type { KubeObject } from "./objects";

const namespace = (name: string, labels: Record<string, string>): KubeObject => ({ kind: "Namespace", metadata: { name, labels } });
const pulumi = { "app.kubernetes.io/managed-by": "pulumi" };
const NAMESPACES = [
  namespace("degenquest", { ...pulumi, "platform.degen.dev/environment": "production" }),
  namespace("pioneer-agent", { ...pulumi, "platform.degen.dev/environment": "production" }),
  namespace("ingress-nginx", pulumi),
  namespace("scratch", { "platform.degen.dev/environment": "staging" }),
];

describe("environmentOfNamespaces", () => {
  it("reads the environment from the tenant namespaces that Pulumi wrote, ignoring hand-made ones", () => {
    expect(environmentOfNamespaces(NAMESPACES)).toEqual({ environment: "production" });
  });

  it("asks for --env when the namespaces given disagree or say nothing", () => {
    expect(environmentOfNamespaces(NAMESPACES, ["degenquest", "scratch"])).toEqual({
      problem: "the platform.degen.dev/environment labels of the audited namespaces say production and staging: pass --env <dev|staging|production|local>",
    });
    expect(environmentOfNamespaces(NAMESPACES, ["ingress-nginx"])).toEqual({
      problem: "the platform.degen.dev/environment labels of the audited namespaces say nothing: pass --env <dev|staging|production|local>",
    });
  });
});
