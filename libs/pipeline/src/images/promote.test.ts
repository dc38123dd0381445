import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GitHubApi } from "../github/github-api";
import { openPromotionPullRequest, promoteImage, promoteProblems, repositoryFromRemote } from "./promote";

const DEV_SHA = "3f9a1c2e7b8d4f6a5c0e1d2b3a4f5e6d7c8b9a01";
const NEW_SHA = "0123456789abcdef0123456789abcdef01234567";

const STAGING_REST = [
  '  degenquest:resources: { cpuRequest: 250m, memoryRequest: 512Mi, cpuLimit: "2", memoryLimit: 1Gi }',
  "  degenquest:storageGiB: 10",
  '  degenquest:backup: { bucket: degenquest-backups-staging, region: nyc3, everyHours: 6, retentionDays: 14, toolsImageTag: "3e1d9b7c5a2f4e6d8c0b1a3f5e7d9c2b4a6f8e0d" }',
  "",
].join("\n");

/** A workspace with the degenquest and pioneer-agent stack files from the fixtures. */
function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), "promote-"));
  for (const app of ["degenquest", "pioneer-agent"]) {
    mkdirSync(join(root, "projects", app), { recursive: true });
    writeFileSync(join(root, "projects", app, "Pulumi.yaml"), `name: ${app}\nruntime: nodejs\n`);
  }
  const fixtures = join(__dirname, "fixtures");
  copyFileSync(join(fixtures, "degenquest.Pulumi.dev.yaml"), join(root, "projects/degenquest/Pulumi.dev.yaml"));
  writeFileSync(join(root, "projects/degenquest/Pulumi.staging.yaml"), `config:\n  degenquest:imageTag: "${"a".repeat(40)}"\n${STAGING_REST}`);
  copyFileSync(join(fixtures, "pioneer-agent.Pulumi.staging.yaml"), join(root, "projects/pioneer-agent/Pulumi.staging.yaml"));
  copyFileSync(join(fixtures, "pioneer-agent.Pulumi.production.yaml"), join(root, "projects/pioneer-agent/Pulumi.production.yaml"));
  return root;
}

const read = (root: string, file: string) => readFileSync(join(root, file), "utf8");

describe("promoteProblems", () => {
  it("accepts a new build into dev and a tested tag one step forward", () => {
    const root = workspace();
    expect(promoteProblems(root, { app: "degenquest", to: "dev", tag: NEW_SHA })).toEqual([]);
    expect(promoteProblems(root, { app: "degenquest", to: "staging", from: "dev" })).toEqual([]);
  });

  it("reports every problem with the request at once", () => {
    expect(promoteProblems(workspace(), { app: "degen", to: "qa", tag: NEW_SHA, from: "dev" })).toEqual([
      "--app degen: expected an image the platform builds: degenquest, pioneer-agent, degenquest-backup-tools",
      "--to qa: expected one of dev, staging, production",
      "give either --tag (a new build, into dev) or --from (a tested tag, forward), not both",
    ]);
  });

  it("refuses to skip staging on the way to production", () => {
    expect(promoteProblems(workspace(), { app: "degenquest", to: "production", from: "dev" })).toEqual([
      "--from dev --to production: a tag moves one environment at a time, from dev to staging",
    ]);
  });

  it("refuses a new build straight into production", () => {
    expect(promoteProblems(workspace(), { app: "degenquest", to: "production", tag: NEW_SHA })).toEqual([
      "--to production with --tag: a new build goes to dev first; staging and production take a tested tag with --from",
    ]);
  });
});

