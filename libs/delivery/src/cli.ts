#!/usr/bin/env -S node --import tsx
/**
 * `delivery affected --base <sha> --head <sha> [--env <env>]... [--json]`: the stacks a change
 * affects, per environment in promotion order, each in dependency order.
 * `delivery order [--env <env>]... [--json]`: every stack in dependency order, in waves.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { computeAffected, readWorkspace } from "./compute";
import { environmentsToReport } from "./environments";
import { renderAffected, renderWaves } from "./render";
import { dependencyWaves } from "./stack-order";
import { isPulumiProject, stackDependencies } from "./workspace-graph";

const USAGE = `Usage:
  delivery affected --base <commit> --head <commit> [--env <env>]... [--json]
  delivery order [--env <env>]... [--json]

  --base   the commit the change starts from (a pull request's target branch, the last deployed commit)
  --head   the commit being previewed or deployed; must be checked out
  --env        dev, staging, production, local or e2e; repeat for more. Default: dev, staging, production
  --json       machine-readable output for the pipeline
  --workspace  the workspace root. Default: the current directory`;

function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: [...rest],
    options: {
      base: { type: "string" },
      head: { type: "string" },
      env: { type: "string", multiple: true },
      json: { type: "boolean", default: false },
      workspace: { type: "string" },
    },
    allowPositionals: false,
  });
  const workspaceRoot = resolve(values.workspace ?? process.cwd());
  const environments = environmentsToReport(values.env?.flatMap((env) => env.split(",")).filter(Boolean));

  if (command === "affected") {
    if (!values.base || !values.head) throw new UsageError("affected needs --base <commit> and --head <commit>");
    const { files, ...report } = computeAffected({ workspaceRoot, base: values.base, head: values.head, environments });
    console.log(values.json ? JSON.stringify(report, null, 2) : renderAffected(report, files));
    return 0;
  }
  if (command === "order") {
    const graph = readWorkspace(workspaceRoot, "HEAD", "HEAD");
    const reads = stackDependencies(graph);
    const waves = Object.fromEntries(
      environments.map((env) => [
        env,
        dependencyWaves(
          Object.values(graph.projects).filter((project) => isPulumiProject(project) && project.stacks.includes(env)).map((project) => project.name),
          reads,
        ),
      ]),
    );
    console.log(values.json ? JSON.stringify({ environments: waves }, null, 2) : renderWaves(waves));
    return 0;
  }
  throw new UsageError(command ? `Unknown command "${command}"` : "No command given");
}

class UsageError extends Error {}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
  console.error(`${(error as Error).message}${usage ? `\n\n${USAGE}` : ""}`);
  process.exitCode = 2;
}
