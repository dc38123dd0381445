import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CreateNodesResult, TargetConfiguration } from "@nx/devkit";
import { createNodesV2 } from "./plugin";

let workspaceRoot: string;

function write(path: string, content = ""): void {
  mkdirSync(dirname(join(workspaceRoot, path)), { recursive: true });
  writeFileSync(join(workspaceRoot, path), content);
}

async function nodesFor(configFiles: string[], options = {}) {
  const [, create] = createNodesV2;
  return create(configFiles, options, { workspaceRoot, nxJsonConfiguration: {} });
}

/** The one project created for a folder's Pulumi.yaml. */
async function projectAt(root: string, options = {}) {
  const [[, result]] = (await nodesFor([`${root}/Pulumi.yaml`], options)) as [[string, CreateNodesResult]];
  return result.projects![root] as { name: string; targets: Record<string, TargetConfiguration> };
}

beforeEach(() => {
  workspaceRoot = mkdtempSync(join(tmpdir(), "nx-pulumi-"));
});
afterEach(() => rmSync(workspaceRoot, { recursive: true, force: true }));

/** How a target two folders below the root runs the CLI: through the resolver that finds one. */
const PULUMI = "node --import tsx ../../libs/nx-pulumi/src/pulumi.ts";

const perStackTarget = (command: (stack: string) => string, stacks: string[], root: string, extra: object) => ({
  executor: "nx:run-commands",
  configurations: Object.fromEntries(stacks.map((stack) => [stack, { command: command(stack) }])),
  ...extra,
  options: expect.objectContaining({ cwd: root }),
});

