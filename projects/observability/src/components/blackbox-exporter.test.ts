import { mockRuntime, valueOf } from "@platform/testing";
import { describe, expect, it } from "vitest";
import { BLACKBOX_EXPORTER_CHART, BlackboxExporter, HTTP_MODULE, HTTPS_MODULE } from "./blackbox-exporter";

describe("BlackboxExporter", () => {
  it("installs the pinned chart, non-root with requests and limits, and publishes its prober address", async () => {
    const runtime = await mockRuntime();
    const exporter = new BlackboxExporter("blackbox", { namespace: "monitoring", targets: {} });
    expect(await valueOf(exporter.url)).toBe("http://blackbox-exporter.monitoring.svc:9115");
    await runtime.settled();
    const release = runtime.one("kubernetes:helm.sh/v3:Release");
    expect(release.inputs).toMatchObject({ chart: BLACKBOX_EXPORTER_CHART.chart, version: BLACKBOX_EXPORTER_CHART.version });
    expect(release.inputs.values).toMatchObject({
      fullnameOverride: "blackbox-exporter",
      replicas: 1,
      podSecurityContext: { runAsNonRoot: true },
      securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
      resources: { requests: { cpu: "25m", memory: "32Mi" }, limits: { cpu: "200m", memory: "64Mi" } },
    });
    expect(release.inputs.values.config.modules[HTTPS_MODULE].http.fail_if_not_ssl).toBe(true);
    expect(release.inputs.values.config.modules[HTTP_MODULE].http).not.toHaveProperty("fail_if_not_ssl");
  });

  it("probes each public endpoint over HTTPS through the exporter, with the labels Prometheus selects probes by", async () => {
    const runtime = await mockRuntime();
    new BlackboxExporter("blackbox", { namespace: "monitoring", targets: { grafana: "https://grafana.dev.degenquest.gg/api/health" } });
    await runtime.settled();
    const probe = runtime.one("kubernetes:monitoring.coreos.com/v1:Probe", "blackbox-probe-grafana");
    expect(probe.inputs.metadata.labels).toMatchObject({ release: "kube-prometheus-stack" });
    expect(probe.inputs.spec).toEqual({
      jobName: "probe-grafana",
      interval: "60s",
      module: "https_2xx",
      prober: { url: "blackbox-exporter.monitoring.svc:9115", scheme: "http" },
      targets: { staticConfig: { static: ["https://grafana.dev.degenquest.gg/api/health"] } },
    });
  });

  it("adds a disruption budget only when there is a replica to spare", async () => {
    const runtime = await mockRuntime();
    new BlackboxExporter("blackbox", { namespace: "monitoring", targets: {}, replicas: 2 });
    await runtime.settled();
    expect(runtime.one("kubernetes:helm.sh/v3:Release").inputs.values.podDisruptionBudget).toEqual({ maxUnavailable: 1 });
  });
});
