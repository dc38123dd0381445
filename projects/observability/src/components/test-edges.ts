/**
 * The public edges a component under test is published on, in the networking contract's shape:
 * ingress-nginx alone (dev, local), the Gateway alone (staging, production), or both during a
 * migration (e2e).
 */
import type { GatewayEdge, IngressNginxEdge, PublicEdge } from "@platform/networking-contract";

export const INGRESS_NGINX_EDGE: IngressNginxEdge = {
  kind: "ingress-nginx",
  ingressClassName: "nginx",
  controllerNamespace: "ingress-nginx",
  controllerPodLabels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" },
  metricsPort: 10254,
  address: "203.0.113.10",
};

export const GATEWAY_EDGE: GatewayEdge = { kind: "gateway", gatewayName: "public", gatewayNamespace: "gateway", address: "203.0.113.20" };

export const TEST_EDGES = {
  ingressNginx: [INGRESS_NGINX_EDGE],
  gateway: [GATEWAY_EDGE],
  both: [GATEWAY_EDGE, INGRESS_NGINX_EDGE],
} as const satisfies Record<string, readonly PublicEdge[]>;
