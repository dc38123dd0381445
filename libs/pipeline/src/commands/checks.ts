import { mergeBaseWithMain } from "../ci/git";
import { run } from "../process";
import { WORKSPACE_ROOT } from "../workspace";
import { parseOptions } from "./args";

/**
 * `pipeline checks [--base <sha>]`: lint and type-check the whole repository (one process each,
 * cached by Nx: the workspace root project's targets), check that a change of the public edge is
 * one safe step, then test the projects the pull request affects. Lint and the type check are not left to `nx affected`: the root project owns only the
 * loose files at the root, so a change inside a package would not mark it affected.
 */
export async function checks(args: readonly string[]): Promise<number> {
  const values = parseOptions(args, { base: { type: "string" } });
  const base = values.base ?? (await mergeBaseWithMain(WORKSPACE_ROOT));
  console.log(`Lint and type-check the repository, then test what changed since ${base.slice(0, 7)} (nx affected).`);
  const env = { ...process.env, NX_ISOLATE_PLUGINS: "false" };
  const whole = await run("npx", ["nx", "run-many", "--targets", "lint,typecheck", "--outputStyle=static"], { cwd: WORKSPACE_ROOT, env });
  if (whole.code !== 0) return whole.code;
  // A change to networking:edge must be one step of the edge migration (docs/runbooks/edge-migration.md).
  const edges = await run("npm", ["run", "--silent", "edge-migration", "--", "check", "--base", base], { cwd: WORKSPACE_ROOT, env });
  if (edges.code !== 0) return edges.code;
  const affected = ["nx", "affected", "--targets", "test", `--base=${base}`, "--head=HEAD", "--outputStyle=static"];
  return (await run("npx", affected, { cwd: WORKSPACE_ROOT, env })).code;
}
