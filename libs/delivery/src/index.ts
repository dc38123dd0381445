/**
 * Library floor (tooling): which stacks a change affects, per environment, in dependency order,
 * from the real Nx project graph.
 */
export { computeAffected, readWorkspace, type ComputeOptions, type ComputedAffected } from "./compute";
export { isPulumiProject, stackDependencies, type WorkspaceGraph, type WorkspaceProject } from "./workspace-graph";
export { dependencyWaves } from "./stack-order";
