import type { StackPlan } from "@platform/offline-plan";
import { EXEMPTIONS } from "@platform/policy-pack/policies";
import { describe, expect, it } from "vitest";
import { formatFinding, policyInputs } from "./policy-plan";

const plan: StackPlan = {
  project: "degenquest",
  stack: "staging",
  outputs: {},
  stackReferences: [],
  invokes: [],
  resources: [
    {
      urn: "urn:pulumi:staging::degenquest::platform:service:PlatformService$kubernetes:core/v1:Service::game",
      type: "kubernetes:core/v1:Service",
      name: "game",
      parent: "urn:pulumi:staging::degenquest::platform:service:PlatformService::game",
      custom: true,
      inputs: { apiVersion: "v1", kind: "Service", spec: { type: "ClusterIP" } },
    },
  ],
};

describe("policyInputs", () => {
  it("hands the policies each planned resource's inputs as its props, with its parent", () => {
    expect(policyInputs(plan)).toEqual([
      {
        urn: plan.resources[0]!.urn,
        type: "kubernetes:core/v1:Service",
        name: "game",
        parent: "urn:pulumi:staging::degenquest::platform:service:PlatformService::game",
        props: { apiVersion: "v1", kind: "Service", spec: { type: "ClusterIP" } },
      },
    ]);
  });
});

describe("formatFinding", () => {
  const finding = { policy: "service-exposure", enforcementLevel: "mandatory" as const, urn: "urn:x", message: "Service game is of type NodePort." };

  it("names the stack, the URN, the policy and its level, then the message", () => {
    expect(formatFinding(plan, finding)).toBe("degenquest/staging urn:x\n    service-exposure (mandatory): Service game is of type NodePort.");
  });

  it("adds the reason of the exemption that covers it", () => {
    expect(formatFinding(plan, { ...finding, exemption: EXEMPTIONS[0]! })).toContain(`[exempt: ${EXEMPTIONS[0]!.reason}]`);
  });
});
