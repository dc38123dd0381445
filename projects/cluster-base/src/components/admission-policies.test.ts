import * as pulumi from "@pulumi/pulumi";
import { mockRuntime } from "@platform/testing";
import { describe, expect, it } from "vitest";
import { AdmissionPolicies } from "./admission-policies";
import { admissionRules } from "./admission-rules";

const POLICY = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy";
const BINDING = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding";

describe("AdmissionPolicies", () => {
  it("declares each rule as a policy under its own name, bound cluster-wide with the rule's actions", async () => {
    const runtime = await mockRuntime();
    const args = { enforcement: "deny" as const, trustedUsers: [], thirdPartyImages: [] };
    new AdmissionPolicies("admission", { ...args, registry: pulumi.output("registry.digitalocean.com/pioneer") });
    await runtime.settled();

    const rules = admissionRules({ ...args, registry: "registry.digitalocean.com/pioneer" });
    const byName = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(runtime.ofType(POLICY).map((policy) => [policy.name, policy.inputs.metadata.name, policy.inputs.spec]).sort(byName)).toEqual(
      rules.map((rule) => [`admission-${rule.name}`, rule.name, JSON.parse(JSON.stringify(rule.spec))]).sort(byName),
    );
    // No matchResources: a binding applies its policy wherever the policy's own constraints match.
    expect(runtime.ofType(BINDING).map((binding) => [binding.inputs.metadata.name, binding.inputs.spec]).sort(byName)).toEqual([
      ["platform-break-glass", { policyName: "platform-break-glass", validationActions: ["Warn"] }],
      ["platform-ci-images", { policyName: "platform-ci-images", validationActions: ["Deny"] }],
      ["platform-pipeline-only", { policyName: "platform-pipeline-only", validationActions: ["Deny"] }],
    ]);
  });
});
