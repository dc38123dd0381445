import type { StackPlan } from "@platform/offline-plan";
import type { Finding, ResourceInput } from "@platform/policy-pack/policies";

/** A stack's planned resources in the shape the policies receive from the engine: inputs as props. */
export function policyInputs(plan: StackPlan): ResourceInput[] {
  return plan.resources.map((resource) => ({
    type: resource.type,
    urn: resource.urn,
    name: resource.name,
    props: resource.inputs,
    parent: resource.parent,
  }));
}

/** One line per finding: where, which rule, what to do. */
export function formatFinding(plan: StackPlan, finding: Finding): string {
  const exemption = finding.exemption ? ` [exempt: ${finding.exemption.reason}]` : "";
  return `${plan.project}/${plan.stack} ${finding.urn ?? "(stack)"}\n    ${finding.policy} (${finding.enforcementLevel}): ${finding.message}${exemption}`;
}
