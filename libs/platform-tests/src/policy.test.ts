import {
  EXEMPTIONS,
  evaluatePolicies,
  IMAGE_SOURCE_DEFAULTS,
  PLATFORM_POLICIES,
  STORAGE_CLASS_DEFAULTS,
  type Finding,
} from "@platform/policy-pack/policies";
import type { StackPlan } from "@platform/offline-plan";
import { afterAll, describe, expect, it } from "vitest";
import { allPlans } from "./plans";
import { formatFinding, policyInputs } from "./policy-plan";

const plans = allPlans();
const totals = { resources: 0, checks: 0 };
const exempted: string[] = [];

describe("the policy pack over the offline plan", () => {
  it("has every environment's plan to check", () => {
    expect(new Set(plans.map((plan) => plan.stack))).toEqual(new Set(["local", "e2e", "dev", "staging", "production"]));
  });

  it.each(plans.map((plan) => [`${plan.project}/${plan.stack}`, plan] as const))("%s meets every platform policy", async (_stack, plan) => {
    const { findings, checks } = await evaluatePolicies(policyInputs(plan), PLATFORM_POLICIES);
    totals.resources += plan.resources.length;
    totals.checks += checks;
    exempted.push(...findings.filter((finding) => finding.exemption).map((finding) => formatFinding(plan, finding)));
    const violations = findings.filter((finding: Finding) => finding.exemption === undefined).map((finding) => formatFinding(plan, finding));
    expect(violations, `\n${violations.join("\n")}\n`).toEqual([]);
  });

  it.each(plans.filter((plan) => plan.project === "cluster-base").map((plan) => [plan.stack, plan] as const))(
    "agrees with cluster-base's registry and storage class in %s",
    (stack, plan: StackPlan) => {
      const { registryServer, storageClass } = plan.outputs as { registryServer: string; storageClass: string };
      const registries = [IMAGE_SOURCE_DEFAULTS.registry, ...(stack === "local" ? IMAGE_SOURCE_DEFAULTS.localRegistries : [])];
      const classes = [...STORAGE_CLASS_DEFAULTS.storageClasses, ...(stack === "local" ? STORAGE_CLASS_DEFAULTS.localStorageClasses : [])];
      expect(registries).toContain(registryServer);
      expect(classes).toContain(storageClass);
    },
  );
});

afterAll(() => {
  const rules = PLATFORM_POLICIES.length;
  console.log(
    `Policy check: ${totals.resources} resources in ${plans.length} stacks, ${rules} rules, ${totals.checks} evaluations; ` +
      `${exempted.length} exempted violations (${EXEMPTIONS.length} documented exemptions)` +
      (exempted.length > 0 ? `:\n${exempted.join("\n")}` : "."),
  );
});
