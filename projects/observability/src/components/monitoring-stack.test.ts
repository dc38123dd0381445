import { mockRuntime, valueOf, type MockRuntime } from "@platform/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { KUBE_PROMETHEUS_STACK_CHART } from "./monitoring-values";
import { MonitoringStack, type MonitoringStackArgs } from "./monitoring-stack";
import { OPERATOR_TEMPLATE_SIZE_PATHS } from "./operator-volumes";
import { TEST_EDGES } from "./test-edges";

const args: MonitoringStackArgs = {
  namespace: "monitoring",
  environment: "staging",
  storageClass: "do-block-storage",
  prometheus: { retention: "15d", storageSize: "50Gi", replicas: 1, resources: { cpuRequest: "500m", memoryRequest: "2Gi", cpuLimit: "2", memoryLimit: "4Gi" } },
  alertmanager: { replicas: 2, storageSize: "2Gi", slackChannel: "#alerts-staging" },
  ingress: { baseDomain: "staging.degenquest.gg", edges: TEST_EDGES.ingressNginx, clusterIssuer: "letsencrypt-production" },
};

const SECRET = "kubernetes:core/v1:Secret";
const HTTP_ROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";
const computed = {
  "random:index/randomPassword:RandomPassword": (_inputs: Record<string, unknown>, name: string) => ({
    result: `password-of-${name}`,
    bcryptHash: `$2a$10$hash-of-${name}`,
  }),
};

