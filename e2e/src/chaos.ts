/**
 * The resilience tests on a deployed e2e platform (`npm run chaos`, and a phase of `npm run e2e`):
 * the autoscaler under simulated load with a node drained at the peak, the tenant's quota refusing
 * growth, every pod of a service deleted at once, and a node lost under the single-writer game server. Each step asserts what the platform
 * promises, from the stack config and the live objects, and the report gives the figures.
 */
import { join } from "node:path";
import { actors } from "./admission";
import { autoscalingUnderLoad, formatTimeline } from "./autoscaling";
import { nodeDisruption } from "./disruption";
import { drainNode, podsReturn, spreadKept } from "./drain";
import { readAutoscalingPromise } from "./fixture";
import { hasLabels, Kube } from "./kube";

/** The kubeconfigs of a control plane started by control-plane/start.sh. */
export interface ControlPlaneAccess {
  /** The cluster admin. */
  readonly kubeconfig: string;
  /** A person with a cluster admin's rights, who acts in break-glass. */
  readonly personKubeconfig: string;
  /** kwok, the node agent: it writes the simulated usage. */
  readonly kwokKubeconfig: string;
}

export function controlPlaneAccess(stateDir: string): ControlPlaneAccess {
  return {
    kubeconfig: join(stateDir, "kubeconfig"),
    personKubeconfig: join(stateDir, "kubeconfigs", "person"),
    kwokKubeconfig: join(stateDir, "kubeconfigs", "kwok"),
  };
}

export interface ChaosReport {
  readonly lines: readonly string[];
  readonly figures: readonly string[];
}

export async function runChaos(access: ControlPlaneAccess): Promise<ChaosReport> {
  const kube = new Kube(access.kubeconfig);
  const who = actors(access.personKubeconfig);
  const promise = readAutoscalingPromise();
  const lines: string[] = [];
  const figures: string[] = [];

  // At the peak, the node with the most of the fixture's pods is drained: its budget refuses the
  // evictions that would take it below its promise until the replacements are Ready.
  const drainAtPeak = async (matchLabels: Record<string, string>): Promise<string[]> => {
    const pods = (await kube.list("v1", "Pod", promise.namespace)).filter((pod) => hasLabels(pod, matchLabels));
    const perNode = new Map<string, number>();
    for (const pod of pods) {
      const node = (pod.spec as { nodeName?: string }).nodeName ?? "";
      perNode.set(node, (perNode.get(node) ?? 0) + 1);
    }
    const [busiest] = [...perNode].sort((a, b) => b[1] - a[1])[0] ?? [];
    if (!busiest) throw new Error(`${promise.namespace}/${promise.deployment} runs no pods at its peak`);
    const drain = await drainNode(kube, busiest, { namespace: promise.namespace, matchLabels });
    for (const budget of drain.budgets) figures.push(`drain at peak: ${budget.budget} (${budget.promise}) refused ${budget.refused} eviction(s), evicted ${budget.evicted}`);
    figures.push(`drain of ${drain.node} at peak: ${drain.seconds.toFixed(1)} s`);
    return [...drain.lines];
  };

  const scaling = await autoscalingUnderLoad(kube, new Kube(access.kwokKubeconfig), who.breakGlass, promise, drainAtPeak);
  lines.push(...scaling.lines, "timeline:", ...formatTimeline(scaling.timeline).map((line) => `  ${line}`));
  figures.push(
    `autoscaler: ${promise.minReplicas} -> ${promise.maxReplicas} in ${scaling.scaleOutSeconds.toFixed(1)} s, back to ${promise.minReplicas} ` +
      `${scaling.scaleInSeconds.toFixed(1)} s after the load fell (window ${promise.scaleDownStabilizationSeconds} s)`,
  );

  const selector = { namespace: promise.namespace, matchLabels: scaling.selector };
  const returned = await podsReturn(kube, who.breakGlass, selector);
  lines.push(`all ${returned.pods} pods of ${promise.namespace}/${promise.deployment} deleted at once: as many new ones Ready after ${returned.seconds.toFixed(1)} s`);
  figures.push(`pods deleted at once: ${returned.pods} replaced and Ready in ${returned.seconds.toFixed(1)} s`);

  // The autoscaled service's pods on the lost node come back on the others, spread as they ask.
  const lost = await nodeDisruption(kube, "degenquest", "degen-server", (lostNode) => spreadKept(kube, lostNode, selector, 180));
  lines.push(...lost.lines);
  figures.push(
    `game server without a pod: ${lost.evictionDowntime.toFixed(1)} s on a drain, ${lost.nodeLossDowntime.toFixed(1)} s on a node loss; ` +
      `evictions refused by its budget: ${lost.refusedEvictions}`,
  );
  return { lines, figures };
}
