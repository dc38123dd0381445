/**
 * The restricted Pod Security Standard as security contexts, written once for every pod and
 * container the platform declares: its own workloads and the Helm charts it installs, whose values
 * spread these objects under each chart's own keys.
 */
import type * as k8s from "@pulumi/kubernetes";

export type ContainerSecurityContext = k8s.types.input.core.v1.SecurityContext;
export type PodSecurityContext = k8s.types.input.core.v1.PodSecurityContext;

/**
 * What every container keeps, even one that must run as root or share the host's namespaces: no
 * privilege escalation, every capability dropped, a read-only root filesystem. `overrides`
 * replaces whole fields.
 */
export function hardenedContainerSecurity(overrides: ContainerSecurityContext = {}): ContainerSecurityContext {
  return { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] }, ...overrides };
}

/**
 * The restricted Pod Security Standard for one container, read-only root filesystem included:
 * non-root, no privilege escalation, every capability dropped, the runtime's default seccomp
 * profile. `overrides` replaces whole fields, for an image that needs its own user, a writable
 * root or the one capability the standard allows (`NET_BIND_SERVICE`).
 */
export function restrictedContainerSecurity(overrides: ContainerSecurityContext = {}): ContainerSecurityContext {
  return { runAsNonRoot: true, ...hardenedContainerSecurity(), seccompProfile: { type: "RuntimeDefault" }, ...overrides };
}

/**
 * The restricted Pod Security Standard for a pod: non-root, with the runtime's default seccomp
 * profile. Given `runAsUser`, the pod runs as that user and group, and its volumes belong to that
 * group. `overrides` replaces whole fields.
 */
export function restrictedPodSecurity(runAsUser?: number, overrides: PodSecurityContext = {}): PodSecurityContext {
  return {
    runAsNonRoot: true,
    ...(runAsUser !== undefined ? { runAsUser, runAsGroup: runAsUser, fsGroup: runAsUser } : {}),
    seccompProfile: { type: "RuntimeDefault" },
    ...overrides,
  };
}
