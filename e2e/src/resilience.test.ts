import { describe, expect, it } from "vitest";
import { boundsBroken, formatTimeline, podQuotaUse, podsQuotaAdmits, type Sample, scaleInProblems } from "./autoscaling";
import { quantityValue } from "./quantity";
import { budgetOf, spreadOf } from "./drain";
import { readAutoscalingPromise } from "./fixture";
import { servingPods, sharePerPod } from "./load";

const pod = (name: string, labels: Record<string, string>, extra: { phase?: string; node?: string; deleting?: boolean; namespace?: string } = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: extra.namespace ?? "pioneer-agent", labels, ...(extra.deleting ? { deletionTimestamp: "2026-01-01T00:00:00Z" } : {}) },
  spec: { nodeName: extra.node ?? "" },
  status: { phase: extra.phase ?? "Running" },
});

const promise = {
  namespace: "pioneer-agent",
  deployment: "autoscaled-service",
  minReplicas: 2,
  maxReplicas: 5,
  cpuUtilizationPercent: 60,
  scaleDownStabilizationSeconds: 30,
  cpuRequestMillicores: 200,
};

describe("the fixture's stack config", () => {
  it("is where the committed config file says the bounds, target, window and request are", () => {
    const read = readAutoscalingPromise();
    expect(read.minReplicas).toBeLessThan(read.maxReplicas);
    expect(read.namespace).toBe("pioneer-agent");
    expect(read.deployment).toBe("autoscaled-service");
  });

  it("reads the numbers from the text, converting the CPU request to millicores", () => {
    const text = `config:
  autoscaled-service:autoscaling: {minReplicas: 3, maxReplicas: 7, cpuUtilizationPercent: 50, scaleDownStabilizationSeconds: 45}
  autoscaled-service:resources: {cpuRequest: "1.5"}
`;
    expect(readAutoscalingPromise(text)).toEqual({ ...promise, minReplicas: 3, maxReplicas: 7, cpuUtilizationPercent: 50, scaleDownStabilizationSeconds: 45, cpuRequestMillicores: 1500 });
  });

  it("names every missing or wrong key at once", () => {
    const text = `config:
  autoscaled-service:autoscaling: {minReplicas: 0, maxReplicas: 7, cpuUtilizationPercent: 50}
  autoscaled-service:resources: {cpuRequest: lots}
`;
    expect(() => readAutoscalingPromise(text)).toThrow(
      /autoscaled-service:autoscaling\.minReplicas: .*\n.*autoscaled-service:autoscaling\.scaleDownStabilizationSeconds: .*\n.*autoscaled-service:resources\.cpuRequest: "lots" is not a Kubernetes quantity/,
    );
  });
});

describe("simulated load", () => {
  it("shares the total demand evenly, never below 1m, and none without pods", () => {
    expect(sharePerPod(840, 2)).toBe(420);
    expect(sharePerPod(840, 5)).toBe(168);
    expect(sharePerPod(1, 4)).toBe(1);
    expect(sharePerPod(840, 0)).toBe(0);
  });

  it("loads only the workload's running pods that are not being deleted", () => {
    const selector = { "app.kubernetes.io/name": "autoscaled-service" };
    const pods = [
      pod("a", selector),
      pod("b", selector, { phase: "Pending" }),
      pod("c", selector, { deleting: true }),
      pod("d", { "app.kubernetes.io/name": "pioneer-agent" }),
    ];
    expect(servingPods(pods, selector).map((p) => p.metadata?.name)).toEqual(["a"]);
  });
});

