/**
 * Prometheus and Alertmanager volumes that grow online. prometheus-operator writes the storage size
 * into its StatefulSet's immutable volumeClaimTemplates: a new size makes it delete the StatefulSet
 * in the foreground and create it again (every replica stops at once), and the claims keep their
 * old size anyway. So the size in the chart's values stays as first installed (the Release ignores
 * it), and the platform declares the claims themselves, under the names the operator gives them:
 * the StatefulSet adopts a claim that exists, and a bigger size is an in-place change that
 * do-block-storage applies while the volume is mounted. The API server refuses a smaller one.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { MANAGED_BY, MONITORING_FULLNAME } from "./labels";

/** The Release inputs that hold the first-installed size of each volume claim template. */
export const OPERATOR_TEMPLATE_SIZE_PATHS: readonly string[] = [
  "values.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage",
  "values.alertmanager.alertmanagerSpec.storage.volumeClaimTemplate.spec.resources.requests.storage",
];

export type OperatorWorkload = "prometheus" | "alertmanager";

export interface OperatorClaim {
  readonly workload: OperatorWorkload;
  readonly name: string;
  readonly storage: string;
}

/**
 * The claim the operator's StatefulSet makes for one replica of the chart's Prometheus or
 * Alertmanager (named `<fullname>-<workload>`): the StatefulSet is `<workload>-<name>`, its
 * template `<workload>-<name>-db` (prometheus-operator's pkg/prometheus/common.go VolumeName,
 * pkg/alertmanager/statefulset.go volumeName), and the controller adds `-<ordinal>`.
 */
export function operatorClaimName(workload: OperatorWorkload, ordinal: number): string {
  const statefulSet = `${workload}-${MONITORING_FULLNAME}-${workload}`;
  return `${statefulSet}-db-${statefulSet}-${ordinal}`;
}

export function operatorClaims(volumes: Readonly<Record<OperatorWorkload, { readonly replicas: number; readonly storageSize: string }>>): OperatorClaim[] {
  return (Object.keys(volumes) as OperatorWorkload[]).flatMap((workload) =>
    Array.from({ length: volumes[workload].replicas }, (_, ordinal) => ({
      workload,
      name: operatorClaimName(workload, ordinal),
      storage: volumes[workload].storageSize,
    })),
  );
}

/**
 * Declares each claim with its size. It is applied over what the StatefulSet controller wrote
 * (forced: the size field is that controller's until then), not awaited (the claim binds when its
 * pod is scheduled), and kept on destroy: it holds the metrics, like the operator's own claims.
 */
export function declareOperatorClaims(
  name: string,
  claims: readonly OperatorClaim[],
  args: { readonly namespace: pulumi.Input<string>; readonly storageClass: pulumi.Input<string> },
  opts: pulumi.CustomResourceOptions,
): k8s.core.v1.PersistentVolumeClaim[] {
  return claims.map(
    (claim) =>
      new k8s.core.v1.PersistentVolumeClaim(
        `${name}-${claim.name}`,
        {
          metadata: {
            name: claim.name,
            namespace: args.namespace,
            labels: { ...MANAGED_BY, "app.kubernetes.io/name": claim.workload },
            annotations: { "pulumi.com/patchForce": "true", "pulumi.com/skipAwait": "true" },
          },
          spec: { accessModes: ["ReadWriteOnce"], storageClassName: args.storageClass, resources: { requests: { storage: claim.storage } } },
        },
        { ...opts, retainOnDelete: true },
      ),
  );
}
