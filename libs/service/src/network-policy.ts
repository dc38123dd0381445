/**
 * The service's NetworkPolicy: deny by default, then let in only the ingress controller (where
 * ingress-nginx serves) and Prometheus on the ports they need, and let out only cluster DNS and what the service declares.
 * Pure: builds the spec, creates nothing.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { EgressRule } from "./args";
import type { ResolvedServiceArgs } from "./defaults";

type PolicySpec = k8s.types.input.networking.v1.NetworkPolicySpec;
type Peer = k8s.types.input.networking.v1.NetworkPolicyPeer;
type IngressRule = k8s.types.input.networking.v1.NetworkPolicyIngressRule;

/** Pods in a namespace, by the namespace's immutable name label. */
export function podsIn(namespace: pulumi.Input<string>, podLabels?: pulumi.Input<Readonly<Record<string, string>>>): Peer {
  return {
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } },
    ...(podLabels !== undefined ? { podSelector: { matchLabels: podLabels as pulumi.Input<Record<string, string>> } } : {}),
  };
}

/** CoreDNS, as DOKS, kind and k3d label it. */
export const CLUSTER_DNS: Peer = podsIn("kube-system", { "k8s-app": "kube-dns" });

export const DNS_PORTS = [
  { port: 53, protocol: "UDP" },
  { port: 53, protocol: "TCP" },
] as const;

export function egressRule(rule: EgressRule): k8s.types.input.networking.v1.NetworkPolicyEgressRule {
  const to: Peer =
    rule.cidr !== undefined
      ? { ipBlock: { cidr: rule.cidr, ...(rule.except?.length ? { except: [...rule.except] } : {}) } }
      : podsIn(rule.namespace!, rule.podLabels);
  return { to: [to], ports: rule.ports.map((port) => ({ port, protocol: rule.protocol ?? "TCP" })) };
}

export interface PolicyPeers {
  /**
   * ingress-nginx's pods, where that edge serves. The gateway edge's proxy has no pods to select:
   * the routes' CiliumNetworkPolicy admits it. @default none
   */
  readonly ingressController?: { readonly namespace: string; readonly podLabels: Readonly<Record<string, string>> };
  readonly prometheusNamespace: pulumi.Input<string>;
  readonly prometheusPodLabels: pulumi.Input<Readonly<Record<string, string>>>;
}

export function networkPolicySpec(
  args: ResolvedServiceArgs,
  selectorLabels: Readonly<Record<string, string>>,
  peers: PolicyPeers,
): PolicySpec {
  const portOf = (name: string) => {
    const port = args.ports.find((candidate) => candidate.name === name)!;
    return { port: port.port, protocol: port.protocol ?? "TCP" };
  };
  const ingress: IngressRule[] = [];
  if (args.ingress && peers.ingressController) {
    const routedPorts = [...new Set([args.ingress.port, ...(args.extraRoutes ?? []).map((route) => route.port)])];
    ingress.push({
      from: [podsIn(peers.ingressController.namespace, peers.ingressController.podLabels)],
      ports: routedPorts.map(portOf),
    });
  }
  if (args.metrics) {
    ingress.push({ from: [podsIn(peers.prometheusNamespace, peers.prometheusPodLabels)], ports: [portOf(args.metrics.port)] });
  }
  if (args.loadBalancerPort !== undefined) {
    // A load balancer of its own forwards clients' traffic from anywhere.
    ingress.push({ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [portOf(args.loadBalancerPort)] });
  }
  return {
    podSelector: { matchLabels: { ...selectorLabels } },
    policyTypes: ["Ingress", "Egress"],
    ingress,
    egress: [{ to: [CLUSTER_DNS], ports: DNS_PORTS.map((port) => ({ ...port })) }, ...args.egress.map(egressRule)],
  };
}
