import { describeObject, isPatchType, kubernetesKind, podTemplateOf } from "../kubernetes";
import { asRecord, type ResourcePolicy } from "../resource";

/** Objects that belong to an application and are found, selected and graphed by its labels. */
export const APPLICATION_KINDS: readonly string[] = [
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "CronJob",
  "Pod",
  "Service",
  "Ingress",
  "PodDisruptionBudget",
  "HorizontalPodAutoscaler",
  "PersistentVolumeClaim",
];

const MANAGED_BY = "app.kubernetes.io/managed-by";
const NAME = "app.kubernetes.io/name";
const GROUPING = ["app.kubernetes.io/instance", "app.kubernetes.io/part-of"];

/** The labels of https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/ that the platform needs. */
function missingLabels(labels: Record<string, unknown>, application: boolean, pods: boolean): string[] {
  const missing: string[] = [];
  if (!pods && labels[MANAGED_BY] !== "pulumi") missing.push(`${MANAGED_BY}: pulumi`);
  if (!application) return missing;
  if (labels[NAME] === undefined) missing.push(NAME);
  if (!GROUPING.some((key) => labels[key] !== undefined)) missing.push(GROUPING.join(" or "));
  return missing;
}

export const recommendedLabels: ResourcePolicy = {
  name: "recommended-labels",
  description:
    "Every Kubernetes object is labelled app.kubernetes.io/managed-by: pulumi; application objects and their pods " +
    "also carry app.kubernetes.io/name and app.kubernetes.io/instance or part-of.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    const kind = kubernetesKind(args.type);
    const metadata = asRecord(args.props.metadata);
    // A patch sets only the fields it names; the object's labels are its owner's.
    if (kind === undefined || args.props.kind === undefined || isPatchType(args.type)) return;
    const subject = describeObject(args.type, args.props, args.name);
    const application = APPLICATION_KINDS.includes(kind);
    const missing = missingLabels(asRecord(metadata.labels), application, false);
    if (missing.length > 0) {
      reportViolation(`${subject} lacks the labels ${missing.join(", ")}: add them to metadata.labels.`);
    }
    const template = podTemplateOf(args.type, args.props);
    if (template === undefined || kind === "Pod") return;
    const missingOnPods = missingLabels(template.labels, true, true);
    if (missingOnPods.length > 0) {
      reportViolation(`${subject}: its pods lack the labels ${missingOnPods.join(", ")}: add them to the pod template's labels.`);
    }
  },
};
