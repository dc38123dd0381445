/**
 * A small workspace in a temporary folder with its own git repository, for tests that run the real
 * Nx and the real git: the workspace's Nx plugin, a base layer, a layer reading it, two apps, the
 * contract packages of the two layers, a shared library, a test-only library, stack files,
 * documentation and a lockfile.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

export const MAIN_WORKSPACE = resolve(__dirname, "../../..");
const STACKS = ["local", "dev", "staging", "production"];

export interface TestWorkspace {
  readonly root: string;
  write(path: string, content: string): void;
  read(path: string): string;
  git(...args: string[]): string;
  /** Commits everything and returns the commit id. */
  commit(message: string): string;
  remove(): void;
}

interface ProjectSpec {
  readonly root: string;
  readonly name: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  /** Import lines of the program (or the library's index). */
  readonly imports?: readonly string[];
  readonly pulumi?: boolean;
  /** The Pulumi project whose outputs this contract package declares. */
  readonly contractOf?: string;
}

const PROJECTS: readonly ProjectSpec[] = [
  { root: "libs/naming", name: "naming", imports: [] },
  { root: "libs/test-helpers", name: "test-helpers", imports: [] },
  { root: "contracts/base", name: "base-contract", contractOf: "base", imports: [] },
  { root: "contracts/net", name: "net-contract", contractOf: "net", imports: [] },
  {
    root: "projects/base",
    name: "base",
    pulumi: true,
    dependencies: { "@fx/base-contract": "*" },
    devDependencies: { "@fx/test-helpers": "*" },
    imports: ['import type { base } from "@fx/base-contract";'],
  },
  {
    root: "projects/net",
    name: "net",
    pulumi: true,
    dependencies: { "@fx/base-contract": "*", "@fx/net-contract": "*" },
    imports: ['import { base } from "@fx/base-contract";', 'import type { net } from "@fx/net-contract";'],
  },
  {
    root: "projects/app-a",
    name: "app-a",
    pulumi: true,
    dependencies: { "@fx/base-contract": "*", "@fx/net-contract": "*", "@fx/naming": "*" },
    imports: ['import { base } from "@fx/base-contract";', 'import { net } from "@fx/net-contract";', 'import { name } from "@fx/naming";'],
  },
  {
    root: "projects/app-b",
    name: "app-b",
    pulumi: true,
    dependencies: { "@fx/base-contract": "*", zod: "4.6.7" },
    imports: ['import { base } from "@fx/base-contract";', 'import { z } from "zod";'],
  },
];

const lockEntry = (version: string) => ({
  version,
  resolved: `https://registry.npmjs.org/zod/-/zod-${version}.tgz`,
  integrity: `sha512-${Buffer.from(`zod-${version}`).toString("base64")}`,
  license: "MIT",
});

/** The lockfile of the fixture, with the given zod version. */
export function lockfile(zodVersion: string): string {
  const packages: Record<string, unknown> = {
    "": { name: "fixture", workspaces: ["contracts/*", "libs/*", "projects/*"], devDependencies: { vitest: "4.1.12" } },
    "node_modules/zod": lockEntry(zodVersion),
  };
  for (const project of PROJECTS) {
    packages[project.root] = { name: `@fx/${project.name}`, version: "0.0.0", ...(project.dependencies ? { dependencies: project.dependencies } : {}) };
    packages[`node_modules/@fx/${project.name}`] = { resolved: project.root, link: true };
  }
  return `${JSON.stringify({ name: "fixture", lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

export function createTestWorkspace(): TestWorkspace {
  const root = mkdtempSync(join(tmpdir(), "delivery-workspace-"));
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

  symlinkSync(join(MAIN_WORKSPACE, "node_modules"), join(root, "node_modules"));
  cpSync(join(MAIN_WORKSPACE, "libs/nx-pulumi/src"), join(root, "tools/nx-pulumi"), { recursive: true, filter: (src) => !src.endsWith(".test.ts") });
  write(".gitignore", "node_modules\n.nx\n");
  write(
    "package.json",
    `${JSON.stringify({ name: "fixture", private: true, workspaces: ["contracts/*", "libs/*", "projects/*"], devDependencies: { vitest: "4.1.12" } }, null, 2)}\n`,
  );
  write("nx.json", `${JSON.stringify({ plugins: ["./tools/nx-pulumi/plugin.ts"] }, null, 2)}\n`);
  write("tsconfig.base.json", `${JSON.stringify({ compilerOptions: { target: "ES2022", strict: true } }, null, 2)}\n`);
  write("package-lock.json", lockfile("4.6.7"));
  write("README.md", "# Fixture\n");
  write("docs/guide.md", "# Guide\n");

  for (const project of PROJECTS) {
    const manifest = {
      name: `@fx/${project.name}`,
      version: "0.0.0",
      private: true,
      nx: { name: project.name, ...(project.contractOf ? { tags: [`contract-of:${project.contractOf}`] } : {}) },
      ...(project.pulumi ? { main: "index.ts" } : { main: "src/index.ts" }),
      ...(project.dependencies ? { dependencies: project.dependencies } : {}),
      ...(project.devDependencies ? { devDependencies: project.devDependencies } : {}),
    };
    write(`${project.root}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
    const body = `${(project.imports ?? []).join("\n")}\nexport const ${project.name.replace("-", "")} = 1;\n`;
    if (!project.pulumi) {
      write(`${project.root}/src/index.ts`, body);
      continue;
    }
    write(`${project.root}/Pulumi.yaml`, `name: ${project.name}\nruntime: nodejs\n`);
    for (const stack of STACKS) write(`${project.root}/Pulumi.${stack}.yaml`, `config:\n  ${project.name}:size: ${stack}\n`);
    write(`${project.root}/index.ts`, 'import { program } from "./src/program";\nexport = program;\n');
    write(`${project.root}/src/program.ts`, `${body}export const program = () => ({});\n`);
    write(`${project.root}/src/program.test.ts`, "// tests\n");
    write(`${project.root}/README.md`, `# ${project.name}\n`);
  }
  if (PROJECTS.some((project) => project.name === "base")) {
    write("projects/base/src/program.test.ts", 'import { helper } from "@fx/test-helpers";\n');
  }

  git("init", "-q", "-b", "main");
  git("config", "user.email", "ci@example.com");
  git("config", "user.name", "CI");
  git("config", "commit.gpgsign", "false");
  const commit = (message: string) => {
    git("add", "-A");
    git("commit", "-q", "--allow-empty", "-m", message);
    return git("rev-parse", "HEAD");
  };
  commit("Fixture workspace");

  return {
    root,
    write,
    read: (path) => readFileSync(join(root, path), "utf8"),
    git,
    commit,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
