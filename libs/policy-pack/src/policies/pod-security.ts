import { containersOf, validatePods } from "../kubernetes";
import { asArray, asRecord, type ResourcePolicy } from "../resource";

/** Volume types the restricted Pod Security Standard allows. */
export const ALLOWED_VOLUME_TYPES: readonly string[] = [
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
];

const HOST_NAMESPACES = ["hostNetwork", "hostPID", "hostIPC"] as const;
const SECCOMP_TYPES = ["RuntimeDefault", "Localhost"];

/**
 * The restricted Pod Security Standard, checked before deploy so that a pod never fails admission
 * in a namespace labelled `pod-security.kubernetes.io/enforce: restricted`.
 */
export const podSecurityRestricted: ResourcePolicy = {
  name: "pod-security-restricted",
  description:
    "Pods meet the restricted Pod Security Standard: no host namespaces or ports, not privileged, no privilege " +
    "escalation, non-root, seccomp RuntimeDefault or Localhost, all capabilities dropped, allowed volume types only.",
  enforcementLevel: "mandatory",
  validateResource: validatePods(({ template, subject }, _args, reportViolation) => {
    const spec = template.spec;
    const pod = asRecord(spec.securityContext);
    for (const field of HOST_NAMESPACES) {
      if (spec[field] === true) reportViolation(`${subject}: ${field} is true: remove it; pods never share the node's namespaces.`);
    }
    for (const volume of asArray(spec.volumes).map(asRecord)) {
      const type = Object.keys(volume).find((key) => key !== "name");
      if (type !== undefined && !ALLOWED_VOLUME_TYPES.includes(type)) {
        reportViolation(
          `${subject}: volume "${String(volume.name)}" is of type ${type}: use one of ${ALLOWED_VOLUME_TYPES.join(", ")}.`,
        );
      }
    }
    if (pod.runAsUser === 0) reportViolation(`${subject}: securityContext.runAsUser is 0 (root): use a non-zero user id.`);

    for (const { container, field, name } of containersOf(spec)) {
      const where = `${subject}: ${field} "${name}"`;
      const context = asRecord(container.securityContext);
      const problems: string[] = [];
      if (context.privileged === true) problems.push("privileged is true: remove it");
      if (context.allowPrivilegeEscalation !== false) problems.push("allowPrivilegeEscalation is not false: set it to false");
      if ((context.runAsNonRoot ?? pod.runAsNonRoot) !== true) {
        problems.push("runAsNonRoot is not true (on the container or the pod): set it to true");
      }
      if (context.runAsUser === 0) problems.push("runAsUser is 0 (root): use a non-zero user id");
      const seccomp = asRecord(context.seccompProfile ?? pod.seccompProfile).type;
      if (typeof seccomp !== "string" || !SECCOMP_TYPES.includes(seccomp)) {
        problems.push(`seccompProfile.type is ${JSON.stringify(seccomp)}: set RuntimeDefault (or Localhost) on the pod or the container`);
      }
      const capabilities = asRecord(context.capabilities);
      if (!asArray(capabilities.drop).includes("ALL")) problems.push('capabilities.drop does not include "ALL": drop ALL');
      const added = asArray(capabilities.add).filter((capability) => capability !== "NET_BIND_SERVICE");
      if (added.length > 0) problems.push(`capabilities.add has ${added.join(", ")}: only NET_BIND_SERVICE may be added`);
      const hostPorts = asArray(container.ports).map(asRecord).filter((port) => port.hostPort !== undefined && port.hostPort !== 0);
      if (hostPorts.length > 0) problems.push("uses a hostPort: expose it through a Service instead");
      for (const problem of problems) reportViolation(`${where} ${problem}.`);
    }
  }, { operatorPods: true }),
};
