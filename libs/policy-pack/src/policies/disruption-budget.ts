import { namespaceOf, selects } from "../kubernetes";
import { asRecord, type StackPolicy } from "../resource";
import { minimumReplicas, ofKind, workloadsOf } from "../workloads";

/**
 * How many pods may be evicted at once when `replicas` run, or undefined when the budget cannot
 * be read (an unknown value). Percentages round up, as the disruption controller rounds them.
 */
export function allowedDisruptions(spec: Record<string, unknown>, replicas: number): number | undefined {
  const resolve = (value: unknown): number | undefined => {
    if (typeof value === "number") return value;
    const percent = typeof value === "string" ? /^(\d+)%$/.exec(value) : null;
    return percent ? Math.ceil((Number(percent[1]) * replicas) / 100) : undefined;
  };
  if (spec.maxUnavailable !== undefined) return resolve(spec.maxUnavailable);
  if (spec.minAvailable !== undefined) {
    const minAvailable = resolve(spec.minAvailable);
    return minAvailable === undefined ? undefined : replicas - minAvailable;
  }
  return undefined;
}

/**
 * A node drain (upgrade, autoscaler scale-down) evicts pods one node at a time; a budget keeps a
 * replicated workload serving through it, and must still let the drain make progress.
 */
export const disruptionBudget: StackPolicy = {
  name: "disruption-budget",
  description:
    "Every workload with more than one replica or an autoscaler has a PodDisruptionBudget that allows at least one " +
    "disruption at its minimum scale; autoscaler bounds agree with it.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const budgets = ofKind(args.resources, "PodDisruptionBudget");
    for (const workload of workloadsOf(args.resources)) {
      const { autoscaler, subject } = workload;
      if (autoscaler && autoscaler.maxReplicas < autoscaler.minReplicas) {
        reportViolation(
          `${subject}: its HorizontalPodAutoscaler has maxReplicas ${autoscaler.maxReplicas} below minReplicas ${autoscaler.minReplicas}: raise maxReplicas.`,
          autoscaler.resource.urn,
        );
      }
      if (workload.replicas <= 1 && autoscaler === undefined) continue;
      const floor = minimumReplicas(workload);
      const budget = budgets.find(
        (pdb) => namespaceOf(pdb.props) === workload.namespace && selects(asRecord(pdb.props.spec).selector, workload.template.labels),
      );
      if (budget === undefined) {
        reportViolation(
          `${subject} runs ${autoscaler ? `${autoscaler.minReplicas}-${autoscaler.maxReplicas} replicas (autoscaled)` : `${workload.replicas} replicas`} ` +
            "without a PodDisruptionBudget: add one whose selector matches its pod labels, with maxUnavailable: 1.",
          workload.resource.urn,
        );
        continue;
      }
      const allowed = allowedDisruptions(asRecord(budget.props.spec), floor);
      if (allowed !== undefined && allowed < 1) {
        reportViolation(
          `${subject}: its PodDisruptionBudget ${budget.name} allows ${allowed} disruptions at ${floor} replica(s)` +
            `${autoscaler ? " (the autoscaler's minReplicas)" : ""}, so node drains block: ` +
            `use maxUnavailable: 1${autoscaler ? " or raise minReplicas above minAvailable" : ""}.`,
          budget.urn,
        );
      }
    }
  },
};
