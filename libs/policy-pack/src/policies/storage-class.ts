import { describeObject, kubernetesKind } from "../kubernetes";
import { asArray, asRecord, isLocal, type ResourcePolicy } from "../resource";

export interface StorageClassConfig {
  /** DigitalOcean block storage classes. */
  readonly storageClasses: readonly string[];
  /** Classes of kind, k3d and minikube, allowed only in `local`. */
  readonly localStorageClasses: readonly string[];
}

export const STORAGE_CLASS_DEFAULTS: StorageClassConfig = {
  storageClasses: ["do-block-storage", "do-block-storage-retain", "do-block-storage-xfs", "do-block-storage-xfs-retain"],
  localStorageClasses: ["standard", "local-path", "hostpath"],
};

/** Every claim the object makes: a PVC's own spec, a StatefulSet's claim templates, a PV's class. */
function claimsOf(kind: string, props: Record<string, unknown>): { readonly label: string; readonly storageClassName: unknown }[] {
  const spec = asRecord(props.spec);
  if (kind === "PersistentVolumeClaim" || kind === "PersistentVolume") {
    return [{ label: "spec.storageClassName", storageClassName: spec.storageClassName }];
  }
  if (kind === "StatefulSet") {
    return asArray(spec.volumeClaimTemplates).map((template) => {
      const claim = asRecord(template);
      return {
        label: `volumeClaimTemplates "${String(asRecord(claim.metadata).name)}" storageClassName`,
        storageClassName: asRecord(claim.spec).storageClassName,
      };
    });
  }
  return [];
}

export const storageClass: ResourcePolicy = {
  name: "storage-class",
  description: "Persistent volumes come only from the allowed storage classes, named explicitly.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      storageClasses: { type: "array", items: { type: "string" }, default: [...STORAGE_CLASS_DEFAULTS.storageClasses] },
      localStorageClasses: { type: "array", items: { type: "string" }, default: [...STORAGE_CLASS_DEFAULTS.localStorageClasses] },
    },
  },
  validateResource: (args, reportViolation) => {
    const kind = kubernetesKind(args.type);
    if (kind === undefined) return;
    const config = { ...STORAGE_CLASS_DEFAULTS, ...args.getConfig<Partial<StorageClassConfig>>() };
    const allowed = [...config.storageClasses, ...(isLocal(args.urn) ? config.localStorageClasses : [])];
    for (const { label, storageClassName } of claimsOf(kind, args.props)) {
      if (typeof storageClassName === "string" && allowed.includes(storageClassName)) continue;
      reportViolation(
        `${describeObject(args.type, args.props, args.name)}: ${label} is ${JSON.stringify(storageClassName)}: ` +
          `name one of ${allowed.join(", ")} (the cluster-base stack's storageClass output).`,
      );
    }
  },
};
