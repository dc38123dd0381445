import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ENVIRONMENTS } from "../affected";
import { artifactsUrl, githubToken, pullRequestNumber, repositoryOf } from "../ci/circleci-env";
import type { EnvironmentPreview } from "../comment/model";
import { COMMENT_MARKER, renderComment } from "../comment/render-comment";
import { GitHubApi, upsertComment } from "../github/github-api";
import { diffPlannedOutputs, readPlannedOutputs } from "../outputs/outputs-diff";
import { WORKSPACE_ROOT } from "../workspace";
import { parseOptions } from "./args";

function readEnvironment(previews: string, environment: string): EnvironmentPreview {
  const file = join(previews, `${environment}.json`);
  if (!existsSync(file)) return { environment, stacks: [], skipped: `its preview job left no result (${file}); see that job's log` };
  return JSON.parse(readFileSync(file, "utf8")) as EnvironmentPreview;
}

/**
 * `pipeline comment [--previews previews] [--plans plan-outputs] [--out previews/comment.md]`:
 * renders the pull-request comment from the previews and the offline plans, keeps it as an
 * artifact, and creates or updates the one comment on the pull request. Without a token (a fork)
 * or outside a pull request it prints the comment and says why it was not posted.
 */
export async function comment(args: readonly string[]): Promise<number> {
  const values = parseOptions(args, {
    previews: { type: "string", default: "previews" },
    plans: { type: "string", default: "plan-outputs" },
    out: { type: "string", default: "previews/comment.md" },
  });
  const previews = resolve(WORKSPACE_ROOT, values.previews);
  const plans = resolve(WORKSPACE_ROOT, values.plans);

  const commits = existsSync(join(plans, "commits.json")) ? (JSON.parse(readFileSync(join(plans, "commits.json"), "utf8")) as { base: string; head: string }) : { base: "unknown", head: process.env.CIRCLE_SHA1 ?? "unknown" };
  const unavailable = existsSync(join(plans, "base-unavailable.txt")) ? readFileSync(join(plans, "base-unavailable.txt"), "utf8").trim() : undefined;
  const headPlans = readPlannedOutputs(join(plans, "head"));
  const outputsNotCompared = headPlans.size === 0 ? "the offline plan of the head wrote no plan (see the offline-plan job)" : unavailable;
  const reportUrl = artifactsUrl(process.env);

  const body = renderComment({
    base: commits.base,
    head: commits.head,
    environments: ENVIRONMENTS.map((environment) => readEnvironment(previews, environment)),
    outputsChanges: diffPlannedOutputs(readPlannedOutputs(join(plans, "base")), headPlans),
    ...(outputsNotCompared ? { outputsNotCompared } : {}),
    ...(reportUrl ? { reportUrl } : {}),
  });
  const out = resolve(WORKSPACE_ROOT, values.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, body);
  console.log(body);

  const token = githubToken(process.env);
  const pullRequest = pullRequestNumber(process.env);
  const repository = repositoryOf(process.env);
  if (!token || !pullRequest || !repository) {
    const why = !pullRequest ? "this branch has no open pull request" : !token ? "there is no GITHUB_TOKEN (context github-bot; forks get none)" : "the repository is unknown";
    console.log(`\nNot posted: ${why}. The comment is in ${values.out} among the job's artifacts.`);
    return 0;
  }
  const { id, created } = await upsertComment(new GitHubApi(repository, token), pullRequest, COMMENT_MARKER, body);
  console.log(`\n${created ? "Created" : "Updated"} comment ${id} on pull request #${pullRequest}.`);
  return 0;
}
