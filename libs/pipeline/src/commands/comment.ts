import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { artifactsUrl, githubToken, pullRequestNumber, repositoryOf } from "../ci/circleci-env";
import { collectCommentInput } from "../comment/collect";
import { COMMENT_MARKER, renderComment } from "../comment/render-comment";
import { GitHubApi, upsertComment } from "../github/github-api";
import { WORKSPACE_ROOT } from "../workspace";
import { parseOptions } from "./args";

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
  const input = collectCommentInput(resolve(WORKSPACE_ROOT, values.previews), resolve(WORKSPACE_ROOT, values.plans), artifactsUrl(process.env));
  const body = renderComment(input);
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
