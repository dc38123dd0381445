/**
 * Each contract package publishes what its producer's stacks export, per environment, for its
 * readers' tests. These examples are only worth having while they are true: every value equals the
 * offline plan of that stack, every stack of the producer has one, and a secret is a secret there.
 */
import { clusterBaseExamples } from "@platform/cluster-base-contract/examples";
import { degenquestExamples } from "@platform/degenquest-contract/examples";
import { networkingExamples } from "@platform/networking-contract/examples";
import { observabilityExamples } from "@platform/observability-contract/examples";
import { SECRET_MASK } from "@platform/offline-plan";
import { pioneerAgentExamples } from "@platform/pioneer-agent-contract/examples";
import { readWorkspacePackages, producerOf } from "@platform/stack-contracts/workspace";
import { describe, expect, it } from "vitest";
import { WORKSPACE_ROOT } from "./global-setup";
import { allPlans } from "./plans";

const EXAMPLES = [clusterBaseExamples, networkingExamples, observabilityExamples, degenquestExamples, pioneerAgentExamples];

describe("the examples each contract package publishes", () => {
  it("come from every contract package of the workspace", () => {
    const producers = readWorkspacePackages(WORKSPACE_ROOT).flatMap((pkg) => producerOf(pkg) ?? []);
    expect(EXAMPLES.map((examples) => examples.contract.project).sort()).toEqual(producers.sort());
  });

  describe.each(EXAMPLES.map((examples) => [examples.contract.project, examples] as const))("%s", (project, examples) => {
    it("cover exactly the stacks the project has", () => {
      const stacks = allPlans().filter((plan) => plan.project === project).map((plan) => plan.stack);
      expect(Object.keys(examples.byEnvironment).sort()).toEqual(stacks.sort());
    });

    it("equal the outputs of the offline plan, in every environment; secrets are masked there", () => {
      const visibility = examples.contract.outputs as Record<string, "plain" | "secret">;
      for (const plan of allPlans().filter((candidate) => candidate.project === project)) {
        const example: object = examples.byEnvironment[plan.stack as keyof typeof examples.byEnvironment];
        const asPlanned = Object.fromEntries(Object.entries(example).map(([key, value]) => [key, visibility[key] === "secret" ? SECRET_MASK : value]));
        expect({ stack: plan.stack, outputs: asPlanned }).toEqual({ stack: plan.stack, outputs: plan.outputs });
      }
    });
  });
});
