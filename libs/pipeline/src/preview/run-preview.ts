import type { RunResult } from "../process";
import { stackChanges, type StackChanges } from "./changes";
import { parsePreviewDigest } from "./preview-json";

export type PreviewOutcome =
  | { readonly ok: true; readonly changes: StackChanges }
  | { readonly ok: false; readonly message: string; readonly changes?: StackChanges };

function tail(text: string, lines: number): string {
  return text.trim().split("\n").slice(-lines).join("\n");
}

/**
 * What one `pulumi preview --json` run says. A non-zero exit with readable JSON keeps its planned
 * changes and its error diagnostics; a run that printed no JSON keeps the end of its stderr.
 * Mandatory policy violations (from the run's event log) come first: they are why it failed.
 */
export function readPreviewRun(result: RunResult & { readonly policyViolations?: readonly string[] }, source: string): PreviewOutcome {
  let parsed: StackChanges | undefined;
  let parseError: string | undefined;
  if (result.stdout.trim() !== "") {
    try {
      parsed = stackChanges(parsePreviewDigest(result.stdout, source));
    } catch (error) {
      parseError = (error as Error).message;
    }
  }
  const violations = result.policyViolations ?? [];
  const changes = parsed && violations.length > 0 ? { ...parsed, errors: [...violations, ...parsed.errors] } : parsed;
  if (result.code === 0 && changes) return { ok: true, changes };
  const message =
    changes && changes.errors.length > 0
      ? changes.errors.join("\n")
      : [...violations, tail(result.stderr, 20), parseError].filter((part) => part && part.length > 0).join("\n") || `pulumi exited with code ${result.code}`;
  return changes ? { ok: false, message, changes } : { ok: false, message };
}
