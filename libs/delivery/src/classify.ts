import type { WorkspaceProject } from "./workspace-graph";

/** What one changed file can change, before any graph is consulted. */
export type FileImpact =
  /** Cannot change a deployed stack: documentation, tests, lint and editor settings. */
  | { readonly kind: "none"; readonly file: string; readonly why: string }
  /** One environment's configuration of one Pulumi project. */
  | { readonly kind: "stack-config"; readonly file: string; readonly project: string; readonly environment: string }
  /** A file of a workspace project: its code, manifest or Pulumi.yaml. */
  | { readonly kind: "project"; readonly file: string; readonly project: string }
  /** The npm lockfile: the packages whose resolved version changed. */
  | { readonly kind: "lockfile"; readonly file: string }
  /** A workspace-level file: Nx decides which projects it touches. */
  | { readonly kind: "workspace"; readonly file: string };

const NO_STACK_IMPACT: readonly [RegExp, string][] = [
  [/(^|\/)[^/]+\.md$/i, "documentation"],
  [/^docs\//, "documentation"],
  [/\.(test|spec)\.[cm]?[jt]sx?$/, "a test"],
  [/(^|\/)__snapshots__\//, "a test snapshot"],
  [/(^|\/)vitest\.config\.[cm]?[jt]s$/, "test configuration"],
  [/(^|\/)eslint\.config\.[cm]?[jt]s$/, "lint configuration"],
  [/^\.(vscode|idea|github)\//, "editor or forge settings"],
  [/^(\.gitignore|\.editorconfig|\.prettierrc.*|\.npmrc)$/, "repository settings"],
  // nx.json chooses plugins and task defaults: how stacks are previewed, never what they deploy.
  [/^nx\.json$/, "task configuration"],
  [/^\.circleci\//, "the pipeline definition"],
  [/^\.ci\//, "the pipeline definition"],
];

const LOCKFILES = new Set(["package-lock.json"]);

/**
 * Classifies a changed path (relative to the workspace root). A file belongs to the project with
 * the deepest root that contains it, as in Nx.
 */
export function classifyFile(file: string, projects: readonly WorkspaceProject[]): FileImpact {
  for (const [pattern, why] of NO_STACK_IMPACT) if (pattern.test(file)) return { kind: "none", file, why };
  if (LOCKFILES.has(file)) return { kind: "lockfile", file };
  const owner = ownerOf(file, projects);
  if (!owner) return { kind: "workspace", file };
  const relative = file.slice(owner.root.length + 1);
  const stackFile = /^Pulumi\.(.+)\.ya?ml$/.exec(relative);
  if (stackFile && owner.stacks !== undefined) {
    return { kind: "stack-config", file, project: owner.name, environment: stackFile[1]! };
  }
  return { kind: "project", file, project: owner.name };
}

function ownerOf(file: string, projects: readonly WorkspaceProject[]): WorkspaceProject | undefined {
  let best: WorkspaceProject | undefined;
  for (const project of projects) {
    if (project.root === "" || project.root === ".") continue;
    if (file.startsWith(`${project.root}/`) && (!best || project.root.length > best.root.length)) best = project;
  }
  return best;
}
