/**
 * The stack graph is written once, in code: a consumer depends on an upstream's contract package,
 * the Nx plugin orders its `up` after the producer's, and the program makes a StackReference
 * through that same contract. This proves those edges are exactly the StackReferences that the
 * programs make in the offline plan of every environment, so the order of `up` and of the affected
 * stacks is right, and that no program depends on another program.
 */
import { resolve } from "node:path";
import { runOfflinePlan, type StackResult } from "@platform/offline-plan";
import { beforeAll, describe, expect, it } from "vitest";
import { readWorkspace } from "./compute";
import { isPulumiProject, stackDependencies, type WorkspaceGraph } from "./workspace-graph";

const WORKSPACE = resolve(__dirname, "../../..");
let graph: WorkspaceGraph;
let results: readonly StackResult[];

// Inherently slow: the Nx project graph of this workspace and the offline plan of every stack of
// every environment: 10 s on an idle 2-core machine, 16 s seen under load.
beforeAll(async () => {
  graph = readWorkspace(WORKSPACE, "HEAD", "HEAD");
  results = (await runOfflinePlan({ workspaceRoot: WORKSPACE })).results;
}, 120_000);

/** Per `project/stack`, the projects its program read, from the offline plan. */
function planReferences(): Record<string, string[]> {
  const failed = results.filter((result) => !result.ok);
  if (failed.length > 0) {
    throw new Error(`Stacks failed to plan:\n${failed.map((r) => `${r.project}/${r.stack}: ${"message" in r ? r.message : ""}`).join("\n")}`);
  }
  return Object.fromEntries(
    results.map((result) => [
      `${result.project}/${result.stack}`,
      result.ok ? [...new Set(result.plan.stackReferences.map((name) => name.split("/")[1]!))].sort() : [],
    ]),
  );
}

/** Per `project/stack` that the plan covered, the given edges between Pulumi projects. */
function perStack(edges: (project: string) => readonly string[]): Record<string, string[]> {
  return Object.fromEntries(results.map((result) => [`${result.project}/${result.stack}`, [...edges(result.project)].sort()]));
}

describe("the stack graph in Nx", () => {
  it("plans every stack of every Pulumi project that Nx knows", () => {
    const expected = Object.values(graph.projects)
      .filter(isPulumiProject)
      .flatMap((project) => project.stacks.map((stack) => `${project.name}/${stack}`))
      .sort();
    expect(results.map((result) => `${result.project}/${result.stack}`).sort()).toEqual(expected);
  });

  it("has no Nx edge from one Pulumi project to another: programs share contracts, never code", () => {
    const programEdges = Object.entries(graph.dependencies).flatMap(([source, targets]) =>
      isPulumiProject(graph.projects[source]) ? targets.filter((target) => isPulumiProject(graph.projects[target])).map((target) => `${source} -> ${target}`) : [],
    );
    expect(programEdges).toEqual([]);
  });

  it("orders deploys and affected stacks by exactly those references", () => {
    const reads = stackDependencies(graph);
    expect(perStack((project) => reads.get(project) ?? [])).toEqual(planReferences());
  });
});
