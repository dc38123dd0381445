/**
 * A contract package that some project reads publishes examples of what its producer's stacks
 * export, per environment, for its readers' tests. They are only worth having while they are true:
 * every value equals the offline plan of that stack, every stack of the producer has one, and a
 * secret is a secret there. A contract nothing reads (an application's) publishes none: its outputs
 * carry the image tag CI promotes on every merge, and no test needs them.
 */
import { SECRET_MASK } from "@platform/offline-plan";
import type { StackExamples } from "@platform/stack-contracts";
import { producerOf, readWorkspacePackages, stackReads } from "@platform/stack-contracts/workspace";
import { describe, expect, it } from "vitest";
import { WORKSPACE_ROOT } from "./global-setup";
import { allPlans } from "./plans";

const packages = readWorkspacePackages(WORKSPACE_ROOT);
const read = new Set([...stackReads(packages).values()].flat());
const contractPackages = packages.flatMap((pkg) => {
  const producer = producerOf(pkg);
  return producer ? [{ name: pkg.name, producer, hasReaders: read.has(producer) }] : [];
});

/** The StackExamples a contract package exports from `<package>/examples`, if it has that entry point. */
async function examplesOf(packageName: string): Promise<StackExamples<object> | undefined> {
  const module = (await import(`${packageName}/examples`).catch(() => undefined)) as Record<string, unknown> | undefined;
  return Object.values(module ?? {}).find((value): value is StackExamples<object> => typeof value === "object" && value !== null && "byEnvironment" in value);
}

describe("the examples contract packages publish", () => {
  it("are published by every contract that some project reads, and by no other", async () => {
    const publishing = await Promise.all(contractPackages.map(async (pkg) => [pkg.producer, (await examplesOf(pkg.name)) !== undefined] as const));
    expect(Object.fromEntries(publishing)).toEqual(Object.fromEntries(contractPackages.map((pkg) => [pkg.producer, pkg.hasReaders])));
    expect(contractPackages.filter((pkg) => pkg.hasReaders).map((pkg) => pkg.producer).sort()).toEqual(["cluster-base", "networking", "observability"]);
  });

  describe.each(contractPackages.filter((pkg) => pkg.hasReaders).map((pkg) => [pkg.producer, pkg.name] as const))("%s", (project, packageName) => {
    it("cover exactly the stacks the project has", async () => {
      const examples = (await examplesOf(packageName))!;
      expect(examples.contract.project).toBe(project);
      const stacks = allPlans().filter((plan) => plan.project === project).map((plan) => plan.stack);
      expect(Object.keys(examples.byEnvironment).sort()).toEqual(stacks.sort());
    });

    it("equal the outputs of the offline plan, in every environment; secrets are masked there", async () => {
      const examples = (await examplesOf(packageName))!;
      const visibility = examples.contract.outputs as Record<string, "plain" | "secret">;
      for (const plan of allPlans().filter((candidate) => candidate.project === project)) {
        const example: object = examples.byEnvironment[plan.stack as keyof typeof examples.byEnvironment];
        const asPlanned = Object.fromEntries(Object.entries(example).map(([key, value]) => [key, visibility[key] === "secret" ? SECRET_MASK : value]));
        expect({ stack: plan.stack, outputs: asPlanned }).toEqual({ stack: plan.stack, outputs: plan.outputs });
      }
    });
  });
});
