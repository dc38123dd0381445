import type { GatewayApiSupport } from "@platform/cluster-base-contract";
import * as pulumi from "@pulumi/pulumi";
import type { EdgeConfig } from "./config";

/**
 * Why the gateway edge cannot go on this cluster, naming the key that asked for it and the fixes;
 * undefined where the cluster has a Gateway API implementation.
 */
export function gatewayEdgeProblem(support: GatewayApiSupport, edge: EdgeConfig): string | undefined {
  if (support.available) return undefined;
  const key = edge.primary === "gateway" ? 'networking:edge.primary is "gateway"' : 'networking:edge.alsoServe has "gateway"';
  return `${key}, but the cluster has no Gateway API implementation: ${support.reason}. Or serve through ingress-nginx: set networking:edge.primary to "ingress-nginx" (and leave "gateway" out of networking:edge.alsoServe)`;
}

/** The GatewayClass to name, from cluster-base's contract; a cluster without one stops the deploy with {@link gatewayEdgeProblem}. */
export function gatewayClassOf(support: pulumi.Input<GatewayApiSupport>, edge: EdgeConfig): pulumi.Output<string> {
  return pulumi.output(support).apply((value) => {
    const problem = gatewayEdgeProblem(value, edge);
    if (problem !== undefined) throw new pulumi.RunError(problem);
    return (value as Extract<GatewayApiSupport, { available: true }>).gatewayClassName;
  });
}
