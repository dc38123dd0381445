import { metadataName, namespaceOf } from "../kubernetes";
import { asArray, asRecord, type StackPolicy } from "../resource";
import { minimumReplicas, ofKind, workloadsOf, type Workload } from "../workloads";

const SINGLE_NODE_MODES = ["ReadWriteOnce", "ReadWriteOncePod"];

function claimNames(workload: Workload): string[] {
  return asArray(workload.template.spec.volumes)
    .map((volume) => asRecord(asRecord(volume).persistentVolumeClaim).claimName)
    .filter((name): name is string => typeof name === "string");
}

/** A ReadWriteOnce volume attaches to one node: a second replica elsewhere never starts. */
export const sharedVolume: StackPolicy = {
  name: "read-write-once-sharing",
  description: "A ReadWriteOnce volume is mounted by one workload with one replica at most.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const claims = ofKind(args.resources, "PersistentVolumeClaim").filter((claim) =>
      asArray(asRecord(claim.props.spec).accessModes).some((mode) => SINGLE_NODE_MODES.includes(mode as string)),
    );
    const workloads = workloadsOf(args.resources);
    for (const claim of claims) {
      const name = metadataName(claim.props);
      const users = workloads.filter((w) => w.namespace === namespaceOf(claim.props) && name !== undefined && claimNames(w).includes(name));
      const subject = `PersistentVolumeClaim ${namespaceOf(claim.props)}/${name ?? claim.name} (ReadWriteOnce)`;
      if (users.length > 1) {
        reportViolation(
          `${subject} is mounted by ${users.map((w) => w.subject).join(" and ")}: give each its own claim, or use a ReadWriteMany class.`,
          claim.urn,
        );
      }
      for (const user of users) {
        const most = user.autoscaler?.maxReplicas ?? user.replicas;
        if (most <= 1 && minimumReplicas(user) <= 1) continue;
        reportViolation(
          `${subject} is mounted by ${user.subject}, which runs up to ${most} replicas: use 1 replica, ` +
            "a StatefulSet with volumeClaimTemplates, or a ReadWriteMany class.",
          user.resource.urn,
        );
      }
    }
  },
};
