/**
 * Simulated load on a Deployment's pods: a total CPU demand shared evenly by the pods that are
 * running, as a load balancer shares requests, and written as kwok's usage annotation, which kwok
 * serves as the kubelet's resource metrics and metrics-server scrapes. More pods means less use each.
 */
import { hasLabels, type Kube, type LiveObject } from "./kube";

export const CPU_USAGE_ANNOTATION = "kwok.x-k8s.io/usage-cpu";

/** Each running pod's share of the total demand, in whole millicores (at least 1). */
export function sharePerPod(totalMillicores: number, runningPods: number): number {
  if (runningPods < 1) return 0;
  return Math.max(1, Math.round(totalMillicores / runningPods));
}

/** The pods of a workload that take traffic: running, not being deleted, matched by its selector. */
export function servingPods(pods: readonly LiveObject[], selector: Readonly<Record<string, string>>): LiveObject[] {
  return pods.filter((pod) => {
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    return !pod.metadata?.deletionTimestamp && phase === "Running" && hasLabels(pod, selector);
  });
}

export class SimulatedLoad {
  private totalMillicores = 0;
  private timer: NodeJS.Timeout | undefined;
  private failure: Error | undefined;

  /** `kube` writes the annotation: the node agent's identity, which reports usage in a real cluster. */
  constructor(
    private readonly kube: Kube,
    private readonly namespace: string,
    private readonly selector: Readonly<Record<string, string>>,
  ) {}

  /** Sets the total demand and spreads it at once; from then on every 2 s as pods come and go. */
  async set(totalMillicores: number): Promise<void> {
    this.totalMillicores = totalMillicores;
    await this.spread();
    this.timer ??= setInterval(() => {
      this.spread().catch((error: Error) => (this.failure = error));
    }, 2000);
  }

  get total(): number {
    return this.totalMillicores;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.failure) throw new Error(`The simulated load could not be spread: ${this.failure.message}`);
  }

  private async spread(): Promise<void> {
    const pods = servingPods(await this.kube.list("v1", "Pod", this.namespace), this.selector);
    const share = `${sharePerPod(this.totalMillicores, pods.length)}m`;
    for (const pod of pods) {
      if (pod.metadata?.annotations?.[CPU_USAGE_ANNOTATION] === share) continue;
      const ref = { apiVersion: "v1", kind: "Pod", name: pod.metadata!.name!, namespace: this.namespace };
      // A pod deleted meanwhile (scale-in) is no failure.
      await this.kube.mergePatch(ref, { metadata: { annotations: { [CPU_USAGE_ANNOTATION]: share } } }).catch(async (error: Error) => {
        if (await this.kube.read(ref)) throw error;
      });
    }
  }
}
