/**
 * The platform's autoscaler under simulated load, on the real controller-manager with metrics from
 * metrics-server: scale-out within the bounds the stack config gives, scale-in only after its
 * stabilisation window, and the tenant's quota refusing growth past its limit with the event that
 * says so. Every number asserted comes from the fixture's stack config or the live quota.
 */
import type { AutoscalingPromise } from "./fixture";
import { hasLabels, type Kube, type LiveObject, type ObjectRef, waitFor } from "./kube";
import { SimulatedLoad } from "./load";
import { quantityValue } from "./quantity";

interface HpaStatus {
  /** Undefined until the controller's first sync of the autoscaler. */
  readonly desiredReplicas: number | undefined;
  /** Average use as a share of the request, as the autoscaler last measured it; undefined before it has metrics. */
  readonly utilization: number | undefined;
  /** The autoscaler wants fewer pods, but its scale-down stabilisation window holds them (AbleToScale: ScaleDownStabilized). */
  readonly heldByWindow: boolean;
}

/**
 * kube-controller-manager's --horizontal-pod-autoscaler-sync-period, as control-plane/start.sh sets
 * it (DOKS keeps the upstream default, 15 s too). The autoscaler recommends a size once a sync.
 */
export const AUTOSCALER_SYNC_SECONDS = 15;

/** What the run was doing when a sample was taken. */
export type Step = "low load" | "burst" | "drain at peak" | "past the quota" | "load fell";

export interface Sample {
  readonly step: Step;
  readonly seconds: number;
  readonly loadMillicores: number;
  readonly utilization: number | undefined;
  /** Undefined until the autoscaler's first sync. */
  readonly desiredReplicas: number | undefined;
  readonly readyReplicas: number;
  /** The autoscaler wants fewer pods, but its stabilisation window holds them. */
  readonly heldByWindow: boolean;
}

export interface AutoscalingReport {
  /** The labels that select the workload's pods. */
  readonly selector: Readonly<Record<string, string>>;
  readonly timeline: readonly Sample[];
  readonly scaleOutSeconds: number;
  readonly scaleInSeconds: number;
  readonly quotaRefusal: string;
  readonly lines: readonly string[];
}

/** One line per sample: time, total load, measured use, the autoscaler's wish, Ready pods, step. */
export function formatTimeline(samples: readonly Sample[]): string[] {
  return [
    "   time   load  use/request  desired  ready  step",
    ...samples.map(
      (s) =>
        `${s.seconds.toFixed(0).padStart(5)} s ${`${s.loadMillicores}m`.padStart(6)} ${(s.utilization === undefined ? "-" : `${s.utilization}%`).padStart(12)} ${String(s.desiredReplicas ?? "-").padStart(8)} ${String(s.readyReplicas).padStart(6)}  ${s.step}${s.heldByWindow ? " (held by the window)" : ""}`,
    ),
  ];
}

/**
 * How the scale-in after the load fell (at `fellAt`, on the samples' clock) broke the stabilisation
 * window, if it did; none when it has not started.
 *
 * The controller counts the window from its last recommendation for the peak. That was made at the
 * last sync before it measured the fall, which may be up to one sync period before the load fell.
 * So the first pod may go as early as `window - syncSeconds` after the fall, and no earlier; and
 * until it goes, the autoscaler must say that its window holds the pods it no longer wants.
 */
export function scaleInProblems(samples: readonly Sample[], fellAt: number, promise: AutoscalingPromise, syncSeconds = AUTOSCALER_SYNC_SECONDS): string[] {
  const window = promise.scaleDownStabilizationSeconds;
  const after = samples.filter((s) => s.seconds >= fellAt);
  const firstDrop = after.findIndex((s) => s.desiredReplicas !== undefined && s.desiredReplicas < promise.maxReplicas);
  if (firstDrop < 0) return [];
  const problems: string[] = [];
  const seconds = after[firstDrop]!.seconds - fellAt;
  if (seconds < window - syncSeconds) {
    problems.push(
      `the first pod was removed ${seconds.toFixed(1)} s after the load fell: a window of ${window} s, counted from the last recommendation for the peak (at most one ${syncSeconds} s sync before the fall), allows ${window - syncSeconds} s at the earliest`,
    );
  }
  if (window > 0 && !after.slice(0, firstDrop).some((s) => s.heldByWindow && s.desiredReplicas === promise.maxReplicas)) {
    problems.push(`the autoscaler never reported its window holding ${promise.maxReplicas} pods (AbleToScale: ScaleDownStabilized) before it removed the first one`);
  }
  return problems;
}

