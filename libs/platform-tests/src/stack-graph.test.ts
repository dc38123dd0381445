/**
 * The stack graph is written once, in code: a consumer depends on an upstream's contract package,
 * the Nx plugin orders its `up` after the producer's, and the program makes a StackReference
 * through that same contract. This proves those edges are exactly the StackReferences that the
 * programs make in the offline plan of every environment, so the order of `up` and of the affected
 * stacks is right, and that no program depends on another program.
 */
import { isPulumiProject, readWorkspace, stackDependencies, type WorkspaceGraph } from "@platform/delivery";
import type { StackResult } from "@platform/offline-plan";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { WORKSPACE_ROOT } from "./global-setup";

let graph: WorkspaceGraph;
// The offline plan of every stack of every environment, from the global setup.
const results: readonly StackResult[] = inject("planResults");

beforeAll(() => {
  graph = readWorkspace(WORKSPACE_ROOT, "HEAD", "HEAD");
});

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
