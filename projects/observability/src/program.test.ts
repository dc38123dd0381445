import { resolve } from "node:path";
import { findPulumiProjects, providerComputedOutputs, readStackConfig } from "@platform/offline-plan";
import { clusterBaseExamples } from "@platform/cluster-base-contract/examples";
import type { Environment } from "@platform/config";
import { networkingExamples } from "@platform/networking-contract/examples";
import { mockRuntime, runOnce, upstreamStacks, valueOf, type MockRuntime } from "@platform/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { observabilityProgram } from "./program";

const project = findPulumiProjects(resolve(__dirname, "../../..")).find((p) => p.name === "observability")!;

/**
 * Runs the program for one environment with its committed stack file and upstream stacks; once per
 * environment and file, as the tests only read what it registered.
 */
const runStack = runOnce(async (stack: Environment): Promise<{ runtime: MockRuntime; outputs: Record<string, unknown> }> => {
  const config = readStackConfig(project, stack);
  const runtime = await mockRuntime({
    project: "observability",
    stack,
    config: config.values,
    secretKeys: config.secretKeys,
    stackOutputs: upstreamStacks(stack, [clusterBaseExamples, networkingExamples]),
    computed: providerComputedOutputs,
  });
  const outputs = (await valueOf(observabilityProgram() as never)) as Record<string, unknown>;
  await runtime.settled();
  return { runtime, outputs };
});

// The first run loads the providers' modules: seconds, paid once here rather than by whichever test comes first.
beforeAll(() => runStack("dev"));

const RELEASE = "kubernetes:helm.sh/v3:Release";
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const HTTP_ROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";
const POD_MONITOR = "kubernetes:monitoring.coreos.com/v1:PodMonitor";
const POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const ELASTIC = /^kubernetes:(elasticsearch|kibana|beat)\.k8s\.elastic\.co\//;

/** The HTTPRoute spec that sends a host to a Service through the networking stack's Gateway. */
function gatewayRoute(host: string, service: { name: string; port: number }) {
  return {
    parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "public", namespace: "gateway" }],
    hostnames: [host],
    rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ name: service.name, port: service.port }] }],
  };
}

function prometheusSpec(runtime: MockRuntime) {
  return runtime.ofType(RELEASE).find((release) => release.inputs.chart === "kube-prometheus-stack")!.inputs.values.prometheus.prometheusSpec;
}

describe("observability, local", () => {
  it("runs metrics without Elasticsearch and publishes empty logging endpoints", async () => {
    const { runtime, outputs } = await runStack("local");
    expect(runtime.resources.filter((r) => ELASTIC.test(r.type))).toEqual([]);
    expect(runtime.ofType(RELEASE).map((r) => r.inputs.chart).sort()).toEqual(["kube-prometheus-stack", "prometheus-blackbox-exporter"]);
    expect(outputs).toMatchObject({ kibanaUrl: "", elasticsearchEndpoint: "", grafanaUrl: "https://grafana.localtest.me" });
    expect(prometheusSpec(runtime)).toMatchObject({ retention: "2d", storageSpec: { volumeClaimTemplate: { spec: { storageClassName: "standard" } } } });
    const alertmanagerIngress = runtime.ofType(RELEASE).find((r) => r.inputs.chart === "kube-prometheus-stack")!.inputs.values.alertmanager.ingress;
    expect(alertmanagerIngress).toMatchObject({ annotations: { "cert-manager.io/cluster-issuer": "selfsigned" }, hosts: ["alertmanager.localtest.me"] });
  });
});

