/**
 * How this layer's web UIs reach the public edges that the networking stack publishes: an Ingress of
 * ingress-nginx's class where that edge serves, an HTTPRoute on the environment's Gateway where the
 * gateway edge serves, both while both serve the same hosts.
 */
import { gatewayEdge, gatewayParentRef, type GatewayEdge, type PublicEdge } from "@platform/networking-contract";
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { MANAGED_BY } from "./labels";

/** Where the UIs are published: host names, edges and TLS from the networking stack. */
export interface PublicIngress {
  readonly baseDomain: pulumi.Input<string>;
  /** Every edge that serves the environment's hosts (the networking contract's `edges`). */
  readonly edges: pulumi.Input<readonly PublicEdge[]>;
  /** ClusterIssuer of the certificates of Ingresses; the Gateway brings its own wildcard certificate. */
  readonly clusterIssuer: pulumi.Input<string>;
}

/** A UI published on the Gateway: its host and the ClusterIP Service that serves it. */
export interface UiRoute {
  /** Name of the HTTPRoute, in the UI's namespace. */
  readonly name: string;
  readonly namespace: pulumi.Input<string>;
  readonly host: pulumi.Input<string>;
  readonly service: { readonly name: string; readonly port: number };
}

/**
 * The HTTPRoute's spec: every path of the host to the UI's Service. The Gateway's HTTPS listeners
 * terminate TLS with the environment's wildcard certificate, so the route names no certificate.
 */
export function httpRouteSpec(route: UiRoute, edge: GatewayEdge) {
  return {
    parentRefs: [gatewayParentRef(edge)],
    hostnames: [route.host],
    rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ name: route.service.name, port: route.service.port }] }],
  };
}

/** Declares the UI's HTTPRoute where the gateway edge serves, and nothing elsewhere. */
export function declareGatewayRoute(resourceName: string, route: UiRoute, edges: readonly PublicEdge[], opts: pulumi.CustomResourceOptions): void {
  const edge = gatewayEdge(edges);
  if (!edge) return;
  new k8s.apiextensions.CustomResource(
    resourceName,
    {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: route.name, namespace: route.namespace, labels: MANAGED_BY },
      spec: httpRouteSpec(route, edge),
    },
    opts,
  );
}
