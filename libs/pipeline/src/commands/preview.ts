import { resolve } from "node:path";
import { affectedBetween, isEnvironment } from "../affected";
import { missingCredentialsMessage, missingPulumiCredentials } from "../ci/circleci-env";
import { headCommit, mergeBaseWithMain } from "../ci/git";
import { previewEnvironment, writeEnvironmentPreview } from "../preview/preview-environment";
import { findPulumiProjects, previewStack } from "../pulumi/pulumi-cli";
import { WORKSPACE_ROOT } from "../workspace";
import { parseOptions, required, UsageError } from "./args";

/**
 * `pipeline preview --env <env> [--out previews] [--base <sha>]`: `pulumi preview` of the stacks
 * the pull request affects in one environment, in dependency order, with the policy pack.
 * Without credentials (a fork's pull request) it says why and succeeds, writing that reason for
 * the comment. It exits zero once the report is written; `verdict preview` fails the job after.
 */
export async function preview(args: readonly string[]): Promise<number> {
  const values = parseOptions(args, { env: { type: "string" }, out: { type: "string", default: "previews" }, base: { type: "string" } });
  const environment = required(values.env, "--env");
  if (!isEnvironment(environment)) throw new UsageError(`--env ${environment}: expected dev, staging or production`);
  const out = resolve(WORKSPACE_ROOT, values.out);

  const missing = missingPulumiCredentials(process.env);
  if (missing.length > 0) {
    const message = missingCredentialsMessage(process.env, missing);
    console.log(message);
    writeEnvironmentPreview(out, { environment, stacks: [], skipped: message });
    return 0;
  }

  const head = await headCommit(WORKSPACE_ROOT);
  const base = values.base ?? (await mergeBaseWithMain(WORKSPACE_ROOT));
  const stacks = (await affectedBetween(WORKSPACE_ROOT, base, head)).environments[environment] ?? [];
  console.log(`${stacks.length} stack(s) of ${environment} affected between ${base.slice(0, 7)} and ${head.slice(0, 7)}: ${stacks.map((s) => s.project).join(", ") || "none"}`);

  const roots = findPulumiProjects(WORKSPACE_ROOT);
  const result = await previewEnvironment(
    environment,
    stacks,
    (project, env) => previewStack(WORKSPACE_ROOT, roots.get(project) ?? `projects/${project}`, env),
    out,
    (line) => console.log(line),
  );
  const failed = result.stacks.filter((stack) => stack.result.status === "failed");
  console.log(failed.length > 0 ? `✗ ${failed.length} preview(s) failed in ${environment}: ${failed.map((s) => s.project).join(", ")}` : `✓ every affected ${environment} stack previewed`);
  // The job's last step (`verdict`) fails it, after the report is kept as an artifact.
  return 0;
}
