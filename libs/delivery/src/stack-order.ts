/** One stack to preview or deploy, as CI consumes it. */
export interface PlannedStack {
  readonly project: string;
  /** The stack, which is the environment's name. */
  readonly stack: string;
  /** `direct`: the change touches this stack's program, packages or configuration; `dependent`: it reads an affected stack. */
  readonly reason: "direct" | "dependent";
  /** Stacks in this list, same environment, that must finish first (the projects this one reads). */
  readonly dependsOn: readonly string[];
}

/**
 * Groups projects into waves: each project comes after every project it reads, and projects in
 * one wave are independent of each other, so they may run in parallel. Within a wave, by name.
 * Reads of projects outside `projects` are ignored: those stacks are not part of this run.
 */
export function dependencyWaves(projects: readonly string[], reads: ReadonlyMap<string, readonly string[]>): string[][] {
  const included = new Set(projects);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (project: string, path: readonly string[]): number => {
    const known = depth.get(project);
    if (known !== undefined) return known;
    if (visiting.has(project)) {
      throw new Error(`The stack graph has a cycle: ${[...path.slice(path.indexOf(project)), project].join(" -> ")}`);
    }
    visiting.add(project);
    const upstream = (reads.get(project) ?? []).filter((name) => included.has(name));
    const value = upstream.length === 0 ? 0 : 1 + Math.max(...upstream.map((name) => depthOf(name, [...path, project])));
    visiting.delete(project);
    depth.set(project, value);
    return value;
  };
  const waves: string[][] = [];
  for (const project of [...included].sort()) (waves[depthOf(project, [])] ??= []).push(project);
  return waves.map((wave) => wave.sort());
}
