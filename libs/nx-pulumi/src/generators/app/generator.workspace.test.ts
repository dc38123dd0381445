/**
 * The generator on a copy of this workspace (its committed HEAD): the new project type-checks,
 * lints, passes its own tests, plans offline, and appears in the Nx graph with edges to the three
 * contracts it reads.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { flushChanges, FsTree } from "nx/src/generators/tree";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appGenerator } from "./generator";

const MAIN = resolve(__dirname, "../../../../..");
let scratch: string;
let workspace: string;

/**
 * node_modules of the copy: every installed package linked from this workspace, except the
 * workspace's own packages, which point at the copy's folders (as `npm install` would link them).
 */
function linkNodeModules(root: string): void {
  const modules = join(root, "node_modules");
  mkdirSync(join(modules, "@platform"), { recursive: true });
  for (const entry of readdirSync(join(MAIN, "node_modules"))) {
    if (entry !== "@platform") symlinkSync(join(MAIN, "node_modules", entry), join(modules, entry));
  }
  for (const group of ["libs", "projects"]) {
    for (const dir of readdirSync(join(root, group))) {
      const manifest = join(root, group, dir, "package.json");
      if (!existsSync(manifest)) continue;
      const name = (JSON.parse(readFileSync(manifest, "utf8")) as { name: string }).name;
      if (name.startsWith("@platform/")) symlinkSync(join(root, group, dir), join(modules, name));
    }
  }
}

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: "utf8",
      env: { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true", CI: "true", NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${stdout ?? ""}\n${stderr ?? ""}`);
  }
}

// Inherently slow: a shared clone of the repository and its node_modules linked in, seconds to a minute.
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "app-generator-"));
  workspace = join(scratch, "workspace");
  run("git", ["clone", "--quiet", "--shared", MAIN, workspace], scratch);
  const tree = new FsTree(workspace, false);
  appGenerator(tree, { name: "arcade", port: 8080, healthPath: "/healthz" });
  flushChanges(workspace, tree.listChanges());
  linkNodeModules(workspace);
}, 300_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const bin = (name: string) => join(workspace, "node_modules", ".bin", name);

describe("a generated application in a copy of the workspace", () => {
  // Inherently slow: tsc and eslint over the new project and the libraries it imports, 35-46 s seen on a loaded 2-core machine.
  it("type-checks and lints", { timeout: 120_000 }, () => {
    const project = join(workspace, "projects/arcade");
    expect(run(bin("tsc"), ["-p", "tsconfig.json"], project)).toBe("");
    run(bin("eslint"), ["."], project);
  });

  // Inherently slow: a vitest run of its own, every stack file under the mock runtime, 31-35 s seen on a loaded machine.
  it("passes its own tests in every environment", { timeout: 120_000 }, () => {
    const output = run(bin("vitest"), ["run", "--reporter=dot"], join(workspace, "projects/arcade"));
    expect(output).toMatch(/Tests\s+20 passed \(20\)/);
  });

  // Inherently slow: the offline plan of four stacks in processes of their own, 72-87 s seen on a loaded machine.
  it("plans offline with the platform's own stacks, reading the three base stacks", { timeout: 240_000 }, () => {
    // One environment: the project's own tests already run every stack file under the mock runtime.
    const out = join(scratch, "plan");
    run(process.execPath, ["--import", "tsx", "libs/offline-plan/src/cli.ts", "--project", "arcade", "--env", "dev", "--out", out, "--quiet"], workspace);
    for (const env of ["dev"]) {
      const plan = JSON.parse(readFileSync(join(out, env, "arcade.json"), "utf8")) as { stackReferences: string[]; outputs: { url: string } };
      expect(plan.stackReferences.sort()).toEqual([
        `organization/cluster-base/${env}`,
        `organization/networking/${env}`,
        `organization/observability/${env}`,
      ]);
      expect(plan.outputs.url).toMatch(/^https:\/\/arcade\./);
    }
  });

  // Inherently slow: Nx computes the project graph of the copy without its daemon, 13-19 s seen on a loaded machine.
  it("appears in the Nx graph with its Pulumi targets and edges to the contracts it reads", { timeout: 120_000 }, () => {
    const file = join(scratch, "graph.json");
    run(bin("nx"), ["graph", `--file=${file}`], workspace);
    const graph = (JSON.parse(readFileSync(file, "utf8")) as { graph: { nodes: Record<string, { data: { root: string; targets: Record<string, { configurations?: object }> } }>; dependencies: Record<string, { target: string }[]> } }).graph;
    const arcade = graph.nodes.arcade!;
    expect(arcade.data.root).toBe("projects/arcade");
    expect(Object.keys(arcade.data.targets.up!.configurations!).sort()).toEqual(["dev", "local", "production", "staging"]);
    const edges = graph.dependencies.arcade!.map((edge) => edge.target);
    expect(edges).toEqual(expect.arrayContaining(["cluster-base", "networking", "observability", "@platform/service"]));
  });

  it("gives the application a tenant in every cluster-base and networking stack file", () => {
    for (const env of ["local", "dev", "staging", "production"]) {
      expect(readFileSync(join(workspace, `projects/cluster-base/Pulumi.${env}.yaml`), "utf8")).toMatch(/\n {4}arcade:\n {6}quota: \{/);
      expect(readFileSync(join(workspace, `projects/networking/Pulumi.${env}.yaml`), "utf8")).toMatch(/networking:tenants: \[.*, arcade\]/);
    }
  });
});
