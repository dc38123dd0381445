#!/usr/bin/env -S node --import tsx
/**
 * `npm run plan [-- --env dev] [--project degenquest]`: the offline plan of the platform.
 * Writes plan/<env>/<project>.json and prints a summary; exits non-zero if any stack fails.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runOfflinePlan } from "./scheduler";
import { renderSummary } from "./summary";

const USAGE = `Usage: npm run plan -- [--env <stack>]... [--project <name>]... [--out <dir>] [--quiet] [--process-per-stack]

  --env      a stack to plan (dev, staging, production, local); repeat for more. Default: all.
  --project  a project to plan, with the stacks it reads; repeat for more. Default: all.
  --out      where to write <env>/<project>.json. Default: plan/ at the workspace root.
  --quiet    print only failures and the closing line.
  --process-per-stack
             plan each stack in a new process instead of a warm worker: slower, for ruling out
             anything carried from one stack to the next.`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        env: { type: "string", multiple: true },
        project: { type: "string", multiple: true },
        out: { type: "string" },
        quiet: { type: "boolean", default: false },
        "process-per-stack": { type: "boolean", default: false },
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

  const workspaceRoot = resolve(__dirname, "../../..");
  const outDir = resolve(args.out ?? join(workspaceRoot, "plan"));
  const environments = args.env?.flatMap((env) => env.split(",")).filter(Boolean);

  let run;
  try {
    run = await runOfflinePlan({
      workspaceRoot,
      environments,
      projects: args.project,
      ...(args["process-per-stack"] ? { stacksPerWorker: 1 } : {}),
    });
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }

  // A whole environment's folder is rewritten, so a removed project leaves no stale plan behind.
  if (!args.project) for (const env of new Set(run.results.map((result) => result.stack))) rmSync(join(outDir, env), { recursive: true, force: true });
  for (const result of run.results) {
    if (!result.ok) continue;
    mkdirSync(join(outDir, result.stack), { recursive: true });
    writeFileSync(join(outDir, result.stack, `${result.project}.json`), `${JSON.stringify(result.plan, null, 2)}\n`);
  }

  const summary = renderSummary(run.results, { failuresOnly: args.quiet });
  console.log(summary);
  console.log(`Wrote ${outDir} in ${(run.durationMs / 1000).toFixed(1)} s.`);
  return run.results.every((result) => result.ok) ? 0 : 1;
}

main().then((code) => process.exit(code));
