import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { findManifests, type ManifestFinding } from "./detect";

/**
 * Files of the repository: tracked ones, and new ones not yet added that .gitignore does not
 * exclude, so a manifest fails the check before it is even committed.
 */
export function repositoryFiles(root: string): string[] {
  const output = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" });
  return [...new Set(output.split("\0").filter(Boolean))].sort();
}

export interface RepositoryCheck {
  readonly filesChecked: number;
  readonly manifests: readonly ManifestFinding[];
}

/** Every Kubernetes manifest in the repository at `root`. */
export function checkRepository(root: string): RepositoryCheck {
  const files = repositoryFiles(root);
  const manifests = findManifests(files, (path) => {
    const absolute = join(root, path);
    return existsSync(absolute) ? readFileSync(absolute, "utf8") : undefined;
  });
  return { filesChecked: files.length, manifests };
}
