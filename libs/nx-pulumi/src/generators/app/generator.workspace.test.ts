/**
 * The generator on a copy of this workspace (every file git tracks or would track, as it is on
 * disk): the new project and its contract package type-check, lint and pass their tests; the
 * project plans offline in every stack, reading the three base stacks, which publish its tenant as
 * cluster-base's examples say; and it appears in the Nx graph with edges to the contract packages
 * it reads, deploying after their producers.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { flushChanges, FsTree } from "nx/src/generators/tree";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appGenerator } from "./generator";
import { quantityValue } from "./quantity";

const MAIN = resolve(__dirname, "../../../../..");
const STACKS = ["local", "dev", "staging", "production"];
let scratch: string;
let workspace: string;

/** The workspace as it is on disk, without what git ignores (node_modules, plans, caches). */
function copyWorkspace(root: string): void {
  const files = run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], MAIN).split("\0").filter(Boolean);
  for (const file of new Set(files)) {
    const source = join(MAIN, file);
    if (!existsSync(source)) continue; // deleted in the working tree
    mkdirSync(dirname(join(root, file)), { recursive: true });
    if (lstatSync(source).isSymbolicLink()) symlinkSync(readlinkSync(source), join(root, file));
    else copyFileSync(source, join(root, file));
  }
}

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
  const packageDirs = [...["contracts", "libs", "projects"].flatMap((group) => readdirSync(join(root, group)).map((dir) => join(group, dir))), "e2e"];
  for (const dir of packageDirs) {
    const manifest = join(root, dir, "package.json");
    if (!existsSync(manifest)) continue;
    const name = (JSON.parse(readFileSync(manifest, "utf8")) as { name: string }).name;
    if (name.startsWith("@platform/")) symlinkSync(join(root, dir), join(modules, name));
  }
}

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: "utf8",
      env: { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true", CI: "true", NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${stdout ?? ""}\n${stderr ?? ""}`);
  }
}

/** An export of a TypeScript module of the copy, as JSON, loaded the way the programs load it. */
function exported(module: string, name: string): unknown {
  const script = "process.stdout.write(JSON.stringify(require(process.argv[1])[process.argv[2]]))";
  return JSON.parse(run(process.execPath, ["--import", "tsx", "--eval", script, join(workspace, module), name], workspace));
}

// A copy of the workspace's files, with its node_modules linked in: under a second.
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "app-generator-"));
  workspace = join(scratch, "workspace");
  copyWorkspace(workspace);
  const tree = new FsTree(workspace, false);
  appGenerator(tree, { name: "arcade", port: 8080, healthPath: "/healthz" });
  flushChanges(workspace, tree.listChanges());
  linkNodeModules(workspace);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const bin = (name: string) => join(workspace, "node_modules", ".bin", name);

interface Container {
  readonly resources: { readonly requests: Record<string, string>; readonly limits: Record<string, string> };
}

interface PlannedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

let planDir: string | undefined;
/** The folder of the offline plan of the project in every stack, with the base stacks it reads: planned once, on first use. */
function planned(): string {
  if (planDir === undefined) {
    const out = join(scratch, "plan");
    const envs = STACKS.flatMap((stack) => ["--env", stack]);
    run(process.execPath, ["--import", "tsx", "libs/offline-plan/src/cli.ts", "--project", "arcade", ...envs, "--out", out, "--quiet"], workspace);
    planDir = out;
  }
  return planDir;
}

/** The one resource of a type and name in a stack's plan. */
function plannedResource(env: string, project: string, type: string, name: string): PlannedResource | undefined {
  const plan = JSON.parse(readFileSync(join(planned(), env, `${project}.json`), "utf8")) as { resources: PlannedResource[] };
  return plan.resources.find((resource) => resource.type === type && resource.name === name);
}

/** A Kubernetes quantity in base units: `500m`, `"2"`, `512Mi`, `4Gi`. */
function quantity(text: unknown): number {
  const value = quantityValue(String(text));
  if (value === undefined) throw new Error(`not a quantity: ${String(text)}`);
  return value;
}

