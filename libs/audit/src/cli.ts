#!/usr/bin/env -S node --import tsx
/**
 * `npm run audit:cluster -- [--context <ctx>] [--namespaces a,b] [--env <env>]`: lists every object
 * in the platform's namespaces that no Pulumi stack manages. Exit 0: none; 1: some; 2: could not audit.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { runOfflinePlan, type StackPlan } from "@platform/offline-plan";
import { auditCluster } from "./audit";
import { stackDeclarations } from "./declarations";
import { connectKubeApi } from "./kube-client";
import { ClusterUnreachableError, type KubeApi } from "./kube-api";
import { ENVIRONMENT_LABEL, environmentOfNamespaces } from "./environment";
import { exitCode, renderReport } from "./report";

const USAGE = `Usage: npm run audit:cluster -- [--context <ctx>] [--namespaces a,b] [--env <env>]

  --context     kubeconfig context to audit. Default: the current context.
  --namespaces  namespaces to audit, comma-separated. Default: every namespace that Pulumi manages.
  --env         environment whose offline plan lists the Helm releases the stacks install.
                Default: the ${ENVIRONMENT_LABEL} label of the platform's namespaces.

Exit code 0: every object is managed; 1: unmanaged objects found; 2: the audit could not run.`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        context: { type: "string" },
        namespaces: { type: "string" },
        env: { type: "string" },
        help: { type: "boolean", default: false },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  const namespaces = args.namespaces?.split(",").map((name) => name.trim()).filter(Boolean);
  try {
    const api = connectKubeApi(args.context ? { context: args.context } : {});
    const environment = args.env ?? (await environmentOf(api, namespaces));
    const plans = await offlinePlans(environment);
    const report = await auditCluster(api, {
      ...(namespaces ? { namespaces } : {}),
      declarations: stackDeclarations(plans),
    });
    console.log(renderReport(report));
    return exitCode(report);
  } catch (error) {
    // Whatever stopped it, the audit vouches for nothing: exit 2, never 1 (which means findings).
    const known = error instanceof ClusterUnreachableError || error instanceof UsageError;
    console.error(`✗ ${known ? "" : "The audit failed: "}${(error as Error).message}`);
    return 2;
  }
}

class UsageError extends Error {}

/** The environment that the platform's namespaces say they belong to. */
async function environmentOf(api: KubeApi, namespaces: readonly string[] | undefined): Promise<string> {
  const found = environmentOfNamespaces((await api.namespaces()).items, namespaces);
  if ("problem" in found) throw new UsageError(`Cannot tell the environment of ${api.description}: ${found.problem}.`);
  return found.environment;
}

async function offlinePlans(environment: string): Promise<StackPlan[]> {
  console.error(`Reading the offline plan of ${environment} for the Helm releases that its stacks install...`);
  const run = await runOfflinePlan({ workspaceRoot: resolve(__dirname, "../../.."), environments: [environment] });
  const failed = run.results.filter((result) => !result.ok);
  if (run.results.length === 0 || failed.length > 0) {
    throw new UsageError(
      run.results.length === 0
        ? `No stack has a Pulumi.${environment}.yaml: is "${environment}" an environment?`
        : `The offline plan of ${environment} failed for ${failed.map((result) => result.project).join(", ")}: ` +
            `run \`npm run plan -- --env ${environment}\` to see why.`,
    );
  }
  return run.results.flatMap((result) => (result.ok ? [result.plan] : []));
}

main().then((code) => process.exit(code));
