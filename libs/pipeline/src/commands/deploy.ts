import { affectedBetween, isEnvironment } from "../affected";
import { githubToken, missingPulumiCredentials, repositoryOf } from "../ci/circleci-env";
import { headCommit, isAncestor } from "../ci/git";
import { deployEnvironment, markerRef } from "../deploy/deploy-environment";
import { GitHubApi } from "../github/github-api";
import { runNxTarget } from "../pulumi/pulumi-cli";
import { WORKSPACE_ROOT } from "../workspace";
import { parseOptions, required, UsageError } from "./args";

/**
 * `pipeline deploy --env <env> --commit <sha>`: deploys the commit to one environment: what
 * changed since the last successful deployment there, wave by wave, then records it.
 */
export async function deploy(args: readonly string[]): Promise<number> {
  const values = parseOptions(args, { env: { type: "string" }, commit: { type: "string" } });
  const environment = required(values.env, "--env");
  const commit = required(values.commit, "--commit");
  if (!isEnvironment(environment)) throw new UsageError(`--env ${environment}: expected dev, staging or production`);

  const head = await headCommit(WORKSPACE_ROOT);
  if (head !== commit) throw new Error(`The checkout is ${head}, but this release deploys ${commit}: every environment must get the same commit.`);
  const missing = missingPulumiCredentials(process.env);
  const token = githubToken(process.env);
  const repository = repositoryOf(process.env);
  if (missing.length > 0 || !token || !repository) {
    const gaps = [...missing, ...(token ? [] : ["GITHUB_TOKEN (context github-bot), which reads and moves the deployed/<env> tag"]), ...(repository ? [] : ["CIRCLE_PROJECT_USERNAME/CIRCLE_PROJECT_REPONAME"])];
    throw new Error(`Cannot deploy to ${environment}; missing: ${gaps.join("; ")}`);
  }

  const api = new GitHubApi(repository, token);
  const outcome = await deployEnvironment(environment, head, {
    affected: (base, target) => affectedBetween(WORKSPACE_ROOT, base, target),
    isAncestor: (ancestor, descendant) => isAncestor(WORKSPACE_ROOT, ancestor, descendant),
    deployWave: (env, projects) => runNxTarget(WORKSPACE_ROOT, "up", env, projects),
    readMarker: (env) => api.getRef(markerRef(env)),
    writeMarker: (env, sha, exists) => api.setRef(markerRef(env), sha, exists),
    log: (line) => console.log(line),
  });
  return outcome.ok ? 0 : 1;
}
