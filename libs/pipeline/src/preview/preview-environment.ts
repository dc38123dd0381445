/**
 * `pipeline preview --env <env>`: previews the affected stacks of one environment, in dependency
 * order, and writes what the comment job needs: `<out>/<env>.json` (the summary) and
 * `<out>/<env>/<project>.json` (each raw `pulumi preview --json`, kept as an artifact).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AffectedStack } from "../affected";
import type { EnvironmentPreview, PreviewedStack } from "../comment/model";
import type { RunResult } from "../process";
import { readPreviewRun } from "./run-preview";

/** One stack's preview, with the mandatory policy violations its event log recorded. */
export type PreviewRunner = (project: string, environment: string) => Promise<RunResult & { readonly policyViolations?: readonly string[] }>;

export async function previewEnvironment(
  environment: string,
  stacks: readonly AffectedStack[],
  preview: PreviewRunner,
  outDir: string,
  log: (line: string) => void,
): Promise<EnvironmentPreview> {
  mkdirSync(join(outDir, environment), { recursive: true });
  const previewed: PreviewedStack[] = [];
  // One at a time in dependency order: the log reads like the deploy will run, and two previews
  // never compete for the same provider plugins on a cold cache.
  for (const stack of stacks) {
    log(`Previewing ${stack.project} (${environment}, ${stack.reason})...`);
    const result = await preview(stack.project, environment);
    writeFileSync(join(outDir, environment, `${stack.project}.json`), result.stdout);
    const outcome = readPreviewRun(result, `pulumi preview of ${stack.project} (${environment})`);
    if (outcome.ok) {
      const { counts } = outcome.changes;
      log(`  +${counts.create} ~${counts.update} ±${counts.replace} -${counts.delete}`);
      previewed.push({ ...stack, result: { status: "previewed", changes: outcome.changes } });
    } else {
      const message = withHint(outcome.message, stack.project, environment);
      log(`  ✗ preview failed:\n${message.split("\n").map((line) => `    ${line}`).join("\n")}`);
      previewed.push({ ...stack, result: { status: "failed", message, ...(outcome.changes ? { changes: outcome.changes } : {}) } });
    }
  }
  return writeEnvironmentPreview(outDir, { environment, stacks: previewed });
}

export function writeEnvironmentPreview(outDir: string, preview: EnvironmentPreview): EnvironmentPreview {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${preview.environment}.json`), `${JSON.stringify(preview, null, 2)}\n`);
  return preview;
}

/** A new project's stack does not exist in the backend until someone creates it once. */
function withHint(message: string, project: string, environment: string): string {
  if (!/no stack named/i.test(message)) return message;
  return `${message}\nThe stack does not exist yet: create it once with \`pulumi stack init ${environment}\` in the ${project} project's folder (see the root README).`;
}
