import { execFileSync } from "node:child_process";

function git(cwd: string, args: readonly string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
}

/** The full commit id of a revision, or a clear error naming it. */
export function resolveCommit(cwd: string, revision: string): string {
  try {
    return git(cwd, ["rev-parse", "--verify", `${revision}^{commit}`]).trim();
  } catch {
    throw new Error(`"${revision}" is not a commit in ${cwd}: expected a commit id, branch or tag that exists locally (fetch it first)`);
  }
}

/**
 * Files that differ between the merge base of base and head, and head: what the change itself did,
 * not what happened on the base branch meanwhile. Renames count as a deletion and an addition.
 */
export function changedFiles(cwd: string, base: string, head: string): string[] {
  const from = git(cwd, ["merge-base", base, head]).trim();
  return git(cwd, ["diff", "--name-only", "--no-renames", "-z", from, head]).split("\0").filter(Boolean).sort();
}

/** A file's content at a commit, or undefined when it does not exist there. */
export function fileAt(cwd: string, commit: string, path: string): string | undefined {
  try {
    return git(cwd, ["show", `${commit}:${path}`]);
  } catch {
    return undefined;
  }
}
