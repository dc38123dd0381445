import type { AffectedReport } from "./affected";
import type { FileImpact } from "./classify";

/** The affected stacks as a readable table, one block per environment. */
export function renderAffected(report: AffectedReport, files: readonly FileImpact[]): string {
  const lines: string[] = [];
  const ignored = files.filter((file) => file.kind === "none");
  lines.push(`${files.length} changed file(s), ${ignored.length} of which cannot change a stack.`);
  for (const [env, stacks] of Object.entries(report.environments)) {
    const total = report.all[env]?.length ?? 0;
    lines.push("", `${env}: ${stacks.length} of ${total} stack(s)`);
    if (stacks.length === 0) continue;
    const width = Math.max(...stacks.map((stack) => stack.project.length), "project".length);
    lines.push(`  ${"project".padEnd(width)}  ${"reason".padEnd(9)}  after`);
    for (const stack of stacks) {
      lines.push(`  ${stack.project.padEnd(width)}  ${stack.reason.padEnd(9)}  ${stack.dependsOn.join(", ") || "-"}`);
    }
  }
  return lines.join("\n");
}

/** Every stack of each environment in waves; the stacks of one wave may run in parallel. */
export function renderWaves(waves: Record<string, string[][]>): string {
  const lines: string[] = [];
  for (const [env, envWaves] of Object.entries(waves)) {
    lines.push(`${env}:`);
    envWaves.forEach((wave, index) => lines.push(`  wave ${index + 1}: ${wave.join(", ")}`));
  }
  return lines.join("\n");
}
