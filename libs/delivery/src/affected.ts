import type { FileImpact } from "./classify";
import type { LockfileChanges } from "./lockfile";
import { dependencyWaves, type PlannedStack } from "./stack-order";
import { isPulumiProject, pulumiProjectsUsing, stackDependencies, type WorkspaceGraph } from "./workspace-graph";

export interface AffectedInput {
  readonly graph: WorkspaceGraph;
  /** Every changed file, classified. */
  readonly files: readonly FileImpact[];
  /** What changed in the lockfile, when it changed. */
  readonly lockfile?: LockfileChanges;
  /** Graph nodes (projects or `npm:` packages) that Nx says the workspace-level files touch. */
  readonly touchedByWorkspaceFiles: readonly string[];
  /** Environments to report, in promotion order. */
  readonly environments: readonly string[];
}

export interface AffectedReport {
  /** Per environment, the stacks to preview or deploy, in dependency order. */
  readonly environments: Record<string, PlannedStack[]>;
  /**
   * Per environment, every stack there, in dependency order, as if everything had changed (for
   * drift detection and full deploys): each `direct`, after every stack it reads.
   */
  readonly all: Record<string, PlannedStack[]>;
}

/**
 * The stacks a change affects. A project's stacks are all affected (`direct`) when its own files,
 * a library it uses or an npm package it depends on changed; one stack alone when only its
 * `Pulumi.<env>.yaml` changed. Every stack that reads an affected stack, transitively, in the same
 * environment, is affected too (`dependent`): an upstream update can change the outputs it reads.
 */
export function affectedStacks(input: AffectedInput): AffectedReport {
  const { graph } = input;
  const reads = stackDependencies(graph);
  const changedNodes = new Set<string>(input.touchedByWorkspaceFiles);
  const directByEnvironment = new Map<string, Set<string>>(input.environments.map((env) => [env, new Set()]));

  for (const impact of input.files) {
    if (impact.kind === "project") changedNodes.add(impact.project);
    if (impact.kind === "stack-config") directByEnvironment.get(impact.environment)?.add(impact.project);
  }
  for (const name of input.lockfile?.packages ?? []) for (const node of nodesForPackage(graph, name)) changedNodes.add(node);
  for (const root of input.lockfile?.workspaceRoots ?? []) {
    const project = Object.values(graph.projects).find((candidate) => candidate.root === root);
    if (project) changedNodes.add(project.name);
  }
  const directProjects = pulumiProjectsUsing(graph, changedNodes);

  const readers = invert(reads);
  const environments: Record<string, PlannedStack[]> = {};
  const all: Record<string, PlannedStack[]> = {};
  for (const env of input.environments) {
    const withStack = Object.values(graph.projects).filter((p) => isPulumiProject(p) && p.stacks.includes(env)).map((p) => p.name);
    all[env] = dependencyWaves(withStack, reads)
      .flat()
      .map((project) => ({ project, stack: env, reason: "direct", dependsOn: (reads.get(project) ?? []).filter((up) => withStack.includes(up)) }));

    const direct = new Set([...directProjects, ...directByEnvironment.get(env)!].filter((name) => withStack.includes(name)));
    const affected = new Set(direct);
    const queue = [...direct];
    while (queue.length > 0) {
      for (const reader of readers.get(queue.shift()!) ?? []) {
        if (!affected.has(reader) && withStack.includes(reader)) {
          affected.add(reader);
          queue.push(reader);
        }
      }
    }
    environments[env] = dependencyWaves([...affected], reads)
      .flat()
      .map((project) => ({
        project,
        stack: env,
        reason: direct.has(project) ? "direct" : "dependent",
        dependsOn: (reads.get(project) ?? []).filter((upstream) => affected.has(upstream)),
      }));
  }
  return { environments, all };
}

/** The graph nodes behind an npm package name: npm nodes of any version, or a workspace package. */
function nodesForPackage(graph: WorkspaceGraph, packageName: string): string[] {
  const external = Object.entries(graph.externalPackages).filter(([, name]) => name === packageName).map(([node]) => node);
  const workspace = Object.values(graph.projects).filter((p) => p.packageName === packageName).map((p) => p.name);
  return [...external, ...workspace];
}

function invert(edges: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const inverted = new Map<string, string[]>();
  for (const [source, targets] of edges) for (const target of targets) (inverted.get(target) ?? inverted.set(target, []).get(target)!).push(source);
  return inverted;
}