describe("promoteImage", () => {
  it("writes a new build's tag into dev and nothing else", () => {
    const root = workspace();
    const before = read(root, "projects/degenquest/Pulumi.dev.yaml");
    const result = promoteImage(root, { app: "degenquest", to: "dev", tag: NEW_SHA });
    expect(result).toEqual({ file: "projects/degenquest/Pulumi.dev.yaml", tag: NEW_SHA, previous: DEV_SHA, changed: true });
    expect(read(root, "projects/degenquest/Pulumi.dev.yaml")).toBe(before.replace(DEV_SHA, NEW_SHA));
  });

  it("copies the tag dev runs into staging", () => {
    const root = workspace();
    promoteImage(root, { app: "degenquest", to: "staging", from: "dev" });
    expect(read(root, "projects/degenquest/Pulumi.staging.yaml")).toBe(`config:\n  degenquest:imageTag: "${DEV_SHA}"\n${STAGING_REST}`);
  });

  it("copies a digest forward from staging to production", () => {
    const root = workspace();
    promoteImage(root, { app: "pioneer-agent", to: "production", from: "staging" });
    expect(read(root, "projects/pioneer-agent/Pulumi.production.yaml")).toContain(
      '  pioneer-agent:imageTag: "sha256:0b7e5f3c1d2a4b6c8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f"\n',
    );
  });

  it("records the backup tools image inside degenquest's backup settings, and copies it forward", () => {
    const root = workspace();
    const devBefore = read(root, "projects/degenquest/Pulumi.dev.yaml");
    const stagingBefore = read(root, "projects/degenquest/Pulumi.staging.yaml");
    const built = promoteImage(root, { app: "degenquest-backup-tools", to: "dev", tag: NEW_SHA });
    expect(built).toEqual({ file: "projects/degenquest/Pulumi.dev.yaml", tag: NEW_SHA, previous: "3e1d9b7c5a2f4e6d8c0b1a3f5e7d9c2b4a6f8e0d", changed: true });
    expect(read(root, "projects/degenquest/Pulumi.dev.yaml")).toBe(devBefore.replace("3e1d9b7c5a2f4e6d8c0b1a3f5e7d9c2b4a6f8e0d", NEW_SHA));
    promoteImage(root, { app: "degenquest-backup-tools", to: "staging", from: "dev" });
    expect(read(root, "projects/degenquest/Pulumi.staging.yaml")).toBe(stagingBefore.replace("3e1d9b7c5a2f4e6d8c0b1a3f5e7d9c2b4a6f8e0d", NEW_SHA));
    expect(() => promoteImage(root, { app: "degenquest-backup-tools", to: "dev", tag: "latest" })).toThrow(/^degenquest:backup\.toolsImageTag is "latest"/);
  });

  it("copies pioneer-agent's dev tag into its real staging stack file, changing one line", () => {
    const root = workspace();
    const real = join(__dirname, "fixtures/projects/pioneer-agent");
    for (const env of ["dev", "staging"]) copyFileSync(join(real, `Pulumi.${env}.yaml`), join(root, `projects/pioneer-agent/Pulumi.${env}.yaml`));
    const before = read(root, "projects/pioneer-agent/Pulumi.staging.yaml");
    const result = promoteImage(root, { app: "pioneer-agent", to: "staging", from: "dev" });
    expect(result).toMatchObject({ tag: "3f9c2a7e1b4d5c6f8a9b0c1d2e3f4a5b6c7d8e9f", previous: "8d1e4f2a9c3b7e6d5f4a3b2c1d0e9f8a7b6c5d4e", changed: true });
    expect(read(root, "projects/pioneer-agent/Pulumi.staging.yaml")).toBe(before.replace(result.previous, result.tag));
  });

  it("refuses a bad tag and leaves the file untouched", () => {
    const root = workspace();
    const before = read(root, "projects/degenquest/Pulumi.dev.yaml");
    expect(() => promoteImage(root, { app: "degenquest", to: "dev", tag: "main" })).toThrow(/^degenquest:imageTag is "main": expected the 40-character commit SHA/);
    expect(read(root, "projects/degenquest/Pulumi.dev.yaml")).toBe(before);
  });

  it("reports an unchanged file when the environment already records the tag", () => {
    expect(promoteImage(workspace(), { app: "degenquest", to: "dev", tag: DEV_SHA }).changed).toBe(false);
  });
});

/**
 * GitHub's "create a pull request" endpoint as the REST API documents it: POST
 * /repos/{owner}/{repo}/pulls with a bearer token, the v3 media type and API version, and a JSON
 * body naming title, head and base. It answers 201 with the pull request only when the head branch
 * exists on the remote; anything else gets the error GitHub gives.
 */
