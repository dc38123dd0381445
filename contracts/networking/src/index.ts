/**
 * Contract floor: what networking publishes, how an application gets traffic and certificates, and
 * its typed reader, with the helpers that pick an edge out of the published list. Side-effect free; the delivery rules map this package to the networking stack.
 */
import { defineStackContract } from "@platform/stack-contracts";

/**
 * A Gateway that applications attach HTTPRoutes to: DOKS's managed Gateway API (Cilium), one
 * Gateway per environment with HTTPS listeners for the domain and the names under it.
 */
export interface GatewayEdge {
  readonly kind: "gateway";
  /** Name and namespace of the Gateway, for an HTTPRoute's `parentRefs`. */
  readonly gatewayName: string;
  readonly gatewayNamespace: string;
  /** Public address of the Gateway's load balancer; empty where no cloud load balancer fronts it. */
  readonly address: string;
}

/** ingress-nginx: applications publish Ingresses of its class. */
export interface IngressNginxEdge {
  readonly kind: "ingress-nginx";
  /** IngressClass that application Ingresses name, such as `nginx`. */
  readonly ingressClassName: string;
  /** Namespace and labels of the controller's pods, for network policy rules. */
  readonly controllerNamespace: string;
  readonly controllerPodLabels: Readonly<Record<string, string>>;
  /** Port of the controller's Prometheus metrics, for the observability layer to scrape. */
  readonly metricsPort: number;
  /** Public address of the controller's load balancer (or a local cluster's); empty where this stack did not install it. */
  readonly address: string;
}

/** One way public traffic reaches the cluster; an application routes through it without naming a controller. */
export type PublicEdge = GatewayEdge | IngressNginxEdge;

export interface NetworkingOutputs {
  /**
   * Every edge that serves the environment's hosts, the one DNS points at first. An application
   * publishes its routes on each, so during a migration both edges serve the same hosts.
   */
  readonly edges: readonly PublicEdge[];
  /** cert-manager ClusterIssuer that this environment's Ingresses use for TLS. */
  readonly clusterIssuer: string;
  /** Every ClusterIssuer this stack created, keyed by purpose (`letsencrypt-staging`, `letsencrypt-production`). */
  readonly clusterIssuers: Readonly<Record<string, string>>;
  /** The environment's DNS zone or subdomain; an app's host is `<name>.<baseDomain>` (wildcard record). */
  readonly baseDomain: string;
  /** Public address of the load balancer that DNS points at (the first edge's); empty where no cloud load balancer fronts it. */
  readonly loadBalancerAddress: string;
  /** Namespace and pod labels of the cert-manager controller, whose metrics include certificate expiry. */
  readonly certManagerNamespace: string;
  readonly certManagerPodLabels: Readonly<Record<string, string>>;
}

export const networking = defineStackContract<NetworkingOutputs>("networking", {
  edges: "plain",
  clusterIssuer: "plain",
  clusterIssuers: "plain",
  baseDomain: "plain",
  loadBalancerAddress: "plain",
  certManagerNamespace: "plain",
  certManagerPodLabels: "plain",
});

/** The ingress-nginx edge among `edges`, if it serves. */
export function ingressNginxEdge(edges: readonly PublicEdge[]): IngressNginxEdge | undefined {
  return edges.find((edge): edge is IngressNginxEdge => edge.kind === "ingress-nginx");
}

/** The reference an HTTPRoute names its parent Gateway by. */
export function gatewayParentRef(edge: GatewayEdge) {
  return { group: "gateway.networking.k8s.io", kind: "Gateway", name: edge.gatewayName, namespace: edge.gatewayNamespace };
}

/** The gateway edge among `edges`, if it serves. */
export function gatewayEdge(edges: readonly PublicEdge[]): GatewayEdge | undefined {
  return edges.find((edge): edge is GatewayEdge => edge.kind === "gateway");
}
