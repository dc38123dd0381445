/**
 * Whether a cluster has a Gateway API implementation for the public edge, and if not, why, naming
 * the setting that decides it. Pure: the program passes what it knows of the cluster.
 */
import type { GatewayApiSupport } from "@platform/cluster-base-contract";

/** The GatewayClass DOKS installs and manages: Cilium's Gateway API implementation. */
export const DOKS_GATEWAY_CLASS = "cilium";

/** DOKS manages the Gateway API on VPC-native clusters from this Kubernetes release on. */
export const DOKS_GATEWAY_MIN_VERSION = { major: 1, minor: 33 } as const;

const MIN_VERSION_TEXT = `${DOKS_GATEWAY_MIN_VERSION.major}.${DOKS_GATEWAY_MIN_VERSION.minor}`;

/** `1.33.1-do.0` or the prefix `1.33.` → its major and minor release; undefined when it is neither. */
export function kubernetesRelease(version: string): { major: number; minor: number } | undefined {
  const match = /^v?(\d+)\.(\d+)(\.|$)/.exec(version.trim());
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

function atLeastMinimum(release: { major: number; minor: number }): boolean {
  const { major, minor } = DOKS_GATEWAY_MIN_VERSION;
  return release.major > major || (release.major === major && release.minor >= minor);
}

/** A cluster this stack creates: decided by its configuration, so a preview already knows. */
export function createdClusterGatewayApi(versionPrefix: string, vpcNative: boolean): GatewayApiSupport {
  const release = kubernetesRelease(versionPrefix);
  const reasons: string[] = [];
  if (!release || !atLeastMinimum(release)) {
    reasons.push(
      `cluster-base:cluster.versionPrefix is "${versionPrefix}": DOKS's managed Gateway API needs Kubernetes ${MIN_VERSION_TEXT} or later; set "${MIN_VERSION_TEXT}." or later`,
    );
  }
  if (!vpcNative) {
    reasons.push(
      "cluster-base:cluster.podNetwork and cluster.serviceNetwork are not set: DOKS's managed Gateway API needs a VPC-native cluster; " +
        "set both (VPC-native networking is chosen when a cluster is created, so this replaces the cluster)",
    );
  }
  return reasons.length === 0 ? { available: true, gatewayClassName: DOKS_GATEWAY_CLASS } : { available: false, reason: reasons.join("; ") };
}

/**
 * A DOKS cluster that this stack only reads: its version is read at deploy; whether it is
 * VPC-native its configuration declares (`cluster.vpcNative`), because the API reports a pod
 * network for every cluster, overlay ones included (DOKS's default `10.244.0.0/16`).
 */
export function existingClusterGatewayApi(cluster: { name: string; version: string; vpcNative: boolean }): GatewayApiSupport {
  const reasons: string[] = [];
  if (!cluster.vpcNative) {
    reasons.push(
      "cluster-base:cluster.vpcNative is not true: DOKS's managed Gateway API needs a VPC-native cluster; " +
        `set it if "${cluster.name}" was created with VPC-native networking (its pod network routable in the VPC), or move the environment to a cluster that cluster-base creates with podNetwork and serviceNetwork`,
    );
  }
  const release = kubernetesRelease(cluster.version);
  if (!release) {
    reasons.push(`cluster "${cluster.name}" reports version "${cluster.version}": its Kubernetes release is known once cluster-base reads it, at deploy`);
  } else if (!atLeastMinimum(release)) {
    reasons.push(`cluster "${cluster.name}" runs Kubernetes ${cluster.version}, and DOKS manages the Gateway API from ${MIN_VERSION_TEXT} on: upgrade it`);
  }
  return reasons.length === 0 ? { available: true, gatewayClassName: DOKS_GATEWAY_CLASS } : { available: false, reason: reasons.join("; ") };
}

/** A cluster on a machine: only its configuration can say that it runs a Gateway API implementation. */
export function localClusterGatewayApi(gatewayClassName: string | undefined): GatewayApiSupport {
  return gatewayClassName
    ? { available: true, gatewayClassName }
    : {
        available: false,
        reason:
          "cluster-base:cluster.gatewayClassName is not set: name the GatewayClass of the local cluster's Gateway API implementation " +
          '(such as "cilium"), or keep the ingress-nginx edge',
      };
}
