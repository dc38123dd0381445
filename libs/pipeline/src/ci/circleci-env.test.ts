import { describe, expect, it } from "vitest";
import { missingCredentialsMessage, missingPulumiCredentials, pullRequestNumber, repositoryOf } from "./circleci-env";

describe("missingPulumiCredentials", () => {
  it("accepts Pulumi Cloud with a DigitalOcean token", () => {
    expect(missingPulumiCredentials({ PULUMI_ACCESS_TOKEN: "pul-1", DIGITALOCEAN_TOKEN: "dop-1" })).toEqual([]);
  });

  it("accepts a state bucket in Spaces with its keys and the secrets passphrase", () => {
    const env = { PULUMI_BACKEND_URL: "s3://degen-pulumi-state", AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "b", PULUMI_CONFIG_PASSPHRASE: "c", DIGITALOCEAN_TOKEN: "d" };
    expect(missingPulumiCredentials(env)).toEqual([]);
  });

  it("names everything a fork's job lacks", () => {
    expect(missingPulumiCredentials({})).toEqual([
      "the state backend (context pulumi-state: PULUMI_ACCESS_TOKEN, or PULUMI_BACKEND_URL with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (Spaces) and PULUMI_CONFIG_PASSPHRASE)",
      "DIGITALOCEAN_TOKEN (context digitalocean)",
    ]);
  });

  it("reads an empty variable as missing", () => {
    expect(missingPulumiCredentials({ PULUMI_ACCESS_TOKEN: " ", DIGITALOCEAN_TOKEN: "d" })).toHaveLength(1);
  });

  it("asks for the passphrase when the self-managed backend has none", () => {
    const env = { PULUMI_BACKEND_URL: "s3://degen-pulumi-state", AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "b", DIGITALOCEAN_TOKEN: "d" };
    expect(missingPulumiCredentials(env)).toEqual(["PULUMI_CONFIG_PASSPHRASE (context pulumi-state), which decrypts the stacks' secrets"]);
  });
});

describe("missingCredentialsMessage", () => {
  it("explains that forks get no secrets", () => {
    expect(missingCredentialsMessage({ CIRCLE_PR_USERNAME: "someone" }, ["DIGITALOCEAN_TOKEN (context digitalocean)"])).toBe(
      "Skipped: this pull request comes from a fork, and CircleCI gives forks no secrets. Missing: DIGITALOCEAN_TOKEN (context digitalocean). " +
        "The offline plan and its summary (job artifacts) are the review of this change.",
    );
  });

  it("points at the contexts when a job of this repository has none", () => {
    expect(missingCredentialsMessage({}, ["x"])).toContain("check that the job lists the contexts");
  });
});

describe("pull request and repository", () => {
  it("reads the pull request number from CIRCLE_PULL_REQUEST", () => {
    expect(pullRequestNumber({ CIRCLE_PULL_REQUEST: "https://github.com/degen/platform/pull/42" })).toBe(42);
    expect(pullRequestNumber({})).toBeUndefined();
  });

  it("reads the repository from the project variables", () => {
    expect(repositoryOf({ CIRCLE_PROJECT_USERNAME: "degen", CIRCLE_PROJECT_REPONAME: "platform" })).toEqual({ owner: "degen", name: "platform" });
    expect(repositoryOf({ CIRCLE_PROJECT_USERNAME: "degen" })).toBeUndefined();
  });
});
