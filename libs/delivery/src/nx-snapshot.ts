/**
 * Runs inside the workspace being asked about (Nx finds its root from the working directory) and
 * writes what the affected rules need as JSON: the project graph from the real Nx, and which
 * nodes Nx's own JavaScript rules say the changed workspace-level files touch (root package.json
 * dependencies, tsconfig.base.json paths and options), comparing the files at base and head.
 *
 * Usage: node --require @platform/ts-loader nx-snapshot.ts <out.json> <base> <head> [changed file]...
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createProjectGraphAsync, workspaceRoot, type ProjectGraph } from "@nx/devkit";
// Nx's affected rules for files outside projects; not part of the devkit, pinned with Nx itself.
import { readNxJson } from "nx/src/config/configuration";
import { calculateFileChanges } from "nx/src/project-graph/file-utils";
import { getTouchedProjects } from "nx/src/plugins/js/project-graph/affected/touched-projects";
import { classifyFile } from "./classify";
import type { WorkspaceGraph, WorkspaceProject } from "./workspace-graph";

interface PackageManifest {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function manifest(root: string): PackageManifest {
  const file = join(workspaceRoot, root, "package.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as PackageManifest) : {};
}

function stacksOf(root: string, graph: ProjectGraph, name: string): string[] | undefined {
  if (!existsSync(join(workspaceRoot, root, "Pulumi.yaml"))) return undefined;
  // The plugin declares one configuration of `up` per stack file.
  return Object.keys(graph.nodes[name]?.data.targets?.up?.configurations ?? {}).sort();
}

/** The projects whose stacks a Pulumi project reads: the plugin makes its `up` depend on theirs. */
function readsOf(graph: ProjectGraph, name: string): string[] {
  const dependsOn = graph.nodes[name]?.data.targets?.up?.dependsOn ?? [];
  return dependsOn.flatMap((dependency) => (typeof dependency === "object" && dependency.target === "up" ? [...(dependency.projects ?? [])] : [])).sort();
}

/**
 * This process already loads TypeScript (the workspace's loader), and so the workspace's Nx plugins;
 * Nx would otherwise register ts-node as well (a third of a second) before loading them.
 */
function useThisProcessTranspiler(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module of the pinned Nx
  const transpiler = require("nx/src/project-graph/plugins/transpiler") as { registerPluginTSTranspiler: () => void };
  transpiler.registerPluginTSTranspiler = () => undefined;
}

async function main(): Promise<void> {
  const [out, base, head, ...changedFiles] = process.argv.slice(2);
  if (!out || !base || !head) throw new Error("usage: nx-snapshot.ts <out.json> <base> <head> [file]...");
  useThisProcessTranspiler();
  const graph = await createProjectGraphAsync({ exitOnError: false });

  // The workspace root project holds only repository-wide tasks (lint, type check): no code, no
  // stack, nothing a change could deploy. The affected rules see the packages only.
  const rootProjects = new Set(Object.values(graph.nodes).filter((node) => node.data.root === "." || node.data.root === "").map((node) => node.name));
  const projects: Record<string, WorkspaceProject> = {};
  for (const [name, node] of Object.entries(graph.nodes)) {
    if (rootProjects.has(name)) continue;
    const pkg = manifest(node.data.root);
    const runtime = [pkg.dependencies, pkg.peerDependencies, pkg.optionalDependencies].flatMap((deps) => Object.keys(deps ?? {}));
    const stacks = stacksOf(node.data.root, graph, name);
    projects[name] = {
      name,
      root: node.data.root,
      tags: [...(node.data.tags ?? [])].sort(),
      ...(pkg.name ? { packageName: pkg.name } : {}),
      runtimeDependencies: runtime.sort(),
      devDependencies: Object.keys(pkg.devDependencies ?? {}).filter((dep) => !runtime.includes(dep)).sort(),
      ...(stacks ? { stacks, reads: readsOf(graph, name) } : {}),
    };
  }
  const externalPackages = Object.fromEntries(
    Object.entries(graph.externalNodes ?? {}).map(([name, node]) => [name, String((node.data as { packageName?: string }).packageName ?? name)]),
  );
  const dependencies = Object.fromEntries(
    Object.entries(graph.dependencies)
      .filter(([source]) => !rootProjects.has(source))
      .map(([source, deps]) => [source, deps.map((dep) => dep.target).filter((target) => !rootProjects.has(target))]),
  );

  const workspaceFiles = changedFiles.filter((file) => classifyFile(file, Object.values(projects)).kind === "workspace");
  const changes = calculateFileChanges(workspaceFiles, { base, head });
  const rootManifest = manifest("");
  const touched = workspaceFiles.length > 0 ? await getTouchedProjects(changes, graph.nodes, readNxJson(), rootManifest as never, graph) : [];

  const snapshot: WorkspaceGraph & { touchedByWorkspaceFiles: string[] } = {
    projects,
    externalPackages,
    dependencies,
    rootDevDependencies: Object.keys(rootManifest.devDependencies ?? {}).sort(),
    touchedByWorkspaceFiles: [...new Set(touched)].filter((name) => !rootProjects.has(name)).sort(),
  };
  writeFileSync(out, JSON.stringify(snapshot));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
