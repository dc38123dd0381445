import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GitHubApi } from "../github/github-api";
import { openPromotionPullRequest, promoteImage, promoteProblems, repositoryFromRemote } from "./promote";

const DEV_SHA = "3f9a1c2e7b8d4f6a5c0e1d2b3a4f5e6d7c8b9a01";
const NEW_SHA = "0123456789abcdef0123456789abcdef01234567";

/** A workspace with the degenquest and pioneer-agent stack files from the fixtures. */
function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), "promote-"));
  for (const app of ["degenquest", "pioneer-agent"]) {
    mkdirSync(join(root, "projects", app), { recursive: true });
    writeFileSync(join(root, "projects", app, "Pulumi.yaml"), `name: ${app}\nruntime: nodejs\n`);
  }
  const fixtures = join(__dirname, "fixtures");
  copyFileSync(join(fixtures, "degenquest.Pulumi.dev.yaml"), join(root, "projects/degenquest/Pulumi.dev.yaml"));
  writeFileSync(join(root, "projects/degenquest/Pulumi.staging.yaml"), `config:\n  degenquest:imageTag: "${"a".repeat(40)}"\n  degenquest:replicas: 2\n`);
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
      "--app degen: there is no Pulumi project projects/degen",
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
    expect(read(root, "projects/degenquest/Pulumi.staging.yaml")).toBe(`config:\n  degenquest:imageTag: "${DEV_SHA}"\n  degenquest:replicas: 2\n`);
  });

  it("copies a digest forward from staging to production", () => {
    const root = workspace();
    promoteImage(root, { app: "pioneer-agent", to: "production", from: "staging" });
    expect(read(root, "projects/pioneer-agent/Pulumi.production.yaml")).toContain(
      '  pioneer-agent:imageTag: "sha256:0b7e5f3c1d2a4b6c8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f"\n',
    );
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

describe("openPromotionPullRequest", () => {
  // Real git processes: give a loaded machine time.
  it("commits only the stack file on its own branch, pushes it and opens the pull request", { timeout: 30_000 }, async () => {
    const remote = mkdtempSync(join(tmpdir(), "remote-"));
    execFileSync("git", ["init", "--quiet", "--bare", "--initial-branch=main", remote]);
    const root = workspace();
    const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim();
    git("init", "--quiet", "--initial-branch=main");
    git("add", ".");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "initial");
    git("remote", "add", "origin", remote);
    writeFileSync(join(root, "unrelated.txt"), "left alone\n");

    const requests: { url: string; body: unknown }[] = [];
    const api = new GitHubApi({ owner: "degen", name: "platform" }, "token", async (url, init) => {
      requests.push({ url, body: JSON.parse(String(init?.body)) });
      return new Response(JSON.stringify({ number: 12, html_url: "https://github.com/degen/platform/pull/12" }), { status: 201 });
    });

    const request = { app: "degenquest", to: "dev", tag: NEW_SHA } as const;
    const result = promoteImage(root, request);
    const pull = await openPromotionPullRequest(root, request, result, { api, baseBranch: "main", sourceUrl: "https://github.com/degen/degen-server/commit/0123456" });

    expect(pull).toEqual({ number: 12, url: "https://github.com/degen/platform/pull/12", branch: "promote/degenquest-dev-0123456789ab" });
    const pushed = execFileSync("git", ["--git-dir", remote, "show", "--stat", "--format=%s", "promote/degenquest-dev-0123456789ab"], { encoding: "utf8" });
    expect(pushed).toContain("degenquest: deploy 0123456789ab to dev");
    expect(pushed).toContain("projects/degenquest/Pulumi.dev.yaml | 2 +-");
    expect(pushed).not.toContain("unrelated.txt");
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe("https://api.github.com/repos/degen/platform/pulls");
    expect(requests[0]!.body).toMatchObject({ title: "degenquest: deploy 0123456789ab to dev", head: "promote/degenquest-dev-0123456789ab", base: "main" });
    expect((requests[0]!.body as { body: string }).body).toContain(`Records \`registry.digitalocean.com/pioneer/degenquest:${NEW_SHA}\` (a new build)`);
    expect((requests[0]!.body as { body: string }).body).toContain("Built by CircleCI from https://github.com/degen/degen-server/commit/0123456.");
  });
});

describe("repositoryFromRemote", () => {
  it("reads owner and name from https and ssh remotes", () => {
    expect(repositoryFromRemote("https://x-access-token:abc@github.com/degen/platform.git")).toEqual({ owner: "degen", name: "platform" });
    expect(repositoryFromRemote("git@github.com:degen/platform.git")).toEqual({ owner: "degen", name: "platform" });
    expect(repositoryFromRemote("https://gitlab.com/degen/platform")).toBeUndefined();
  });
});
