import { describe, expect, it } from "vitest";
import { pulumiProjectsUsing, runtimeEdges, stackDependencies, type WorkspaceGraph, type WorkspaceProject } from "./workspace-graph";

const project = (name: string, extra: Partial<WorkspaceProject> = {}): WorkspaceProject => ({
  name,
  root: `x/${name}`,
  packageName: `@platform/${name}`,
  runtimeDependencies: [],
  devDependencies: [],
  ...extra,
});
const stacks = ["dev", "staging", "production"];

/** cluster-base <- networking <- app; app uses the service library, which reads cluster-base's contract. */
const graph: WorkspaceGraph = {
  projects: {
    "cluster-base": project("cluster-base", { stacks, devDependencies: ["@platform/testing"] }),
    networking: project("networking", { stacks }),
    app: project("app", { stacks }),
    service: project("service"),
    testing: project("testing"),
  },
  externalPackages: { "npm:zod": "zod", "npm:vitest": "vitest", "npm:@pulumi/pulumi": "@pulumi/pulumi" },
  dependencies: {
    "cluster-base": ["testing", "npm:@pulumi/pulumi", "npm:vitest"],
    networking: ["cluster-base", "npm:zod"],
    app: ["networking", "service"],
    service: ["cluster-base", "npm:@pulumi/pulumi"],
    testing: ["npm:vitest"],
    "npm:zod": [],
  },
  rootDevDependencies: ["vitest"],
};

describe("the stack graph from the Nx project graph", () => {
  it("drops edges to packages declared only for development, by the project or the root", () => {
    expect(runtimeEdges(graph).get("cluster-base")).toEqual(["npm:@pulumi/pulumi"]);
  });

  it("reads through libraries but stops at the first Pulumi project", () => {
    expect(Object.fromEntries(stackDependencies(graph))).toEqual({
      "cluster-base": [],
      networking: ["cluster-base"],
      app: ["cluster-base", "networking"],
    });
  });

  it("finds the Pulumi projects whose program uses a changed node, not those behind another Pulumi project", () => {
    expect(pulumiProjectsUsing(graph, new Set(["npm:@pulumi/pulumi"]))).toEqual(new Set(["cluster-base", "app"]));
    expect(pulumiProjectsUsing(graph, new Set(["npm:zod"]))).toEqual(new Set(["networking"]));
    expect(pulumiProjectsUsing(graph, new Set(["testing", "npm:vitest"]))).toEqual(new Set());
    expect(pulumiProjectsUsing(graph, new Set(["cluster-base"]))).toEqual(new Set(["cluster-base"]));
  });
});
