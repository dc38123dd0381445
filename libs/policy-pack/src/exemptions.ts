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

/** The Filebeat DaemonSet of the observability stack, which ECK builds from a Beat resource. */
function isNodeLogShipper(resource: ResourceInput): boolean {
  return projectOf(resource.urn) === "observability" && resource.type === "kubernetes:beat.k8s.elastic.co/v1beta1:Beat";
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
  {
    policy: "chart-security-context",
    covers: "the ingress-nginx controller's read-only root filesystem",
    reason:
      "the controller writes the nginx configuration it generates and the certificates it reads from Secrets into its own " +
      "filesystem (/etc/nginx, /etc/ingress-controller), which upstream does not support making read-only " +
      "(kubernetes/ingress-nginx#9504); every other restriction applies",
    appliesTo: isIngressController,
    message: /readOnlyRootFilesystem is not true/,
  },
  {
    policy: "pod-security-restricted",
    covers: "the Filebeat log shipper's host log mounts and root user",
    reason:
      "a node log shipper reads every container's log files from the node (/var/log/containers, /var/log/pods), which only " +
      "read-only hostPath mounts reach and only root may read; it keeps no privilege escalation, ALL capabilities dropped " +
      "and a read-only root filesystem",
    appliesTo: isNodeLogShipper,
    message: /(hostPath|runAsUser is 0|runAsNonRoot is not true)/,
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
