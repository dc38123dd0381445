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

/**
 * cluster-base <- networking <- app, through contract packages; app also uses the service
 * library, which depends on cluster-base's contract.
 */
const graph: WorkspaceGraph = {
  projects: {
    "cluster-base": project("cluster-base", { stacks, reads: [], devDependencies: ["@platform/testing"] }),
    networking: project("networking", { stacks, reads: ["cluster-base"] }),
    app: project("app", { stacks, reads: ["cluster-base", "networking"] }),
    "cluster-base-contract": project("cluster-base-contract"),
    "networking-contract": project("networking-contract"),
    service: project("service"),
    testing: project("testing"),
  },
  externalPackages: { "npm:zod": "zod", "npm:vitest": "vitest", "npm:@pulumi/pulumi": "@pulumi/pulumi" },
  dependencies: {
    "cluster-base": ["cluster-base-contract", "testing", "npm:@pulumi/pulumi", "npm:vitest"],
    networking: ["cluster-base-contract", "networking-contract", "npm:zod"],
    app: ["networking-contract", "service"],
    service: ["cluster-base-contract", "npm:@pulumi/pulumi"],
    "cluster-base-contract": [],
    "networking-contract": [],
    testing: ["npm:vitest"],
    "npm:zod": [],
  },
  rootDevDependencies: ["vitest"],
};

describe("the stack graph from the Nx project graph", () => {
  it("drops edges to packages declared only for development, by the project or the root", () => {
    expect(runtimeEdges(graph).get("cluster-base")).toEqual(["cluster-base-contract", "npm:@pulumi/pulumi"]);
  });

  it("reads what the plugin ordered up by", () => {
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
    // A contract change reaches its producer and every reader, directly or through a library.
    expect(pulumiProjectsUsing(graph, new Set(["cluster-base-contract"]))).toEqual(new Set(["cluster-base", "networking", "app"]));
    expect(pulumiProjectsUsing(graph, new Set(["networking-contract"]))).toEqual(new Set(["networking", "app"]));
  });
});
