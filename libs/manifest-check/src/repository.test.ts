import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkRepository } from "./repository";

const CLI = resolve(__dirname, "cli.ts");

let root: string;

function write(path: string, content: string, at = root): void {
  mkdirSync(dirname(join(at, path)), { recursive: true });
  writeFileSync(join(at, path), content);
}

function git(...args: string[]): void {
  gitIn(root, ...args);
}

function gitIn(at: string, ...args: string[]): void {
  execFileSync("git", ["-c", "user.email=ci@example.com", "-c", "user.name=CI", ...args], { cwd: at });
}

/** A repository of a Pulumi project, its stack file and plain YAML, committed. */
function repository(): string {
  const at = mkdtempSync(join(tmpdir(), "manifest-check-"));
  gitIn(at, "init", "-q");
  write("projects/degenquest/Pulumi.yaml", "name: degenquest\nruntime: nodejs\n", at);
  write("projects/degenquest/Pulumi.dev.yaml", "config:\n  degenquest:storageGiB: 5\n", at);
  write("docs/settings.yaml", "name: degen\nkind: notes\n", at);
  write(".gitignore", "plan/\n", at);
  gitIn(at, "add", ".");
  gitIn(at, "commit", "-q", "-m", "init");
  return at;
}

describe("checkRepository", () => {
  beforeEach(() => {
    root = repository();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("passes a repository of Pulumi stack files and plain YAML", () => {
    expect(checkRepository(root)).toEqual({ filesChecked: 4, manifests: [] });
  });

  it("finds a committed manifest and a new one not yet added, but not an ignored one", () => {
    write("k8s/app.yaml", "apiVersion: apps/v1\nkind: Deployment\n");
    git("add", "k8s/app.yaml");
    write("k8s/service.json", JSON.stringify({ apiVersion: "v1", kind: "Service" }));
    write("plan/dev/app.yaml", "apiVersion: v1\nkind: ConfigMap\n");
    expect(checkRepository(root).manifests).toEqual([
      { path: "k8s/app.yaml", kinds: ["Deployment"] },
      { path: "k8s/service.json", kinds: ["Service"] },
    ]);
  });
});

interface CommandRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The command as `npm run check:manifests` starts it: the CLI under tsx, in a process of its own. */
function checkManifests(at: string): Promise<CommandRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, at], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolvePromise({ status, stdout, stderr }));
  });
}

describe("the check:manifests command", () => {
  const repositories: string[] = [];
  let clean: CommandRun;
  let withManifest: CommandRun;
  // Each case is a real Node process loading the CLI through tsx; both run at once, here.
  beforeAll(async () => {
    const [cleanRoot, manifestRoot] = [repository(), repository()];
    repositories.push(cleanRoot, manifestRoot);
    write("k8s/app.yaml", "apiVersion: apps/v1\nkind: Deployment\n---\napiVersion: v1\nkind: Service\n", manifestRoot);
    [clean, withManifest] = await Promise.all([checkManifests(cleanRoot), checkManifests(manifestRoot)]);
  });
  afterAll(() => {
    for (const at of repositories) rmSync(at, { recursive: true, force: true });
  });

  it("exits 0 and says how many files it read when there is no manifest", () => {
    expect([clean.status, clean.stdout.trim(), clean.stderr]).toEqual([0, "✓ 4 files, no Kubernetes manifests.", ""]);
  });

  it("exits 1 naming each manifest and telling to declare it in Pulumi instead", () => {
    expect(withManifest.status).toBe(1);
    expect(withManifest.stderr.trim().split("\n")).toEqual([
      "✗ k8s/app.yaml is a Kubernetes manifest (Deployment, Service): declare it in Pulumi instead",
      "1 Kubernetes manifest(s) among 5 files: declare each object in Pulumi instead.",
    ]);
  });
});
