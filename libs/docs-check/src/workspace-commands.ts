import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { WorkspaceCommands } from "./check-commands";

interface PackageJson {
  readonly name?: string;
  readonly scripts?: Record<string, string>;
  readonly workspaces?: string[];
}

/**
 * The npm scripts and the Nx targets of a workspace, from its package.json files and the real Nx
 * project graph (`nx graph --file`, one run, without the daemon), so that targets inferred by
 * plugins count exactly as Nx sees them.
 */
export function loadWorkspaceCommands(workspaceRoot: string): WorkspaceCommands {
  const root = readPackage(join(workspaceRoot, "package.json"));
  return {
    rootScripts: new Set(Object.keys(root.scripts ?? {})),
    workspaces: workspaceFolders(workspaceRoot, root.workspaces ?? []).map((path) => {
      const pkg = readPackage(join(workspaceRoot, path, "package.json"));
      return { name: pkg.name ?? path, path, scripts: new Set(Object.keys(pkg.scripts ?? {})) };
    }),
    nxProjects: nxTargets(workspaceRoot),
  };
}

function readPackage(file: string): PackageJson {
  return JSON.parse(readFileSync(file, "utf8")) as PackageJson;
}

/** Folders matched by the `workspaces` globs; only the `dir/*` form is used here. */
function workspaceFolders(workspaceRoot: string, globs: readonly string[]): string[] {
  return globs.flatMap((glob) => {
    if (!glob.endsWith("/*")) return existsSync(join(workspaceRoot, glob, "package.json")) ? [glob] : [];
    const parent = glob.slice(0, -2);
    return readdirSync(join(workspaceRoot, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(workspaceRoot, parent, entry.name, "package.json")))
      .map((entry) => `${parent}/${entry.name}`);
  });
}

interface NxGraphFile {
  readonly graph: {
    readonly nodes: Record<string, { readonly data: { readonly targets?: Record<string, { readonly configurations?: Record<string, unknown> }> } }>;
  };
}

function nxTargets(workspaceRoot: string): Map<string, Map<string, Set<string>>> {
  const dir = mkdtempSync(join(tmpdir(), "nx-graph-"));
  const file = join(dir, "graph.json");
  try {
    execFileSync(join(workspaceRoot, "node_modules", ".bin", "nx"), ["graph", `--file=${file}`], {
      cwd: workspaceRoot,
      env: { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true" },
      stdio: ["ignore", "ignore", "pipe"],
      timeout: 180_000,
    });
    const graph = JSON.parse(readFileSync(file, "utf8")) as NxGraphFile;
    return new Map(
      Object.entries(graph.graph.nodes).map(([project, node]) => [
        project,
        new Map(Object.entries(node.data.targets ?? {}).map(([target, config]) => [target, new Set(Object.keys(config.configurations ?? {}))])),
      ]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
