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
    expect(release.inputs).toMatchObject({
      name: "blackbox-exporter",
      namespace: "monitoring",
      chart: "prometheus-blackbox-exporter",
      version: BLACKBOX_EXPORTER_CHART.version,
      repositoryOpts: { repo: "https://prometheus-community.github.io/helm-charts" },
      atomic: true,
    });
    expect(BLACKBOX_EXPORTER_CHART.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(release.inputs.values).toMatchObject({
      fullnameOverride: "blackbox-exporter",
      replicas: 1,
      automountServiceAccountToken: false,
      podSecurityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } },
      securityContext: {
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
      },
      resources: { requests: { cpu: "25m", memory: "32Mi" }, limits: { cpu: "200m", memory: "64Mi" } },
      podDisruptionBudget: {},
    });
    expect(release.inputs.values.config.modules).toEqual({
      [HTTP_MODULE]: { prober: "http", timeout: "10s", http: { preferred_ip_protocol: "ip4", follow_redirects: true } },
      [HTTPS_MODULE]: { prober: "http", timeout: "10s", http: { preferred_ip_protocol: "ip4", follow_redirects: true, fail_if_not_ssl: true } },
    });
    expect([HTTP_MODULE, HTTPS_MODULE]).toEqual(["http_2xx", "https_2xx"]);
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

  it("creates only the Probes where the cluster already runs the exporter", async () => {
    const runtime = await mockRuntime();
    new BlackboxExporter("blackbox", { namespace: "monitoring", targets: { grafana: "https://grafana.dev.degenquest.gg/api/health" }, installChart: false });
    await runtime.settled();
    expect(runtime.ofType("kubernetes:helm.sh/v3:Release")).toEqual([]);
    expect(runtime.one("kubernetes:monitoring.coreos.com/v1:Probe", "blackbox-probe-grafana").inputs.spec.prober).toEqual({
      url: "blackbox-exporter.monitoring.svc:9115",
      scheme: "http",
    });
  });
});