describe("a generated application in a copy of the workspace", () => {
  // The workspace's own toolchain on the copy, which is what this file proves and what takes it past
  // vitest's default timeout. Seen: 2.5 s idle, 4.2 s beside two CPU-bound processes on two cores.
  it("type-checks within the workspace and lints, the project and its contract package", { timeout: 30_000 }, () => {
    // One compilation lists the files it checked, and fails with its diagnostics if any.
    const tsc = [join(workspace, "node_modules", "typescript-7", "bin", "tsc"), "-p", "tsconfig.json", "--listFiles"];
    const checked = run(process.execPath, tsc, workspace).trim().split("\n");
    for (const file of ["projects/arcade/index.ts", "projects/arcade/src/program.ts", "contracts/arcade/src/index.ts"]) expect(checked).toContain(join(workspace, file));
    expect(checked.filter((line) => !line.startsWith("/"))).toEqual([]);
    run(bin("eslint"), ["projects/arcade", "contracts/arcade"], workspace);
  });

  // A vitest run of its own, every stack file under the mock runtime: 2.5 s idle, 4.1 s beside two CPU-bound processes.
  it("passes its own tests in every environment, against the upstream contracts' examples", { timeout: 30_000 }, () => {
    const output = run(bin("vitest"), ["run", "--reporter=verbose"], join(workspace, "projects/arcade"));
    expect(output).toMatch(/Tests\s+20 passed \(20\)/);
    for (const stack of STACKS) expect(output).toContain(`arcade, ${stack} > runs exactly the image tag that the stack file pins`);
  });

  // The offline plan of four stacks in four environments: 4.9 s idle, 8.1 s beside two CPU-bound processes.
  it("plans offline in every stack it has, reading the three base stacks, cluster-base publishing its tenant", { timeout: 60_000 }, () => {
    const out = planned();
    const clusterBase = exported("contracts/cluster-base/src/examples.ts", "clusterBaseExamples") as {
      byEnvironment: Record<string, { tenants: Record<string, object> }>;
    };
    for (const env of STACKS) {
      const plan = JSON.parse(readFileSync(join(out, env, "arcade.json"), "utf8")) as { stackReferences: string[] };
      expect(plan.stackReferences.sort()).toEqual([`organization/cluster-base/${env}`, `organization/networking/${env}`, `organization/observability/${env}`]);
      // cluster-base publishes the new tenant as its examples now say, which the project's tests read.
      const upstream = JSON.parse(readFileSync(join(out, env, "cluster-base.json"), "utf8")) as { outputs: { tenants: Record<string, object> } };
      expect({ env, tenant: upstream.outputs.tenants.arcade }).toEqual({ env, tenant: clusterBase.byEnvironment[env]!.tenants.arcade });
    }
  });

  // Planned by the test above; planned here when run alone.
  it("rolls out in every stack within its tenant's quota: the most pods plus the surge, at the container's requests and limits", { timeout: 60_000 }, () => {
    const findings = STACKS.map((env) => {
      const deployment = plannedResource(env, "arcade", "kubernetes:apps/v1:Deployment", "arcade-deployment")!.inputs as {
        spec: {
          replicas?: number;
          strategy: { type: string; rollingUpdate: { maxSurge: number | string } };
          template: { spec: { containers: Container[]; initContainers?: Container[] } };
        };
      };
      const autoscaler = plannedResource(env, "arcade", "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "arcade-autoscaler")?.inputs as
        | { spec: { maxReplicas: number } }
        | undefined;
      const quota = plannedResource(env, "cluster-base", "kubernetes:core/v1:ResourceQuota", "arcade-quota")!.inputs as { spec: { hard: Record<string, string> } };
      const limitRange = plannedResource(env, "cluster-base", "kubernetes:core/v1:LimitRange", "arcade-limits")!.inputs as {
        spec: { limits: { type: string; max: Record<string, string> }[] };
      };
      const { spec } = deployment;
      const most = autoscaler ? autoscaler.spec.maxReplicas : spec.replicas!;
      const surge = spec.strategy.type === "RollingUpdate" ? spec.strategy.rollingUpdate.maxSurge : 0;
      const pods = most + (typeof surge === "number" ? surge : Math.ceil((most * Number.parseInt(surge, 10)) / 100));
      const problems: string[] = [];
      for (const kind of ["requests", "limits"] as const) {
        for (const resource of ["cpu", "memory"]) {
          // What the quota charges a pod: its containers together, or its largest init container if more.
          const amount = (container: Container) => quantity(container.resources[kind][resource]);
          const perPod = Math.max(
            spec.template.spec.containers.reduce((sum, container) => sum + amount(container), 0),
            ...(spec.template.spec.initContainers ?? []).map(amount),
          );
          const hard = quota.spec.hard[`${kind}.${resource}`]!;
          if (!(pods * perPod <= quantity(hard) + 1e-9)) problems.push(`${kind}.${resource}: ${pods} pods × ${perPod} exceeds ${hard}`);
        }
      }
      if (pods > Number(quota.spec.hard.pods)) problems.push(`pods: ${pods} exceeds ${quota.spec.hard.pods}`);
      const max = limitRange.spec.limits.find((limit) => limit.type === "Container")!.max;
      for (const container of spec.template.spec.containers) {
        for (const resource of ["cpu", "memory"]) {
          if (quantity(container.resources.limits[resource]) > quantity(max[resource])) problems.push(`container ${resource} limit exceeds the tenant's maximum ${max[resource]}`);
        }
      }
      return { env, problems };
    });
    expect(findings).toEqual(STACKS.map((env) => ({ env, problems: [] })));
  });

  // Nx computes the project graph of the copy without its daemon.
  it("appears in the Nx graph with edges to the contract packages it reads, and deploys after their producers", () => {
    const file = join(scratch, "graph.json");
    run(bin("nx"), ["graph", `--file=${file}`], workspace);
    type Node = { data: { root: string; tags?: string[]; targets: Record<string, { executor?: string; options?: object; configurations?: object; dependsOn?: unknown[] }> } };
    const graph = (JSON.parse(readFileSync(file, "utf8")) as { graph: { nodes: Record<string, Node>; dependencies: Record<string, { target: string }[]> } }).graph;
    const arcade = graph.nodes.arcade!;
    expect(arcade.data.root).toBe("projects/arcade");
    expect(Object.keys(arcade.data.targets.up!.configurations!).sort()).toEqual(["dev", "local", "production", "staging"]);
    expect(arcade.data.targets.up!.dependsOn).toEqual([{ projects: ["cluster-base", "networking", "observability"], target: "up", params: "ignore" }]);
    // Its tests are a target of its own, so `npm test` and the affected checks run them.
    expect(arcade.data.targets.test).toMatchObject({ executor: "nx:run-commands", options: { command: "vitest run --no-isolate", cwd: "projects/arcade" } });

    const contract = graph.nodes["arcade-contract"]!;
    expect(contract.data.root).toBe("contracts/arcade");
    expect(contract.data.tags).toEqual(expect.arrayContaining(["floor:contract", "contract-of:arcade"]));

    const edges = graph.dependencies.arcade!.map((edge) => edge.target);
    const tagged = (tag: string) => edges.filter((target) => graph.nodes[target]?.data.tags?.some((t) => t.startsWith(tag))).sort();
    expect(tagged("contract-of:")).toEqual(["arcade-contract", "cluster-base-contract", "networking-contract", "observability-contract"]);
    expect(tagged("type:pulumi-stack")).toEqual([]);
    expect(edges).toEqual(expect.arrayContaining(["@platform/kubernetes", "@platform/service"]));
  });

  it("gives the application a tenant in every cluster-base and networking stack file, and in cluster-base's examples", () => {
    const examples = readFileSync(join(workspace, "contracts/cluster-base/src/examples.ts"), "utf8");
    for (const env of ["local", "e2e", "dev", "staging", "production"]) {
      expect(readFileSync(join(workspace, `projects/cluster-base/Pulumi.${env}.yaml`), "utf8")).toMatch(/\n {4}arcade:\n {6}quota: \{/);
      expect(readFileSync(join(workspace, `projects/networking/Pulumi.${env}.yaml`), "utf8")).toMatch(/networking:tenants: \[.*, arcade\]/);
    }
    expect(examples.match(/\n {6}arcade: \{\n {8}namespace: "arcade",\n {8}imagePullSecret: "(registry-pull)?",\n {6}\},\n/g)).toHaveLength(5);
  });
});
