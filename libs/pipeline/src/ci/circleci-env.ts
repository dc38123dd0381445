/**
 * What a CircleCI job knows about itself, read from its environment. Secrets come only from the
 * contexts named in `.circleci/config.yml`; a pull request from a fork gets none of them.
 */
import type { Repository } from "../github/github-api";

type Env = Readonly<Record<string, string | undefined>>;

/** The contexts and the variables each must provide. */
export const CONTEXTS = {
  "pulumi-state": "PULUMI_ACCESS_TOKEN, or PULUMI_BACKEND_URL with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (Spaces) and PULUMI_CONFIG_PASSPHRASE",
  digitalocean: "DIGITALOCEAN_TOKEN",
  "github-bot": "GITHUB_TOKEN",
} as const;

const present = (env: Env, name: string): boolean => (env[name] ?? "").trim() !== "";

/** Which credentials a Pulumi command would miss here; empty when it can run. */
export function missingPulumiCredentials(env: Env): string[] {
  const missing: string[] = [];
  const cloud = present(env, "PULUMI_ACCESS_TOKEN");
  const selfManaged = present(env, "PULUMI_BACKEND_URL") && present(env, "AWS_ACCESS_KEY_ID") && present(env, "AWS_SECRET_ACCESS_KEY");
  if (!cloud && !selfManaged) missing.push(`the state backend (context pulumi-state: ${CONTEXTS["pulumi-state"]})`);
  if (!cloud && selfManaged && !present(env, "PULUMI_CONFIG_PASSPHRASE")) missing.push("PULUMI_CONFIG_PASSPHRASE (context pulumi-state), which decrypts the stacks' secrets");
  if (!present(env, "DIGITALOCEAN_TOKEN")) missing.push("DIGITALOCEAN_TOKEN (context digitalocean)");
  return missing;
}

/** The sentence a job prints when it skips a step for want of credentials. */
export function missingCredentialsMessage(env: Env, missing: readonly string[]): string {
  const fork = present(env, "CIRCLE_PR_USERNAME") || present(env, "CIRCLE_PR_REPONAME");
  const why = fork
    ? "this pull request comes from a fork, and CircleCI gives forks no secrets"
    : "this job has no credentials: check that the job lists the contexts and that they hold the variables";
  return `Skipped: ${why}. Missing: ${missing.join("; ")}. The offline plan and its summary (job artifacts) are the review of this change.`;
}

/** The pull request this pipeline builds, from CircleCI's `CIRCLE_PULL_REQUEST` URL. */
export function pullRequestNumber(env: Env): number | undefined {
  const match = /\/pull\/(\d+)\/?$/.exec(env.CIRCLE_PULL_REQUEST ?? "");
  return match ? Number(match[1]) : undefined;
}

export function repositoryOf(env: Env): Repository | undefined {
  const owner = env.CIRCLE_PROJECT_USERNAME;
  const name = env.CIRCLE_PROJECT_REPONAME;
  return owner && name ? { owner, name } : undefined;
}

export function githubToken(env: Env): string | undefined {
  return present(env, "GITHUB_TOKEN") ? env.GITHUB_TOKEN : undefined;
}

/** Where the current job's artifacts are listed. */
export function artifactsUrl(env: Env): string | undefined {
  return env.CIRCLE_BUILD_URL ? `${env.CIRCLE_BUILD_URL}#artifacts` : undefined;
}
