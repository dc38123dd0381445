/**
 * `npm run image:promote`: records an application's image tag in one environment's stack file,
 * and, with `--pull-request`, commits it on a branch and opens a pull request, which CI previews
 * like any other change. dev receives what an application's pipeline built; staging and
 * production receive only the tag the environment before them runs, one step at a time.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isPlatformImage, PLATFORM_IMAGES, type PlatformImageName } from "@platform/config/src/images";
import { ENVIRONMENTS, isEnvironment, type Environment } from "../affected";
import type { GitHubApi, Repository } from "../github/github-api";
import { run } from "../process";
import { assertImageTag, imageReference } from "./image-tag";
import { readConfigString, setConfigString, type ConfigPath } from "./stack-file";

/** `app` names an image of the platform's catalogue (PLATFORM_IMAGES): an application or a tool image. */
export type PromoteRequest =
  | { readonly app: PlatformImageName; readonly to: Environment; readonly tag: string; readonly sourceUrl?: string }
  | { readonly app: PlatformImageName; readonly to: Environment; readonly from: Environment };

export interface PromoteResult {
  readonly file: string;
  readonly tag: string;
  readonly previous: string;
  readonly changed: boolean;
}

const stackFile = (image: PlatformImageName, environment: string) => `projects/${PLATFORM_IMAGES[image].project}/Pulumi.${environment}.yaml`;
const tagKey = (image: PlatformImageName): ConfigPath => PLATFORM_IMAGES[image].tagKey;
/** The tag's key as people write it: `degenquest:imageTag`, `degenquest:backup.toolsImageTag`. */
export const tagKeyName = (image: PlatformImageName): string => PLATFORM_IMAGES[image].tagKey.join(".");

/** Checks the request's shape before anything is read: known app, known environments, one step forward. */
export function promoteProblems(workspaceRoot: string, request: { app: string; to: string; from?: string; tag?: string }): string[] {
  const problems: string[] = [];
  if (!isPlatformImage(request.app)) problems.push(`--app ${request.app}: expected an image the platform builds: ${Object.keys(PLATFORM_IMAGES).join(", ")}`);
  else if (!existsSync(join(workspaceRoot, "projects", PLATFORM_IMAGES[request.app].project, "Pulumi.yaml"))) {
    problems.push(`--app ${request.app}: its project ${PLATFORM_IMAGES[request.app].project} has no Pulumi.yaml in projects/`);
  }
  if (!isEnvironment(request.to)) problems.push(`--to ${request.to}: expected one of ${ENVIRONMENTS.join(", ")}`);
  if (request.from !== undefined && request.tag !== undefined) problems.push("give either --tag (a new build, into dev) or --from (a tested tag, forward), not both");
  if (request.from === undefined && request.tag === undefined) problems.push("give --tag <commit sha> (into dev) or --from <environment> (to copy a tested tag forward)");
  if (request.from !== undefined) {
    if (!isEnvironment(request.from)) problems.push(`--from ${request.from}: expected one of ${ENVIRONMENTS.join(", ")}`);
    else if (isEnvironment(request.to) && ENVIRONMENTS.indexOf(request.to) !== ENVIRONMENTS.indexOf(request.from) + 1) {
      const next = ENVIRONMENTS[ENVIRONMENTS.indexOf(request.from) + 1];
      problems.push(`--from ${request.from} --to ${request.to}: a tag moves one environment at a time, ${next ? `from ${request.from} to ${next}` : `and ${request.from} is the last`}`);
    }
  } else if (request.tag !== undefined && request.to !== "dev") {
    problems.push(`--to ${request.to} with --tag: a new build goes to dev first; staging and production take a tested tag with --from`);
  }
  return problems;
}

/** Rewrites the stack file (unless `dryRun`); returns what it did. Throws with every problem at once on bad input. */
export function promoteImage(workspaceRoot: string, request: PromoteRequest, options: { readonly dryRun?: boolean } = {}): PromoteResult {
  const key = tagKey(request.app);
  const target = stackFile(request.app, request.to);
  const targetText = readFileSync(join(workspaceRoot, target), "utf8");
  const tag = "tag" in request ? request.tag : readConfigString(readFileSync(join(workspaceRoot, stackFile(request.app, request.from)), "utf8"), key, stackFile(request.app, request.from));
  assertImageTag(tagKeyName(request.app), tag);
  const previous = readConfigString(targetText, key, target);
  if (previous === tag || options.dryRun) return { file: target, tag, previous, changed: previous !== tag };
  writeFileSync(join(workspaceRoot, target), setConfigString(targetText, key, tag, target));
  return { file: target, tag, previous, changed: true };
}

export interface PullRequestOptions {
  readonly api: GitHubApi;
  /** Files committed with the stack file, such as the new build's scan record. */
  readonly alsoCommit?: readonly string[];
  readonly baseBranch: string;
  readonly sourceUrl?: string;
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const result = await run("git", args, { cwd, capture: true });
  if (result.code !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** Commits the rewritten stack file on its own branch, pushes it and opens the pull request. */
export async function openPromotionPullRequest(workspaceRoot: string, request: PromoteRequest, result: PromoteResult, options: PullRequestOptions): Promise<{ number: number; url: string; branch: string }> {
  const origin = "from" in request ? `the tag ${request.from} runs` : "a new build";
  const branch = `promote/${request.app}-${request.to}-${result.tag.replace(/^sha256:/, "").slice(0, 12)}`;
  const title = `${request.app}: deploy ${result.tag.replace(/^sha256:/, "").slice(0, 12)} to ${request.to}`;
  await git(workspaceRoot, "switch", "--create", branch);
  const files = [result.file, ...(options.alsoCommit ?? [])];
  await git(workspaceRoot, "add", "--", ...files);
  await git(workspaceRoot, "-c", "user.name=degen-platform-bot", "-c", "user.email=platform-bot@users.noreply.github.com", "commit", "--message", title, "--", ...files);
  await git(workspaceRoot, "push", "origin", `HEAD:refs/heads/${branch}`);
  const body = [
    `Records \`${imageReference(request.app, result.tag)}\` (${origin}) as \`${tagKeyName(request.app)}\` in \`${result.file}\`.`,
    "",
    `Previously: \`${result.previous}\`.`,
    ...(options.sourceUrl ? ["", `Built by CircleCI from ${options.sourceUrl}.`] : []),
    "",
    "CI previews this change; after merge it deploys through the release pipeline.",
  ].join("\n");
  const pull = await options.api.createPullRequest({ title, head: branch, base: options.baseBranch, body });
  return { number: pull.number, url: pull.html_url, branch };
}

/** `owner/name` of a GitHub remote URL, https or ssh. */
export function repositoryFromRemote(url: string): Repository | undefined {
  const match = /github\.com[:/]([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match ? { owner: match[1]!, name: match[2]! } : undefined;
}
