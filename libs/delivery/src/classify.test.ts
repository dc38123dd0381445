import { describe, expect, it } from "vitest";
import { classifyFile } from "./classify";
import type { WorkspaceProject } from "./workspace-graph";

const projects: WorkspaceProject[] = [
  { name: "degenquest", root: "projects/degenquest", runtimeDependencies: [], devDependencies: [], stacks: ["dev", "staging"] },
  { name: "service", root: "libs/service", runtimeDependencies: [], devDependencies: [] },
  { name: "service-extra", root: "libs/service/extra", runtimeDependencies: [], devDependencies: [] },
];

describe("classifyFile", () => {
  it.each([
    ["README.md", "documentation"],
    ["docs/runbooks/rollback.txt", "documentation"],
    ["projects/degenquest/README.md", "documentation"],
    ["projects/degenquest/src/program.test.ts", "a test"],
    ["libs/service/src/__snapshots__/service.test.ts.snap", "a test snapshot"],
    ["libs/service/vitest.config.ts", "test configuration"],
    ["eslint.config.mjs", "lint configuration"],
    ["nx.json", "task configuration"],
    [".circleci/config.yml", "the pipeline definition"],
  ])("says %s cannot change a stack: it is %s", (file, why) => {
    expect(classifyFile(file, projects)).toEqual({ kind: "none", file, why });
  });

  it("ties one environment's stack file to that environment of its project", () => {
    expect(classifyFile("projects/degenquest/Pulumi.staging.yaml", projects)).toEqual({
      kind: "stack-config",
      file: "projects/degenquest/Pulumi.staging.yaml",
      project: "degenquest",
      environment: "staging",
    });
  });

  it("counts Pulumi.yaml and code as the whole project", () => {
    expect(classifyFile("projects/degenquest/Pulumi.yaml", projects)).toEqual({ kind: "project", file: "projects/degenquest/Pulumi.yaml", project: "degenquest" });
    expect(classifyFile("projects/degenquest/src/program.ts", projects)).toMatchObject({ kind: "project", project: "degenquest" });
  });

  it("gives a file to the project with the deepest root, and not to one whose name is a prefix", () => {
    expect(classifyFile("libs/service/extra/src/index.ts", projects)).toMatchObject({ project: "service-extra" });
    expect(classifyFile("libs/service/src/index.ts", projects)).toMatchObject({ project: "service" });
    expect(classifyFile("libs/services/src/index.ts", projects)).toEqual({ kind: "workspace", file: "libs/services/src/index.ts" });
  });

  it("leaves the lockfile and root configuration to their own rules", () => {
    expect(classifyFile("package-lock.json", projects)).toEqual({ kind: "lockfile", file: "package-lock.json" });
    expect(classifyFile("tsconfig.base.json", projects)).toEqual({ kind: "workspace", file: "tsconfig.base.json" });
    expect(classifyFile("package.json", projects)).toEqual({ kind: "workspace", file: "package.json" });
  });
});
