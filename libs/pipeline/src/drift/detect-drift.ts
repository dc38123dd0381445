import type { RunResult } from "../process";
import { readPreviewRun } from "../preview/run-preview";
import type { DriftResult } from "./drift-summary";

export interface DriftDependencies {
  /** `pulumi refresh` of the stack (its Nx target); true on success. */
  readonly refresh: (project: string, environment: string) => Promise<boolean>;
  /** `pulumi preview --expect-no-changes --json` of the stack. */
  readonly preview: (project: string, environment: string) => Promise<RunResult & { readonly policyViolations?: readonly string[] }>;
}

/**
 * Refreshes the stack so its state holds what really exists, then previews the code against it:
 * any planned change is drift. A failed refresh or preview is reported as an error.
 */
export async function checkDrift(environment: string, project: string, deps: DriftDependencies): Promise<DriftResult> {
  if (!(await deps.refresh(project, environment))) {
    return { environment, project, status: "error", message: `pulumi refresh failed (see the log above for nx run ${project}:refresh:${environment})` };
  }
  const outcome = readPreviewRun(await deps.preview(project, environment), `pulumi preview of ${project} (${environment})`);
  const changes = outcome.changes?.changes ?? [];
  // `--expect-no-changes` makes a drifted preview exit non-zero, so the planned changes decide.
  if (changes.length > 0) return { environment, project, status: "drifted", changes };
  if (outcome.ok) return { environment, project, status: "clean" };
  return { environment, project, status: "error", message: outcome.message };
}
