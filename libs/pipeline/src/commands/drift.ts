import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { isEnvironment } from "../affected";
import { missingPulumiCredentials } from "../ci/circleci-env";
import { checkDrift } from "../drift/detect-drift";
import { renderDriftSummary, type DriftResult } from "../drift/drift-summary";
import { run } from "../process";
import { findPulumiProjects, previewStack, runNxTarget } from "../pulumi/pulumi-cli";
import { WORKSPACE_ROOT } from "../workspace";
import { parseOptions, required, UsageError } from "./args";

const orderSchema = z.object({ environments: z.record(z.string(), z.array(z.array(z.string()))) });

/** Every stack of an environment in dependency order, from `delivery order`. */
async function everyStack(environment: string): Promise<string[]> {
  const args = ["tsx", "libs/delivery/src/cli.ts", "order", "--env", environment, "--json"];
  const result = await run("npx", args, { cwd: WORKSPACE_ROOT, capture: true });
  if (result.code !== 0) throw new Error(`npx ${args.join(" ")} failed: ${result.stderr.trim()}`);
  return (orderSchema.parse(JSON.parse(result.stdout)).environments[environment] ?? []).flat();
}

/**
 * `pipeline drift --env <env> [--out drift]`: refreshes and previews every stack of the
 * environment with `--expect-no-changes`, prints which stacks drifted and writes `<out>/<env>.json`;
 * `verdict drift` then fails the job on any drift or failed check.
 */
export async function drift(args: readonly string[]): Promise<number> {
  const values = parseOptions(args, { env: { type: "string" }, out: { type: "string", default: "drift" } });
  const environment = required(values.env, "--env");
  if (!isEnvironment(environment)) throw new UsageError(`--env ${environment}: expected dev, staging or production`);
  const missing = missingPulumiCredentials(process.env);
  if (missing.length > 0) throw new Error(`Cannot check ${environment} for drift; missing: ${missing.join("; ")}`);

  const roots = findPulumiProjects(WORKSPACE_ROOT);
  const results: DriftResult[] = [];
  for (const project of await everyStack(environment)) {
    console.log(`\nChecking ${project} (${environment}) for drift...`);
    results.push(
      await checkDrift(environment, project, {
        refresh: (p, env) => runNxTarget(WORKSPACE_ROOT, "refresh", env, [p]),
        preview: (p, env) => previewStack(WORKSPACE_ROOT, roots.get(p) ?? `projects/${p}`, env, { expectNoChanges: true }),
      }),
    );
  }
  const out = resolve(WORKSPACE_ROOT, values.out);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `${environment}.json`), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${renderDriftSummary(results)}`);
  // The job's last step (`verdict drift`) fails it, after the report is kept as an artifact.
  return 0;
}
