import type { PolicyResource } from "@pulumi/policy";
import { kubernetesKind, metadataName, namespaceOf, podTemplateOf, type PodTemplate } from "./kubernetes";
import { asRecord } from "./resource";

/** A Deployment or StatefulSet with what the cross-resource rules need to know about it. */
export interface Workload {
  readonly resource: PolicyResource;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string | undefined;
  readonly subject: string;
  readonly template: PodTemplate;
  readonly replicas: number;
  readonly autoscaler?: { readonly resource: PolicyResource; readonly minReplicas: number; readonly maxReplicas: number };
}

const SCALABLE_KINDS = ["Deployment", "StatefulSet"];

export function ofKind(resources: readonly PolicyResource[], kind: string): PolicyResource[] {
  return resources.filter((resource) => kubernetesKind(resource.type) === kind && resource.props.kind !== undefined);
}

/** Deployments and StatefulSets of the stack, each with the HorizontalPodAutoscaler that targets it. */
export function workloadsOf(resources: readonly PolicyResource[]): Workload[] {
  const autoscalers = ofKind(resources, "HorizontalPodAutoscaler");
  return resources.flatMap((resource) => {
    const kind = kubernetesKind(resource.type);
    if (kind === undefined || !SCALABLE_KINDS.includes(kind)) return [];
    const template = podTemplateOf(resource.type, resource.props);
    if (template === undefined) return [];
    const namespace = namespaceOf(resource.props);
    const name = metadataName(resource.props);
    const hpa = autoscalers.find((candidate) => {
      const target = asRecord(asRecord(candidate.props.spec).scaleTargetRef);
      return namespaceOf(candidate.props) === namespace && target.kind === kind && name !== undefined && target.name === name;
    });
    const replicas = asRecord(resource.props.spec).replicas;
    const hpaSpec = asRecord(hpa?.props.spec);
    return [
      {
        resource,
        kind,
        namespace,
        name,
        subject: `${kind} ${namespace}/${name ?? resource.name}`,
        template,
        replicas: typeof replicas === "number" ? replicas : 1,
        ...(hpa
          ? {
              autoscaler: {
                resource: hpa,
                minReplicas: typeof hpaSpec.minReplicas === "number" ? hpaSpec.minReplicas : 1,
                maxReplicas: typeof hpaSpec.maxReplicas === "number" ? hpaSpec.maxReplicas : 1,
              },
            }
          : {}),
      },
    ];
  });
}

/** The fewest replicas the workload runs with: its autoscaler's floor, or its fixed count. */
export function minimumReplicas(workload: Workload): number {
  return workload.autoscaler?.minReplicas ?? workload.replicas;
}
