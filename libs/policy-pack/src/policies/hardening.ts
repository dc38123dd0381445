import { containersOf, validatePods } from "../kubernetes";
import { asRecord, type ResourcePolicy } from "../resource";

export const readOnlyRootFilesystem: ResourcePolicy = {
  name: "read-only-root-filesystem",
  description: "Containers run with a read-only root filesystem; what they write goes to a volume.",
  enforcementLevel: "mandatory",
  validateResource: validatePods(({ template, subject }, _args, reportViolation) => {
    for (const { container, field, name } of containersOf(template.spec)) {
      if (asRecord(container.securityContext).readOnlyRootFilesystem === true) continue;
      reportViolation(
        `${subject}: ${field} "${name}" has a writable root filesystem: set securityContext.readOnlyRootFilesystem ` +
          "to true and mount an emptyDir (or a volume) where it must write.",
      );
    }
  }, { operatorPods: true }),
};

/**
 * A pod gets an API token only when it needs the Kubernetes API, and then only for its own
 * service account: the namespace's `default` account has no business talking to the API.
 */
export const serviceAccountToken: ResourcePolicy = {
  name: "service-account-token",
  description:
    "Pods mount no service-account token, unless they need the Kubernetes API and run as their own service account.",
  enforcementLevel: "mandatory",
  validateResource: validatePods(({ template, subject }, _args, reportViolation) => {
    const { automountServiceAccountToken, serviceAccountName } = template.spec;
    if (automountServiceAccountToken === false) return;
    const ownAccount = typeof serviceAccountName === "string" && serviceAccountName !== "default";
    if (automountServiceAccountToken === true && ownAccount) return;
    reportViolation(
      `${subject}: automountServiceAccountToken is ${String(automountServiceAccountToken)}: set it to false, or, when ` +
        "the workload needs the Kubernetes API, to true together with a serviceAccountName of its own (bound to only the roles it needs).",
    );
  }, { operatorPods: true }),
};
