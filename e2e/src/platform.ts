import { join } from "node:path";
import { findPulumiProjects, previewStack, readPreviewRun, runNxTarget, type PreviewOutcome } from "@platform/pipeline";
import { declaredObjects, differences, type DeclaredObject } from "./declared-objects";
import { describeRef, type Kube } from "./kube";
import { mustRun } from "./process";
import { E2E_STACK, type PulumiCli, type StateResource } from "./pulumi";
import { WORKSPACE_ROOT } from "./toolchain";

/** The e2e stacks, in the waves `delivery order` gives: each wave reads only earlier ones. */
export interface Platform {
  readonly waves: readonly (readonly string[])[];
  /** Project name -> absolute folder. */
  readonly roots: ReadonlyMap<string, string>;
}

export async function readPlatform(): Promise<Platform> {
  const printed = await mustRun(
    "Ordering the e2e stacks",
    "npx",
    ["tsx", "libs/delivery/src/cli.ts", "order", "--env", E2E_STACK, "--json"],
    { cwd: WORKSPACE_ROOT, capture: true, timeoutSeconds: 120 },
  );
  const waves = (JSON.parse(printed.stdout) as { environments: Record<string, string[][]> }).environments[E2E_STACK] ?? [];
  if (waves.length === 0) throw new Error(`No project has a Pulumi.${E2E_STACK}.yaml`);
  const roots = new Map([...findPulumiProjects(WORKSPACE_ROOT)].map(([name, root]) => [name, join(WORKSPACE_ROOT, root)]));
  return { waves, roots };
}

export function stacksInOrder(platform: Platform): string[] {
  return platform.waves.flat();
}

export function rootOf(platform: Platform, project: string): string {
  const root = platform.roots.get(project);
  if (!root) throw new Error(`No Pulumi project named ${project}`);
  return root;
}

/** `nx run <project>:<target>:e2e`, exactly the target a person runs; true when it succeeded. */
export async function runTarget(target: "up" | "refresh", project: string): Promise<number> {
  const started = performance.now();
  if (!(await runNxTarget(WORKSPACE_ROOT, target, E2E_STACK, [project]))) throw new Error(`nx run ${project}:${target}:${E2E_STACK} failed (its output is above)`);
  return (performance.now() - started) / 1000;
}

export async function destroyStack(project: string): Promise<number> {
  const result = await mustRun(`Destroying ${project}`, "npx", ["nx", "run", `${project}:destroy:${E2E_STACK}`, "--outputStyle=stream", "--skipNxCache"], {
    cwd: WORKSPACE_ROOT,
    timeoutSeconds: 600,
  });
  return result.seconds;
}

/** The pipeline's own preview (JSON, with the policy pack), optionally failing on any planned change. */
export async function preview(platform: Platform, project: string, expectNoChanges: boolean): Promise<{ outcome: PreviewOutcome; seconds: number }> {
  const started = performance.now();
  const root = rootOf(platform, project);
  const result = await previewStack(WORKSPACE_ROOT, root.slice(WORKSPACE_ROOT.length + 1), E2E_STACK, { expectNoChanges });
  return { outcome: readPreviewRun(result, `pulumi preview of ${project} (${E2E_STACK})`), seconds: (performance.now() - started) / 1000 };
}

/**
 * Every Kubernetes object in a stack's state exists in the cluster with every input the program
 * gave it. Returns the objects checked; throws with every difference at once.
 */
export async function checkDeclaredObjects(kube: Kube, pulumi: PulumiCli, platform: Platform, project: string): Promise<DeclaredObject[]> {
  const objects = declaredObjects(await pulumi.export(rootOf(platform, project)));
  const problems: string[] = [];
  for (const object of objects) {
    const live = await kube.read(object.ref);
    if (!live) {
      problems.push(`${describeRef(object.ref)} (${object.urn}) does not exist in the cluster`);
      continue;
    }
    for (const difference of differences(object.inputs, live)) problems.push(`${describeRef(object.ref)}: ${difference}`);
  }
  if (problems.length > 0) throw new Error(`${project}: the cluster differs from what the stack declares:\n  - ${problems.join("\n  - ")}`);
  return objects;
}

/** The projects whose stacks one stack's program read, from the StackReference resources in its state. */
export function stacksReadInState(state: readonly StateResource[]): string[] {
  const names = state.filter((resource) => resource.type === "pulumi:pulumi:StackReference").map((resource) => String(resource.inputs?.name ?? ""));
  return [...new Set(names.map((name) => name.split("/")[1] ?? name))].sort();
}

/**
 * Where the stacks the engine really read differ from the stack graph (the contract packages each
 * project depends on, which order `up` and the affected stacks): one line per stack, or none.
 */
export function stackGraphMismatches(readByEngine: ReadonlyMap<string, readonly string[]>, graph: ReadonlyMap<string, readonly string[]>): string[] {
  return [...readByEngine].flatMap(([project, read]) => {
    const expected = [...(graph.get(project) ?? [])].sort();
    return read.join() === expected.join()
      ? []
      : [`${project} read ${read.join(", ") || "no stack"} on the engine, but the stack graph says ${expected.join(", ") || "none"}`];
  });
}