describe("observability, e2e (a cluster that already runs prometheus-operator)", () => {
  it("installs no chart and no generated password, yet declares its alerts, scrape configs and dashboard", async () => {
    const { runtime, outputs } = await runStack("e2e");
    expect(runtime.ofType(RELEASE)).toEqual([]);
    expect(runtime.resources.filter((r) => r.type.startsWith("random:"))).toEqual([]);
    expect(runtime.ofType("kubernetes:monitoring.coreos.com/v1:PrometheusRule").map((r) => r.inputs.metadata)).toEqual([
      {
        name: "platform-alerts",
        namespace: "monitoring",
        labels: { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "observability", release: "kube-prometheus-stack" },
      },
    ]);
    expect(runtime.ofType("kubernetes:monitoring.coreos.com/v1:PodMonitor").map((r) => r.inputs.metadata.name).sort()).toEqual([
      "cert-manager",
      "ingress-nginx",
    ]);
    // No Grafana of its own to probe; the dashboard is still there for the cluster's Grafana.
    expect(runtime.ofType("kubernetes:monitoring.coreos.com/v1:Probe")).toEqual([]);
    expect(runtime.one("kubernetes:core/v1:ConfigMap", "monitoring-platform-dashboard").inputs.metadata.name).toBe("platform-overview-dashboard");
    expect(outputs).toMatchObject({
      grafanaUrl: "",
      alertmanagerUrl: "",
      blackboxExporterUrl: "http://blackbox-exporter.monitoring.svc:9115",
    });
  });
});

describe("observability, dev", () => {
  it("keeps a week of metrics and three days of logs on one Elasticsearch node", async () => {
    const { runtime, outputs } = await runStack("dev");
    expect(prometheusSpec(runtime)).toMatchObject({ retention: "7d", replicas: 1 });
    const beat = runtime.one("kubernetes:beat.k8s.elastic.co/v1beta1:Beat");
    expect(beat.inputs.spec.config["setup.ilm.policy_name"]).toBe("logs-3d");
    expect(runtime.one("kubernetes:elasticsearch.k8s.elastic.co/v1:Elasticsearch").inputs.spec.nodeSets[0].count).toBe(1);
    expect(outputs).toMatchObject({
      kibanaUrl: "https://kibana.dev.degenquest.gg",
      elasticsearchEndpoint: "https://logs-es-http.logging.svc:9200",
    });
  });

  it("publishes the contract that apps build against", async () => {
    const { outputs } = await runStack("dev");
    expect(outputs).toEqual({
      namespace: "monitoring",
      monitorLabels: { release: "kube-prometheus-stack" },
      ruleLabels: { release: "kube-prometheus-stack" },
      dashboardLabels: { grafana_dashboard: "1" },
      prometheusNamespace: "monitoring",
      prometheusPodLabels: { "app.kubernetes.io/name": "prometheus", "operator.prometheus.io/name": "monitoring-prometheus" },
      blackboxExporterUrl: "http://blackbox-exporter.monitoring.svc:9115",
      grafanaUrl: "https://grafana.dev.degenquest.gg",
      alertmanagerUrl: "https://alertmanager.dev.degenquest.gg",
      kibanaUrl: "https://kibana.dev.degenquest.gg",
      elasticsearchEndpoint: "https://logs-es-http.logging.svc:9200",
    });
  });

  it("lets Prometheus into both tenants on their metrics ports, and into the ingress controller and cert-manager", async () => {
    const { runtime } = await runStack("dev");
    const policies = runtime.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy");
    expect(policies.map((p) => [p.inputs.metadata.namespace, p.inputs.spec.ingress[0].ports[0].port]).sort()).toEqual([
      ["cert-manager", 9402],
      ["degenquest", 8888],
      ["ingress-nginx", 10254],
      ["pioneer-agent", 3000],
    ]);
  });

  it("publishes Grafana, Alertmanager and Kibana through ingress-nginx alone, and scrapes its controller", async () => {
    const { runtime } = await runStack("dev");
    const values = runtime.ofType(RELEASE).find((r) => r.inputs.chart === "kube-prometheus-stack")!.inputs.values;
    expect(values.grafana.ingress).toMatchObject({ enabled: true, ingressClassName: "nginx", hosts: ["grafana.dev.degenquest.gg"] });
    expect(values.alertmanager.ingress).toMatchObject({
      enabled: true,
      ingressClassName: "nginx",
      annotations: { "cert-manager.io/cluster-issuer": "letsencrypt-staging", "nginx.ingress.kubernetes.io/auth-type": "basic" },
      hosts: ["alertmanager.dev.degenquest.gg"],
    });
    expect(runtime.one(INGRESS, "logging-kibana").inputs.spec).toMatchObject({ ingressClassName: "nginx", rules: [{ host: "kibana.dev.degenquest.gg" }] });
    expect(runtime.ofType(HTTP_ROUTE)).toEqual([]);
    expect(runtime.one(POD_MONITOR, "scrape-ingress-nginx").inputs.spec.podMetricsEndpoints[0].portNumber).toBe(10254);
  });

  it("probes Grafana's public health endpoint", async () => {
    const { runtime } = await runStack("dev");
    const probe = runtime.one("kubernetes:monitoring.coreos.com/v1:Probe");
    expect(probe.inputs.spec.targets.staticConfig.static).toEqual(["https://grafana.dev.degenquest.gg/api/health"]);
  });
});

