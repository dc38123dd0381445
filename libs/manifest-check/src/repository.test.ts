import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkRepository } from "./repository";

const CLI = resolve(__dirname, "cli.ts");
const TSX = resolve(__dirname, "../../../node_modules/.bin/tsx");

let root: string;

function write(path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

function git(...args: string[]): void {
  execFileSync("git", ["-c", "user.email=ci@example.com", "-c", "user.name=CI", ...args], { cwd: root });
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "manifest-check-"));
  git("init", "-q");
  write("projects/degenquest/Pulumi.yaml", "name: degenquest\nruntime: nodejs\n");
  write("projects/degenquest/Pulumi.dev.yaml", "config:\n  degenquest:replicas: 1\n");
  write("docs/settings.yaml", "name: degen\nkind: notes\n");
  write(".gitignore", "plan/\n");
  git("add", ".");
  git("commit", "-q", "-m", "init");
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("checkRepository", () => {
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

// Each run starts a TypeScript process, which takes seconds on a busy machine.
describe("the check:manifests command", { timeout: 60_000 }, () => {
  it("exits 0 and says how many files it read when there is no manifest", () => {
    const run = spawnSync(TSX, [CLI, root], { encoding: "utf8" });
    expect([run.status, run.stdout.trim()]).toEqual([0, "✓ 4 files, no Kubernetes manifests."]);
  });

  it("exits 1 naming each manifest and telling to declare it in Pulumi instead", () => {
    write("k8s/app.yaml", "apiVersion: apps/v1\nkind: Deployment\n---\napiVersion: v1\nkind: Service\n");
    const run = spawnSync(TSX, [CLI, root], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([
      "✗ k8s/app.yaml is a Kubernetes manifest (Deployment, Service): declare it in Pulumi instead",
      "1 Kubernetes manifest(s) among 5 files: declare each object in Pulumi instead.",
    ]);
  });
});
