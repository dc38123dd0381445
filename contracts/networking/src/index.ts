/**
 * Contract floor: what networking publishes, how an application gets traffic and certificates, and
 * its typed reader. Side-effect free; the delivery rules map this package to the networking stack.
 */
import { defineStackContract } from "@platform/stack-contracts";

export interface NetworkingOutputs {
  /** IngressClass that application Ingresses name, such as `nginx`. */
  readonly ingressClassName: string;
  /** cert-manager ClusterIssuer that this environment's Ingresses use for TLS. */
  readonly clusterIssuer: string;
  /** Every ClusterIssuer this stack created, keyed by purpose (`letsencrypt-staging`, `letsencrypt-production`). */
  readonly clusterIssuers: Readonly<Record<string, string>>;
  /** The environment's DNS zone or subdomain; an app's host is `<name>.<baseDomain>` (wildcard record). */
  readonly baseDomain: string;
  /** Public address of the ingress load balancer (IP, or hostname where the provider gives one); empty where this stack does not install the controller. */
  readonly loadBalancerAddress: string;
  /** Namespace of the ingress controller, for network policy rules. */
  readonly ingressControllerNamespace: string;
  /** Labels of the ingress controller's pods, for network policy rules. */
  readonly ingressControllerPodLabels: Readonly<Record<string, string>>;
  /** Port of the ingress controller's Prometheus metrics, for the observability layer to scrape. */
  readonly ingressControllerMetricsPort: number;
  /** Namespace and pod labels of the cert-manager controller, whose metrics include certificate expiry. */
  readonly certManagerNamespace: string;
  readonly certManagerPodLabels: Readonly<Record<string, string>>;
}

export const networking = defineStackContract<NetworkingOutputs>("networking", {
  ingressClassName: "plain",
  clusterIssuer: "plain",
  clusterIssuers: "plain",
  baseDomain: "plain",
  loadBalancerAddress: "plain",
  ingressControllerNamespace: "plain",
  ingressControllerPodLabels: "plain",
  ingressControllerMetricsPort: "plain",
  certManagerNamespace: "plain",
  certManagerPodLabels: "plain",
});
