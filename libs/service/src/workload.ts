/**
 * The controller of a service's pods: a Deployment that rolls without ever dropping below the
 * desired count, or a StatefulSet where the service keeps state on volumes. Pure: builds specs.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ResolvedServiceArgs } from "./defaults";

export interface WorkloadInputs {
  /** Name of the workload and of the ClusterIP Service that governs a StatefulSet. */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly selectorLabels: Readonly<Record<string, string>>;
  readonly template: k8s.types.input.core.v1.PodTemplateSpec;
  /** cluster-base's storage class, for the claims of a StatefulSet. */
  readonly storageClass: pulumi.Input<string>;
}

// With an autoscaler the replica count is its to decide; declaring one would reset it on every update.
const replicaCount = (args: ResolvedServiceArgs) => (args.autoscaling ? {} : { replicas: args.replicas });

export function deploymentSpec(args: ResolvedServiceArgs, inputs: WorkloadInputs): k8s.types.input.apps.v1.DeploymentSpec {
  return {
    ...replicaCount(args),
    selector: { matchLabels: { ...inputs.selectorLabels } },
    template: inputs.template,
    revisionHistoryLimit: 5,
    // New pods come up and turn ready before old ones go: never below the desired count.
    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
  };
}

export function statefulSetSpec(args: ResolvedServiceArgs, inputs: WorkloadInputs): k8s.types.input.apps.v1.StatefulSetSpec {
  return {
    ...replicaCount(args),
    serviceName: inputs.name,
    selector: { matchLabels: { ...inputs.selectorLabels } },
    template: inputs.template,
    podManagementPolicy: "OrderedReady",
    // A pod is stopped before its replacement starts: one writer on the volume at a time.
    updateStrategy: { type: "RollingUpdate" },
    persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
    volumeClaimTemplates: args.volumes.map((volume) => ({
      metadata: { name: volume.name, labels: { ...inputs.labels } },
      spec: {
        accessModes: [volume.accessMode],
        storageClassName: inputs.storageClass,
        resources: { requests: { storage: `${volume.sizeGiB}Gi` } },
      },
    })),
  };
}
