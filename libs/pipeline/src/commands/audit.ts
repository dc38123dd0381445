import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isEnvironment } from "../affected";
import { missingPulumiCredentials } from "../ci/circleci-env";
import { run } from "../process";
import { findPulumiProjects } from "../pulumi/pulumi-cli";
import { WORKSPACE_ROOT } from "../workspace";
import { parseOptions, required, UsageError } from "./args";

/**
 * `pipeline audit --env <env>`: the unmanaged-objects audit (`npm run audit:cluster`) against the
 * environment's cluster, reached with the kubeconfig the cluster-base stack exports. The
 * kubeconfig lives in a private temporary file for the length of the audit only.
 */
export async function audit(args: readonly string[]): Promise<number> {
  const values = parseOptions(args, { env: { type: "string" } });
  const environment = required(values.env, "--env");
  if (!isEnvironment(environment)) throw new UsageError(`--env ${environment}: expected dev, staging or production`);
  const missing = missingPulumiCredentials(process.env);
  if (missing.length > 0) throw new Error(`Cannot audit ${environment}; missing: ${missing.join("; ")}`);

  const clusterBase = findPulumiProjects(WORKSPACE_ROOT).get("cluster-base") ?? "projects/cluster-base";
  const output = await run("pulumi", ["stack", "output", "kubeconfig", "--show-secrets", "--stack", environment], { cwd: join(WORKSPACE_ROOT, clusterBase), capture: true });
  if (output.code !== 0) throw new Error(`Could not read the kubeconfig of cluster-base (${environment}): ${output.stderr.trim()}`);

  const folder = mkdtempSync(join(tmpdir(), "kube-"));
  try {
    const kubeconfig = join(folder, "config");
    writeFileSync(kubeconfig, output.stdout, { mode: 0o600 });
    const result = await run("npm", ["run", "audit:cluster", "--", "--env", environment], { cwd: WORKSPACE_ROOT, env: { ...process.env, KUBECONFIG: kubeconfig } });
    return result.code;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
