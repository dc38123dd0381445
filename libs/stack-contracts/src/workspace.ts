/**
 * The stack graph, read from the workspace's packages: a contract package names the project that
 * produces it (`nx.tags: ["contract-of:<project>"]`), and a Pulumi project reads every producer
 * whose contract it reaches through its runtime dependencies, directly or through libraries.
 * The Nx plugin orders `up` by it, the delivery rules order and select stacks by it, and the offline
 * plan finds each producer's contract by it: written once, here.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";

export const CONTRACT_TAG_PREFIX = "contract-of:";

export interface WorkspacePackage {
  readonly name: string;
  /** Folder relative to the workspace root. */
  readonly root: string;
  /** Packages under `dependencies`, `peerDependencies` and `optionalDependencies`: what runs. */
  readonly runtimeDependencies: readonly string[];
  readonly tags: readonly string[];
  /** The Pulumi project in this folder (its `Pulumi.yaml` name), if any. */
  readonly pulumiProject?: string;
}

interface Manifest {
  name?: string;
  workspaces?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  nx?: { tags?: string[] };
}

function readJson(file: string): Manifest {
  return JSON.parse(readFileSync(file, "utf8")) as Manifest;
}

/** Folders that the root package.json's `workspaces` names (`dir` or `dir/*`). */
function workspaceFolders(workspaceRoot: string): string[] {
  const rootManifest = join(workspaceRoot, "package.json");
  const patterns = existsSync(rootManifest) ? (readJson(rootManifest).workspaces ?? []) : [];
  return patterns.flatMap((pattern) => {
    if (!pattern.endsWith("/*")) return [pattern];
    const parent = pattern.slice(0, -2);
    if (!existsSync(join(workspaceRoot, parent))) return [];
    return readdirSync(join(workspaceRoot, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${parent}/${entry.name}`);
  });
}

/** The `name` in a folder's Pulumi.yaml, else the folder's own name (as the Nx plugin names it); none without one. */
function pulumiProjectName(folder: string): string | undefined {
  const file = join(folder, "Pulumi.yaml");
  if (!existsSync(file)) return undefined;
  return /^name:\s*["']?([^\s"'#]+)/m.exec(readFileSync(file, "utf8"))?.[1] ?? basename(folder);
}

/** Every workspace package with what the stack graph needs of it. */
export function readWorkspacePackages(workspaceRoot: string): WorkspacePackage[] {
  return workspaceFolders(workspaceRoot)
    .filter((root) => existsSync(join(workspaceRoot, root, "package.json")))
    .map((root) => {
      const manifest = readJson(join(workspaceRoot, root, "package.json"));
      const pulumiProject = pulumiProjectName(join(workspaceRoot, root));
      return {
        name: manifest.name ?? root,
        root,
        runtimeDependencies: [manifest.dependencies, manifest.peerDependencies, manifest.optionalDependencies].flatMap((deps) => Object.keys(deps ?? {})),
        tags: manifest.nx?.tags ?? [],
        ...(pulumiProject ? { pulumiProject } : {}),
      };
    });
}

/** The project whose stacks publish what this package declares, when it is a contract package. */
export function producerOf(pkg: Pick<WorkspacePackage, "tags">): string | undefined {
  return pkg.tags.find((tag) => tag.startsWith(CONTRACT_TAG_PREFIX))?.slice(CONTRACT_TAG_PREFIX.length);
}

/** The contract package of a Pulumi project, if it publishes one. */
export function contractPackageOf(packages: readonly WorkspacePackage[], project: string): WorkspacePackage | undefined {
  return packages.find((pkg) => producerOf(pkg) === project);
}

/**
 * Per Pulumi project, the projects whose stacks it reads, sorted: the producers of the contract
 * packages it reaches through runtime dependencies, passing through libraries but not through other
 * Pulumi projects (their reads are their own). Its own contract is not a read.
 */
export function stackReads(packages: readonly WorkspacePackage[]): Map<string, string[]> {
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  const reads = new Map<string, string[]>();
  for (const start of packages) {
    if (!start.pulumiProject) continue;
    const found = new Set<string>();
    const seen = new Set<string>([start.name]);
    const queue = [...start.runtimeDependencies];
    while (queue.length > 0) {
      const pkg = byName.get(queue.shift()!);
      if (!pkg || seen.has(pkg.name) || pkg.pulumiProject) continue;
      seen.add(pkg.name);
      const producer = producerOf(pkg);
      if (producer && producer !== start.pulumiProject) found.add(producer);
      queue.push(...pkg.runtimeDependencies);
    }
    reads.set(start.pulumiProject, [...found].sort());
  }
  return reads;
}
