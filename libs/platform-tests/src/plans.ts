import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { StackPlan, StackResult } from "@platform/offline-plan";
import { inject } from "vitest";

/** Every stack plan of the run, failing loudly if any stack did not plan. */
export function allPlans(): StackPlan[] {
  const results: StackResult[] = inject("planResults");
  const failed = results.filter((result) => !result.ok);
  if (failed.length > 0) {
    throw new Error(`Stacks failed to plan:\n${failed.map((r) => `${r.project}/${r.stack}: ${"message" in r ? r.message : ""}`).join("\n")}`);
  }
  return results.map((result) => (result as Extract<StackResult, { ok: true }>).plan);
}

/** The plan of one stack as written to disk, `plan/<env>/<project>.json`. */
export function planFile(env: string, project: string): StackPlan {
  return JSON.parse(readFileSync(join(inject("planDir"), env, `${project}.json`), "utf8")) as StackPlan;
}
