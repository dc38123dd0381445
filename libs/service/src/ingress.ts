/**
 * A service's public routes on the environment's edges: one description of hosts, paths and ports,
 * rendered as an HTTPRoute on the gateway edge and as an Ingress on ingress-nginx. Pure: builds
 * specs, creates nothing.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { gatewayParentRef, type GatewayEdge, type IngressNginxEdge } from "@platform/networking-contract";
import { SERVICE_DEFAULTS } from "./defaults";

/** Where one path prefix goes: a port of the service's ClusterIP Service. */
export interface RoutePath {
  readonly path: string;
  readonly port: { readonly name: string; readonly number: number };
}

/** Every route of the service on one host. */
export interface HostRoutes {
  /** Name of the Ingress or HTTPRoute: the service's name for its ingress host, `<service>-<subdomain>` for another. */
  readonly objectName: string;
  readonly host: pulumi.Input<string>;
  readonly paths: readonly RoutePath[];
  /** How long a connection may stay idle; above the ingress default, the route holds long-lived connections. */
  readonly idleTimeoutSeconds: number;
}

/** Longer prefixes first, so a reader sees the order in which a proxy picks them. */
function byPathLength(paths: readonly RoutePath[]): RoutePath[] {
  return [...paths].sort((a, b) => b.path.length - a.path.length || a.path.localeCompare(b.path));
}

export function ingressAnnotations(routes: HostRoutes, clusterIssuer: pulumi.Input<string>) {
  const timeout = String(routes.idleTimeoutSeconds);
  return {
    "cert-manager.io/cluster-issuer": clusterIssuer,
    "nginx.ingress.kubernetes.io/ssl-redirect": "true",
    "nginx.ingress.kubernetes.io/proxy-read-timeout": timeout,
    "nginx.ingress.kubernetes.io/proxy-send-timeout": timeout,
  };
}

export function ingressSpec(routes: HostRoutes, serviceName: pulumi.Input<string>, edge: IngressNginxEdge): k8s.types.input.networking.v1.IngressSpec {
  return {
    ingressClassName: edge.ingressClassName,
    tls: [{ hosts: [routes.host], secretName: `${routes.objectName}-tls` }],
    rules: [
      {
        host: routes.host,
        http: {
          paths: byPathLength(routes.paths).map(({ path, port }) => ({
            path,
            pathType: "Prefix",
            backend: { service: { name: serviceName, port: { name: port.name } } },
          })),
        },
      },
    ],
  };
}

/**
 * The HTTPRoute on the environment's Gateway, whose HTTPS listeners terminate TLS for every name
 * under the domain. A route that holds long-lived connections (WebSockets) gets no request
 * timeout, which would otherwise end the stream; the proxy's idle timeout still applies.
 */
export function httpRouteSpec(routes: HostRoutes, serviceName: pulumi.Input<string>, edge: GatewayEdge) {
  const longLived = routes.idleTimeoutSeconds > SERVICE_DEFAULTS.idleTimeoutSeconds;
  return {
    parentRefs: [gatewayParentRef(edge)],
    hostnames: [routes.host],
    rules: byPathLength(routes.paths).map(({ path, port }) => ({
      matches: [{ path: { type: "PathPrefix", value: path } }],
      backendRefs: [{ name: serviceName, port: port.number }],
      ...(longLived ? { timeouts: { request: "0s" } } : {}),
    })),
  };
}