describe("createNodesV2", () => {
  it("looks for every Pulumi.yaml in the workspace", () => {
    expect(createNodesV2[0]).toBe("**/Pulumi.yaml");
  });

  it("makes a project named after its Pulumi project, with one configuration per stack file", async () => {
    write("projects/game/Pulumi.yaml", "name: degenquest\nruntime: nodejs\n");
    for (const stack of ["production", "dev", "staging"]) write(`projects/game/Pulumi.${stack}.yaml`, "config: {}\n");
    write("projects/game/Pulumi.local.yml", "config: {}\n");
    write("projects/game/Pulumi.dev.yaml.bak", "");
    write("libs/policy-pack/PulumiPolicy.yaml", "runtime: nodejs\n");

    const results = await nodesFor(["projects/game/Pulumi.yaml"]);
    expect(results).toHaveLength(1);
    const [file, result] = results[0]!;
    expect(file).toBe("projects/game/Pulumi.yaml");
    const project = result.projects!["projects/game"]!;
    const stacks = ["dev", "local", "production", "staging"];
    const policy = " --policy-pack ../../libs/policy-pack";
    const root = "projects/game";

    expect(project.name).toBe("degenquest");
    expect(project.tags).toEqual(["type:pulumi-stack", "floor:program"]);
    expect(Object.keys(project.targets!)).toEqual(["preview", "up", "refresh", "destroy", "plan"]);
    expect(project.targets!.preview).toEqual(
      perStackTarget((s) => `${PULUMI} preview --stack ${s} --diff --non-interactive${policy}`, stacks, root, {
        defaultConfiguration: "dev",
        metadata: { description: "Pulumi preview of the chosen stack, with the policy pack" },
      }),
    );
    expect(project.targets!.preview!.options).toEqual({ command: `${PULUMI} preview --stack dev --diff --non-interactive${policy}`, cwd: root });
    expect(project.targets!.up).toEqual(
      perStackTarget((s) => `${PULUMI} up --stack ${s} --yes --skip-preview=false --non-interactive${policy}`, stacks, root, {
        dependsOn: [],
        metadata: { description: "Deploys the chosen stack, after the same stack of every project it reads" },
      }),
    );
    expect(project.targets!.refresh).toEqual(
      perStackTarget((s) => `${PULUMI} refresh --stack ${s} --yes --non-interactive`, stacks, root, {
        defaultConfiguration: "dev",
        metadata: { description: "Reads the real state of the chosen stack's resources into its state" },
      }),
    );
    expect(project.targets!.destroy).toEqual(
      perStackTarget((s) => `node --import tsx ../../libs/nx-pulumi/src/guarded-destroy.ts --stack ${s}`, stacks, root, {
        metadata: { description: "Destroys the chosen stack; production only with --allow-production" },
      }),
    );
    expect(project.targets!.plan).toEqual({
      executor: "nx:run-commands",
      options: { command: "tsx libs/offline-plan/src/cli.ts --project degenquest", cwd: "{workspaceRoot}" },
      configurations: Object.fromEntries(
        stacks.map((s) => [s, { command: `tsx libs/offline-plan/src/cli.ts --project degenquest --env ${s}` }]),
      ),
      cache: true,
      inputs: ["default", "^production", "{workspaceRoot}/libs/offline-plan/src/**/*"],
      outputs: ["{workspaceRoot}/plan/*/degenquest.json"],
      metadata: { description: "Offline plan under the mock runtime: no cloud, no Pulumi CLI" },
    });
  });

  it("gives up and destroy no default stack: run without a configuration, they fail naming the choices", async () => {
    write("projects/app/Pulumi.yaml", "name: app\n");
    write("projects/app/Pulumi.dev.yaml", "");
    write("projects/app/Pulumi.production.yaml", "");
    const { targets } = await projectAt("projects/app");
    for (const target of ["up", "destroy"]) {
      expect(targets[target]!.defaultConfiguration).toBeUndefined();
      expect(targets[target]!.options).toEqual({
        command: `echo "app has no stack for this configuration: name the stack: nx run app:${target}:<stack> with <stack> one of dev, production" >&2 && exit 1`,
        cwd: "projects/app",
      });
    }
  });

  it("leaves out the policy pack when the workspace has none, and names the project after its folder when Pulumi.yaml has no name", async () => {
    write("deep/nested/infra/Pulumi.yaml", "runtime: nodejs\n");
    write("deep/nested/infra/Pulumi.staging.yaml", "");
    const project = await projectAt("deep/nested/infra");
    expect(project.name).toBe("infra");
    expect(project.targets.preview!.configurations).toEqual({
      staging: { command: "node --import tsx ../../../libs/nx-pulumi/src/pulumi.ts preview --stack staging --diff --non-interactive" },
    });
    expect(project.targets.destroy!.configurations).toEqual({
      staging: { command: "node --import tsx ../../../libs/nx-pulumi/src/guarded-destroy.ts --stack staging" },
    });
  });

  it("uses the policy pack folder given in the plugin options", async () => {
    write("projects/app/Pulumi.yaml", "name: app\n");
    write("projects/app/Pulumi.dev.yaml", "");
    write("policies/PulumiPolicy.yaml", "");
    const { targets } = await projectAt("projects/app", { policyPack: "policies" });
    expect(targets.preview!.configurations!.dev!.command).toBe(
      `${PULUMI} preview --stack dev --diff --non-interactive --policy-pack ../../policies`,
    );
  });

  it("deploys after exactly the producers of the contracts a project reaches, through libraries but not through other programs", async () => {
    const pkg = (path: string, manifest: object) => write(`${path}/package.json`, JSON.stringify(manifest));
    write("package.json", JSON.stringify({ workspaces: ["contracts/*", "libs/*", "projects/*"] }));
    pkg("contracts/base", { name: "@x/base-contract", nx: { tags: ["floor:contract", "contract-of:base"] } });
    pkg("contracts/edge", { name: "@x/edge-contract", nx: { tags: ["floor:contract", "contract-of:edge"] } });
    pkg("contracts/app", { name: "@x/app-contract", nx: { tags: ["floor:contract", "contract-of:app"] } });
    pkg("libs/service", { name: "@x/service", dependencies: { "@x/edge-contract": "*" } });
    pkg("libs/fixtures", { name: "@x/fixtures", dependencies: { "@x/app-contract": "*" } });
    pkg("projects/base", { name: "@x/base", dependencies: { "@x/base-contract": "*" } });
    pkg("projects/edge", { name: "@x/edge", dependencies: { "@x/base-contract": "*", "@x/edge-contract": "*" } });
    pkg("projects/app", {
      name: "@x/app",
      dependencies: { "@x/app-contract": "*", "@x/base-contract": "*", "@x/service": "*", "@x/edge": "*" },
      devDependencies: { "@x/fixtures": "*" },
    });
    for (const name of ["base", "edge", "app"]) {
      write(`projects/${name}/Pulumi.yaml`, `name: ${name}\n`);
      write(`projects/${name}/Pulumi.dev.yaml`, "");
    }
    const dependsOn = async (name: string) => (await projectAt(`projects/${name}`)).targets.up!.dependsOn;
    expect(await dependsOn("base")).toEqual([]);
    expect(await dependsOn("edge")).toEqual([{ projects: ["base"], target: "up", params: "ignore" }]);
    // The edge contract through a library; not its own contract, not a devDependency, not edge's reads through edge.
    expect(await dependsOn("app")).toEqual([{ projects: ["base", "edge"], target: "up", params: "ignore" }]);
  });
});
