import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runOfflinePlan, type StackResult } from "@platform/offline-plan";
import type { TestProject } from "vitest/node";

export const WORKSPACE_ROOT = resolve(__dirname, "../../..");

declare module "vitest" {
  export interface ProvidedContext {
    /** Folder holding `<env>/<project>.json` for every stack of the workspace. */
    planDir: string;
    /** Every stack's result, plans included, in dependency order. */
    planResults: StackResult[];
    planDurationMs: number;
    /** Production's stacks planned again, each in a process of its own, to show nothing leaks between stacks. */
    isolatedProductionResults: StackResult[];
  }
}

export default async function setup(project: TestProject) {
  const planDir = mkdtempSync(join(tmpdir(), "platform-plan-"));
  const [run, isolated] = await Promise.all([
    runOfflinePlan({ workspaceRoot: WORKSPACE_ROOT }),
    runOfflinePlan({ workspaceRoot: WORKSPACE_ROOT, environments: ["production"], stacksPerWorker: 1 }),
  ]);
  for (const result of run.results) {
    if (!result.ok) continue;
    mkdirSync(join(planDir, result.stack), { recursive: true });
    writeFileSync(join(planDir, result.stack, `${result.project}.json`), JSON.stringify(result.plan, null, 2));
  }
  project.provide("planDir", planDir);
  project.provide("planResults", [...run.results]);
  project.provide("planDurationMs", run.durationMs);
  project.provide("isolatedProductionResults", [...isolated.results]);
  return () => rmSync(planDir, { recursive: true, force: true });
}
