import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findPulumiProjects, previewArgs } from "./pulumi-cli";

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "workspace-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe("findPulumiProjects", () => {
  it("finds every Pulumi.yaml by its project name, outside node_modules", () => {
    const root = workspace({
      "projects/cluster-base/Pulumi.yaml": "name: cluster-base\nruntime: nodejs\n",
      "projects/game/Pulumi.yaml": "name: degenquest\nruntime: nodejs\n",
      "node_modules/some-package/Pulumi.yaml": "name: not-ours\n",
      "libs/policy-pack/PulumiPolicy.yaml": "runtime: nodejs\n",
    });
    expect(Object.fromEntries(findPulumiProjects(root))).toEqual({ "cluster-base": "projects/cluster-base", degenquest: "projects/game" });
  });
});

describe("previewArgs", () => {
  it("asks for JSON and passes the policy pack relative to the project when the workspace has one", () => {
    const root = workspace({ "libs/policy-pack/PulumiPolicy.yaml": "runtime: nodejs\n" });
    expect(previewArgs(root, "projects/degenquest", "staging")).toEqual([
      "preview", "--stack", "staging", "--json", "--non-interactive", "--policy-pack", "../../libs/policy-pack",
    ]);
  });

  it("leaves the policy pack out when there is none and expects no changes for drift detection", () => {
    expect(previewArgs(workspace({}), "projects/degenquest", "dev", { expectNoChanges: true })).toEqual([
      "preview", "--stack", "dev", "--json", "--non-interactive", "--expect-no-changes",
    ]);
  });
});