/**
 * The promises the samples break: above maxReplicas or below minReplicas at any time, except while
 * a person has scaled the workload by hand past the quota (the autoscaler then takes it back).
 */
export function boundsBroken(samples: readonly Sample[], promise: AutoscalingPromise): string[] {
  return samples.flatMap((s) => {
    if (s.step === "past the quota") return [];
    const running = Math.max(s.desiredReplicas ?? 0, s.readyReplicas);
    if (running > promise.maxReplicas) return [`at ${s.seconds.toFixed(0)} s the autoscaler ran ${running} pods, above maxReplicas ${promise.maxReplicas}`];
    if (s.desiredReplicas !== undefined && s.desiredReplicas < promise.minReplicas) {
      return [`at ${s.seconds.toFixed(0)} s the autoscaler wanted ${s.desiredReplicas} pods, below minReplicas ${promise.minReplicas}`];
    }
    return [];
  });
}

/** What one pod of a template counts against a quota: its containers' requests and limits, and itself. */
export function podQuotaUse(template: { spec?: { containers?: { resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }[] } }): Record<string, number> {
  const use: Record<string, number> = { pods: 1 };
  for (const container of template.spec?.containers ?? []) {
    for (const [kind, values] of [["requests", container.resources?.requests], ["limits", container.resources?.limits]] as const) {
      for (const [resource, quantity] of Object.entries(values ?? {})) {
        use[`${kind}.${resource}`] = (use[`${kind}.${resource}`] ?? 0) + quantityValue(quantity);
      }
    }
  }
  return use;
}

/** How many more such pods the quota admits, by the line of it that admits the fewest. */
export function podsQuotaAdmits(quota: LiveObject, perPod: Readonly<Record<string, number>>): { line: string; admits: number } {
  const status = quota.status as { hard?: Record<string, string>; used?: Record<string, string> } | undefined;
  const lines = Object.entries(status?.hard ?? {})
    .filter(([line]) => (perPod[line] ?? 0) > 0)
    .map(([line, hard]) => ({ line, admits: Math.floor((quantityValue(hard) - quantityValue(status?.used?.[line] ?? "0")) / perPod[line]! + 1e-9) }));
  if (lines.length === 0) throw new Error(`ResourceQuota ${quota.metadata?.name} limits nothing these pods use`);
  return lines.reduce((tightest, line) => (line.admits < tightest.admits ? line : tightest));
}

async function hpaStatus(kube: Kube, ref: ObjectRef): Promise<HpaStatus> {
  const status = (await kube.read(ref))?.status as
    | {
        desiredReplicas?: number;
        currentMetrics?: { resource?: { name: string; current?: { averageUtilization?: number } } }[];
        conditions?: { type: string; reason?: string }[];
      }
    | undefined;
  const cpu = status?.currentMetrics?.find((metric) => metric.resource?.name === "cpu");
  const ableToScale = status?.conditions?.find((condition) => condition.type === "AbleToScale");
  // A new autoscaler's status reads 0 until its first sync; with minReplicas of at least 1 the
  // controller never wants 0 pods, so 0 means "not decided yet".
  return {
    desiredReplicas: status?.desiredReplicas || undefined,
    utilization: cpu?.resource?.current?.averageUtilization,
    heldByWindow: ableToScale?.reason === "ScaleDownStabilized",
  };
}

/** How many of the workload's pods metrics-server reports, through the aggregated metrics.k8s.io. */
async function measuredPods(kube: Kube, namespace: string, selector: Record<string, string>): Promise<number> {
  const metrics = await kube.list("metrics.k8s.io/v1beta1", "PodMetrics", namespace);
  return metrics.filter((pod) => hasLabels(pod, selector)).length;
}

