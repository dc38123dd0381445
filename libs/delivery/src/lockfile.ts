/**
 * What changed in an npm lockfile (v2/v3 `packages` map): the packages whose resolved version or
 * content changed, was added or removed, and the workspace folders whose own entry changed.
 */
export interface LockfileChanges {
  /** npm package names, such as `@pulumi/kubernetes`. */
  readonly packages: readonly string[];
  /** Workspace folders (`projects/degenquest`) whose declared dependencies changed. */
  readonly workspaceRoots: readonly string[];
}

interface LockfileEntry {
  readonly version?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly link?: boolean;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

type Packages = Record<string, LockfileEntry>;

/** Compares two lockfile texts; an unreadable side counts as empty, so everything in the other changed. */
export function lockfileChanges(before: string | undefined, after: string | undefined): LockfileChanges {
  const old = packagesOf(before);
  const next = packagesOf(after);
  const packages = new Set<string>();
  const workspaceRoots = new Set<string>();
  for (const key of new Set([...Object.keys(old), ...Object.keys(next)])) {
    if (key === "") continue;
    if (JSON.stringify(old[key]) === JSON.stringify(next[key])) continue;
    const name = packageNameFromKey(key);
    if (name) packages.add(name);
    else workspaceRoots.add(key);
  }
  return { packages: [...packages].sort(), workspaceRoots: [...workspaceRoots].sort() };
}

function packagesOf(text: string | undefined): Packages {
  if (!text) return {};
  try {
    return ((JSON.parse(text) as { packages?: Packages }).packages ?? {}) as Packages;
  } catch {
    return {};
  }
}

/** `node_modules/a/node_modules/@scope/b` is `@scope/b`; a workspace folder has no package name. */
function packageNameFromKey(key: string): string | undefined {
  const at = key.lastIndexOf("node_modules/");
  return at < 0 ? undefined : key.slice(at + "node_modules/".length);
}
