import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { addProjectConfiguration, type Tree } from "@nx/devkit";
import { createTreeWithEmptyWorkspace } from "nx/src/generators/testing-utils/create-tree-with-empty-workspace";
import { beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { appGenerator } from "./generator";
import { appOptionProblems, normalizeOptions } from "./options";
import { APP_DEFAULTS } from "./schema";
import { quantityValue } from "./tenant";

let tree: Tree;
/** What the workspace held before the generator ran: the empty workspace's files and the fixtures below. */
let before: Map<string, string | undefined>;

const DOMAINS = { local: "localtest.me", dev: "dev.example.com", staging: "staging.example.com", production: "example.com" };

/** The service component's Deployment rolls with `maxSurge: 1, maxUnavailable: 0` (`libs/service/src/workload.ts`). */
const ROLLOUT_SURGE = 1;

/** A cluster-base examples file as `contracts/cluster-base/src/examples.ts` writes them. */
const CLUSTER_BASE_EXAMPLES = `import { stackExamples } from "@platform/stack-contracts";
import { clusterBase, type ClusterBaseOutputs } from "./index";

export const clusterBaseExamples = stackExamples<ClusterBaseOutputs>(clusterBase, {
  local: {
    registryServer: "localhost:5001",
    tenants: {
      degenquest: {
        namespace: "degenquest",
        imagePullSecret: "",
      },
    },
  },
  dev: {
    registryServer: "registry.example.com/platform",
    tenants: {
      degenquest: {
        namespace: "degenquest",
        imagePullSecret: "registry-pull",
      },
    },
  },
});
`;

/** Every file the generator created or changed, as `CREATE path` or `UPDATE path`, sorted. */
function written(): string[] {
  return tree
    .listChanges()
    .filter((change) => !before.has(change.path) || before.get(change.path) !== change.content?.toString("utf8"))
    .map((change) => `${before.has(change.path) ? "UPDATE" : "CREATE"} ${change.path}`)
    .sort();
}

beforeEach(() => {
  tree = createTreeWithEmptyWorkspace();
  tree.write("projects/cluster-base/Pulumi.dev.yaml", "config:\n  cluster-base:tenants:\n    degenquest:\n      quota: { pods: 1 }\n");
  tree.write("projects/cluster-base/Pulumi.local.yaml", "config:\n  cluster-base:cluster: { mode: local }\n");
  for (const [stack, domain] of Object.entries(DOMAINS)) {
    const tenants = stack === "dev" ? "  networking:tenants: [degenquest]\n" : "";
    tree.write(`projects/networking/Pulumi.${stack}.yaml`, `config:\n  networking:domain: ${domain}\n${tenants}`);
  }
  tree.write("contracts/cluster-base/src/examples.ts", CLUSTER_BASE_EXAMPLES);
  before = new Map(tree.listChanges().map((change) => [change.path, change.content?.toString("utf8")]));
});

describe("the app generator", () => {
  it("writes the project, its contract package and the tenant, and nothing else", () => {
    appGenerator(tree, { name: "arcade-games" });
    expect(written()).toEqual([
      "CREATE contracts/arcade-games/package.json",
      "CREATE contracts/arcade-games/src/index.ts",
      "CREATE contracts/arcade-games/tsconfig.json",
      "CREATE projects/arcade-games/Pulumi.dev.yaml",
      "CREATE projects/arcade-games/Pulumi.local.yaml",
      "CREATE projects/arcade-games/Pulumi.production.yaml",
      "CREATE projects/arcade-games/Pulumi.staging.yaml",
      "CREATE projects/arcade-games/Pulumi.yaml",
      "CREATE projects/arcade-games/README.md",
      "CREATE projects/arcade-games/index.ts",
      "CREATE projects/arcade-games/package.json",
      "CREATE projects/arcade-games/src/config.test.ts",
      "CREATE projects/arcade-games/src/config.ts",
      "CREATE projects/arcade-games/src/program.test.ts",
      "CREATE projects/arcade-games/src/program.ts",
      "CREATE projects/arcade-games/tsconfig.json",
      "UPDATE contracts/cluster-base/src/examples.ts",
      "UPDATE projects/cluster-base/Pulumi.dev.yaml",
      "UPDATE projects/networking/Pulumi.dev.yaml",
    ]);
    expect(tree.read("projects/networking/Pulumi.dev.yaml", "utf8")).toBe("config:\n  networking:domain: dev.example.com\n  networking:tenants: [degenquest, arcade-games]\n");
  });

  it("names types and functions after the project, reads the three contract packages and types its exports with its own", () => {
    appGenerator(tree, { name: "arcade-games", port: 9000, healthPath: "/healthz" });
    const program = tree.read("projects/arcade-games/src/program.ts", "utf8")!;
    expect(program).toContain("export function arcadeGamesProgram(): StackOutputs<ArcadeGamesOutputs>");
    expect(program).toContain("export const HTTP_PORT = 9000;");
    expect(program).toContain('health: { port: "http", path: "/healthz" }');
    expect(program).toContain('import { clusterBase } from "@platform/cluster-base-contract";');
    expect(program).toContain('import { networking } from "@platform/networking-contract";');
    expect(program).toContain('import { observability } from "@platform/observability-contract";');
    expect(program).toContain('import { clusterProvider } from "@platform/kubernetes";');
    expect(program).toContain('import type { ArcadeGamesOutputs } from "@platform/arcade-games-contract";');
    expect(program).not.toMatch(/from "\.\/contract"|\/contract"/);
    expect(tree.read("projects/arcade-games/index.ts", "utf8")).toContain("export = arcadeGamesProgram;");
    expect(tree.read("projects/arcade-games/Pulumi.yaml", "utf8")).toMatch(/^name: arcade-games\n/);
  });

  it("makes the project depend on contract packages and libraries, never on another project", () => {
    appGenerator(tree, { name: "arcade-games" });
    const manifest = JSON.parse(tree.read("projects/arcade-games/package.json", "utf8")!);
    expect(manifest).toMatchObject({ name: "@platform/arcade-games", nx: { name: "arcade-games" } });
    expect(manifest.exports).toEqual({ ".": "./index.ts" });
    expect(Object.keys(manifest.dependencies)).toEqual([
      "@platform/arcade-games-contract",
      "@platform/cluster-base-contract",
      "@platform/config",
      "@platform/kubernetes",
      "@platform/networking-contract",
      "@platform/observability-contract",
      "@platform/service",
      "@platform/stack-contracts",
      "@pulumi/kubernetes",
      "@pulumi/pulumi",
      "zod",
    ]);
    expect(Object.keys(manifest.devDependencies)).toEqual(["@platform/offline-plan", "@platform/testing"]);
  });

  it("runs the program's tests in every stack it has against the upstream contracts' examples, and has none of its own", () => {
    appGenerator(tree, { name: "arcade-games" });
    const test = tree.read("projects/arcade-games/src/program.test.ts", "utf8")!;
    for (const producer of ["cluster-base", "networking", "observability"]) {
      expect(test).toContain(`Examples } from "@platform/${producer}-contract/examples";`);
    }
    expect(test).toContain("upstreamStacks(stack, [clusterBaseExamples, networkingExamples, observabilityExamples])");
    expect(test).toContain("const STACKS = project.stacks as readonly Environment[];");
    expect(test).not.toContain("@platform/arcade-games-contract");
    expect(test).not.toContain("arcadeGamesExamples");
  });

  it("writes the contract package in the contract floor's shape", () => {
    appGenerator(tree, { name: "arcade-games" });
    expect(JSON.parse(tree.read("contracts/arcade-games/package.json", "utf8")!)).toEqual({
      name: "@platform/arcade-games-contract",
      version: "0.0.0",
      private: true,
      description: "What the arcade-games stacks publish: where the service is reached and the image it runs",
      main: "src/index.ts",
      types: "src/index.ts",
      exports: { ".": "./src/index.ts" },
      dependencies: { "@platform/stack-contracts": "*" },
      nx: { name: "arcade-games-contract", tags: ["floor:contract", "contract-of:arcade-games"] },
    });
    expect(JSON.parse(tree.read("contracts/arcade-games/tsconfig.json", "utf8")!)).toEqual({ extends: "../../tsconfig.base.json", include: ["src/**/*.ts"] });
    const contract = tree.read("contracts/arcade-games/src/index.ts", "utf8")!;
    expect(contract).toContain("export interface ArcadeGamesOutputs {");
    expect(contract).toContain('export const arcadeGames = defineStackContract<ArcadeGamesOutputs>("arcade-games", {\n  namespace: "plain",\n  url: "plain",\n  imageTag: "plain",\n});');
  });

  it("writes imageTag and the subdomain into every stack file, a moving tag only on local", () => {
    appGenerator(tree, { name: "arcade" });
    for (const env of ["dev", "staging", "production"]) {
      const text = tree.read(`projects/arcade/Pulumi.${env}.yaml`, "utf8")!;
      expect(text).toMatch(/\n {2}arcade:imageTag: "[0-9a-f]{40}"\n/);
      expect(text).toContain("\n  arcade:subdomain: arcade\n");
    }
    expect(tree.read("projects/arcade/Pulumi.local.yaml", "utf8")).toContain("\n  arcade:imageTag: latest\n");
  });

  it("adds the tenant to cluster-base's examples of the stacks whose file lists it, as cluster-base publishes it there", () => {
    appGenerator(tree, { name: "arcade" });
    expect(tree.read("contracts/cluster-base/src/examples.ts", "utf8")).toBe(
      CLUSTER_BASE_EXAMPLES.replace(
        '        imagePullSecret: "registry-pull",\n      },\n',
        '        imagePullSecret: "registry-pull",\n      },\n      arcade: {\n        namespace: "arcade",\n        imagePullSecret: "registry-pull",\n      },\n',
      ),
    );
  });

  it("gives the tenant, in every environment of the project, a quota that admits its rollout peak and a container maximum that admits its container", () => {
    const clusterBase = resolve(__dirname, "../../../../../projects/cluster-base");
    for (const file of readdirSync(clusterBase).filter((name) => /^Pulumi\.[^.]+\.yaml$/.test(name))) {
      tree.write(`projects/cluster-base/${file}`, readFileSync(join(clusterBase, file), "utf8"));
    }
    appGenerator(tree, { name: "arcade" });
    const stacks = tree
      .children("projects/arcade")
      .flatMap((file) => /^Pulumi\.([^.]+)\.yaml$/.exec(file)?.[1] ?? [])
      .sort();
    expect(stacks).toEqual(["dev", "local", "production", "staging"]);
    const shortfalls = stacks.map((stack) => {
      const config = parse(tree.read(`projects/arcade/Pulumi.${stack}.yaml`, "utf8")!).config as Record<string, unknown>;
      const tenants = parse(tree.read(`projects/cluster-base/Pulumi.${stack}.yaml`, "utf8")!).config["cluster-base:tenants"] as Record<string, unknown>;
      const tenant = tenants?.arcade as { quota: Record<string, string | number>; containerMax: Record<string, string> } | undefined;
      const resources = config["arcade:resources"] as Record<string, string>;
      const autoscaling = config["arcade:autoscaling"] as { maxReplicas: number } | undefined;
      if (!tenant) return { stack, problems: ["no tenant"] };
      // A rolling update runs the most pods plus the surge at once.
      const pods = Math.max(config["arcade:replicas"] as number, autoscaling?.maxReplicas ?? 0) + ROLLOUT_SURGE;
      const problems: string[] = [];
      const admits = (what: string, perPod: string, hard: string | number) => {
        const [need, most] = [pods * quantityValue(String(perPod))!, quantityValue(String(hard))!];
        if (!(need <= most + 1e-9)) problems.push(`${what}: ${pods} pods × ${perPod} exceeds ${hard}`);
      };
      admits("requests.cpu", resources.cpuRequest!, tenant.quota.requestsCpu!);
      admits("requests.memory", resources.memoryRequest!, tenant.quota.requestsMemory!);
      admits("limits.cpu", resources.cpuLimit!, tenant.quota.limitsCpu!);
      admits("limits.memory", resources.memoryLimit!, tenant.quota.limitsMemory!);
      admits("pods", "1", tenant.quota.pods!);
      for (const [what, limit, max] of [
        ["cpu", resources.cpuLimit!, tenant.containerMax.cpu!],
        ["memory", resources.memoryLimit!, tenant.containerMax.memory!],
      ] as const) {
        if (!(quantityValue(String(limit))! <= quantityValue(String(max))!)) problems.push(`containerMax.${what} ${max} is below the container's limit ${limit}`);
      }
      return { stack, problems };
    });
    expect(shortfalls).toEqual(stacks.map((stack) => ({ stack, problems: [] })));
  });

  it("leaves the tenant lists and cluster-base's examples alone when asked to", () => {
    appGenerator(tree, { name: "arcade", skipTenant: true });
    expect(tree.read("projects/networking/Pulumi.dev.yaml", "utf8")).toBe("config:\n  networking:domain: dev.example.com\n  networking:tenants: [degenquest]\n");
    expect(tree.read("contracts/cluster-base/src/examples.ts", "utf8")).toBe(CLUSTER_BASE_EXAMPLES);
  });

  it("refuses bad options all at once, naming each value and what is allowed", () => {
    addProjectConfiguration(tree, "arcade", { root: "libs/arcade" });
    expect(() => appGenerator(tree, { name: "Arcade!", port: 80, healthPath: "health" })).toThrow(
      [
        "Cannot generate the application, 3 problem(s):",
        `  - name is "Arcade!": expected a DNS label (lower-case letters, digits and '-', starting with a letter, at most 63), such as "arcade"`,
        "  - port is 80: expected a whole number from 1024 to 65535 (the container runs as a non-root user)",
        `  - healthPath is "health": expected a path such as "/health"`,
      ].join("\n"),
    );
    expect(appOptionProblems({ name: "arcade" }, ["arcade"])).toEqual(['name is "arcade", but a project of that name exists: choose another name']);
    expect(appOptionProblems({ name: "arcade" }, ["arcade-contract"])).toEqual([
      'name is "arcade", but a project named "arcade-contract", the name of its contract package, exists: choose another name',
    ]);
  });

  it("refuses a name whose project or contract folder exists", () => {
    tree.write("projects/arcade/README.md", "taken\n");
    tree.write("contracts/arcade/README.md", "taken\n");
    expect(() => appGenerator(tree, { name: "arcade" })).toThrow(
      ["Cannot generate the application, 2 problem(s):", "  - projects/arcade exists: choose another name", "  - contracts/arcade exists: choose another name"].join("\n"),
    );
  });

  it("pins every documented default", () => {
    expect(APP_DEFAULTS).toEqual({ description: "An application on the platform", port: 8080, healthPath: "/health", skipTenant: false });
    expect(normalizeOptions({ name: "arcade" })).toEqual({
      name: "arcade",
      camelName: "arcade",
      typeName: "Arcade",
      ...APP_DEFAULTS,
      projectRoot: "projects/arcade",
      contractRoot: "contracts/arcade",
    });
  });
});
