/**
 * Moving an environment between public edges without dropping a connection: the steps, and the
 * rule every change to `networking:edge` must keep. Pure: the CLI (edge-migration-cli.ts) reads
 * the stack files and git; tests run whole sequences through these functions.
 *
 * The sequence, one reviewed change (and deploy) per step, from ingress-nginx to the gateway:
 *
 *   1. serve both     primary ingress-nginx, alsoServe [gateway]   apps publish HTTPRoutes beside their Ingresses
 *   2. move DNS       primary gateway, alsoServe [ingress-nginx]   DNS points at the gateway; ingress-nginx drains
 *   3. retire         primary gateway                              ingress-nginx and the apps' Ingresses go
 *
 * Rolling back is the same steps in reverse; each step's rollback is the step before it.
 */
import { servedEdges, type EdgeConfig, type EdgeKind } from "./config";
/** `gateway alone`, `ingress-nginx, with gateway also serving`. */
export const describeEdge = (edge: EdgeConfig): string =>
  edge.alsoServe.length === 0 ? `${edge.primary} alone` : `${edge.primary}, with ${edge.alsoServe.join(", ")} also serving`;

/**
 * What is unsafe about going from `before` to `after` in one deploy, each naming the step that
 * must come first. Empty when the change is a step of the sequence, or changes nothing.
 */
export function edgeTransitionProblems(before: EdgeConfig, after: EdgeConfig): string[] {
  const problems: string[] = [];
  const servedBefore = servedEdges(before);
  const servedAfter = servedEdges(after);
  if (before.primary !== after.primary) {
    if (!servedBefore.includes(after.primary)) {
      problems.push(
        `networking:edge.primary moves DNS to ${after.primary}, which does not serve the hosts yet: first add it to networking:edge.alsoServe and deploy, so both edges serve them`,
      );
    }
    if (!servedAfter.includes(before.primary)) {
      problems.push(
        `networking:edge.primary moves DNS off ${before.primary} in the same change that stops it serving: keep it in networking:edge.alsoServe until resolvers' cached answers (the DNS TTL) and open connections have left it`,
      );
    }
  }
  return problems;
}

/** Whether an edge config is one of the sequence's states, and which. */
export type MigrationState = "ingress-nginx" | "serving both, DNS on ingress-nginx" | "serving both, DNS on the gateway" | "gateway";

export function migrationState(edge: EdgeConfig): MigrationState {
  if (edge.alsoServe.length === 0) return edge.primary;
  return edge.primary === "ingress-nginx" ? "serving both, DNS on ingress-nginx" : "serving both, DNS on the gateway";
}

/** The next state toward `target`, or undefined when the environment is there. */
export function nextEdge(edge: EdgeConfig, target: EdgeKind): EdgeConfig | undefined {
  const other: EdgeKind = target === "gateway" ? "ingress-nginx" : "gateway";
  if (edge.primary === target && edge.alsoServe.length === 0) return undefined;
  if (edge.primary === other && edge.alsoServe.length === 0) return { primary: other, alsoServe: [target] };
  if (edge.primary === other) return { primary: target, alsoServe: [other] };
  return { primary: target, alsoServe: [] };
}

/** The `pulumi config` commands that write `edge` into a networking stack file. */
export function configCommands(environment: string, edge: EdgeConfig): string[] {
  const stack = `--stack ${environment}`;
  return [
    `pulumi config set --path networking:edge.primary ${edge.primary} ${stack}`,
    edge.alsoServe.length === 0
      ? `pulumi config rm --path networking:edge.alsoServe ${stack}`
      : `pulumi config set --path 'networking:edge.alsoServe[0]' ${edge.alsoServe[0]} ${stack}`,
  ];
}
