import type { AffectedStack } from "../affected";

/**
 * Groups an environment's affected stacks into waves: a stack runs after every stack it depends
 * on, and the stacks of one wave are independent, so they deploy in parallel. The affected list is
 * already in dependency order; the waves make the parallelism explicit and refuse a broken list.
 */
export function deployWaves(stacks: readonly AffectedStack[]): string[][] {
  const names = new Set(stacks.map((stack) => stack.project));
  const problems: string[] = [];
  for (const stack of stacks) {
    for (const upstream of stack.dependsOn) {
      if (!names.has(upstream)) problems.push(`${stack.project} depends on ${upstream}, which is not in the list of stacks to deploy`);
    }
  }
  if (problems.length > 0) throw new Error(`Cannot order the deployment:\n  - ${problems.join("\n  - ")}`);

  const waveOf = new Map<string, number>();
  const waves: string[][] = [];
  let remaining = [...stacks];
  while (remaining.length > 0) {
    const ready = remaining.filter((stack) => stack.dependsOn.every((upstream) => waveOf.has(upstream)));
    if (ready.length === 0) {
      throw new Error(`Cannot order the deployment: ${remaining.map((stack) => `${stack.project} (waits for ${stack.dependsOn.join(", ")})`).join(", ")} form a cycle`);
    }
    const wave = ready.map((stack) => stack.project).sort();
    for (const project of wave) waveOf.set(project, waves.length);
    waves.push(wave);
    remaining = remaining.filter((stack) => !waveOf.has(stack.project));
  }
  return waves;
}