function fakeGitHub(remote: string) {
  const created: { title: string; head: string; base: string; body: string }[] = [];
  const error = (status: number, message: string) => new Response(JSON.stringify({ message }), { status });
  const fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    if (headers.get("authorization") !== "Bearer token") return error(401, "Bad credentials");
    if (url !== "https://api.github.com/repos/degen/platform/pulls") return error(404, "Not Found");
    if (init?.method !== "POST") return error(405, "Method Not Allowed");
    if (headers.get("accept") !== "application/vnd.github+json" || headers.get("x-github-api-version") !== "2022-11-28") {
      return error(415, "Unsupported Media Type");
    }
    if (headers.get("content-type") !== "application/json") return error(400, "Problems parsing JSON");
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    const fields = ["title", "head", "base", "body"] as const;
    if (!fields.every((field) => typeof body[field] === "string" && body[field] !== "")) return error(422, "Validation Failed");
    // A push leaves each branch as a loose ref in the bare repository.
    const exists = (branch: unknown) => existsSync(join(remote, "refs/heads", String(branch)));
    if (!exists(body.head) || !exists(body.base)) return error(422, "Validation Failed: head or base does not exist");
    created.push(body as (typeof created)[number]);
    const number = 11 + created.length;
    return new Response(JSON.stringify({ number, html_url: `https://github.com/degen/platform/pull/${number}`, state: "open" }), { status: 201 });
  };
  return { created, fetch };
}

/** A committed workspace whose origin is a bare repository, and a file outside the stack file. */
function workspaceWithRemote(): { root: string; remote: string } {
  const remote = mkdtempSync(join(tmpdir(), "remote-"));
  execFileSync("git", ["init", "--quiet", "--bare", "--initial-branch=main", remote]);
  const root = workspace();
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim();
  git("init", "--quiet", "--initial-branch=main");
  git("add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "initial");
  git("remote", "add", "origin", remote);
  git("push", "--quiet", "origin", "main");
  writeFileSync(join(root, "unrelated.txt"), "left alone\n");
  return { root, remote };
}

describe("openPromotionPullRequest", () => {
  // One repository for both tests (git processes are the slow part): the second promotes dev's
  // new tag onwards from the branch the first left checked out.
  let root: string;
  let remote: string;
  beforeAll(() => {
    ({ root, remote } = workspaceWithRemote());
  });

  it("commits only the stack file on its own branch, pushes it and then opens the pull request", async () => {
    const github = fakeGitHub(remote);
    const api = new GitHubApi({ owner: "degen", name: "platform" }, "token", github.fetch);

    const request = { app: "degenquest", to: "dev", tag: NEW_SHA } as const;
    const result = promoteImage(root, request);
    const pull = await openPromotionPullRequest(root, request, result, { api, baseBranch: "main", sourceUrl: "https://github.com/degen/degen-server/commit/0123456" });

    expect(pull).toEqual({ number: 12, url: "https://github.com/degen/platform/pull/12", branch: "promote/degenquest-dev-0123456789ab" });
    const pushed = execFileSync("git", ["--git-dir", remote, "show", "--stat", "--format=%s", "promote/degenquest-dev-0123456789ab"], { encoding: "utf8" });
    expect(pushed).toContain("degenquest: deploy 0123456789ab to dev");
    expect(pushed).toContain("projects/degenquest/Pulumi.dev.yaml | 2 +-");
    expect(pushed).not.toContain("unrelated.txt");
    expect(github.created).toEqual([
      {
        title: "degenquest: deploy 0123456789ab to dev",
        head: "promote/degenquest-dev-0123456789ab",
        base: "main",
        body: [
          `Records \`registry.digitalocean.com/pioneer/degenquest:${NEW_SHA}\` (a new build) as \`degenquest:imageTag\` in \`projects/degenquest/Pulumi.dev.yaml\`.`,
          "",
          `Previously: \`${DEV_SHA}\`.`,
          "",
          "Built by CircleCI from https://github.com/degen/degen-server/commit/0123456.",
          "",
          "CI previews this change; after merge it deploys through the release pipeline.",
        ].join("\n"),
      },
    ]);
  });

  it("fails with GitHub's answer when the pull request cannot be opened", async () => {
    const api = new GitHubApi({ owner: "degen", name: "platform" }, "token", fakeGitHub(remote).fetch);
    const request = { app: "degenquest", to: "staging", from: "dev" } as const;
    const result = promoteImage(root, request);
    await expect(openPromotionPullRequest(root, request, result, { api, baseBranch: "release" })).rejects.toThrow(
      "GitHub POST /pulls answered 422: {\"message\":\"Validation Failed: head or base does not exist\"}",
    );
  });
});

describe("repositoryFromRemote", () => {
  it("reads owner and name from https and ssh remotes", () => {
    expect(repositoryFromRemote("https://x-access-token:abc@github.com/degen/platform.git")).toEqual({ owner: "degen", name: "platform" });
    expect(repositoryFromRemote("git@github.com:degen/platform.git")).toEqual({ owner: "degen", name: "platform" });
    expect(repositoryFromRemote("https://gitlab.com/degen/platform")).toBeUndefined();
  });
});
