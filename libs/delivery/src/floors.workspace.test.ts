/** This workspace keeps its floors: no arrow points back up, in imports or in package.json. */
import { describe, expect, it } from "vitest";
import { readWorkspace } from "./compute";
import { undeclaredWorkspaceImports } from "./declared-imports";
import { floorOf, floorViolations } from "./floors";
import { MAIN_WORKSPACE } from "./test-workspace";

describe("the floors of this workspace", () => {
  const graph = readWorkspace(MAIN_WORKSPACE, "HEAD", "HEAD");

  it("has every package on a floor, and the contract packages on the lowest", () => {
    const floors = Object.values(graph.projects).map((project) => [project.root, floorOf(project)] as const);
    expect(floors.filter(([, floor]) => floor === undefined)).toEqual([]);
    expect(floors.filter(([root, floor]) => root.startsWith("contracts/") && floor !== "contract")).toEqual([]);
  });

  it("declares every workspace package a package imports, so the project graph has every edge", () => {
    const packages = Object.values(graph.projects).flatMap((project) =>
      project.packageName ? [{ root: project.root, name: project.packageName, declared: [...project.runtimeDependencies, ...project.devDependencies] }] : [],
    );
    expect(undeclaredWorkspaceImports(MAIN_WORKSPACE, packages)).toEqual([]);
  });

  it("has no dependency from a floor to one above it, nor from one program to another", () => {
    expect(floorViolations(graph)).toEqual([]);
  });
});
