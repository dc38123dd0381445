import type { DeclaredObject } from "./declared-objects";
import { describeRef, type Kube, type LiveObject } from "./kube";

interface WorkloadStatus {
  readonly replicas?: number;
  readonly readyReplicas?: number;
  readonly updatedReplicas?: number;
  readonly observedGeneration?: number;
  readonly currentRevision?: string;
  readonly updateRevision?: string;
}

/** Why a live object is not yet what its kind promises once deployed, or undefined when it is. */
export function notReady(object: LiveObject): string | undefined {
  const status = (object.status ?? {}) as WorkloadStatus & { phase?: string };
  const spec = (object.spec ?? {}) as { replicas?: number };
  const generation = object.metadata?.generation;
  switch (object.kind) {
    case "Deployment":
    case "StatefulSet": {
      const wanted = spec.replicas ?? 1;
      if (generation !== undefined && status.observedGeneration !== generation) return "its controller has not seen the newest spec";
      if ((status.updatedReplicas ?? 0) < wanted) return `${status.updatedReplicas ?? 0} of ${wanted} replicas run the newest spec`;
      if ((status.readyReplicas ?? 0) < wanted) return `${status.readyReplicas ?? 0} of ${wanted} replicas are Ready`;
      if (object.kind === "StatefulSet" && status.currentRevision !== status.updateRevision) return "its rollout has not finished";
      return undefined;
    }
    case "PersistentVolumeClaim":
      return status.phase === "Bound" ? undefined : `it is ${status.phase ?? "not yet bound"}`;
    default:
      return undefined;
  }
}

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet"]);

/** Claims that StatefulSets' volumeClaimTemplates create: they belong to the stack too. */
function claimsOf(statefulSet: LiveObject): { name: string; namespace: string }[] {
  const spec = statefulSet.spec as { replicas?: number; volumeClaimTemplates?: { metadata?: { name?: string } }[] };
  const namespace = statefulSet.metadata!.namespace!;
  const replicas = spec.replicas ?? 1;
  return (spec.volumeClaimTemplates ?? []).flatMap((template) =>
    Array.from({ length: replicas }, (_, ordinal) => ({ name: `${template.metadata!.name}-${statefulSet.metadata!.name}-${ordinal}`, namespace })),
  );
}

/**
 * Waits until every workload a stack declares is Ready with its newest spec and every claim of its
 * StatefulSets is Bound. A pod that admission refuses (Pod Security, quota, limit range) never
 * exists, so its workload never gets Ready: the failure names the controller's own events.
 */
export async function waitUntilReady(kube: Kube, objects: readonly DeclaredObject[], timeoutSeconds: number): Promise<{ workloads: number; claims: number }> {
  const workloads = objects.filter((object) => WORKLOAD_KINDS.has(object.ref.kind));
  const deadline = Date.now() + timeoutSeconds * 1000;
  let pending: string[] = [];
  let claims = 0;
  for (;;) {
    pending = [];
    claims = 0;
    for (const workload of workloads) {
      const live = await kube.read(workload.ref);
      if (!live) {
        pending.push(`${describeRef(workload.ref)}: missing`);
        continue;
      }
      const why = notReady(live);
      if (why) pending.push(`${describeRef(workload.ref)}: ${why}`);
      if (live.kind === "StatefulSet") {
        for (const claim of claimsOf(live)) {
          claims += 1;
          const ref = { apiVersion: "v1", kind: "PersistentVolumeClaim", ...claim };
          const liveClaim = await kube.read(ref);
          const claimWhy = liveClaim ? notReady(liveClaim) : "missing";
          if (claimWhy) pending.push(`${describeRef(ref)}: ${claimWhy}`);
        }
      }
    }
    if (pending.length === 0) return { workloads: workloads.length, claims };
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const events = await warningEvents(kube, [...new Set(workloads.map((workload) => workload.ref.namespace!).filter(Boolean))]);
  throw new Error(
    `Not Ready after ${timeoutSeconds} s:\n  - ${pending.join("\n  - ")}` +
      (events.length > 0 ? `\nWarnings from the cluster:\n  - ${events.join("\n  - ")}` : ""),
  );
}

/** The cluster's warning events in some namespaces: admission refusals, failed scheduling. */
export async function warningEvents(kube: Kube, namespaces: readonly string[]): Promise<string[]> {
  const events: string[] = [];
  for (const namespace of namespaces) {
    for (const event of await kube.list("v1", "Event", namespace)) {
      const e = event as LiveObject & { type?: string; reason?: string; message?: string; involvedObject?: { kind?: string; name?: string } };
      if (e.type === "Warning") events.push(`${namespace} ${e.involvedObject?.kind}/${e.involvedObject?.name} ${e.reason}: ${e.message}`);
    }
  }
  return events;
}
