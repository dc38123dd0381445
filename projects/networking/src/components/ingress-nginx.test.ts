import { mockRuntime, valueOf, type MockRuntime } from "@platform/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { INGRESS_NGINX_CHART, IngressNginx, ingressNginxArgsProblems } from "./ingress-nginx";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const GET_LOAD_BALANCER = "digitalocean:index/getLoadBalancer:getLoadBalancer";
// The labels the ingress-nginx chart puts on its controller pods.
const CONTROLLER_LABELS = {
  "app.kubernetes.io/name": "ingress-nginx",
  "app.kubernetes.io/instance": "ingress-nginx",
  "app.kubernetes.io/component": "controller",
};
const loadBalancer = { name: "degen-staging-ingress", hostname: "staging.degenquest.gg" };

describe("IngressNginx", () => {
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime({
      stack: "staging",
      invokes: { [GET_LOAD_BALANCER]: (inputs) => ({ name: inputs.name, ip: "203.0.113.10" }) },
    });
  });

  const controllerValues = () => runtime.one(RELEASE).inputs.values.controller;

  it("installs the pinned chart with one controller, class nginx, on host ports, when nothing else is said", async () => {
    const ingress = new IngressNginx("ingress", {});
    expect(await valueOf(ingress.namespace)).toBe("ingress-nginx");
    expect(await valueOf(ingress.address)).toBe("127.0.0.1");
    expect(ingress.ingressClassName).toBe("nginx");
    await runtime.settled();
    const release = runtime.one(RELEASE).inputs;
    expect(release).toMatchObject({
      name: "ingress-nginx",
      namespace: "ingress-nginx",
      chart: "ingress-nginx",
      version: INGRESS_NGINX_CHART.version,
      repositoryOpts: { repo: "https://kubernetes.github.io/ingress-nginx" },
    });
    expect(controllerValues()).toMatchObject({
      replicaCount: 1,
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "1", memory: "512Mi" } },
      ingressClass: "nginx",
      ingressClassResource: { name: "nginx", enabled: true, default: false },
      hostPort: { enabled: true, ports: { http: 80, https: 443 } },
      service: { type: "ClusterIP" },
      config: {},
    });
    expect(runtime.invoked).not.toContain(GET_LOAD_BALANCER);
  });

  it("lets host ports through only by relaxing Pod Security to privileged, and keeps restricted behind a load balancer", async () => {
    new IngressNginx("local", {});
    new IngressNginx("cloud", { loadBalancer, namespace: "edge" });
    await runtime.settled();
    const enforced = Object.fromEntries(
      runtime.ofType("kubernetes:core/v1:Namespace").map((ns) => [ns.inputs.metadata.name, ns.inputs.metadata.labels["pod-security.kubernetes.io/enforce"]]),
    );
    expect(enforced).toEqual({ "ingress-nginx": "privileged", edge: "restricted" });
  });

  it("puts the DigitalOcean load balancer in front, named, sized and reporting the environment's hostname", async () => {
    const ingress = new IngressNginx("ingress", { loadBalancer: { ...loadBalancer, sizeUnits: 3 } });
    expect(await valueOf(ingress.address)).toBe("203.0.113.10");
    await runtime.settled();
    expect(controllerValues().service).toEqual({
      type: "LoadBalancer",
      annotations: {
        "service.beta.kubernetes.io/do-loadbalancer-name": "degen-staging-ingress",
        "service.beta.kubernetes.io/do-loadbalancer-hostname": "staging.degenquest.gg",
        "service.beta.kubernetes.io/do-loadbalancer-size-unit": "3",
        "service.beta.kubernetes.io/do-loadbalancer-enable-proxy-protocol": "true",
      },
    });
    expect(controllerValues()).toMatchObject({ publishService: { enabled: true } });
    expect(controllerValues().hostPort).toBeUndefined();
  });

  it.each([true, false])("turns PROXY protocol on at both ends or at neither (proxyProtocol %s)", async (proxyProtocol) => {
    new IngressNginx("ingress", { loadBalancer: { ...loadBalancer, proxyProtocol } });
    await runtime.settled();
    const annotation = controllerValues().service.annotations["service.beta.kubernetes.io/do-loadbalancer-enable-proxy-protocol"];
    const nginx = controllerValues().config["use-proxy-protocol"];
    expect([annotation, nginx]).toEqual(proxyProtocol ? ["true", "true"] : [undefined, undefined]);
  });

  it("spreads two or more controllers across nodes behind a disruption budget of one", async () => {
    new IngressNginx("ingress", { loadBalancer, replicas: 3 });
    await runtime.settled();
    const values = controllerValues();
    expect(values.replicaCount).toBe(3);
    expect(values.maxUnavailable).toBe(1);
    expect(values.topologySpreadConstraints).toEqual([
      {
        maxSkew: 1,
        topologyKey: "kubernetes.io/hostname",
        whenUnsatisfiable: "DoNotSchedule",
        labelSelector: { matchLabels: CONTROLLER_LABELS },
        matchLabelKeys: ["pod-template-hash"],
      },
    ]);
    expect(values.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector).toEqual({
      matchLabels: CONTROLLER_LABELS,
    });
  });

  it("gives a single controller no disruption budget, which would block every drain", async () => {
    new IngressNginx("ingress", { loadBalancer, replicas: 1 });
    await runtime.settled();
    const values = controllerValues();
    expect(values.maxUnavailable).toBeUndefined();
    expect(values.topologySpreadConstraints).toBeUndefined();
    expect(values.affinity).toBeUndefined();
  });

  it("exposes metrics for the observability layer without creating its ServiceMonitor or rules", async () => {
    const ingress = new IngressNginx("ingress", { loadBalancer });
    expect(ingress.metricsPort).toBe(10254);
    await runtime.settled();
    expect(controllerValues().metrics).toEqual({
      enabled: true,
      port: 10254,
      serviceMonitor: { enabled: false },
      prometheusRule: { enabled: false },
    });
  });

  it("runs the controller as non-root with only NET_BIND_SERVICE, and bounds every container it starts", async () => {
    new IngressNginx("ingress", { loadBalancer });
    await runtime.settled();
    const values = controllerValues();
    expect(values.containerSecurityContext).toMatchObject({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      seccompProfile: { type: "RuntimeDefault" },
      capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
    });
    expect(values.allowSnippetAnnotations).toBe(false);
    for (const job of [values.admissionWebhooks.createSecretJob, values.admissionWebhooks.patchWebhookJob]) {
      expect(job.resources).toEqual({ requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "100m", memory: "64Mi" } });
    }
  });

  it("reports every bad argument at once", () => {
    expect(ingressNginxArgsProblems({ replicas: 0, loadBalancer: { name: "lb", hostname: " ", sizeUnits: 101 } })).toEqual([
      "replicas is 0: expected a whole number of at least 1",
      "loadBalancer.sizeUnits is 101: expected a whole number from 1 to 100",
      'loadBalancer.hostname is empty: expected the environment\'s domain, such as "dev.degenquest.gg"',
    ]);
    expect(() => new IngressNginx("bad", { replicas: 1.5 })).toThrow("replicas is 1.5: expected a whole number of at least 1");
  });
});
