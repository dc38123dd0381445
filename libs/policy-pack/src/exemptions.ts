/**
 * Every exception to the platform's policies, in one place. An exemption names the policy, the
 * resources it covers and why; exempted violations are still reported (as advisories by the
 * pack, as a list by the offline check), never silently skipped.
 */
import type { ResourceInput } from "./args";
import { chartReleaseOf } from "./helm";
import { asRecord, projectOf } from "./resource";

export interface Exemption {
  /** Name of the policy that the resources are exempt from. */
  readonly policy: string;
  /** Which resources, in words, for the report and the README. */
  readonly covers: string;
  /** Why the rule does not fit them, and what protects them instead. */
  readonly reason: string;
  readonly appliesTo: (resource: ResourceInput) => boolean;
  /** Only violations whose message matches, when the exemption is narrower than the policy. */
  readonly message?: RegExp;
}

function isIngressController(resource: ResourceInput): boolean {
  if (projectOf(resource.urn) !== "networking") return false;
  if (chartReleaseOf(resource.type, resource.name, resource.props)?.chart === "ingress-nginx") return true;
  const labels = asRecord(asRecord(resource.props.metadata).labels);
  return resource.type === "kubernetes:core/v1:Service" && labels["app.kubernetes.io/name"] === "ingress-nginx";
}

export const EXEMPTIONS: readonly Exemption[] = [
  {
    policy: "chart-service-exposure",
    covers: "the ingress-nginx controller of the networking stack",
    reason:
      "it is the platform's single entry point: its LoadBalancer Service is the one load balancer every Ingress shares, " +
      "and the tenant namespaces' quotas forbid any other (services.loadbalancers: 0)",
    appliesTo: isIngressController,
    message: /type is LoadBalancer/,
  },
  {
    policy: "service-exposure",
    covers: "the ingress-nginx controller's Service in the networking stack",
    reason: "it is the platform's single entry point, the one load balancer every Ingress shares",
    appliesTo: isIngressController,
    message: /type LoadBalancer/,
  },
];

/** The exemption that covers this violation of this policy, if one does. */
export function exemptionFor(
  policy: string,
  resource: ResourceInput | undefined,
  message: string,
  exemptions: readonly Exemption[] = EXEMPTIONS,
): Exemption | undefined {
  if (resource === undefined) return undefined;
  return exemptions.find(
    (exemption) => exemption.policy === policy && exemption.appliesTo(resource) && (exemption.message?.test(message) ?? true),
  );
}