describe("MonitoringStack", () => {
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime({ stack: "staging", computed });
  });

  it("installs the pinned chart in its namespace and publishes Grafana and Alertmanager under the base domain", async () => {
    const stack = new MonitoringStack("monitoring", args);
    expect(await valueOf(stack.grafanaUrl)).toBe("https://grafana.staging.degenquest.gg");
    expect(await valueOf(stack.alertmanagerUrl)).toBe("https://alertmanager.staging.degenquest.gg");
    await runtime.settled();
    const release = runtime.one("kubernetes:helm.sh/v3:Release");
    expect(release.inputs).toMatchObject({
      name: "kube-prometheus-stack",
      namespace: "monitoring",
      chart: "kube-prometheus-stack",
      version: KUBE_PROMETHEUS_STACK_CHART.version,
      repositoryOpts: { repo: "https://prometheus-community.github.io/helm-charts" },
      atomic: true,
      timeout: 900,
    });
    expect(KUBE_PROMETHEUS_STACK_CHART.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(release.inputs.values.grafana.ingress.hosts).toEqual(["grafana.staging.degenquest.gg"]);
  });

  it("keeps Grafana's generated admin password in a Secret that the chart reads, and out of the chart's values", async () => {
    new MonitoringStack("monitoring", args);
    await runtime.settled();
    const admin = runtime.ofType(SECRET).find((s) => s.inputs.metadata.name === "grafana-admin")!;
    expect(admin.inputs.stringData).toEqual({ "admin-user": "admin", "admin-password": "password-of-monitoring-grafana-admin" });
    expect(admin.secretInputs).toContain("stringData");
    const release = runtime.one("kubernetes:helm.sh/v3:Release");
    expect(release.inputs.values.grafana.admin.existingSecret).toBe("grafana-admin");
    expect(JSON.stringify(release.inputs.values)).not.toContain("password-of");
    expect(runtime.one("random:index/randomPassword:RandomPassword", "monitoring-grafana-admin").inputs).toMatchObject({ length: 32 });
  });

  it("puts Alertmanager behind basic authentication with a bcrypt hash of a generated password", async () => {
    new MonitoringStack("monitoring", args);
    await runtime.settled();
    const auth = runtime.ofType(SECRET).find((s) => s.inputs.metadata.name === "alertmanager-basic-auth")!;
    expect(auth.inputs.stringData.auth).toBe("admin:$2a$10$hash-of-monitoring-alertmanager-auth");
    const ingress = runtime.one("kubernetes:helm.sh/v3:Release").inputs.values.alertmanager.ingress;
    expect(ingress.annotations).toMatchObject({
      "nginx.ingress.kubernetes.io/auth-type": "basic",
      "nginx.ingress.kubernetes.io/auth-secret": "alertmanager-basic-auth",
      "cert-manager.io/cluster-issuer": "letsencrypt-production",
    });
  });

  it("writes alert routing into the Secret Alertmanager is pointed at, with the receivers given as secrets", async () => {
    new MonitoringStack("monitoring", { ...args, slackWebhookUrl: "https://hooks.slack.com/services/T/B/x" });
    await runtime.settled();
    const routing = runtime.ofType(SECRET).find((s) => s.inputs.metadata.name === "alertmanager-config")!;
    const config = JSON.parse(routing.inputs.stringData["alertmanager.yaml"]);
    expect(config.receivers.find((r: { name: string }) => r.name === "tickets").slack_configs[0]).toMatchObject({
      api_url: "https://hooks.slack.com/services/T/B/x",
      channel: "#alerts-staging",
    });
    expect(runtime.one("kubernetes:helm.sh/v3:Release").inputs.values.alertmanager.alertmanagerSpec.configSecret).toBe("alertmanager-config");
  });

  it("ships the platform overview dashboard in a ConfigMap that Grafana's sidecar loads", async () => {
    new MonitoringStack("monitoring", args);
    await runtime.settled();
    const dashboard = runtime.one("kubernetes:core/v1:ConfigMap");
    expect(dashboard.inputs.metadata).toMatchObject({ namespace: "monitoring", labels: { grafana_dashboard: "1" } });
    expect(Object.keys(dashboard.inputs.data)).toEqual(["platform-overview.json"]);
  });

  it("creates its namespace allowing node-exporter's host access while warning on anything below restricted", async () => {
    new MonitoringStack("monitoring", args);
    await runtime.settled();
    expect(runtime.one("kubernetes:core/v1:Namespace").inputs.metadata).toMatchObject({
      name: "monitoring",
      labels: { "pod-security.kubernetes.io/enforce": "privileged", "pod-security.kubernetes.io/warn": "restricted" },
    });
  });

  it("passes the chart disruption budgets sized by each component's replicas", async () => {
    new MonitoringStack("monitoring", args);
    await runtime.settled();
    const { values } = runtime.one("kubernetes:helm.sh/v3:Release").inputs;
    expect(values.prometheus.podDisruptionBudget).toEqual({ enabled: false, minAvailable: 0 });
    expect(values.alertmanager.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1 });
  });

  it("declares each Prometheus and Alertmanager claim under the operator's name, so a bigger size grows it in place", async () => {
    new MonitoringStack("monitoring", args);
    await runtime.settled();
    const claims = runtime.ofType("kubernetes:core/v1:PersistentVolumeClaim").map((claim) => ({ name: claim.inputs.metadata.name, spec: claim.inputs.spec }));
    const spec = (storage: string) => ({ accessModes: ["ReadWriteOnce"], storageClassName: "do-block-storage", resources: { requests: { storage } } });
    expect(claims).toEqual([
      { name: "prometheus-monitoring-prometheus-db-prometheus-monitoring-prometheus-0", spec: spec("50Gi") },
      { name: "alertmanager-monitoring-alertmanager-db-alertmanager-monitoring-alertmanager-0", spec: spec("2Gi") },
      { name: "alertmanager-monitoring-alertmanager-db-alertmanager-monitoring-alertmanager-1", spec: spec("2Gi") },
    ]);
    for (const claim of runtime.ofType("kubernetes:core/v1:PersistentVolumeClaim")) {
      expect(claim.inputs.metadata.namespace).toBe("monitoring");
      expect(claim.inputs.metadata.annotations).toEqual({ "pulumi.com/patchForce": "true", "pulumi.com/skipAwait": "true" });
    }
    // The chart still gets the size for a first install, at the paths the Release then ignores.
    const release = runtime.one("kubernetes:helm.sh/v3:Release").inputs;
    const at = (path: string) => path.split(".").reduce<any>((value, key) => value?.[key], release); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(OPERATOR_TEMPLATE_SIZE_PATHS.map(at)).toEqual(["50Gi", "2Gi"]);
  });

  it("installs no chart and publishes no URL where the cluster already runs prometheus-operator", async () => {
    const stack = new MonitoringStack("monitoring", { ...args, installChart: false });
    expect(await valueOf(stack.grafanaUrl)).toBe("");
    expect(await valueOf(stack.alertmanagerUrl)).toBe("");
    await runtime.settled();
    expect(stack.release).toBeUndefined();
    expect(runtime.ofType("kubernetes:helm.sh/v3:Release")).toEqual([]);
    expect(runtime.ofType(SECRET)).toEqual([]);
    expect(runtime.ofType("kubernetes:core/v1:PersistentVolumeClaim")).toEqual([]);
    expect(runtime.one("kubernetes:core/v1:ConfigMap").inputs.metadata.name).toBe("platform-overview-dashboard");
  });
});

