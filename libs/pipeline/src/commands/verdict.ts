import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { EnvironmentPreview } from "../comment/model";
import { driftExitCode, type DriftResult } from "../drift/drift-summary";
import { WORKSPACE_ROOT } from "../workspace";
import { parseOptions, required, UsageError } from "./args";

/**
 * `pipeline verdict plan|preview|drift [--env <env>] [--dir <dir>]`: the last step of the offline
 * plan, preview or drift job. The report was written and stored as an artifact first; this fails
 * the job when the head's plan failed, a preview failed, or a stack drifted or could not be checked.
 */
export async function verdict(args: readonly string[]): Promise<number> {
  const [kind, ...rest] = args;
  if (kind === "plan") return planVerdict(rest);
  if (kind !== "preview" && kind !== "drift") throw new UsageError("verdict needs plan, preview or drift");
  const values = parseOptions(rest, { env: { type: "string" }, dir: { type: "string", default: kind === "preview" ? "previews" : "drift" } });
  const environment = required(values.env, "--env");
  const file = join(resolve(WORKSPACE_ROOT, values.dir), `${environment}.json`);
  if (!existsSync(file)) {
    console.error(`✗ ${file} is missing: the ${kind} step did not finish (see its log).`);
    return 1;
  }
  if (kind === "preview") {
    const preview = JSON.parse(readFileSync(file, "utf8")) as EnvironmentPreview;
    const failed = preview.stacks.filter((stack) => stack.result.status === "failed").map((stack) => stack.project);
    if (preview.skipped) console.log(preview.skipped);
    if (failed.length > 0) console.error(`✗ The preview failed for ${failed.join(", ")} in ${environment}.`);
    return failed.length > 0 ? 1 : 0;
  }
  const results = JSON.parse(readFileSync(file, "utf8")) as DriftResult[];
  const bad = results.filter((result) => result.status !== "clean").map((result) => `${result.project} (${result.status})`);
  if (bad.length > 0) console.error(`✗ DRIFT in ${environment}: ${bad.join(", ")}. The summary above says what differs.`);
  else console.log(`✓ No drift in ${environment}.`);
  return driftExitCode(results);
}

function planVerdict(args: readonly string[]): number {
  const values = parseOptions(args, { dir: { type: "string", default: "plan-outputs" } });
  const file = join(resolve(WORKSPACE_ROOT, values.dir), "commits.json");
  const ok = existsSync(file) && (JSON.parse(readFileSync(file, "utf8")) as { headPlanOk?: boolean }).headPlanOk === true;
  if (!ok) console.error("✗ The offline plan of this commit failed; its summary above names the stacks and the problems.");
  return ok ? 0 : 1;
}
