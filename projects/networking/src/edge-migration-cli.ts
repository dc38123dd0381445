/**
 * `npm run edge-migration -- <command>`: where each environment stands between ingress-nginx and
 * the gateway, the commands of its next step, and the check that a change to `networking:edge`
 * is one safe step (docs/runbooks/edge-migration.md).
 */
import { parseArgs } from "node:util";
import { isEnvironment, runsOnMachine, type Environment } from "@platform/config";
import { configCommands, describeEdge, edgeTransitionProblems, migrationState, nextEdge } from "./edge-migration";
import { edgeAtRevision, edgeInWorkingTree, networkingEnvironments } from "./edge-stack-files";
import { EDGE_KINDS, type EdgeKind } from "./config";

const USAGE = `usage:
  npm run edge-migration -- status [--env <environment>] [--target gateway|ingress-nginx]
      each environment's edges, where DNS points, and the commands of the next step toward --target (default gateway)
  npm run edge-migration -- check --base <git revision>
      refuses a change to networking:edge, since <revision>, that is not one safe step`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function environmentsOf(env: string | undefined): Environment[] {
  if (env === undefined) return networkingEnvironments();
  if (!isEnvironment(env) || !networkingEnvironments().includes(env)) {
    fail(`--env: "${env}" has no networking stack file; expected one of ${networkingEnvironments().join(", ")}`);
  }
  return [env];
}

function status(environments: Environment[], target: EdgeKind): void {
  for (const environment of environments) {
    const edge = edgeInWorkingTree(environment);
    const next = nextEdge(edge, target);
    console.log(`${environment}: ${describeEdge(edge)} (${migrationState(edge)})`);
    if (!next) {
      console.log(`  on ${target}: nothing to do`);
      continue;
    }
    console.log(`  next: ${describeEdge(next)}; in projects/networking, then commit and let CI deploy:`);
    for (const command of configCommands(environment, next)) console.log(`    ${command}`);
  }
}

/**
 * Environments on a machine (kind, the end-to-end control plane) are built afresh and serve no
 * users, so only DigitalOcean's are held to one step at a time.
 */
function check(base: string): number {
  let problems = 0;
  for (const environment of networkingEnvironments().filter((name) => !runsOnMachine(name))) {
    const before = edgeAtRevision(base, environment);
    if (!before) continue;
    const after = edgeInWorkingTree(environment);
    for (const problem of edgeTransitionProblems(before, after)) {
      problems++;
      console.error(`${environment}: ${describeEdge(before)} → ${describeEdge(after)}: ${problem}`);
    }
  }
  if (problems === 0) console.log(`networking:edge changes since ${base}: each DigitalOcean environment moves at most one safe step`);
  return problems === 0 ? 0 : 1;
}

function main(argv: string[]): number {
  const { values, positionals } = (() => {
    try {
      return parseArgs({ args: argv, allowPositionals: true, options: { env: { type: "string" }, target: { type: "string" }, base: { type: "string" } } });
    } catch (error) {
      return fail((error as Error).message);
    }
  })();
  const [command, ...rest] = positionals;
  if (rest.length > 0) fail(`unexpected argument "${rest[0]}"`);
  switch (command) {
    case "status": {
      const target = values.target ?? "gateway";
      if (!(EDGE_KINDS as readonly string[]).includes(target)) fail(`--target: "${target}" is not an edge; expected ${EDGE_KINDS.join(" or ")}`);
      status(environmentsOf(values.env), target as EdgeKind);
      return 0;
    }
    case "check":
      if (!values.base) fail("check needs --base <git revision>, such as origin/main");
      return check(values.base);
    default:
      return fail(command === undefined ? "a command is required" : `unknown command "${command}"`);
  }
}

process.exitCode = main(process.argv.slice(2));