describe("the autoscaler's promises", () => {
  const sample = (seconds: number, desiredReplicas: number | undefined, readyReplicas: number, step: Sample["step"] = "burst"): Sample => ({
    step,
    seconds,
    loadMillicores: 840,
    utilization: 70,
    desiredReplicas,
    readyReplicas,
    heldByWindow: false,
  });

  it("holds when every sample is within minReplicas and maxReplicas", () => {
    expect(boundsBroken([sample(0, 2, 2), sample(30, 5, 4), sample(60, 5, 5)], promise)).toEqual([]);
  });

  it("does not count an autoscaler that has not decided yet as wanting too few pods", () => {
    expect(boundsBroken([sample(0, undefined, 1, "low load"), sample(5, 2, 1, "low load")], promise)).toEqual([]);
  });

  it("leaves out the samples of a person's scale past the quota, which the autoscaler then undoes", () => {
    expect(boundsBroken([sample(10, 5, 9, "past the quota"), sample(25, 5, 5)], promise)).toEqual([]);
  });

  it("names the time and the count of each sample outside the bounds", () => {
    expect(boundsBroken([sample(10, 6, 5), sample(20, 5, 6), sample(30, 1, 2)], promise)).toEqual([
      "at 10 s the autoscaler ran 6 pods, above maxReplicas 5",
      "at 20 s the autoscaler ran 6 pods, above maxReplicas 5",
      "at 30 s the autoscaler wanted 1 pods, below minReplicas 2",
    ]);
  });

  it("prints a timeline of time, load, use, desired and ready pods", () => {
    expect(formatTimeline([sample(5, 2, 2), { ...sample(10, 5, 2), utilization: undefined }, { ...sample(15, 5, 5, "load fell"), heldByWindow: true }])).toEqual([
      "   time   load  use/request  desired  ready  step",
      "    5 s   840m          70%        2      2  burst",
      "   10 s   840m            -        5      2  burst",
      "   15 s   840m          70%        5      5  load fell (held by the window)",
    ]);
  });
});

describe("the scale-in after the load fell", () => {
  // promise: maxReplicas 5, scaleDownStabilizationSeconds 30; the load falls at 100 s, syncs are 15 s apart.
  const at = (seconds: number, desiredReplicas: number, heldByWindow = false): Sample => ({
    step: "load fell",
    seconds,
    loadMillicores: 420,
    utilization: heldByWindow ? 35 : 70,
    desiredReplicas,
    readyReplicas: 5,
    heldByWindow,
  });

  it("accepts a window held from the last recommendation for the peak, up to one sync before the fall", () => {
    // The CI run that removed the first pod 29.5 s after the fall: the peak's last recommendation came 0.5 s before it.
    expect(scaleInProblems([at(101, 5), at(103, 5, true), at(129.5, 4)], 100, promise)).toEqual([]);
    expect(scaleInProblems([at(115, 5, true), at(138.6, 4)], 100, promise)).toEqual([]);
    expect(scaleInProblems([at(105, 5, true), at(115, 2)], 100, promise)).toEqual([]);
  });

  it("ignores the samples before the fall, and a scale-in that has not begun", () => {
    expect(scaleInProblems([at(90, 4), at(110, 5, true)], 100, promise)).toEqual([]);
  });

  it("refuses a pod removed sooner than the window less one sync after the fall", () => {
    expect(scaleInProblems([at(105, 5, true), at(114.5, 4)], 100, promise)).toEqual([
      "the first pod was removed 14.5 s after the load fell: a window of 30 s, counted from the last recommendation for the peak (at most one 15 s sync before the fall), allows 15 s at the earliest",
    ]);
  });

  it("refuses a scale-in that the autoscaler never reported its window holding", () => {
    expect(scaleInProblems([at(101, 5), at(131, 4, true), at(140, 3)], 100, promise)).toEqual([
      "the autoscaler never reported its window holding 5 pods (AbleToScale: ScaleDownStabilized) before it removed the first one",
    ]);
    expect(scaleInProblems([at(101, 5), at(112, 3)], 100, promise)).toEqual([
      "the first pod was removed 12.0 s after the load fell: a window of 30 s, counted from the last recommendation for the peak (at most one 15 s sync before the fall), allows 15 s at the earliest",
      "the autoscaler never reported its window holding 5 pods (AbleToScale: ScaleDownStabilized) before it removed the first one",
    ]);
  });

  it("asks no hold of a window of 0 s", () => {
    expect(scaleInProblems([at(101, 5), at(112, 3)], 100, { ...promise, scaleDownStabilizationSeconds: 0 })).toEqual([]);
  });
});