describe("MonitoringStack on each public edge", () => {
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime({ stack: "staging", computed });
  });

  const chartValues = () => runtime.one("kubernetes:helm.sh/v3:Release").inputs.values;
  const grafanaRouteSpec = {
    parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "public", namespace: "gateway" }],
    hostnames: ["grafana.staging.degenquest.gg"],
    rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ name: "grafana", port: 80 }] }],
  };

  it("publishes Grafana and Alertmanager through the chart's Ingresses, and no HTTPRoute, where only ingress-nginx serves", async () => {
    new MonitoringStack("monitoring", { ...args, grafanaReplicas: 2 });
    await runtime.settled();
    expect(runtime.ofType(HTTP_ROUTE)).toEqual([]);
    const values = chartValues();
    expect(values.grafana.ingress).toEqual({
      enabled: true,
      ingressClassName: "nginx",
      annotations: {
        "cert-manager.io/cluster-issuer": "letsencrypt-production",
        "nginx.ingress.kubernetes.io/affinity": "cookie",
        "nginx.ingress.kubernetes.io/session-cookie-name": "grafana-replica",
      },
      hosts: ["grafana.staging.degenquest.gg"],
      path: "/",
      tls: [{ secretName: "grafana-tls", hosts: ["grafana.staging.degenquest.gg"] }],
    });
    expect(values.alertmanager.ingress).toEqual({
      enabled: true,
      ingressClassName: "nginx",
      annotations: {
        "cert-manager.io/cluster-issuer": "letsencrypt-production",
        "nginx.ingress.kubernetes.io/auth-type": "basic",
        "nginx.ingress.kubernetes.io/auth-secret": "alertmanager-basic-auth",
        "nginx.ingress.kubernetes.io/auth-realm": "Alertmanager",
      },
      hosts: ["alertmanager.staging.degenquest.gg"],
      paths: ["/"],
      pathType: "Prefix",
      tls: [{ secretName: "alertmanager-tls", hosts: ["alertmanager.staging.degenquest.gg"] }],
    });
  });

  it("routes Grafana's host to its Service on the Gateway, with no chart Ingress, where only the gateway edge serves", async () => {
    const stack = new MonitoringStack("monitoring", { ...args, ingress: { ...args.ingress, edges: TEST_EDGES.gateway } });
    expect(await valueOf(stack.grafanaUrl)).toBe("https://grafana.staging.degenquest.gg");
    await runtime.settled();
    const values = chartValues();
    expect(values.grafana.ingress).toEqual({ enabled: false });
    expect(values.alertmanager.ingress).toEqual({ enabled: false });
    const route = runtime.one(HTTP_ROUTE, "monitoring-grafana-route");
    expect(route.inputs.metadata).toEqual({
      name: "grafana",
      namespace: "monitoring",
      labels: { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "observability" },
    });
    expect(route.inputs.spec).toEqual(grafanaRouteSpec);
  });

  it("leaves Alertmanager off the Gateway, which cannot ask for its basic-auth password as ingress-nginx does", async () => {
    const stack = new MonitoringStack("monitoring", { ...args, ingress: { ...args.ingress, edges: TEST_EDGES.gateway } });
    await runtime.settled();
    const hosts = runtime.ofType(HTTP_ROUTE).flatMap((route) => route.inputs.spec.hostnames);
    expect(hosts).toEqual(["grafana.staging.degenquest.gg"]);
    // So it publishes no URL that nothing would answer.
    expect(await valueOf(stack.alertmanagerUrl)).toBe("");
    // Grafana keeps the chart's Alertmanager data source, through which its users see alerts and silences.
    expect(chartValues().grafana.sidecar.datasources).not.toHaveProperty("alertmanager");
  });

  it("publishes on both edges while both serve the same hosts", async () => {
    new MonitoringStack("monitoring", { ...args, ingress: { ...args.ingress, edges: TEST_EDGES.both } });
    await runtime.settled();
    const values = chartValues();
    expect(values.grafana.ingress).toMatchObject({ enabled: true, ingressClassName: "nginx", hosts: ["grafana.staging.degenquest.gg"] });
    expect(values.alertmanager.ingress).toMatchObject({ enabled: true, ingressClassName: "nginx", hosts: ["alertmanager.staging.degenquest.gg"] });
    expect(runtime.one(HTTP_ROUTE, "monitoring-grafana-route").inputs.spec).toEqual(grafanaRouteSpec);
  });
});
