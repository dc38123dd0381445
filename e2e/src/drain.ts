/**
 * `kubectl drain` through the API, as DOKS drains a node on an upgrade: cordon, then an Eviction for
 * every pod on the node at once, those refused by a disruption budget retried each second. Counts what each budget
 * refused, checks that no budget ever had fewer healthy pods than it promises, and that the pods
 * that moved keep the spread their workloads ask for.
 */
import { describeRef, hasLabels, isReady, type Kube, type LiveObject, type ObjectRef, waitFor } from "./kube";

interface BudgetStatus {
  readonly currentHealthy: number;
  readonly desiredHealthy: number;
  readonly disruptionsAllowed: number;
}

export interface BudgetOutcome {
  readonly budget: string;
  readonly promise: string;
  /** Its pods on the node, and how many disruptions it allowed when the drain began. */
  readonly onNode: number;
  readonly allowedAtStart: number;
  readonly evicted: number;
  readonly refused: number;
  /** The fewest healthy pods seen during the drain, against what the budget promises. */
  readonly fewestHealthy: number;
  readonly desiredHealthy: number;
}

export interface DrainReport {
  readonly node: string;
  readonly seconds: number;
  readonly budgets: readonly BudgetOutcome[];
  readonly lines: readonly string[];
}

/** A budget covers a pod when it is in the budget's namespace and matches its matchLabels. */
export function budgetOf(pod: LiveObject, budgets: readonly LiveObject[]): LiveObject | undefined {
  return budgets.find((budget) => {
    if (budget.metadata?.namespace !== pod.metadata?.namespace) return false;
    const match = (budget.spec as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels ?? {};
    return Object.keys(match).length > 0 && hasLabels(pod, match);
  });
}

/** Pods per node of those matched, and whether the counts keep within `maxSkew` of each other. */
export function spreadOf(pods: readonly LiveObject[], nodes: readonly string[], maxSkew: number): { counts: Record<string, number>; skew: number; kept: boolean } {
  const counts = Object.fromEntries(nodes.map((node) => [node, 0]));
  for (const pod of pods) {
    const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    if (node && node in counts) counts[node]! += 1;
  }
  const values = Object.values(counts);
  const skew = values.length ? Math.max(...values) - Math.min(...values) : 0;
  return { counts, skew, kept: skew <= maxSkew };
}

function describeBudget(budget: LiveObject): string {
  const spec = budget.spec as { maxUnavailable?: number | string; minAvailable?: number | string };
  return spec.maxUnavailable !== undefined ? `maxUnavailable ${spec.maxUnavailable}` : `minAvailable ${spec.minAvailable}`;
}

async function budgetStatus(kube: Kube, budget: LiveObject): Promise<BudgetStatus> {
  const ref: ObjectRef = { apiVersion: "policy/v1", kind: "PodDisruptionBudget", name: budget.metadata!.name!, namespace: budget.metadata!.namespace! };
  const status = (await kube.read(ref))?.status as Partial<BudgetStatus> | undefined;
  return {
    currentHealthy: status?.currentHealthy ?? 0,
    desiredHealthy: status?.desiredHealthy ?? 0,
    disruptionsAllowed: status?.disruptionsAllowed ?? 0,
  };
}

const podsOn = async (kube: Kube, node: string): Promise<LiveObject[]> =>
  (await kube.list("v1", "Pod")).filter((pod) => (pod.spec as { nodeName?: string }).nodeName === node && !pod.metadata?.deletionTimestamp);

/**
 * Drains `node` with no spare capacity at first: every other node is cordoned too, as when a pool is
 * full, so the evicted pods' replacements wait Pending and each budget refuses what would take it
 * below its promise. After `capacityAfterSeconds` the other nodes take pods again (as a node the
 * cluster autoscaler adds would), the replacements turn Ready and the drain completes. Every node
 * is uncordoned afterwards. `spreadSelector` names the workload whose spread is checked on the nodes
 * left (its pods' own topologySpreadConstraints give the skew allowed).
 *
 * (With spare capacity a kwok replacement is Ready within milliseconds, before the API server's
 * 500 ms retry of a conflicting eviction: no budget would ever refuse, unlike on real nodes.)
 */
export async function drainNode(
  kube: Kube,
  node: string,
  spreadSelector: { namespace: string; matchLabels: Record<string, string> },
  capacityAfterSeconds = 5,
): Promise<DrainReport> {
  const budgets = await kube.list("policy/v1", "PodDisruptionBudget");
  const outcomes = new Map<
    string,
    { budget: LiveObject; onNode: number; allowedAtStart: number; evicted: number; refused: number; fewestHealthy: number; desiredHealthy: number }
  >();
  const started = Date.now();
  const others = (await kube.list("v1", "Node")).map((n) => n.metadata!.name!).filter((name) => name !== node);
  const cordon = (names: readonly string[], unschedulable: boolean | null) =>
    Promise.all(names.map((name) => kube.mergePatch({ apiVersion: "v1", kind: "Node", name }, { spec: { unschedulable } })));
  await cordon([node, ...others], true);
  let capacityBack = false;
  try {
    const pending = await podsOn(kube, node);
    if (pending.length === 0) throw new Error(`node ${node} runs no pods: nothing to drain`);
    for (const pod of pending) {
      const budget = budgetOf(pod, budgets);
      if (!budget) continue;
      const key = `${budget.metadata!.namespace}/${budget.metadata!.name}`;
      const known = outcomes.get(key);
      if (known) known.onNode += 1;
      else {
        const status = await budgetStatus(kube, budget);
        outcomes.set(key, { budget, onNode: 1, allowedAtStart: status.disruptionsAllowed, evicted: 0, refused: 0, fewestHealthy: status.currentHealthy, desiredHealthy: status.desiredHealthy });
      }
    }
    const deadline = Date.now() + 180_000;
    while (pending.length > 0) {
      if (Date.now() > deadline) throw new Error(`The drain of ${node} did not finish in 180 s: still refused: ${pending.map((pod) => pod.metadata?.name).join(", ")}`);
      // All at once, as `kubectl drain` sends them: the API server decides each against the budget.
      const answers = await Promise.all(
        pending.map(async (pod) => {
          const ref: ObjectRef = { apiVersion: "v1", kind: "Pod", name: pod.metadata!.name!, namespace: pod.metadata!.namespace! };
          return { pod, ref, refusal: await kube.evict(ref) };
        }),
      );
      for (const { pod, ref, refusal } of answers) {
        const budget = budgetOf(pod, budgets);
        const outcome = budget ? outcomes.get(`${budget.metadata!.namespace}/${budget.metadata!.name}`) : undefined;
        if (refusal) {
          if (!outcome) throw new Error(`The eviction of ${describeRef(ref)} was refused, but no disruption budget covers it: ${refusal.message}`);
          outcome.refused += 1;
          continue;
        }
        if (outcome) outcome.evicted += 1;
        pending.splice(pending.indexOf(pod), 1);
      }
      for (const outcome of outcomes.values()) {
        const status = await budgetStatus(kube, outcome.budget);
        outcome.fewestHealthy = Math.min(outcome.fewestHealthy, status.currentHealthy);
        outcome.desiredHealthy = status.desiredHealthy;
      }
      if (!capacityBack && Date.now() - started >= capacityAfterSeconds * 1000) {
        await cordon(others, null);
        capacityBack = true;
      }
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await waitFor(`node ${node} to be empty`, 120, async () => ((await podsOn(kube, node)).length === 0 ? true : undefined));
    const seconds = (Date.now() - started) / 1000;

    const results: BudgetOutcome[] = [...outcomes].map(([budget, o]) => ({
      budget,
      promise: describeBudget(o.budget),
      onNode: o.onNode,
      allowedAtStart: o.allowedAtStart,
      evicted: o.evicted,
      refused: o.refused,
      fewestHealthy: o.fewestHealthy,
      desiredHealthy: o.desiredHealthy,
    }));
    // The API server must hold each budget: never fewer healthy pods than it promises, and a refusal
    // whenever the node held more of its pods than it allowed disruptions at once.
    const broken = [
      ...results.filter((o) => o.fewestHealthy < o.desiredHealthy).map((o) => `${o.budget} (${o.promise}) had ${o.fewestHealthy} healthy pods, below its ${o.desiredHealthy}`),
      ...results
        .filter((o) => o.onNode > o.allowedAtStart && o.refused === 0)
        .map((o) => `${o.budget} (${o.promise}) allowed ${o.allowedAtStart} disruption(s), yet all ${o.onNode} of its pods on ${node} were evicted without a refusal`),
    ];
    if (broken.length > 0) throw new Error(`The drain of ${node} broke disruption budgets:\n  - ${broken.join("\n  - ")}`);

    const lines = [
      `drain of ${node} (${seconds.toFixed(1)} s; no spare capacity for the first ${capacityAfterSeconds} s): ` +
        results
          .map((o) => `${o.budget} (${o.promise}, allowed ${o.allowedAtStart}): ${o.onNode} on the node, ${o.refused} eviction(s) refused, never below ${o.desiredHealthy} healthy (fewest ${o.fewestHealthy})`)
          .join("; "),
    ];
    lines.push(await spreadKept(kube, node, spreadSelector));
    return { node, seconds, budgets: results, lines };
  } finally {
    await cordon([node, ...others], null);
  }
}

/**
 * The workload's pods, all Ready on the nodes left (none on `gone`, drained or lost), within the skew
 * its spread constraint allows. Waits up to `timeoutSeconds` for them to get there.
 */
export async function spreadKept(kube: Kube, gone: string, selector: { namespace: string; matchLabels: Record<string, string> }, timeoutSeconds = 120): Promise<string> {
  const nodes = (await kube.list("v1", "Node")).map((n) => n.metadata!.name!).filter((name) => name !== gone);
  const matching = async () =>
    (await kube.list("v1", "Pod", selector.namespace)).filter(
      (pod) => !pod.metadata?.deletionTimestamp && hasLabels(pod, selector.matchLabels),
    );
  const pods = await waitFor(`the pods of ${JSON.stringify(selector.matchLabels)} Ready again, none on ${gone}`, timeoutSeconds, async () => {
    const now = await matching();
    const placed = now.every((pod) => isReady(pod) && (pod.spec as { nodeName?: string }).nodeName !== gone);
    return placed && now.length > 0 ? now : undefined;
  });
  const constraint = ((pods[0]!.spec as { topologySpreadConstraints?: { maxSkew: number; topologyKey: string }[] }).topologySpreadConstraints ?? []).find(
    (c) => c.topologyKey === "kubernetes.io/hostname",
  );
  if (!constraint) throw new Error(`The pods of ${JSON.stringify(selector.matchLabels)} ask for no spread across nodes`);
  const spread = spreadOf(pods, nodes, constraint.maxSkew);
  const text = Object.entries(spread.counts).map(([node, count]) => `${node} ${count}`).join(", ");
  if (!spread.kept) throw new Error(`Without ${gone}, ${pods.length} pods sit ${text}: a skew of ${spread.skew}, above the maxSkew ${constraint.maxSkew} they ask for`);
  return `${pods.length} pods of ${selector.namespace}/${Object.values(selector.matchLabels)[0]} on the nodes left: ${text} (skew ${spread.skew}, maxSkew ${constraint.maxSkew})`;
}

/**
 * Every pod of a workload deleted at once (a person in break-glass, or a crash of them all): the
 * workload's controller, the scheduler and the nodes bring back as many, all new and Ready.
 * Returns the seconds until then.
 */
export async function podsReturn(kube: Kube, breakGlass: Kube, selector: { namespace: string; matchLabels: Record<string, string> }): Promise<{ pods: number; seconds: number }> {
  const matching = async () =>
    (await kube.list("v1", "Pod", selector.namespace)).filter(
      (pod) => !pod.metadata?.deletionTimestamp && hasLabels(pod, selector.matchLabels),
    );
  const before = await matching();
  if (before.length === 0) throw new Error(`No pod matches ${JSON.stringify(selector.matchLabels)} in ${selector.namespace}`);
  const oldUids = new Set(before.map((pod) => pod.metadata?.uid));
  const started = Date.now();
  await Promise.all(before.map((pod) => breakGlass.delete({ apiVersion: "v1", kind: "Pod", name: pod.metadata!.name!, namespace: selector.namespace })));
  await waitFor(`${before.length} new pods of ${JSON.stringify(selector.matchLabels)} Ready`, 120, async () => {
    const now = await matching();
    const fresh = now.filter((pod) => !oldUids.has(pod.metadata?.uid));
    const ready = fresh.filter(isReady);
    return ready.length === before.length && fresh.length === now.length ? true : undefined;
  });
  return { pods: before.length, seconds: (Date.now() - started) / 1000 };
}
