/**
 * Gathers what the comment shows from the files the earlier jobs left in the workspace: one
 * `<previews>/<env>.json` per preview job and the offline plans under `<plans>/head` and
 * `<plans>/base`. A missing file becomes a sentence in the comment, never a crash.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ENVIRONMENTS } from "../affected";
import { diffPlannedOutputs, readPlannedOutputs } from "../outputs/outputs-diff";
import type { CommentInput, EnvironmentPreview } from "./model";

function readEnvironment(previews: string, environment: string): EnvironmentPreview {
  const file = join(previews, `${environment}.json`);
  if (!existsSync(file)) return { environment, stacks: [], skipped: `its preview job left no result (${environment}.json); see that job's log` };
  return JSON.parse(readFileSync(file, "utf8")) as EnvironmentPreview;
}

export function collectCommentInput(previews: string, plans: string, reportUrl?: string): CommentInput {
  const commitsFile = join(plans, "commits.json");
  const commits = existsSync(commitsFile) ? (JSON.parse(readFileSync(commitsFile, "utf8")) as { base: string; head: string }) : { base: "unknown", head: "unknown" };
  const unavailableFile = join(plans, "base-unavailable.txt");
  const headPlans = readPlannedOutputs(join(plans, "head"));
  const outputsNotCompared =
    headPlans.size === 0 ? "the offline plan of the head wrote no plan (see the offline-plan job)" : existsSync(unavailableFile) ? readFileSync(unavailableFile, "utf8").trim() : undefined;
  return {
    base: commits.base,
    head: commits.head,
    environments: ENVIRONMENTS.map((environment) => readEnvironment(previews, environment)),
    outputsChanges: diffPlannedOutputs(readPlannedOutputs(join(plans, "base")), headPlans),
    ...(outputsNotCompared ? { outputsNotCompared } : {}),
    ...(reportUrl ? { reportUrl } : {}),
  };
}
