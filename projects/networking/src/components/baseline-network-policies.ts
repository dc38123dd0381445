import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { TenantNamespace } from "@platform/cluster-base-contract";

export interface PodsInNamespace {
  readonly namespace: pulumi.Input<string>;
  readonly podLabels: Readonly<Record<string, string>>;
}

export interface BaselineNetworkPoliciesArgs {
  /** Tenants to protect, by name, as networking's configuration lists them. */
  readonly tenants: readonly string[];
  /** The tenant namespaces that cluster-base publishes; each one must be among `tenants`. */
  readonly publishedTenants: pulumi.Input<Readonly<Record<string, TenantNamespace>>>;
  /** The ingress controller's pods, where ingress-nginx serves: a source of traffic into a tenant namespace. @default none */
  readonly ingressController?: PodsInNamespace;
  /**
   * Admit the Gateway's proxy, where the gateway edge serves. Cilium's Envoy reaches pods with
   * Cilium's reserved `ingress` identity, which no Kubernetes NetworkPolicy selector matches: a
   * CiliumNetworkPolicy admits it with `fromEntities: [ingress]`. @default false
   */
  readonly gatewayProxy?: boolean;
  /** Cluster DNS. @default CoreDNS in kube-system, pods labelled `k8s-app: kube-dns` (DOKS and kind) */
  readonly clusterDns?: PodsInNamespace;
}

export const CLUSTER_DNS: PodsInNamespace = { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" } };

/**
 * Where networking's list of tenants and cluster-base's disagree. A tenant that cluster-base adds
 * but networking leaves out would run with no baseline policy at all, so that is an error too.
 */
export function tenantCoverageProblems(configured: readonly string[], published: readonly string[]): string[] {
  const problems: string[] = [];
  for (const tenant of configured.filter((name) => !published.includes(name))) {
    problems.push(
      `networking:tenants lists "${tenant}", which cluster-base does not publish (it publishes: ${published.join(", ") || "none"}): ` +
        "remove it, or add the tenant to cluster-base and deploy that first",
    );
  }
  for (const tenant of published.filter((name) => !configured.includes(name))) {
    problems.push(
      `cluster-base publishes tenant "${tenant}", which networking:tenants leaves out, so its namespace would have no ` +
        "baseline network policy: add it to networking:tenants",
    );
  }
  return problems;
}

/** Every pod of the namespace admits Cilium's Envoy, which proxies the Gateway's traffic. */
export const GATEWAY_PROXY_POLICY_SPEC = { endpointSelector: {}, ingress: [{ fromEntities: ["ingress"] }] } as const;

const LABELS = { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "degen-platform" };

const namespaceSelector = (namespace: pulumi.Input<string>) => ({ matchLabels: { "kubernetes.io/metadata.name": namespace } });

/**
 * The baseline of every tenant namespace: nothing in or out, except DNS lookups and traffic from
 * the public edges that serve (the ingress controller's pods, the Gateway's proxy). Each application adds the further traffic it needs in its own namespace
 * (a database, an external API); observability adds the scrape from Prometheus.
 */
export class BaselineNetworkPolicies extends pulumi.ComponentResource {
  /** Each tenant's namespace, checked against what cluster-base publishes. */
  readonly namespaces: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: BaselineNetworkPoliciesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:networking:BaselineNetworkPolicies", name, {}, opts);
    const clusterDns = args.clusterDns ?? CLUSTER_DNS;

    // Resources are declared from the configured list, so a preview shows them; the published
    // list is known only once the upstream stack is read, and is checked against it then.
    const published = pulumi.output(args.publishedTenants).apply((tenants) => {
      const problems = tenantCoverageProblems(args.tenants, Object.keys(tenants));
      if (problems.length > 0) throw new pulumi.ResourceError(problems.join("\n"), this);
      return tenants;
    });

    this.namespaces = Object.fromEntries(
      args.tenants.map((tenant) => {
        const namespace = published.apply((tenants) => tenants[tenant]!.namespace);
        const policy = (suffix: string, policyName: string, spec: k8s.types.input.networking.v1.NetworkPolicySpec) =>
          new k8s.networking.v1.NetworkPolicy(
            `${name}-${tenant}-${suffix}`,
            { metadata: { name: policyName, namespace, labels: LABELS }, spec },
            { parent: this },
          );

        policy("default-deny", "default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
        policy("allow-dns", "allow-dns", {
          podSelector: {},
          policyTypes: ["Egress"],
          egress: [
            {
              to: [{ namespaceSelector: namespaceSelector(clusterDns.namespace), podSelector: { matchLabels: clusterDns.podLabels } }],
              ports: [
                { protocol: "UDP", port: 53 },
                { protocol: "TCP", port: 53 },
              ],
            },
          ],
        });
        if (args.ingressController) {
          policy("allow-ingress-controller", "allow-ingress-controller", {
            podSelector: {},
            policyTypes: ["Ingress"],
            ingress: [
              {
                from: [
                  {
                    namespaceSelector: namespaceSelector(args.ingressController.namespace),
                    podSelector: { matchLabels: args.ingressController.podLabels },
                  },
                ],
              },
            ],
          });
        }
        if (args.gatewayProxy) {
          new k8s.apiextensions.CustomResource(
            `${name}-${tenant}-allow-gateway`,
            {
              apiVersion: "cilium.io/v2",
              kind: "CiliumNetworkPolicy",
              metadata: { name: "allow-gateway", namespace, labels: LABELS },
              spec: GATEWAY_PROXY_POLICY_SPEC,
            },
            { parent: this },
          );
        }
        return [tenant, namespace];
      }),
    );
    this.registerOutputs({ namespaces: this.namespaces });
  }
}
