import { addProjectConfiguration, type Tree } from "@nx/devkit";
import { createTreeWithEmptyWorkspace } from "nx/src/generators/testing-utils/create-tree-with-empty-workspace";
import { beforeEach, describe, expect, it } from "vitest";
import { appGenerator } from "./generator";
import { appOptionProblems, normalizeOptions } from "./options";
import { APP_DEFAULTS } from "./schema";

let tree: Tree;
let emptyWorkspaceFiles: Set<string>;

/** Remembers the files the empty workspace starts with, so a test sees only what the generator wrote. */
function rememberEmptyWorkspace(workspace: Tree): void {
  emptyWorkspaceFiles = new Set(workspace.listChanges().map((change) => change.path));
}

beforeEach(() => {
  tree = createTreeWithEmptyWorkspace();
  // What the generator changes, without the empty workspace's own files.
  rememberEmptyWorkspace(tree);
  tree.write("projects/cluster-base/Pulumi.dev.yaml", "config:\n  cluster-base:tenants:\n    degenquest:\n      quota: { pods: 1 }\n");
  tree.write("projects/networking/Pulumi.dev.yaml", "config:\n  networking:tenants: [degenquest]\n");
});

describe("the app generator", () => {
  it("writes the project's files and the tenant, and nothing else", () => {
    appGenerator(tree, { name: "arcade-games" });
    const changes = tree
      .listChanges()
      .filter((change) => !emptyWorkspaceFiles.has(change.path))
      .map((change) => `${change.type} ${change.path}`)
      .sort();
    expect(changes).toEqual([
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
      "CREATE projects/arcade-games/src/contract.ts",
      "CREATE projects/arcade-games/src/program.test.ts",
      "CREATE projects/arcade-games/src/program.ts",
      "CREATE projects/arcade-games/src/upstream.test-support.ts",
      "CREATE projects/arcade-games/tsconfig.json",
      "CREATE projects/cluster-base/Pulumi.dev.yaml",
      "CREATE projects/networking/Pulumi.dev.yaml",
    ]);
    expect(tree.read("projects/networking/Pulumi.dev.yaml", "utf8")).toBe("config:\n  networking:tenants: [degenquest, arcade-games]\n");
  });

  it("names types and functions after the project, and reads the three contracts", () => {
    appGenerator(tree, { name: "arcade-games", port: 9000, healthPath: "/healthz" });
    const program = tree.read("projects/arcade-games/src/program.ts", "utf8")!;
    expect(program).toContain("export function arcadeGamesProgram(): StackOutputs<ArcadeGamesOutputs>");
    expect(program).toContain("export const HTTP_PORT = 9000;");
    expect(program).toContain('health: { port: "http", path: "/healthz" }');
    for (const contract of ["cluster-base", "networking", "observability"]) expect(program).toContain(`from "@platform/${contract}/contract"`);
    expect(tree.read("projects/arcade-games/index.ts", "utf8")).toContain("export = arcadeGamesProgram;");
    expect(JSON.parse(tree.read("projects/arcade-games/package.json", "utf8")!)).toMatchObject({
      name: "@platform/arcade-games",
      nx: { name: "arcade-games" },
      exports: { "./contract": "./src/contract.ts" },
    });
    expect(tree.read("projects/arcade-games/Pulumi.yaml", "utf8")).toMatch(/^name: arcade-games\n/);
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

  it("leaves the tenant lists alone when asked to", () => {
    appGenerator(tree, { name: "arcade", skipTenant: true });
    expect(tree.read("projects/networking/Pulumi.dev.yaml", "utf8")).toBe("config:\n  networking:tenants: [degenquest]\n");
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
  });

  it("pins every documented default", () => {
    expect(APP_DEFAULTS).toEqual({ description: "An application on the platform", port: 8080, healthPath: "/health", skipTenant: false });
    expect(normalizeOptions({ name: "arcade" })).toEqual({
      name: "arcade",
      camelName: "arcade",
      typeName: "Arcade",
      ...APP_DEFAULTS,
      projectRoot: "projects/arcade",
    });
  });
});
