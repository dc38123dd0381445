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
 */
export function readPreviewRun(result: RunResult, source: string): PreviewOutcome {
  let changes: StackChanges | undefined;
  let parseError: string | undefined;
  if (result.stdout.trim() !== "") {
    try {
      changes = stackChanges(parsePreviewDigest(result.stdout, source));
    } catch (error) {
      parseError = (error as Error).message;
    }
  }
  if (result.code === 0 && changes) return { ok: true, changes };
  const message =
    changes && changes.errors.length > 0
      ? changes.errors.join("\n")
      : [tail(result.stderr, 20), parseError].filter((part) => part && part.length > 0).join("\n") || `pulumi exited with code ${result.code}`;
  return changes ? { ok: false, message, changes } : { ok: false, message };
}
