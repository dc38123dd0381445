import * as pulumi from "@pulumi/pulumi";
import { isSecret, mockRuntime, valueOf, type MockRuntime } from "@platform/testing";
import { beforeEach, describe, expect, it } from "vitest";
import type { PlatformServiceArgs } from "./args";
import { PlatformService } from "./service";
import { ServiceArgsError } from "./validate";
import { TEST_CONTRACTS, testContracts, testPlatform } from "./test-platform";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const STATEFULSET = "kubernetes:apps/v1:StatefulSet";
const SERVICE = "kubernetes:core/v1:Service";
const HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";
const POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const MONITOR = "kubernetes:monitoring.coreos.com/v1:ServiceMonitor";
const PROBE = "kubernetes:monitoring.coreos.com/v1:Probe";
const RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";

const minimal = (overrides: Partial<PlatformServiceArgs> = {}): PlatformServiceArgs => ({
  platform: testPlatform("dev"),
  image: { repository: "degen-server", tag: SHA },
  ports: [{ name: "http", port: 8888 }],
  health: { port: "http", path: "/health" },
  ...overrides,
});

/** The one container of a workload's pod template. */
const containerOf = (workload: { inputs: Record<string, any> }) => workload.inputs.spec.template.spec.containers[0]; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("PlatformService", () => {
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime({ stack: "dev" });
  });

  it("applies every documented default", async () => {
    const service = new PlatformService("degen-server", minimal());
    await runtime.settled();
    const deployment = runtime.one(DEPLOYMENT, "degen-server-deployment");
    const container = containerOf(deployment);
    const pod = deployment.inputs.spec.template.spec;
    expect(deployment.inputs.spec.replicas).toBe(2);
    expect(container.resources).toEqual({ requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } });
    expect(container.startupProbe.failureThreshold * container.startupProbe.periodSeconds).toBe(120);
    expect(container.volumeMounts).toEqual([{ name: "scratch-0", mountPath: "/tmp" }]);
    expect(pod.volumes).toEqual([{ name: "scratch-0", emptyDir: {} }]);
    expect(pod.securityContext).toMatchObject({ runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001 });
    expect(container.ports).toEqual([{ name: "http", containerPort: 8888, protocol: "TCP" }]);
    expect(container.command).toBeUndefined();
    expect(container.args).toBeUndefined();
    expect(container.envFrom).toBeUndefined();
    expect(container.env).toBeUndefined();
    for (const absent of [HPA, INGRESS, MONITOR, PROBE, RULE, STATEFULSET]) expect(runtime.ofType(absent), absent).toHaveLength(0);
    expect(runtime.ofType(SERVICE).map((s) => s.inputs.spec.type)).toEqual(["ClusterIP"]);
    expect(runtime.one(POLICY).inputs.spec.egress).toHaveLength(1);
    expect(await valueOf(service.url)).toBe("");

    new PlatformService(
      "pioneer",
      minimal({
        ports: [
          { name: "http", port: 3000 },
          { name: "metrics", port: 9100 },
        ],
        ingress: { port: "http" },
        metrics: { port: "metrics" },
        autoscaling: { maxReplicas: 4 },
        volumes: [{ name: "data", mountPath: "/data", sizeGiB: 10, accessMode: "ReadWriteMany" }],
      }),
    );
    await runtime.settled();
    const ingress = runtime.one(INGRESS, "pioneer-ingress");
    expect(ingress.inputs.spec.rules[0].host).toBe("pioneer.dev.degenquest.gg");
    expect(ingress.inputs.spec.rules[0].http.paths[0].path).toBe("/");
    expect(ingress.inputs.metadata.annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]).toBe("60");
    expect(runtime.one(MONITOR, "pioneer-service-monitor").inputs.spec.endpoints[0]).toMatchObject({ path: "/metrics", interval: "30s" });
    expect(runtime.one(RULE, "pioneer-availability-slo").inputs.spec.groups.flatMap((g: { rules: unknown[] }) => g.rules)).toContainEqual(
      expect.objectContaining({ expr: expect.stringContaining("(1 - 0.999)") }),
    );
    expect(runtime.one(HPA, "pioneer-autoscaler").inputs.spec).toMatchObject({ minReplicas: 2, maxReplicas: 4 });
    expect(runtime.one(HPA, "pioneer-autoscaler").inputs.spec.metrics[0].resource.target.averageUtilization).toBe(70);
    expect(runtime.one(HPA, "pioneer-autoscaler").inputs.spec.behavior).toEqual({ scaleDown: { stabilizationWindowSeconds: 300 } });
    expect(runtime.one(STATEFULSET, "pioneer-statefulset").inputs.spec.volumeClaimTemplates[0].spec.accessModes).toEqual(["ReadWriteMany"]);

    new PlatformService("store", minimal({ replicas: 1, volumes: [{ name: "data", mountPath: "/data", sizeGiB: 1 }] }));
    await runtime.settled();
    expect(runtime.one(STATEFULSET, "store-statefulset").inputs.spec.volumeClaimTemplates[0].spec.accessModes).toEqual(["ReadWriteOnce"]);
    expect(runtime.one(STATEFULSET, "store-statefulset").inputs.metadata.labels).toEqual({
      "app.kubernetes.io/name": "store",
      "app.kubernetes.io/instance": "store",
      "app.kubernetes.io/part-of": "degenquest",
      "app.kubernetes.io/managed-by": "pulumi",
    });
  });

  it("locks the pod down: non-root, no privilege escalation, no capabilities, read-only root, RuntimeDefault seccomp, no token", async () => {
    new PlatformService("degen-server", minimal());
    await runtime.settled();
    const deployment = runtime.one(DEPLOYMENT);
    const pod = deployment.inputs.spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    expect(containerOf(deployment).securityContext).toEqual({
      runAsNonRoot: true,
      privileged: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    const account = runtime.one("kubernetes:core/v1:ServiceAccount");
    expect(account.inputs.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe(account.inputs.metadata.name);
  });

  it("pulls from the platform registry with the tenant's pull secret, and rolls out without dropping below the desired count", async () => {
    new PlatformService("degen-server", minimal());
    await runtime.settled();
    const deployment = runtime.one(DEPLOYMENT);
    expect(containerOf(deployment).image).toBe(`registry.digitalocean.com/pioneer/degen-server:${SHA}`);
    expect(deployment.inputs.spec.template.spec.imagePullSecrets).toEqual([{ name: "registry-pull" }]);
    expect(deployment.inputs.metadata.namespace).toBe("degenquest");
    expect(deployment.inputs.spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
  });

  it("probes the declared health port and path for startup, readiness and liveness", async () => {
    new PlatformService("degen-server", minimal({ health: { port: "http", path: "/health", startupSeconds: 30 } }));
    await runtime.settled();
    const container = containerOf(runtime.one(DEPLOYMENT));
    for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) {
      expect(container[probe].httpGet, probe).toEqual({ path: "/health", port: "http" });
    }
    expect(container.startupProbe.failureThreshold).toBe(6);
  });

  it("checks a TCP connection where the health check has no path", async () => {
    new PlatformService("degen-server", minimal({ health: { port: "http" } }));
    await runtime.settled();
    expect(containerOf(runtime.one(DEPLOYMENT)).readinessProbe.tcpSocket).toEqual({ port: "http" });
  });

  it("links every selector to the pods' labels and every port by name", async () => {
    new PlatformService(
      "degen-server",
      minimal({
        ports: [
          { name: "http", port: 8888 },
          { name: "metrics", port: 9464 },
        ],
        ingress: { port: "http" },
        metrics: { port: "metrics" },
      }),
    );
    await runtime.settled();
    const deployment = runtime.one(DEPLOYMENT);
    const podLabels = deployment.inputs.spec.template.metadata.labels;
    const service = runtime.one(SERVICE, "degen-server-service");
    const selectors = {
      deployment: deployment.inputs.spec.selector.matchLabels,
      service: service.inputs.spec.selector,
      disruptionBudget: runtime.one(PDB).inputs.spec.selector.matchLabels,
      networkPolicy: runtime.one(POLICY).inputs.spec.podSelector.matchLabels,
    };
    for (const [what, selector] of Object.entries(selectors)) {
      expect(Object.keys(selector).length, what).toBeGreaterThan(0);
      expect(podLabels, what).toMatchObject(selector);
    }
    const monitor = runtime.one(MONITOR);
    expect(service.inputs.metadata.labels).toMatchObject(monitor.inputs.spec.selector.matchLabels);
    expect(monitor.inputs.spec.endpoints[0].port).toBe("metrics");
    expect(monitor.inputs.metadata.labels).toMatchObject(TEST_CONTRACTS.observability.monitorLabels);

    const containerPorts = containerOf(deployment).ports.map((port: { name: string }) => port.name);
    expect(service.inputs.spec.ports).toEqual([
      { name: "http", port: 8888, targetPort: "http", protocol: "TCP" },
      { name: "metrics", port: 9464, targetPort: "metrics", protocol: "TCP" },
    ]);
    for (const port of service.inputs.spec.ports) expect(containerPorts).toContain(port.targetPort);
    const backend = runtime.one(INGRESS).inputs.spec.rules[0].http.paths[0].backend.service;
    expect(backend).toEqual({ name: service.inputs.metadata.name, port: { name: "http" } });
  });

  it("serves HTTPS at a host under the networking stack's domain, with the environment's issuer and class", async () => {
    const service = new PlatformService("degen-server", minimal({ ingress: { port: "http" } }));
    expect(await valueOf(service.url)).toBe("https://degen-server.dev.degenquest.gg");
    await runtime.settled();
    const ingress = runtime.one(INGRESS);
    expect(ingress.inputs.metadata.annotations["cert-manager.io/cluster-issuer"]).toBe("letsencrypt-staging");
    expect(ingress.inputs.spec.ingressClassName).toBe("nginx");
    expect(ingress.inputs.spec.tls).toEqual([{ hosts: ["degen-server.dev.degenquest.gg"], secretName: "degen-server-tls" }]);
  });

  it("serves a chosen subdomain, with WebSocket-friendly timeouts where asked", async () => {
    const service = new PlatformService("degen-server", minimal({ ingress: { port: "http", subdomain: "play", idleTimeoutSeconds: 3600 } }));
    expect(await valueOf(service.host)).toBe("play.dev.degenquest.gg");
    await runtime.settled();
    expect(runtime.one(INGRESS).inputs.metadata.annotations).toMatchObject({
      "nginx.ingress.kubernetes.io/proxy-read-timeout": "3600",
      "nginx.ingress.kubernetes.io/proxy-send-timeout": "3600",
    });
  });

  it("probes the public health URL through the blackbox exporter and measures the SLO on the Ingress", async () => {
    new PlatformService("degen-server", minimal({ ingress: { port: "http", host: "play.degenquest.gg" }, sloObjective: 0.995 }));
    await runtime.settled();
    const probe = runtime.one(PROBE);
    expect(probe.inputs.spec.prober).toEqual({ url: "blackbox-exporter.monitoring.svc:9115", scheme: "http", path: "/probe" });
    expect(probe.inputs.spec.targets.staticConfig.static).toEqual(["https://play.degenquest.gg/health"]);
    const rule = runtime.one(RULE);
    expect(rule.inputs.metadata.labels).toMatchObject(TEST_CONTRACTS.observability.ruleLabels);
    const alerts = rule.inputs.spec.groups.flatMap((group: { rules: { alert?: string }[] }) => group.rules.filter((r) => r.alert));
    // The four multi-window burn-rate alerts of the SRE workbook: two page, two open a ticket.
    expect(alerts.map((alert: { labels: { burn_rate: string; severity: string } }) => `${alert.labels.burn_rate}:${alert.labels.severity}`)).toEqual([
      "14.4:page",
      "6:page",
      "3:ticket",
      "1:ticket",
    ]);
    for (const alert of alerts) {
      expect(alert.labels).toMatchObject({ namespace: "degenquest", ingress: "degen-server" });
      expect(alert.expr).toContain("(1 - 0.995)");
    }
  });

  it("ships the application dashboard for Grafana's sidecar, scoped to the service's namespace", async () => {
    new PlatformService("degen-server", minimal());
    await runtime.settled();
    const configMap = runtime.one("kubernetes:core/v1:ConfigMap", "degen-server-dashboard");
    expect(configMap.inputs.metadata).toMatchObject({ namespace: "degenquest", labels: TEST_CONTRACTS.observability.dashboardLabels });
    const [file, json] = Object.entries(configMap.inputs.data as Record<string, string>)[0]!;
    expect(file).toBe("app-degen-server.json");
    expect(json).toContain('namespace=\\"degenquest\\"');
  });

  it("keeps the autoscaler and the disruption budget in agreement, leaving the replica count to the autoscaler", async () => {
    new PlatformService(
      "degen-server",
      minimal({ autoscaling: { minReplicas: 2, maxReplicas: 6, cpuUtilizationPercent: 60, scaleDownStabilizationSeconds: 45 } }),
    );
    await runtime.settled();
    const deployment = runtime.one(DEPLOYMENT);
    const hpa = runtime.one(HPA).inputs.spec;
    expect(hpa.behavior.scaleDown.stabilizationWindowSeconds).toBe(45);
    const pdb = runtime.one(PDB).inputs.spec;
    expect(deployment.inputs.spec.replicas).toBeUndefined();
    expect(hpa.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: deployment.inputs.metadata.name });
    expect(pdb.maxUnavailable).toBe(1);
    expect(pdb.minAvailable).toBeUndefined();
    // At the autoscaler's floor, one eviction still leaves a serving pod.
    expect(hpa.minReplicas - pdb.maxUnavailable).toBeGreaterThanOrEqual(1);
    expect(pdb.unhealthyPodEvictionPolicy).toBe("AlwaysAllow");
  });

  it("lets in only the ingress controller and Prometheus on their ports, and lets out only DNS and declared destinations", async () => {
    new PlatformService(
      "degen-server",
      minimal({
        ports: [
          { name: "http", port: 8888 },
          { name: "metrics", port: 9464 },
        ],
        ingress: { port: "http" },
        metrics: { port: "metrics" },
        egress: [{ description: "DigitalOcean Spaces", cidr: "0.0.0.0/0", except: ["10.0.0.0/8"], ports: [443] }],
      }),
    );
    await runtime.settled();
    const spec = runtime.one(POLICY).inputs.spec;
    expect(spec.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } },
            podSelector: {
              matchLabels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/instance": "ingress-nginx", "app.kubernetes.io/component": "controller" },
            },
          },
        ],
        ports: [{ port: 8888, protocol: "TCP" }],
      },
      {
        from: [
          {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } },
            podSelector: { matchLabels: TEST_CONTRACTS.observability.prometheusPodLabels },
          },
        ],
        ports: [{ port: 9464, protocol: "TCP" }],
      },
    ]);
    expect(spec.egress).toEqual([
      {
        to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
        ports: [
          { port: 53, protocol: "UDP" },
          { port: 53, protocol: "TCP" },
        ],
      },
      { to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }], ports: [{ port: 443, protocol: "TCP" }] },
    ]);
  });

  it("puts plain settings in a ConfigMap and secrets in a Secret, never a literal value for a secret", async () => {
    // As the Kubernetes provider does for an object without metadata.name.
    runtime = await mockRuntime({
      stack: "dev",
      computed: { "kubernetes:core/v1:Secret": (inputs, name) => ({ metadata: { ...(inputs.metadata as object), name: `${name}-x7k2m9qa` } }) },
    });
    const apiKey = pulumi.secret("sk-live-123");
    new PlatformService("pioneer", minimal({ env: { NODE_ENV: "production", LOG_LEVEL: "info" }, secretEnv: { OPENAI_API_KEY: apiKey } }));
    await runtime.settled();
    expect(await isSecret(apiKey)).toBe(true);
    const configMap = runtime.one("kubernetes:core/v1:ConfigMap", "pioneer-config");
    const secret = runtime.one("kubernetes:core/v1:Secret");
    expect(configMap.inputs.data).toEqual({ NODE_ENV: "production", LOG_LEVEL: "info" });
    expect(secret.inputs.stringData).toEqual({ OPENAI_API_KEY: "sk-live-123" });
    expect(secret.secretInputs).toContain("stringData");
    expect(secret.inputs.immutable).toBe(true);
    expect(JSON.stringify(configMap.inputs)).not.toContain("sk-live-123");

    const container = containerOf(runtime.one(DEPLOYMENT));
    expect(container.envFrom).toEqual([{ configMapRef: { name: configMap.inputs.metadata.name } }]);
    expect(container.env).toEqual([{ name: "OPENAI_API_KEY", valueFrom: { secretKeyRef: { name: "pioneer-secrets-x7k2m9qa", key: "OPENAI_API_KEY" } } }]);
    expect(JSON.stringify(runtime.one(DEPLOYMENT).inputs)).not.toContain("sk-live-123");
  });

  it("publishes nothing derived from the secret values: the provider names the Secret, and a new value replaces it", async () => {
    new PlatformService("a", minimal({ secretEnv: { TOKEN: pulumi.secret("1234") } }));
    new PlatformService("b", minimal({ secretEnv: { TOKEN: pulumi.secret("5678") } }));
    await runtime.settled();
    const [a, b] = ["a-secrets", "b-secrets"].map((name) => runtime.one("kubernetes:core/v1:Secret", name).inputs.metadata);
    expect(a).toEqual({ namespace: "degenquest", labels: expect.objectContaining({ "app.kubernetes.io/name": "a" }) });
    expect(b).toEqual({ namespace: "degenquest", labels: expect.objectContaining({ "app.kubernetes.io/name": "b" }) });
  });

  it("names the ConfigMap after its content, so a changed setting rolls the pods", async () => {
    new PlatformService("a", minimal({ env: { LOG_LEVEL: "info" } }));
    new PlatformService("b", minimal({ env: { LOG_LEVEL: "debug" } }));
    await runtime.settled();
    const [a, b] = ["a-config", "b-config"].map((name) => runtime.one("kubernetes:core/v1:ConfigMap", name).inputs.metadata.name as string);
    expect(a).toMatch(/^a-config-[0-9a-f]{10}$/);
    expect(b!.slice(2)).not.toBe(a!.slice(2));
  });

  it("runs a StatefulSet with a claim on the cluster's storage class where the service keeps state", async () => {
    const service = new PlatformService("degen-server", minimal({ replicas: 1, volumes: [{ name: "data", mountPath: "/data", sizeGiB: 5 }] }));
    await runtime.settled();
    expect(runtime.ofType(DEPLOYMENT)).toHaveLength(0);
    const statefulSet = runtime.one(STATEFULSET);
    expect(statefulSet.inputs.spec).toMatchObject({ replicas: 1, serviceName: "degen-server", updateStrategy: { type: "RollingUpdate" } });
    expect(statefulSet.inputs.spec.volumeClaimTemplates[0]).toMatchObject({
      metadata: { name: "data" },
      spec: { accessModes: ["ReadWriteOnce"], storageClassName: "do-block-storage", resources: { requests: { storage: "5Gi" } } },
    });
    expect(statefulSet.inputs.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: "Retain", whenScaled: "Retain" });
    expect(containerOf(statefulSet).volumeMounts).toContainEqual({ name: "data", mountPath: "/data" });
    expect(runtime.one(PDB).inputs.spec.maxUnavailable).toBe(1);
    // The claim the first pod mounts, as the StatefulSet controller names it, for jobs that share it.
    const template = statefulSet.inputs.spec.volumeClaimTemplates[0].metadata.name;
    expect(service.claimName("data")).toBe(`${template}-${statefulSet.inputs.metadata.name}-0`);
  });

  it("grows volumes online: the claims the pods run on carry the declared size, patched in place", async () => {
    new PlatformService("degen-server", minimal({
        replicas: 2,
        volumes: [
          { name: "data", mountPath: "/data", sizeGiB: 20, accessMode: "ReadWriteMany" },
          { name: "cache", mountPath: "/cache", sizeGiB: 1, accessMode: "ReadWriteMany" },
        ],
      }),);
    await runtime.settled();
    const patches = runtime.ofType("kubernetes:core/v1:PersistentVolumeClaimPatch").map((patch) => ({
      name: patch.name,
      metadata: patch.inputs.metadata,
      spec: patch.inputs.spec,
    }));
    const claim = (name: string, storage: string) => ({
      name: `degen-server-${name}-size`,
      metadata: { name, namespace: "degenquest", annotations: { "pulumi.com/patchForce": "true" } },
      spec: { resources: { requests: { storage } } },
    });
    expect(patches).toEqual([
      claim("data-degen-server-0", "20Gi"),
      claim("data-degen-server-1", "20Gi"),
      claim("cache-degen-server-0", "1Gi"),
      claim("cache-degen-server-1", "1Gi"),
    ]);
  });

  it("patches no claim for a service without volumes", async () => {
    new PlatformService("api", minimal());
    await runtime.settled();
    expect(runtime.ofType("kubernetes:core/v1:PersistentVolumeClaimPatch")).toEqual([]);
  });

  it("opens a load balancer only where asked, letting clients in on that port alone", async () => {
    new PlatformService(
      "game",
      minimal({
        ports: [
          { name: "http", port: 8888 },
          { name: "udp-game", port: 7777, protocol: "UDP" },
        ],
        loadBalancerPort: "udp-game",
      }),
    );
    await runtime.settled();
    const balancer = runtime.one(SERVICE, "game-load-balancer");
    expect(balancer.inputs.spec.type).toBe("LoadBalancer");
    expect(balancer.inputs.spec.ports).toEqual([{ name: "udp-game", port: 7777, targetPort: "udp-game", protocol: "UDP" }]);
    expect(runtime.one(POLICY).inputs.spec.ingress).toEqual([{ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 7777, protocol: "UDP" }] }]);
  });

  it("adds no pull secret where cluster-base publishes none", async () => {
    expect(testContracts("local").clusterBase.tenants.degenquest?.imagePullSecret).toBe("");
    new PlatformService("degen-server", minimal({ platform: testPlatform("local"), image: { repository: "degen-server", tag: "" } }));
    await runtime.settled();
    const deployment = runtime.one(DEPLOYMENT);
    expect(deployment.inputs.spec.template.spec.imagePullSecrets).toEqual([]);
    expect(containerOf(deployment).image).toBe("localhost:5001/degen-server:latest");
  });

  it("refuses bad args with one error that lists every problem, before creating anything", async () => {
    const create = () => new PlatformService("degen-server", minimal({ replicas: 3, volumes: [{ name: "data", mountPath: "/data", sizeGiB: 5 }], health: { port: "game" } }));
    expect(create).toThrow(ServiceArgsError);
    expect(create).toThrow(
      'Service "degen-server" has 2 problems:\n' +
        '  - health.port is "game", which is not a declared port: use one of "http" or declare it in ports\n' +
        '  - replicas is 3, but volumes[0] ("data") is ReadWriteOnce: one node mounts it (DigitalOcean block storage is ReadWriteOnce only): use 1 replica or move the data off the volume',
    );
    await runtime.settled();
    expect(runtime.resources.filter((resource) => resource.custom)).toEqual([]);
  });

  it("names every child after the service, so two services never share a URN", async () => {
    new PlatformService("a", minimal({ ingress: { port: "http" } }));
    new PlatformService("b", minimal({ ingress: { port: "http" } }));
    await runtime.settled();
    const names = runtime.resources.map((resource) => `${resource.type}::${resource.name}`);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("PlatformService routes on each edge", () => {
  const HTTP_ROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";
  const CILIUM_POLICY = "kubernetes:cilium.io/v2:CiliumNetworkPolicy";
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime({ stack: "production" });
  });

  const agent = (environment: "production" | "e2e" | "dev", overrides: Partial<PlatformServiceArgs> = {}) =>
    new PlatformService(
      "pioneer-agent",
      minimal({
        platform: testPlatform(environment, "pioneer-agent"),
        ports: [
          { name: "server", port: 3000 },
          { name: "client", port: 5173 },
          { name: "metrics", port: 9464 },
        ],
        health: { port: "server", path: "/api/health" },
        ingress: { port: "server", subdomain: "agent", path: "/api", idleTimeoutSeconds: 3600 },
        extraRoutes: [
          { port: "server", paths: ["/socket.io"] },
          { port: "client", paths: ["/"] },
        ],
        metrics: { port: "metrics" },
        ...overrides,
      }),
    );

  it("attaches an HTTPRoute per host to the gateway, with no Ingress where only the gateway serves", async () => {
    const service = agent("production");
    await runtime.settled();
    expect(runtime.ofType(INGRESS)).toHaveLength(0);
    const route = runtime.one(HTTP_ROUTE);
    expect(route.inputs.metadata).toMatchObject({ name: "pioneer-agent", namespace: "pioneer-agent" });
    expect(route.inputs.spec.parentRefs).toEqual([{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "public", namespace: "gateway" }]);
    expect(route.inputs.spec.hostnames).toEqual(["agent.degenquest.gg"]);
    // Longest prefix first; a long-lived route (WebSockets) has no request timeout.
    expect(route.inputs.spec.rules).toEqual([
      { matches: [{ path: { type: "PathPrefix", value: "/socket.io" } }], backendRefs: [{ name: "pioneer-agent", port: 3000 }], timeouts: { request: "0s" } },
      { matches: [{ path: { type: "PathPrefix", value: "/api" } }], backendRefs: [{ name: "pioneer-agent", port: 3000 }], timeouts: { request: "0s" } },
      { matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ name: "pioneer-agent", port: 5173 }], timeouts: { request: "0s" } },
    ]);
    expect(await valueOf(service.url)).toBe("https://agent.degenquest.gg");
  });

  it("admits the gateway's proxy to the routed ports only, and no ingress controller", async () => {
    agent("production");
    await runtime.settled();
    expect(runtime.one(CILIUM_POLICY).inputs.spec).toEqual({
      endpointSelector: { matchLabels: { "app.kubernetes.io/name": "pioneer-agent", "app.kubernetes.io/instance": "pioneer-agent" } },
      ingress: [{ fromEntities: ["ingress"], toPorts: [{ ports: [{ port: "3000", protocol: "TCP" }, { port: "5173", protocol: "TCP" }] }] }],
    });
    const policy = runtime.one(POLICY).inputs.spec;
    // Only Prometheus, on the metrics port: the Kubernetes policy has no rule for an edge here.
    expect(policy.ingress).toHaveLength(1);
    expect(policy.ingress[0].ports).toEqual([{ port: 9464, protocol: "TCP" }]);
  });

  it("measures the SLO by the public probe where the gateway is the primary edge, at the Ingress where ingress-nginx is", async () => {
    agent("production");
    await runtime.settled();
    const recordingOf = () => runtime.one(RULE).inputs.spec.groups[0].rules[0].expr as string;
    expect(runtime.one(PROBE).inputs.spec.jobName).toBe("probe-pioneer-agent");
    expect(recordingOf()).toBe('1 - avg by (namespace, job) (avg_over_time(probe_success{namespace="pioneer-agent", job="probe-pioneer-agent"}[5m]))');

    runtime = await mockRuntime({ stack: "dev" });
    agent("dev");
    await runtime.settled();
    expect(recordingOf()).toContain('nginx_ingress_controller_requests{namespace="pioneer-agent", ingress="pioneer-agent", status=~"5.."}[5m]');
  });

  it("publishes the same hosts on both edges while networking serves both", async () => {
    agent("e2e", { ingress: { port: "server", subdomain: "pioneer", path: "/api" }, extraRoutes: [{ port: "client", subdomain: "app" }] });
    await runtime.settled();
    const hostsOf = (type: string) =>
      runtime.ofType(type).map((object) => ({
        name: object.inputs.metadata.name,
        hosts: type === INGRESS ? object.inputs.spec.rules.map((rule: { host: string }) => rule.host) : object.inputs.spec.hostnames,
      }));
    const expected = [
      { name: "pioneer-agent", hosts: ["pioneer.e2e.localtest.me"] },
      { name: "pioneer-agent-app", hosts: ["app.e2e.localtest.me"] },
    ];
    expect(hostsOf(INGRESS)).toEqual(expected);
    expect(hostsOf(HTTP_ROUTE)).toEqual(expected);
    // Each Ingress routes its host's ports; the default idle timeout leaves the gateway's request timeout alone.
    expect(runtime.one(INGRESS, "pioneer-agent-app-ingress").inputs.spec.rules[0].http.paths).toEqual([
      { path: "/", pathType: "Prefix", backend: { service: { name: "pioneer-agent", port: { name: "client" } } } },
    ]);
    expect(runtime.one(HTTP_ROUTE, "pioneer-agent-app-http-route").inputs.spec.rules[0].timeouts).toBeUndefined();
    // The ingress controller may reach both routed ports.
    expect(runtime.one(POLICY).inputs.spec.ingress[0].ports).toEqual([
      { port: 3000, protocol: "TCP" },
      { port: 5173, protocol: "TCP" },
    ]);
  });

  it("refuses extra routes that name an undeclared port, a bad path or subdomain, or have no ingress, all at once", () => {
    let error: unknown;
    try {
      agent("production", { ingress: undefined, extraRoutes: [{ port: "web", paths: ["socket.io"], subdomain: "Agent" }] });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ServiceArgsError);
    const message = (error as Error).message;
    expect(message).toContain("extraRoutes[0] is set, but there is no ingress for it to extend");
    expect(message).toContain('extraRoutes[0].port is "web", which is not a declared port');
    expect(message).toContain('extraRoutes[0].paths has "socket.io": expected a path starting with "/"');
    expect(message).toContain('extraRoutes[0].subdomain is "Agent": expected one DNS label');
  });
});
