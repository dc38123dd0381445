import { run } from "../process";

async function git(cwd: string, args: readonly string[]): Promise<string> {
  const result = await run("git", args, { cwd, capture: true });
  if (result.code !== 0) throw new Error(`git ${args.join(" ")} failed (exit ${result.code}): ${result.stderr.trim()}`);
  return result.stdout.trim();
}

export function headCommit(cwd: string): Promise<string> {
  return git(cwd, ["rev-parse", "HEAD"]);
}

/** Where a pull request's branch left main: the base its change is measured from. */
export async function mergeBaseWithMain(cwd: string, mainBranch = "main"): Promise<string> {
  await git(cwd, ["fetch", "--quiet", "origin", `+refs/heads/${mainBranch}:refs/remotes/origin/${mainBranch}`]);
  return git(cwd, ["merge-base", `refs/remotes/origin/${mainBranch}`, "HEAD"]);
}

/** Whether `ancestor` is `descendant` or in its history; fetches a commit this clone lacks. */
export async function isAncestor(cwd: string, ancestor: string, descendant: string): Promise<boolean> {
  const present = await run("git", ["cat-file", "-e", `${ancestor}^{commit}`], { cwd, capture: true });
  if (present.code !== 0) await run("git", ["fetch", "--quiet", "origin", ancestor], { cwd, capture: true });
  const result = await run("git", ["merge-base", "--is-ancestor", ancestor, descendant], { cwd, capture: true });
  if (result.code > 1) throw new Error(`git merge-base --is-ancestor ${ancestor} ${descendant} failed: ${result.stderr.trim()}`);
  return result.code === 0;
}

export { git };
