import { describe, expect, it } from "vitest";
import { floorOf, floorViolations } from "./floors";
import type { WorkspaceGraph, WorkspaceProject } from "./workspace-graph";

const project = (root: string, tags: string[] = []): WorkspaceProject => ({ name: root, root, tags, runtimeDependencies: [], devDependencies: [] });

function graph(edges: Record<string, string[]>, extra: WorkspaceProject[] = []): WorkspaceGraph {
  const roots = new Set([...Object.keys(edges), ...Object.values(edges).flat()]);
  const projects = Object.fromEntries([...roots].map((root) => [root, project(root)]));
  for (const p of extra) projects[p.root] = p;
  return { projects, externalPackages: {}, dependencies: edges, rootDevDependencies: [] };
}

describe("the floors of the workspace", () => {
  it("takes a package's floor from its tag, else from its folder", () => {
    expect(floorOf(project("projects/app"))).toBe("program");
    expect(floorOf(project("libs/service"))).toBe("library");
    expect(floorOf(project("e2e"))).toBe("library");
    expect(floorOf(project("contracts/app"))).toBe("contract");
    expect(floorOf(project("libs/config", ["npm:private", "floor:contract"]))).toBe("contract");
    expect(floorOf(project("tools/x"))).toBeUndefined();
  });

  it("lets each floor use its own and those below", () => {
    expect(
      floorViolations(
        graph({
          "projects/app": ["libs/service", "contracts/base", "npm:zod"],
          "libs/service": ["libs/slo", "contracts/base"],
          "contracts/base": ["contracts/primitives"],
        }),
      ),
    ).toEqual([]);
  });

  it("names every arrow back up, and which floor may use which", () => {
    const problems = floorViolations(
      graph(
        {
          "libs/service": ["projects/base", "contracts/base"],
          "contracts/base": ["libs/config"],
          "projects/app": ["projects/base"],
          "libs/testing": [],
        },
        [project("libs/testing", ["floor:basement"])],
      ),
    );
    expect(problems).toEqual([
      "contracts/base (contract) depends on libs/config (library): a contract may use contracts only",
      "libs/service (library) depends on projects/base (program): a library may use libraries and contracts only",
      "libs/testing: tagged floor:basement, expected one of floor:contract, floor:library, floor:program",
      "projects/app (program) depends on projects/base (program): a program may use libraries and contracts only (programs share contracts and libraries, never each other's code)",
    ]);
  });
});
