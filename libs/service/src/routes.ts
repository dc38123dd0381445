/**
 * The service's public routes, from its args to the objects each edge needs: an Ingress per host on
 * ingress-nginx; an HTTPRoute per host on the gateway, with the CiliumNetworkPolicy that admits the
 * Gateway's proxy to the routed ports.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PublicEdge } from "@platform/networking-contract";
import type { ResolvedServiceArgs } from "./defaults";
import { httpRouteSpec, ingressAnnotations, ingressSpec, type HostRoutes, type RoutePath } from "./ingress";

/** The ingress's host and path, then each extra route on its host: one entry per host, the ingress's first. */
export function hostRoutes(name: string, args: ResolvedServiceArgs, baseDomain: pulumi.Input<string>): HostRoutes[] {
  if (!args.ingress) return [];
  const portOf = (portName: string) => ({ name: portName, number: args.ports.find((port) => port.name === portName)!.port });
  const idleTimeoutSeconds = args.ingress.idleTimeoutSeconds;
  const main = {
    objectName: name,
    host: args.ingress.host ?? pulumi.interpolate`${args.ingress.subdomain ?? name}.${baseDomain}`,
    paths: [{ path: args.ingress.path, port: portOf(args.ingress.port) }] as RoutePath[],
    idleTimeoutSeconds,
  };
  const others = new Map<string, HostRoutes & { paths: RoutePath[] }>();
  for (const route of args.extraRoutes ?? []) {
    const paths = (route.paths ?? ["/"]).map((path) => ({ path, port: portOf(route.port) }));
    if (route.subdomain === undefined) {
      main.paths.push(...paths);
      continue;
    }
    const existing = others.get(route.subdomain);
    if (existing) existing.paths.push(...paths);
    else {
      others.set(route.subdomain, {
        objectName: `${name}-${route.subdomain}`,
        host: pulumi.interpolate`${route.subdomain}.${baseDomain}`,
        paths,
        idleTimeoutSeconds,
      });
    }
  }
  return [main, ...others.values()];
}

export interface RouteTarget {
  readonly metadata: { readonly namespace: pulumi.Input<string>; readonly labels: Readonly<Record<string, string>> };
  readonly serviceName: pulumi.Input<string>;
  readonly clusterIssuer: pulumi.Input<string>;
  readonly selectorLabels: Readonly<Record<string, string>>;
  readonly parent: pulumi.Resource;
}

/** The CiliumNetworkPolicy spec that admits Cilium's Envoy (the `ingress` entity) to the routed ports. */
export function gatewayProxyPolicySpec(selectorLabels: Readonly<Record<string, string>>, routes: readonly HostRoutes[]) {
  const ports = [...new Set(routes.flatMap((route) => route.paths.map((path) => path.port.number)))].sort((a, b) => a - b);
  return {
    endpointSelector: { matchLabels: { ...selectorLabels } },
    ingress: [{ fromEntities: ["ingress"], toPorts: [{ ports: ports.map((port) => ({ port: String(port), protocol: "TCP" })) }] }],
  };
}

/** Declares the routes on every edge that serves. Called once the networking stack's edges are known. */
export function publishRoutes(name: string, routes: readonly HostRoutes[], edges: readonly PublicEdge[], target: RouteTarget): void {
  const opts = { parent: target.parent };
  for (const edge of edges) {
    if (edge.kind === "ingress-nginx") {
      for (const route of routes) {
        new k8s.networking.v1.Ingress(
          `${route.objectName}-ingress`,
          {
            metadata: { ...target.metadata, name: route.objectName, annotations: ingressAnnotations(route, target.clusterIssuer) },
            spec: ingressSpec(route, target.serviceName, edge),
          },
          opts,
        );
      }
    } else {
      for (const route of routes) {
        new k8s.apiextensions.CustomResource(
          `${route.objectName}-http-route`,
          {
            apiVersion: "gateway.networking.k8s.io/v1",
            kind: "HTTPRoute",
            metadata: { ...target.metadata, name: route.objectName },
            spec: httpRouteSpec(route, target.serviceName, edge),
          },
          opts,
        );
      }
      new k8s.apiextensions.CustomResource(
        `${name}-gateway-policy`,
        {
          apiVersion: "cilium.io/v2",
          kind: "CiliumNetworkPolicy",
          metadata: { ...target.metadata, name: `${name}-gateway` },
          spec: gatewayProxyPolicySpec(target.selectorLabels, routes),
        },
        opts,
      );
    }
  }
}
