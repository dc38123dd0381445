import type { Environment } from "../affected";
import { githubToken } from "../ci/circleci-env";
import { git } from "../ci/git";
import { GitHubApi } from "../github/github-api";
import { imageReference } from "../images/image-tag";
import type { PlatformImageName } from "@platform/config/src/images";
import { openPromotionPullRequest, promoteImage, promoteProblems, repositoryFromRemote, tagKeyName, type PromoteRequest } from "../images/promote";
import { SCAN_EXCEPTIONS } from "../images/scan/exceptions";
import { promotionScanProblems, scanRecordPath } from "../images/scan/record";
import { utcToday } from "./image-scan";
import { WORKSPACE_ROOT } from "../workspace";
import { parseOptions, required, UsageError } from "./args";

export const PROMOTE_OPTIONS = {
  app: { type: "string" },
  env: { type: "string" },
  to: { type: "string" },
  from: { type: "string" },
  tag: { type: "string" },
  "pull-request": { type: "boolean", default: false },
  "source-url": { type: "string" },
  "base-branch": { type: "string", default: "main" },
} as const;

/**
 * `npm run image:promote -- --app <image> --env dev --tag <sha> [--pull-request]` records a new build
 * in dev; `--app <app> --from dev --to staging [--pull-request]` copies the tested tag forward.
 */
export async function imagePromote(args: readonly string[]): Promise<number> {
  const values = parseOptions(args, PROMOTE_OPTIONS);
  const app = required(values.app, "--app");
  if (values.env !== undefined && values.to !== undefined && values.env !== values.to) throw new UsageError("--env and --to name the same thing; give one");
  const to = required(values.to ?? values.env, "--env (or --to)");
  const problems = promoteProblems(WORKSPACE_ROOT, { app, to, ...(values.from !== undefined ? { from: values.from } : {}), ...(values.tag !== undefined ? { tag: values.tag } : {}) });
  if (problems.length > 0) throw new UsageError(`Cannot promote:\n  - ${problems.join("\n  - ")}`);

  const image = app as PlatformImageName; // promoteProblems has checked it
  const request: PromoteRequest = values.tag !== undefined ? { app: image, to: to as Environment, tag: values.tag } : { app: image, to: to as Environment, from: values.from as Environment };
  const tag = values.tag ?? promoteImage(WORKSPACE_ROOT, request, { dryRun: true }).tag;
  const unscanned = promotionScanProblems(WORKSPACE_ROOT, image, tag, SCAN_EXCEPTIONS, utcToday());
  if (unscanned.length > 0) throw new UsageError(`Cannot promote:\n  - ${unscanned.join("\n  - ")}`);
  const result = promoteImage(WORKSPACE_ROOT, request);
  if (!result.changed) {
    console.log(`${result.file} already records ${imageReference(image, result.tag)}; nothing to do.`);
    return 0;
  }
  console.log(`${result.file}: ${tagKeyName(image)} ${result.previous} -> ${result.tag}`);
  if (!values["pull-request"]) return 0;

  const token = githubToken(process.env);
  if (!token) throw new Error("--pull-request needs GITHUB_TOKEN (context github-bot) with pull-request rights on this repository");
  const repository = repositoryFromRemote(await git(WORKSPACE_ROOT, ["remote", "get-url", "origin"]));
  if (!repository) throw new Error("The origin remote of this checkout is not a GitHub repository");
  // A new build's scan record goes into the same commit: main then holds the evidence for every tag it runs.
  const pull = await openPromotionPullRequest(WORKSPACE_ROOT, request, result, {
    ...("tag" in request ? { alsoCommit: [scanRecordPath(image, tag)] } : {}),
    api: new GitHubApi(repository, token),
    baseBranch: values["base-branch"],
    ...(values["source-url"] ? { sourceUrl: values["source-url"] } : {}),
  });
  console.log(`Opened pull request #${pull.number}: ${pull.url}`);
  return 0;
}
