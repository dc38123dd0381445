/**
 * What the platform's disruption budgets and spread do when a node goes away, on the real API
 * server, controller-manager and scheduler: a drain through the eviction API, and a node lost
 * outright. The applications are single writers (one replica on one volume), whose budgets allow
 * one disruption so that node upgrades never block on them: the figure that matters is how long
 * the game server is gone.
 */
import { describeRef, isReady, type Kube, type LiveObject, type ObjectRef, waitFor } from "./kube";

interface PodState {
  readonly uid: string;
  readonly node: string;
  readonly ready: boolean;
}

async function podState(kube: Kube, ref: ObjectRef): Promise<PodState | undefined> {
  const pod = await kube.read(ref);
  if (!pod || pod.metadata?.deletionTimestamp) return undefined;
  return {
    uid: String(pod.metadata?.uid),
    node: String((pod.spec as { nodeName?: string } | undefined)?.nodeName ?? ""),
    ready: isReady(pod),
  };
}

/** Waits for a pod of that name with another uid, Ready; returns it and the seconds since `since`. */
async function replacedAndReady(kube: Kube, ref: ObjectRef, oldUid: string, since: number, timeoutSeconds: number): Promise<PodState & { seconds: number }> {
  const state = await waitFor(`a new ${describeRef(ref)} Ready`, timeoutSeconds, async () => {
    const now = await podState(kube, ref);
    return now && now.uid !== oldUid && now.ready && now.node !== "" ? now : undefined;
  });
  return { ...state, seconds: (Date.now() - since) / 1000 };
}

export interface DisruptionReport {
  readonly lines: string[];
  readonly evictionDowntime: number;
  readonly nodeLossDowntime: number;
  readonly refusedEvictions: number;
}

/**
 * A drain of the node that runs `<statefulSet>-0`: its eviction is admitted or refused by the
 * budget as the budget's own numbers say; then that node is deleted (a node lost), and the pod
 * returns on another one. The node is put back afterwards, as the autoscaler would add one.
 */
export async function nodeDisruption(
  kube: Kube,
  namespace: string,
  statefulSet: string,
  /** Checked while the node is gone, once the game server is back: other workloads' pods rescheduled too. */
  whileLost: (lostNode: string) => Promise<string> = async () => "",
): Promise<DisruptionReport> {
  const lines: string[] = [];
  const podRef: ObjectRef = { apiVersion: "v1", kind: "Pod", name: `${statefulSet}-0`, namespace };
  const budgets = await kube.list("policy/v1", "PodDisruptionBudget", namespace);
  const budget = budgets.find((pdb) => pdb.metadata?.name === statefulSet) ?? budgets[0];
  if (!budget) throw new Error(`No PodDisruptionBudget in ${namespace}`);
  const budgetRef: ObjectRef = { apiVersion: "policy/v1", kind: "PodDisruptionBudget", name: budget.metadata!.name!, namespace };
  const spec = budget.spec as { maxUnavailable?: number | string; minAvailable?: number | string };
  const promise = spec.maxUnavailable !== undefined ? `maxUnavailable ${spec.maxUnavailable}` : `minAvailable ${spec.minAvailable}`;

  // The budget's own status says what a drain may take now: the eviction must agree with it.
  const allowed = await waitFor(`${describeRef(budgetRef)} to count its healthy pod`, 60, async () => {
    const status = (await kube.read(budgetRef))?.status as { disruptionsAllowed?: number; currentHealthy?: number } | undefined;
    return status?.currentHealthy === 1 ? (status.disruptionsAllowed ?? 0) : undefined;
  });
  const before = await podState(kube, podRef);
  if (!before?.ready) throw new Error(`${describeRef(podRef)} is not Ready before the drain`);

  // Cordoned first, as `kubectl drain` does: the replacement goes to another node.
  const drainedRef: ObjectRef = { apiVersion: "v1", kind: "Node", name: before.node };
  await kube.mergePatch(drainedRef, { spec: { unschedulable: true } });
  let evicted: PodState & { seconds: number };
  try {
    const started = Date.now();
    const refusal = await kube.evict(podRef);
    if ((refusal === undefined) !== allowed > 0) {
      throw new Error(
        `${describeRef(budgetRef)} (${promise}) allows ${allowed} disruption(s), but the eviction of ${describeRef(podRef)} was ` +
          (refusal ? `refused: ${refusal.reason}` : "admitted"),
      );
    }
    if (refusal) {
      lines.push(`drain of ${before.node}: eviction of ${describeRef(podRef)} refused by ${describeRef(budgetRef)} (${promise}): ${refusal.reason}`);
      return { lines, evictionDowntime: 0, nodeLossDowntime: 0, refusedEvictions: 1 };
    }
    evicted = await replacedAndReady(kube, podRef, before.uid, started, 120);
  } finally {
    await kube.mergePatch(drainedRef, { spec: { unschedulable: null } });
  }
  lines.push(
    `drain of ${before.node}: ${describeRef(budgetRef)} (${promise}) allowed ${allowed}; ${describeRef(podRef)} evicted and back ` +
      `Ready on ${evicted.node} after ${evicted.seconds.toFixed(1)} s without the game server`,
  );

  // A node lost: its Node object deleted, as a cloud removes a failed machine. The pod garbage
  // collector deletes the pods bound to it; the StatefulSet controller and scheduler place the
  // replacement on a node that is left.
  const nodeRef: ObjectRef = { apiVersion: "v1", kind: "Node", name: evicted.node };
  const node = await kube.read(nodeRef);
  if (!node) throw new Error(`${describeRef(nodeRef)} is gone already`);
  const lostAt = Date.now();
  await kube.delete(nodeRef);
  try {
    const moved = await replacedAndReady(kube, podRef, evicted.uid, lostAt, 180);
    if (moved.node === evicted.node) throw new Error(`${describeRef(podRef)} came back on the lost node ${evicted.node}`);
    lines.push(`node ${evicted.node} lost: ${describeRef(podRef)} rescheduled on ${moved.node} and Ready after ${moved.seconds.toFixed(1)} s`);
    const others = await whileLost(evicted.node);
    if (others) lines.push(`node ${evicted.node} lost: ${others}`);
    return { lines, evictionDowntime: evicted.seconds, nodeLossDowntime: moved.seconds, refusedEvictions: 0 };
  } finally {
    await restoreNode(kube, node);
  }
}

/** The node back, as it was declared; kwok makes it Ready again. */
async function restoreNode(kube: Kube, node: LiveObject): Promise<void> {
  const { name, labels, annotations } = node.metadata as { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  const { allocatable, capacity, addresses, nodeInfo } = node.status as Record<string, unknown>;
  await kube.create({
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels, annotations },
    spec: {},
    status: { allocatable, capacity, addresses, nodeInfo, phase: "Running" },
  });
  const ref: ObjectRef = { apiVersion: "v1", kind: "Node", name };
  await waitFor(`node ${name} Ready again`, 60, async () => {
    return isReady(await kube.read(ref)) ? true : undefined;
  });
}
