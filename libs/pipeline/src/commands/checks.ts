import { mergeBaseWithMain } from "../ci/git";
import { run } from "../process";
import { WORKSPACE_ROOT } from "../workspace";
import { parseOptions } from "./args";

/**
 * `pipeline checks [--base <sha>]`: lint the repository (one ESLint process, seconds), then type
 * check and test the projects the pull request affects.
 */
export async function checks(args: readonly string[]): Promise<number> {
  const values = parseOptions(args, { base: { type: "string" } });
  const base = values.base ?? (await mergeBaseWithMain(WORKSPACE_ROOT));
  console.log(`Lint, then type check and test what changed since ${base.slice(0, 7)} (nx affected).`);
  const lint = await run("npm", ["run", "lint"], { cwd: WORKSPACE_ROOT });
  if (lint.code !== 0) return lint.code;
  const nx = ["nx", "affected", "--targets", "typecheck,test", `--base=${base}`, "--head=HEAD", "--outputStyle=static"];
  return (await run("npx", nx, { cwd: WORKSPACE_ROOT })).code;
}
