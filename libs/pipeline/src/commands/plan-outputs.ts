import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { git, headCommit, mergeBaseWithMain } from "../ci/git";
import { run } from "../process";
import { WORKSPACE_ROOT } from "../workspace";
import { parseOptions } from "./args";

/**
 * `pipeline plan-outputs [--out plan-outputs] [--base <sha>]`: the offline plan of every
 * environment at the head (`<out>/head`, the review a fork's pull request gets) and at the base
 * (`<out>/base`, in a separate worktree with its own install), so the comment can tell which
 * upstream outputs the change alters. A base that cannot be planned is noted, not fatal.
 */
export async function planOutputs(args: readonly string[]): Promise<number> {
  const values = parseOptions(args, { out: { type: "string", default: "plan-outputs" }, base: { type: "string" } });
  const out = resolve(WORKSPACE_ROOT, values.out);
  mkdirSync(out, { recursive: true });
  const head = await headCommit(WORKSPACE_ROOT);
  const base = values.base ?? (await mergeBaseWithMain(WORKSPACE_ROOT));

  console.log(`Offline plan of ${head.slice(0, 7)} (head):`);
  const headPlan = await run("npm", ["run", "plan", "--", "--out", join(out, "head")], { cwd: WORKSPACE_ROOT });
  writeFileSync(join(out, "commits.json"), `${JSON.stringify({ base, head, headPlanOk: headPlan.code === 0 })}\n`);

  console.log(`\nOffline plan of ${base.slice(0, 7)} (base), to compare stack outputs:`);
  const unavailable = await planBase(base, join(out, "base"));
  if (unavailable) {
    writeFileSync(join(out, "base-unavailable.txt"), unavailable);
    console.log(`Upstream outputs will not be compared: ${unavailable}`);
  }
  // The job's last step (`verdict plan`) fails it when the head's plan failed, after the artifacts are kept.
  return 0;
}

async function planBase(base: string, outDir: string): Promise<string | undefined> {
  const worktree = mkdtempSync(join(tmpdir(), "base-"));
  try {
    await git(WORKSPACE_ROOT, ["worktree", "add", "--detach", "--force", worktree, base]);
    const install = await run("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: worktree });
    if (install.code !== 0) return `npm ci failed at the base commit ${base.slice(0, 7)}`;
    const plan = await run("npm", ["run", "plan", "--", "--out", outDir, "--quiet"], { cwd: worktree });
    if (plan.code !== 0) return `the offline plan failed at the base commit ${base.slice(0, 7)}; outputs of stacks it did plan are compared`;
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await run("git", ["worktree", "remove", "--force", worktree], { cwd: WORKSPACE_ROOT, capture: true });
    rmSync(worktree, { recursive: true, force: true });
  }
}
