/**
 * The nightly drift report: for every stack, whether the real infrastructure still matches the
 * code. A stack drifts when, after `pulumi refresh`, `pulumi preview --expect-no-changes` plans a
 * change; a stack whose check could not run is an error, never silently clean.
 */
import type { ResourceChange } from "../preview/changes";

export type DriftResult =
  | { readonly environment: string; readonly project: string; readonly status: "clean" }
  | { readonly environment: string; readonly project: string; readonly status: "drifted"; readonly changes: readonly ResourceChange[] }
  | { readonly environment: string; readonly project: string; readonly status: "error"; readonly message: string };

const SYMBOL = { create: "+", update: "~", replace: "±", delete: "-", import: "=" } as const;

export function driftExitCode(results: readonly DriftResult[]): number {
  return results.every((result) => result.status === "clean") ? 0 : 1;
}

/** The summary the job prints last: drifted and failed stacks named first, then the clean ones. */
export function renderDriftSummary(results: readonly DriftResult[]): string {
  const drifted = results.filter((result) => result.status === "drifted");
  const errors = results.filter((result) => result.status === "error");
  const clean = results.filter((result) => result.status === "clean");
  const name = (result: DriftResult) => `${result.environment}/${result.project}`;
  const lines: string[] = [];

  if (drifted.length + errors.length === 0) {
    lines.push(`✓ No drift: all ${results.length} stacks match their code.`);
  } else {
    const parts = [];
    if (drifted.length > 0) parts.push(`${drifted.length} drifted (${drifted.map(name).join(", ")})`);
    if (errors.length > 0) parts.push(`${errors.length} could not be checked (${errors.map(name).join(", ")})`);
    lines.push(`✗ DRIFT: ${parts.join("; ")} of ${results.length} stacks.`);
  }
  for (const result of drifted) {
    lines.push("", `✗ ${name(result)} differs from its code:`);
    for (const change of result.changes) lines.push(`    ${SYMBOL[change.kind]} ${change.kind.padEnd(7)} ${change.type} ${change.name}${change.reasons.length > 0 ? ` (${change.reasons.join(", ")})` : ""}`);
  }
  for (const result of errors) {
    lines.push("", `! ${name(result)} could not be checked:`, ...result.message.trim().split("\n").slice(0, 20).map((line) => `    ${line}`));
  }
  if (clean.length > 0) lines.push("", `✓ clean: ${clean.map(name).join(", ")}`);
  if (drifted.length > 0) {
    lines.push(
      "",
      "Someone or something changed these resources outside Pulumi. Either bring the change into code by pull request,",
      "or run the stack's `up` from main to put the code's state back; never fix it by hand again.",
    );
  }
  return lines.join("\n");
}
