/** The facts about a workspace that the affected rules need, as plain data (no Nx types). */
export interface WorkspaceProject {
  readonly name: string;
  /** Folder relative to the workspace root. */
  readonly root: string;
  /** Nx tags, such as `floor:library`; none when the project declares none. */
  readonly tags?: readonly string[];
  /** Name in its package.json, when it has one. */
  readonly packageName?: string;
  /** Package names declared under `dependencies`, `peerDependencies` or `optionalDependencies`. */
  readonly runtimeDependencies: readonly string[];
  /** Package names declared only under `devDependencies`. */
  readonly devDependencies: readonly string[];
  /** Stacks with a `Pulumi.<stack>.yaml`, when the folder has a Pulumi.yaml; absent otherwise. */
  readonly stacks?: readonly string[];
  /**
   * Of a Pulumi project, the projects whose stacks it reads: the producers of the contract packages
   * it depends on (`@platform/stack-contracts/workspace`), as the Nx plugin orders its `up`.
   */
  readonly reads?: readonly string[];
}

export interface WorkspaceGraph {
  readonly projects: Readonly<Record<string, WorkspaceProject>>;
  /** External (npm) nodes by Nx name (`npm:zod`) with their package name. */
  readonly externalPackages: Readonly<Record<string, string>>;
  /** Nx project-graph edges, source to targets (workspace projects and npm nodes). */
  readonly dependencies: Readonly<Record<string, readonly string[]>>;
  /** Package names that the root package.json declares as devDependencies: tooling. */
  readonly rootDevDependencies: readonly string[];
}

export function isPulumiProject(project: WorkspaceProject | undefined): project is WorkspaceProject & { stacks: readonly string[] } {
  return project?.stacks !== undefined;
}

/** The package name behind a graph node: a workspace package or an npm package. */
function packageNameOf(graph: WorkspaceGraph, node: string): string | undefined {
  return graph.projects[node]?.packageName ?? graph.externalPackages[node];
}

/**
 * Edges a deployed program can follow at run time. An edge to a package that is declared only as a
 * devDependency (of the project or of the workspace root) exists for tests and tooling: changing
 * that package cannot change what a stack deploys. Edges between npm packages are all kept.
 */
export function runtimeEdges(graph: WorkspaceGraph): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const [source, targets] of Object.entries(graph.dependencies)) {
    const project = graph.projects[source];
    edges.set(
      source,
      targets.filter((target) => {
        if (!project) return true;
        const name = packageNameOf(graph, target);
        if (name === undefined || project.runtimeDependencies.includes(name)) return true;
        return !project.devDependencies.includes(name) && !graph.rootDevDependencies.includes(name);
      }),
    );
  }
  return edges;
}

/**
 * Which Pulumi projects each Pulumi project reads. Programs never import each other: a reader
 * depends on the producer's contract package, which the Nx plugin turns into `up` ordering.
 */
export function stackDependencies(graph: WorkspaceGraph): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const [name, project] of Object.entries(graph.projects)) {
    if (isPulumiProject(project)) result.set(name, [...(project.reads ?? [])].sort());
  }
  return result;
}

/**
 * Pulumi projects whose program can change when the given nodes change: those that reach a
 * changed node through runtime edges without passing another Pulumi project (a project behind
 * another one is reached as a stack dependent instead).
 */
export function pulumiProjectsUsing(graph: WorkspaceGraph, changedNodes: ReadonlySet<string>): Set<string> {
  const edges = runtimeEdges(graph);
  const users = new Set<string>();
  for (const [name, project] of Object.entries(graph.projects)) {
    if (!isPulumiProject(project)) continue;
    if (changedNodes.has(name)) {
      users.add(name);
      continue;
    }
    const seen = new Set<string>([name]);
    const queue = [...(edges.get(name) ?? [])];
    while (queue.length > 0) {
      const node = queue.shift()!;
      if (seen.has(node)) continue;
      seen.add(node);
      if (isPulumiProject(graph.projects[node])) continue;
      if (changedNodes.has(node)) {
        users.add(name);
        break;
      }
      queue.push(...(edges.get(node) ?? []));
    }
  }
  return users;
}