describe("quota arithmetic", () => {
  it("reads quantities in every suffix a quota or a container uses", () => {
    expect([quantityValue("3"), quantityValue("1.5"), quantityValue("250m"), quantityValue("500u"), quantityValue("2000000n")]).toEqual([3, 1.5, 0.25, 0.0005, 0.002]);
    expect([quantityValue("128Mi"), quantityValue("4Gi"), quantityValue("1k"), quantityValue("2M")]).toEqual([134217728, 4294967296, 1000, 2000000]);
    expect(() => quantityValue("3 cores")).toThrow('"3 cores" is not a Kubernetes quantity');
  });

  it("counts a pod's containers' requests and limits, and the pod itself", () => {
    const template: Parameters<typeof podQuotaUse>[0] = {
      spec: {
        containers: [
          { resources: { requests: { cpu: "200m", memory: "128Mi" }, limits: { cpu: "500m" } } },
          { resources: { requests: { cpu: "50m" } } },
        ],
      },
    };
    expect(podQuotaUse(template)).toEqual({ pods: 1, "requests.cpu": 0.25, "requests.memory": 134217728, "limits.cpu": 0.5 });
  });

  it("finds the quota line that admits the fewest more pods, ignoring lines the pods do not use", () => {
    const quota = (hard: Record<string, string>, used: Record<string, string>) => ({ metadata: { name: "tenant-quota" }, status: { hard, used } });
    const perPod = { pods: 1, "requests.cpu": 0.2, "limits.cpu": 0.5 };
    const hard = { "requests.cpu": "3", "limits.cpu": "6", pods: "20", "services.loadbalancers": "0" };
    expect(podsQuotaAdmits(quota(hard, { "requests.cpu": "1100m", "limits.cpu": "3500m", pods: "6" }), perPod)).toEqual({ line: "limits.cpu", admits: 5 });
    expect(podsQuotaAdmits(quota(hard, { "requests.cpu": "2", "limits.cpu": "1", pods: "6" }), perPod)).toEqual({ line: "requests.cpu", admits: 5 });
    expect(podsQuotaAdmits(quota({ ...hard, pods: "8" }, { pods: "6" }), perPod)).toEqual({ line: "pods", admits: 2 });
    expect(() => podsQuotaAdmits(quota({ "requests.storage": "1Gi" }, {}), perPod)).toThrow("ResourceQuota tenant-quota limits nothing these pods use");
  });
});

describe("drain helpers", () => {
  const budget = (name: string, namespace: string, matchLabels: Record<string, string>) => ({ metadata: { name, namespace }, spec: { maxUnavailable: 1, selector: { matchLabels } } });

  it("finds a pod's budget by namespace and selector, and none for a budget that selects nothing", () => {
    const budgets = [budget("other", "degenquest", { app: "web" }), budget("empty", "pioneer-agent", {}), budget("web", "pioneer-agent", { app: "web" })];
    expect(budgetOf(pod("a", { app: "web", tier: "x" }), budgets)?.metadata?.name).toBe("web");
    expect(budgetOf(pod("b", { app: "api" }), budgets)).toBeUndefined();
  });

  it("counts pods per node left, empty ones included, and compares the skew to maxSkew", () => {
    const pods = [pod("a", {}, { node: "n1" }), pod("b", {}, { node: "n1" }), pod("c", {}, { node: "n2" }), pod("d", {}, { node: "drained" })];
    expect(spreadOf(pods, ["n1", "n2"], 1)).toEqual({ counts: { n1: 2, n2: 1 }, skew: 1, kept: true });
    expect(spreadOf(pods, ["n1", "n2", "n3"], 1)).toEqual({ counts: { n1: 2, n2: 1, n3: 0 }, skew: 2, kept: false });
  });
});
