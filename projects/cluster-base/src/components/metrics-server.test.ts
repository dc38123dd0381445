import { mockRuntime, type MockRuntime } from "@platform/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { METRICS_SERVER_CHART, MetricsServer } from "./metrics-server";

const RELEASE = "kubernetes:helm.sh/v3:Release";

describe("MetricsServer", () => {
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime();
  });

  it("installs the pinned chart into kube-system with one replica, secure and bounded, by default", async () => {
    new MetricsServer("metrics-server", {});
    await runtime.settled();
    const { inputs } = runtime.one(RELEASE);
    expect(inputs).toMatchObject({
      name: "metrics-server",
      namespace: "kube-system",
      chart: "metrics-server",
      version: METRICS_SERVER_CHART.version,
      repositoryOpts: { repo: "https://kubernetes-sigs.github.io/metrics-server/" },
      atomic: true,
    });
    expect(METRICS_SERVER_CHART.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(inputs.values).toEqual({
      replicas: 1,
      args: [],
      resources: { requests: { cpu: "100m", memory: "200Mi" }, limits: { memory: "400Mi" } },
      podDisruptionBudget: { enabled: false, minAvailable: 1 },
      securityContext: {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        runAsUser: 1000,
        seccompProfile: { type: "RuntimeDefault" },
        capabilities: { drop: ["ALL"] },
      },
    });
  });

  it("adds a disruption budget when it runs more than one replica", async () => {
    new MetricsServer("metrics-server", { replicas: 2 });
    await runtime.settled();
    expect(runtime.one(RELEASE).inputs.values.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1 });
  });

  it("skips kubelet certificate checks only when told to, for clusters that sign their own", async () => {
    new MetricsServer("metrics-server", { insecureKubeletTls: true });
    await runtime.settled();
    expect(runtime.one(RELEASE).inputs.values.args).toEqual(["--kubelet-insecure-tls"]);
  });
});