async function readyReplicas(kube: Kube, ref: ObjectRef): Promise<number> {
  return ((await kube.read(ref))?.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0;
}

/**
 * Drives the fixture through low load, a burst past what maxReplicas can serve at the target (with
 * `atPeak` run there), low load again, and a person's scale past the quota, sampling every 5 s.
 *
 * `loadKube` writes the simulated usage; `breakGlass` makes the one out-of-band change (a scale past
 * the quota), as a person in an incident would.
 */
export async function autoscalingUnderLoad(
  kube: Kube,
  loadKube: Kube,
  breakGlass: Kube,
  promise: AutoscalingPromise,
  /** Run at the peak, with maxReplicas pods serving the burst: a node drain. */
  atPeak: (selector: Record<string, string>) => Promise<string[]>,
): Promise<AutoscalingReport> {
  const { namespace, deployment: name, minReplicas, maxReplicas, cpuUtilizationPercent: target, cpuRequestMillicores: request } = promise;
  const hpaRef: ObjectRef = { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", name, namespace };
  const deploymentRef: ObjectRef = { apiVersion: "apps/v1", kind: "Deployment", name, namespace };
  const deploymentObject = await kube.read(deploymentRef);
  if (!deploymentObject) throw new Error(`The fixture's Deployment ${namespace}/${name} does not exist`);
  const selector = (deploymentObject.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;

  const load = new SimulatedLoad(loadKube, namespace, selector);
  const timeline: Sample[] = [];
  const started = Date.now();
  const elapsed = () => (Date.now() - started) / 1000;
  let step: Step = "low load";
  const sample = async (): Promise<Sample> => {
    const status = await hpaStatus(kube, hpaRef);
    const entry: Sample = { step, seconds: elapsed(), loadMillicores: load.total, ...status, readyReplicas: await readyReplicas(kube, deploymentRef) };
    const last = timeline.at(-1);
    const changed =
      !last || last.step !== entry.step || last.desiredReplicas !== entry.desiredReplicas || last.readyReplicas !== entry.readyReplicas || last.heldByWindow !== entry.heldByWindow;
    if (changed || last.seconds + 5 <= entry.seconds) timeline.push(entry);
    return entry;
  };
  const lines: string[] = [];

  try {
    // Low load: half the target on the floor's pods. The autoscaler settles at minReplicas.
    const low = Math.round((minReplicas * request * target) / 100 / 2);
    await load.set(low);
    await waitFor(`the autoscaler of ${namespace}/${name} to measure the low load at ${minReplicas} Ready pods`, 180, async () => {
      const now = await sample();
      return now.utilization !== undefined && now.utilization < target && now.readyReplicas === minReplicas && now.desiredReplicas === minReplicas ? now : undefined;
    });

    // A burst that needs two pods more than maxReplicas at the target: the autoscaler must stop at maxReplicas.
    const burst = Math.round((request * target * (maxReplicas + 2)) / 100);
    step = "burst";
    await load.set(burst);
    const burstAt = Date.now();
    await waitFor(`${namespace}/${name} to scale out to maxReplicas ${maxReplicas} under ${burst}m of load`, 240, async () => {
      const now = await sample();
      return now.readyReplicas === maxReplicas ? now : undefined;
    });
    const scaleOutSeconds = (Date.now() - burstAt) / 1000;
    // Two more syncs at the burst: still maxReplicas, never more.
    const holdUntil = Date.now() + 35_000;
    while (Date.now() < holdUntil) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
    step = "drain at peak";
    const sampling = setInterval(() => void sample().catch(() => undefined), 5000);
    try {
      lines.push(...(await atPeak(selector)));
    } finally {
      clearInterval(sampling);
    }
    await sample();

    // Back to a steady peak: every pod measured at the burst, for a whole stabilisation window, so
    // that nothing but the fall of the load can start the scale-in.
    const window = promise.scaleDownStabilizationSeconds;
    step = "burst";
    await waitFor(`every pod of ${namespace}/${name} measured at the burst`, 120, async () => {
      const now = await sample();
      const measured = await measuredPods(kube, namespace, selector);
      return now.readyReplicas === maxReplicas && measured >= maxReplicas && (now.utilization ?? 0) >= target ? now : undefined;
    });
    const steadyUntil = Date.now() + (window + 15) * 1000;
    while (Date.now() < steadyUntil) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }

    // Load back to low: the stabilisation window holds the pods (scaleInProblems), and the
    // autoscaler ends at minReplicas.
    step = "load fell";
    // The load falls with the first pod's new usage, before the last one is written: the window
    // is measured from there.
    const fellAt = elapsed();
    await load.set(low);
    const firstDrop = await waitFor(`${namespace}/${name} to scale in after ${window} s of low load`, window + 240, async () => {
      const now = await sample();
      return now.desiredReplicas !== undefined && now.desiredReplicas < maxReplicas ? now.seconds - fellAt : undefined;
    });
    const windowBroken = scaleInProblems(timeline, fellAt, promise);
    if (windowBroken.length > 0) {
      throw new Error(`${namespace}/${name} broke its scaleDownStabilizationSeconds (${window} s):\n  - ${windowBroken.join("\n  - ")}\n${formatTimeline(timeline).join("\n")}`);
    }
    await waitFor(`${namespace}/${name} back at minReplicas ${minReplicas}`, 180, async () => {
      const now = await sample();
      return now.readyReplicas === minReplicas && now.desiredReplicas === minReplicas ? now : undefined;
    });
    const scaleInSeconds = elapsed() - fellAt;

    // A person's scale past the quota: refused pod by pod, then taken back by the autoscaler.
    step = "past the quota";
    const quotaRefusal = await quotaRefusesGrowth(kube, breakGlass, promise, deploymentRef, selector);
    await waitFor(`the autoscaler to take ${namespace}/${name} back to minReplicas ${minReplicas}`, 120, async () => {
      const spec = (await kube.read(deploymentRef))?.spec as { replicas?: number } | undefined;
      const now = await sample();
      return spec?.replicas === minReplicas && now.readyReplicas <= minReplicas ? true : undefined;
    });

    const broken = boundsBroken(timeline, promise);
    if (broken.length > 0) throw new Error(`The autoscaler of ${namespace}/${name} broke its bounds:\n  - ${broken.join("\n  - ")}`);
    lines.unshift(
      `${namespace}/${name} (minReplicas ${minReplicas}, maxReplicas ${maxReplicas}, target ${target}% of ${request}m): ` +
        `${minReplicas} -> ${maxReplicas} Ready in ${scaleOutSeconds.toFixed(1)} s under ${burst}m; ` +
        `back to ${minReplicas} ${scaleInSeconds.toFixed(1)} s after the load fell (first pod removed at ${firstDrop.toFixed(1)} s, window ${window} s)`,
      `quota: ${quotaRefusal}`,
    );
    return { selector, timeline, scaleOutSeconds, scaleInSeconds, quotaRefusal, lines };
  } finally {
    load.stop();
  }
}

/**
 * A scale past what the tenant's quota admits (a person's, in break-glass): the ReplicaSet
 * controller's pod creations are refused, and its FailedCreate event names the quota.
 */
async function quotaRefusesGrowth(kube: Kube, breakGlass: Kube, promise: AutoscalingPromise, deploymentRef: ObjectRef, selector: Record<string, string>): Promise<string> {
  const quotas = await kube.list("v1", "ResourceQuota", promise.namespace);
  if (quotas.length === 0) throw new Error(`The tenant namespace ${promise.namespace} has no ResourceQuota`);
  const spec = (await kube.read(deploymentRef))?.spec as { replicas: number; template: Parameters<typeof podQuotaUse>[0] };
  const perPod = podQuotaUse(spec.template);
  const tightest = quotas.map((quota) => ({ quota, ...podsQuotaAdmits(quota, perPod) })).reduce((a, b) => (b.admits < a.admits ? b : a));
  const current = spec.replicas;
  const asked = current + tightest.admits + 1;
  const since = new Date();
  await breakGlass.scale(deploymentRef, asked);
  const event = await waitFor(`a FailedCreate event naming ResourceQuota ${tightest.quota.metadata?.name} after scaling to ${asked}`, 60, async () => {
    const events = await kube.list("v1", "Event", promise.namespace);
    const found = (events as (LiveObject & { reason?: string; message?: string; lastTimestamp?: string; eventTime?: string; involvedObject?: { kind?: string; name?: string } })[]).find(
      (e) =>
        e.reason === "FailedCreate" &&
        e.involvedObject?.kind === "ReplicaSet" &&
        e.involvedObject.name?.startsWith(`${promise.deployment}-`) &&
        new Date(e.lastTimestamp ?? e.eventTime ?? 0).getTime() >= since.getTime() - 1000 &&
        (e.message ?? "").includes(`exceeded quota: ${tightest.quota.metadata?.name}`),
    );
    return found?.message;
  });
  const running = (await kube.list("v1", "Pod", promise.namespace)).filter((pod) =>
    hasLabels(pod, selector) && !pod.metadata?.deletionTimestamp,
  ).length;
  if (running >= asked) throw new Error(`Scaled to ${asked}, ${running} pods exist: the quota refused nothing`);
  return `scaled to ${asked} (the quota's ${tightest.line} admits ${tightest.admits} more): ${running} pods made, the rest refused: ${event}`;
}
