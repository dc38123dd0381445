/**
 * Growing a StatefulSet's volumes online. Its `volumeClaimTemplates` are immutable, the claims it
 * already made never follow a new template, and replacing it stops the pods; the API server even
 * refuses the replacement's dry run, so the preview fails. So the size in the templates is left as
 * the StatefulSet was created (ignored), and each claim the service runs on is patched to the
 * declared size, which a storage class with `allowVolumeExpansion` (do-block-storage) grows while
 * the volume is mounted. A smaller size is refused by the API server: claims never shrink.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { PersistentVolume } from "./args";

/** The StatefulSet's fields that the claim patches carry instead: each template's size. */
export function claimTemplateSizePaths(volumes: readonly PersistentVolume[]): string[] {
  return volumes.map((_, index) => `spec.volumeClaimTemplates[${index}].spec.resources.requests.storage`);
}

export interface StatefulClaim {
  readonly volume: string;
  readonly claimName: string;
  readonly storage: string;
}

/** The claim the StatefulSet controller makes for one pod: `<template>-<statefulset>-<ordinal>`. */
export function claimNameOf(volume: string, statefulSet: string, ordinal: number): string {
  return `${volume}-${statefulSet}-${ordinal}`;
}

/**
 * The claims that exist whenever the service runs: one per volume for each of the first `pods`
 * ordinals. Pods above that (an autoscaler's) take the template's size when their claims are made.
 */
export function statefulClaims(statefulSet: string, volumes: readonly PersistentVolume[], pods: number): StatefulClaim[] {
  return volumes.flatMap((volume) =>
    Array.from({ length: pods }, (_, ordinal) => ({
      volume: volume.name,
      claimName: claimNameOf(volume.name, statefulSet, ordinal),
      storage: `${volume.sizeGiB}Gi`,
    })),
  );
}

/**
 * Holds each claim at its declared size. The patch takes the size field from the StatefulSet
 * controller, which created the claim; it is left in place on destroy, like the claims themselves.
 */
export function claimSizePatches(
  name: string,
  claims: readonly StatefulClaim[],
  namespace: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): k8s.core.v1.PersistentVolumeClaimPatch[] {
  return claims.map(
    (claim) =>
      new k8s.core.v1.PersistentVolumeClaimPatch(
        `${name}-${claim.claimName}-size`,
        {
          metadata: { name: claim.claimName, namespace, annotations: { "pulumi.com/patchForce": "true" } },
          spec: { resources: { requests: { storage: claim.storage } } },
        },
        { ...opts, retainOnDelete: true },
      ),
  );
}
