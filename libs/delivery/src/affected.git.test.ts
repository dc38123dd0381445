import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeAffected, type ComputedAffected } from "./compute";
import { createTestWorkspace, lockfile, type TestWorkspace } from "./test-workspace";

const ENVIRONMENTS = ["dev", "staging", "production"];
let workspace: TestWorkspace;
let base: string;

// The fixture workspace, written and committed with git.
beforeAll(() => {
  workspace = createTestWorkspace();
  base = workspace.git("rev-parse", "HEAD");
});
afterAll(() => workspace.remove());

/** Makes a change on a branch from the fixture's first commit and computes what it affects. */
function change(name: string, edit: (ws: TestWorkspace) => void, environments = ENVIRONMENTS): ComputedAffected {
  workspace.git("checkout", "-q", "-B", name, base);
  edit(workspace);
  const head = workspace.commit(name);
  return computeAffected({ workspaceRoot: workspace.root, base, head, environments });
}

/** Per environment, `project:reason` in the order returned. */
function summary(result: ComputedAffected): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(result.environments).map(([env, stacks]) => [env, stacks.map((stack) => `${stack.project}:${stack.reason}`)]),
  );
}

const everywhere = (stacks: string[]) => Object.fromEntries(ENVIRONMENTS.map((env) => [env, stacks]));
const nothing = everywhere([]);

// Every case commits a change and runs the real Nx (project graph and affected projects, no
// daemon) on a repository on disk.
describe("the affected stacks of a change, with the real Nx on a real repository", () => {
  it("previews only the app whose program changed, in every environment", () => {
    const result = change("app", (ws) => ws.write("projects/app-b/src/program.ts", `${ws.read("projects/app-b/src/program.ts")}// tuned\n`));
    expect(summary(result)).toEqual(everywhere(["app-b:direct"]));
  });

  it("previews a base layer and every transitive dependent, each after the stacks it reads", () => {
    const result = change("base", (ws) => ws.write("projects/base/src/program.ts", "export const program = () => ({ bigger: true });\n"));
    expect(summary(result)).toEqual(everywhere(["base:direct", "app-b:dependent", "net:dependent", "app-a:dependent"]));
    expect(result.environments.staging).toEqual([
      { project: "base", stack: "staging", reason: "direct", dependsOn: [] },
      { project: "app-b", stack: "staging", reason: "dependent", dependsOn: ["base"] },
      { project: "net", stack: "staging", reason: "dependent", dependsOn: ["base"] },
      { project: "app-a", stack: "staging", reason: "dependent", dependsOn: ["base", "net"] },
    ]);
  });

  it("previews the projects that use a changed shared library, and not the others", () => {
    const result = change("library", (ws) => ws.write("libs/naming/src/index.ts", "export const name = (s: string) => s.toLowerCase();\n"));
    expect(summary(result)).toEqual(everywhere(["app-a:direct"]));
  });

  it("previews one environment's stack and its dependents there when only that stack file changed", () => {
    const result = change("staging-config", (ws) => ws.write("projects/net/Pulumi.staging.yaml", "config:\n  net:size: large\n"));
    expect(summary(result)).toEqual({ dev: [], staging: ["net:direct", "app-a:dependent"], production: [] });
  });

  it("previews nothing for documentation, tests, test-only libraries, nx.json or root tooling", () => {
    const result = change("no-stack-impact", (ws) => {
      ws.write("docs/guide.md", "# Guide\n\nMore.\n");
      ws.write("README.md", "# Fixture\n\nMore.\n");
      ws.write("projects/base/README.md", "# base\n\nMore.\n");
      ws.write("projects/base/src/program.test.ts", 'import { helper } from "@fx/test-helpers";\n// another case\n');
      ws.write("libs/test-helpers/src/index.ts", "export const helper = 2;\n");
      ws.write("nx.json", `${JSON.stringify({ plugins: ["./tools/nx-pulumi/plugin.ts"], parallel: 1 }, null, 2)}\n`);
      const manifest = JSON.parse(ws.read("package.json"));
      manifest.devDependencies.vitest = "4.1.13";
      ws.write("package.json", `${JSON.stringify(manifest, null, 2)}\n`);
    });
    expect(summary(result)).toEqual(nothing);
    expect(result.files.map((file) => `${file.file}:${file.kind}`)).toEqual([
      "README.md:none",
      "docs/guide.md:none",
      "libs/test-helpers/src/index.ts:project",
      "nx.json:none",
      "package.json:workspace",
      "projects/base/README.md:none",
      "projects/base/src/program.test.ts:none",
    ]);
  });

  it("previews the projects that depend on a package whose locked version changed", () => {
    const result = change("lockfile", (ws) => ws.write("package-lock.json", lockfile("4.6.8")));
    expect(summary(result)).toEqual(everywhere(["app-b:direct"]));
  });

  it("previews every stack when the compiler options every program is built with change", () => {
    const result = change("tsconfig", (ws) =>
      ws.write("tsconfig.base.json", `${JSON.stringify({ compilerOptions: { target: "ES2023", strict: true } }, null, 2)}\n`),
    );
    expect(summary(result)).toEqual(everywhere(["base:direct", "app-b:direct", "net:direct", "app-a:direct"]));
  });

  it("reports the local stack only when asked for it", () => {
    const edit = (ws: TestWorkspace) => ws.write("projects/app-a/Pulumi.local.yaml", "config:\n  app-a:size: tiny\n");
    expect(summary(change("local-config", edit))).toEqual(nothing);
    expect(summary(change("local-config", edit, ["local", "dev"]))).toEqual({ local: ["app-a:direct"], dev: [] });
  });

  it("lists every stack of each environment in dependency order, affected or not", () => {
    const result = change("readme-only", (ws) => ws.write("README.md", "# Fixture\n\nAgain.\n"));
    expect(result.all.production).toEqual([
      { project: "base", stack: "production", reason: "direct", dependsOn: [] },
      { project: "app-b", stack: "production", reason: "direct", dependsOn: ["base"] },
      { project: "net", stack: "production", reason: "direct", dependsOn: ["base"] },
      { project: "app-a", stack: "production", reason: "direct", dependsOn: ["base", "net"] },
    ]);
  });

  it("refuses a head commit that is not checked out, naming both commits", () => {
    workspace.git("checkout", "-q", "-B", "elsewhere", base);
    const head = workspace.git("rev-parse", "app");
    expect(() => computeAffected({ workspaceRoot: workspace.root, base, head, environments: ENVIRONMENTS })).toThrow(
      `--head ${head} is ${head}, but the workspace has ${base} checked out: check out the head commit first`,
    );
  });
});