describe("observability, staging and production", () => {
  it("gives staging two Alertmanagers and fifteen days of metrics", async () => {
    const { runtime } = await runStack("staging");
    const values = runtime.ofType(RELEASE).find((r) => r.inputs.chart === "kube-prometheus-stack")!.inputs.values;
    expect(values.alertmanager.alertmanagerSpec.replicas).toBe(2);
    expect(values.prometheus.prometheusSpec.retention).toBe("15d");
  });

  it("publishes Grafana and Kibana on staging's and production's Gateway alone, with no chart Ingress", async () => {
    for (const [stack, domain] of [
      ["staging", "staging.degenquest.gg"],
      ["production", "degenquest.gg"],
    ] as const) {
      const { runtime } = await runStack(stack);
      const values = runtime.ofType(RELEASE).find((r) => r.inputs.chart === "kube-prometheus-stack")!.inputs.values;
      expect(values.grafana.ingress).toEqual({ enabled: false });
      expect(values.alertmanager.ingress).toEqual({ enabled: false });
      expect(runtime.ofType(INGRESS)).toEqual([]);
      const routes = runtime.ofType(HTTP_ROUTE).map((route) => ({ namespace: route.inputs.metadata.namespace, spec: route.inputs.spec }));
      expect(routes.sort((a, b) => a.namespace.localeCompare(b.namespace))).toEqual([
        { namespace: "logging", spec: gatewayRoute(`kibana.${domain}`, { name: "logs-kb-http", port: 5601 }) },
        { namespace: "monitoring", spec: gatewayRoute(`grafana.${domain}`, { name: "grafana", port: 80 }) },
      ]);
    }
  });

  it("scrapes no ingress-nginx where only the Gateway serves", async () => {
    for (const stack of ["staging", "production"] as const) {
      const { runtime } = await runStack(stack);
      expect(runtime.ofType(POD_MONITOR).map((r) => r.inputs.metadata.name)).toEqual(["cert-manager"]);
      expect(runtime.ofType(POLICY).map((p) => p.inputs.metadata.namespace)).not.toContain("ingress-nginx");
    }
  });

  it("runs production's Prometheus on two spread replicas and Elasticsearch on three nodes keeping 30 days", async () => {
    const { runtime, outputs } = await runStack("production");
    expect(prometheusSpec(runtime)).toMatchObject({ replicas: 2, podAntiAffinity: "soft", retention: "30d" });
    expect(runtime.one("kubernetes:elasticsearch.k8s.elastic.co/v1:Elasticsearch").inputs.spec.nodeSets[0].count).toBe(3);
    expect(runtime.one("kubernetes:beat.k8s.elastic.co/v1beta1:Beat").inputs.spec.config["setup.ilm.policy_name"]).toBe("logs-30d");
    expect(outputs.grafanaUrl).toBe("https://grafana.degenquest.gg");
  });

  it("runs a spare replica of Grafana, the blackbox exporter and the ECK operator in production only", async () => {
    const counts = async (stack: Environment) => {
      const { runtime } = await runStack(stack);
      const values = (chart: string) => runtime.ofType(RELEASE).find((r) => r.inputs.chart === chart)!.inputs.values;
      return [values("kube-prometheus-stack").grafana.replicas, values("prometheus-blackbox-exporter").replicas, values("eck-operator").replicaCount];
    };
    expect(await counts("production")).toEqual([2, 2, 2]);
    expect(await counts("staging")).toEqual([1, 1, 1]);
  });

  it("reaches the cluster through cluster-base's kubeconfig, kept secret", async () => {
    const { runtime } = await runStack("production");
    const provider = runtime.one("pulumi:providers:kubernetes", "cluster");
    expect(provider.secretInputs).toContain("kubeconfig");
  });
});
