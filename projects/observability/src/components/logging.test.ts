import { mockRuntime, valueOf, type MockRuntime } from "@platform/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { ECK_OPERATOR_CHART, Logging, type LoggingArgs } from "./logging";
import { TEST_EDGES } from "./test-edges";

/**
 * eck-operator 3.5.0's default podDisruptionBudget (values.yaml; 3.3.0 has the same):
 * `maxUnavailable` is only a comment there.
 */
const CHART_BUDGET_DEFAULTS = { enabled: false, minAvailable: 1 };

/**
 * The keys the chart writes into the budget's spec: `{{- with .Values.podDisruptionBudget.minAvailable }}`
 * and the same for maxUnavailable, over Helm's merge of its defaults with our values.
 */
function renderedBudgetSpec(budget: object): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...CHART_BUDGET_DEFAULTS, ...budget };
  return Object.fromEntries(["minAvailable", "maxUnavailable"].filter((key) => Boolean(merged[key])).map((key) => [key, merged[key]]));
}

const resources = { cpuRequest: "500m", memoryRequest: "4Gi", cpuLimit: "2", memoryLimit: "4Gi" };
const args: LoggingArgs = {
  namespace: "logging",
  environment: "staging",
  retention: "7d",
  storageClass: "do-block-storage",
  elasticsearch: { nodes: 1, storageSize: "50Gi", resources },
  kibana: { replicas: 1, resources },
  ingress: { baseDomain: "staging.degenquest.gg", edges: TEST_EDGES.ingressNginx, clusterIssuer: "letsencrypt-production" },
};

const CR = (kind: string, group: string, version = "v1") => `kubernetes:${group}.k8s.elastic.co/${version}:${kind}`;
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const HTTP_ROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";

describe("Logging", () => {
  let runtime: MockRuntime;
  let logging: Logging;
  beforeEach(async () => {
    runtime = await mockRuntime({ stack: "staging" });
    logging = new Logging("logging", args);
    await runtime.settled();
  });

  it("publishes Kibana under the base domain and Elasticsearch inside the cluster", async () => {
    expect(await valueOf(logging.kibanaUrl)).toBe("https://kibana.staging.degenquest.gg");
    expect(await valueOf(logging.elasticsearchEndpoint)).toBe("https://logs-es-http.logging.svc:9200");
  });

  it("installs the pinned ECK operator, watching only the logging namespace", () => {
    const operator = runtime.one("kubernetes:helm.sh/v3:Release");
    expect(operator.inputs).toMatchObject({
      name: "eck-operator",
      chart: "eck-operator",
      version: ECK_OPERATOR_CHART.version,
      repositoryOpts: { repo: "https://helm.elastic.co" },
      namespace: "logging",
      atomic: true,
    });
    expect(operator.inputs.values).toEqual({
      installCRDs: true,
      managedNamespaces: ["logging"],
      replicaCount: 1,
      podDisruptionBudget: { enabled: false, minAvailable: 0 },
      resources: { requests: { cpu: "100m", memory: "150Mi" }, limits: { cpu: "1", memory: "512Mi" } },
      podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
      securityContext: {
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
      },
    });
  });

  it("runs Elasticsearch non-root on volumes of the configured size and class, without the mmap init container", () => {
    const [nodeSet] = runtime.one(CR("Elasticsearch", "elasticsearch")).inputs.spec.nodeSets;
    expect(nodeSet.count).toBe(1);
    expect(nodeSet.config).toEqual({ "node.store.allow_mmap": false });
    expect(nodeSet.volumeClaimTemplates[0].spec).toEqual({
      accessModes: ["ReadWriteOnce"],
      storageClassName: "do-block-storage",
      resources: { requests: { storage: "50Gi" } },
    });
    const [container] = nodeSet.podTemplate.spec.containers;
    expect(container.resources).toEqual({ requests: { cpu: "500m", memory: "4Gi" }, limits: { cpu: "2", memory: "4Gi" } });
    expect(container.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
  });

  it("serves Kibana through the ingress with a certificate from the cluster issuer, TLS ending there", () => {
    const kibana = runtime.one(CR("Kibana", "kibana"));
    expect(kibana.inputs.spec).toMatchObject({
      version: "8.19.0",
      elasticsearchRef: { name: "logs" },
      http: { tls: { selfSignedCertificate: { disabled: true } } },
      config: { "server.publicBaseUrl": "https://kibana.staging.degenquest.gg" },
    });
    const ingress = runtime.one(INGRESS, "logging-kibana");
    expect(ingress.inputs.spec.ingressClassName).toBe("nginx");
    expect(ingress.inputs.metadata.annotations).toEqual({ "cert-manager.io/cluster-issuer": "letsencrypt-production" });
    expect(ingress.inputs.spec.tls).toEqual([{ hosts: ["kibana.staging.degenquest.gg"], secretName: "kibana-tls" }]);
    expect(ingress.inputs.spec.rules[0].http.paths[0].backend.service).toEqual({ name: "logs-kb-http", port: { number: 5601 } });
  });

  it("ships every node's container logs to Elasticsearch with a lifecycle that deletes them after the retention", () => {
    const beat = runtime.one(CR("Beat", "beat", "v1beta1"));
    expect(beat.inputs.spec).toMatchObject({ type: "filebeat", version: "8.19.0", elasticsearchRef: { name: "logs" } });
    expect(beat.inputs.spec.config).toMatchObject({
      "setup.ilm.policy_name": "logs-7d",
      "setup.ilm.policy_file": "/usr/share/filebeat/ilm/policy.json",
      "setup.template.settings": { "index.number_of_replicas": 0 },
    });
    const policy = runtime.one("kubernetes:core/v1:ConfigMap");
    expect(JSON.parse(policy.inputs.data["policy.json"])).toEqual({
      policy: {
        phases: {
          hot: { actions: { rollover: { max_age: "1d", max_primary_shard_size: "10gb" } } },
          delete: { min_age: "7d", actions: { delete: {} } },
        },
      },
    });
  });

  it("runs the shipper as root only to read node logs, with no capabilities, probes, and requests and limits", () => {
    const { spec } = runtime.one(CR("Beat", "beat", "v1beta1")).inputs.spec.daemonSet.podTemplate;
    const [container] = spec.containers;
    expect(container.securityContext).toEqual({ runAsUser: 0, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
    expect(container.livenessProbe.httpGet.port).toBe(5066);
    expect(container.resources.limits).toEqual({ cpu: "500m", memory: "300Mi" });
    expect(container.volumeMounts.filter((mount: { readOnly?: boolean }) => !mount.readOnly)).toEqual([]);
  });

  it("lets the shipper only read pods, namespaces, nodes and replica sets", () => {
    expect(runtime.one("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole").inputs.rules.flatMap((rule: { verbs: string[] }) => rule.verbs)).toEqual([
      "get",
      "list",
      "watch",
      "get",
      "list",
      "watch",
    ]);
  });
});

describe("Logging with several Elasticsearch nodes", () => {
  it("keeps a replica of every index so a node can be lost", async () => {
    const runtime = await mockRuntime({ stack: "production" });
    new Logging("logging", { ...args, elasticsearch: { ...args.elasticsearch, nodes: 3 }, operatorReplicas: 2 });
    await runtime.settled();
    const { values } = runtime.one("kubernetes:helm.sh/v3:Release").inputs;
    expect(values.replicaCount).toBe(2);
    expect(values.podDisruptionBudget.enabled).toBe(true);
    // One operator may stand down at a time, in a budget with exactly one of the two keys.
    expect(renderedBudgetSpec(values.podDisruptionBudget)).toEqual({ minAvailable: 1 });
    expect(runtime.one(CR("Beat", "beat", "v1beta1")).inputs.spec.config["setup.template.settings"]).toEqual({ "index.number_of_replicas": 1 });
  });
});

describe("Logging on each public edge", () => {
  const kibanaRouteSpec = {
    parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "public", namespace: "gateway" }],
    hostnames: ["kibana.staging.degenquest.gg"],
    rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ name: "logs-kb-http", port: 5601 }] }],
  };

  it("serves Kibana through an Ingress only, where only ingress-nginx serves", async () => {
    const runtime = await mockRuntime({ stack: "dev" });
    new Logging("logging", args);
    await runtime.settled();
    expect(runtime.ofType(HTTP_ROUTE)).toEqual([]);
    expect(runtime.one(INGRESS, "logging-kibana").inputs.metadata).toMatchObject({ name: "kibana", namespace: "logging" });
  });

  it("routes Kibana's host to its Service on the Gateway, with no Ingress, where only the gateway edge serves", async () => {
    const runtime = await mockRuntime({ stack: "staging" });
    const logging = new Logging("logging", { ...args, ingress: { ...args.ingress, edges: TEST_EDGES.gateway } });
    expect(await valueOf(logging.kibanaUrl)).toBe("https://kibana.staging.degenquest.gg");
    await runtime.settled();
    expect(runtime.ofType(INGRESS)).toEqual([]);
    const route = runtime.one(HTTP_ROUTE, "logging-kibana-route");
    expect(route.inputs.metadata).toEqual({
      name: "kibana",
      namespace: "logging",
      labels: { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "observability" },
    });
    expect(route.inputs.spec).toEqual(kibanaRouteSpec);
  });

  it("serves Kibana on both edges while both serve the same hosts", async () => {
    const runtime = await mockRuntime({ stack: "e2e" });
    new Logging("logging", { ...args, ingress: { ...args.ingress, edges: TEST_EDGES.both } });
    await runtime.settled();
    expect(runtime.one(INGRESS, "logging-kibana").inputs.spec.rules[0].host).toBe("kibana.staging.degenquest.gg");
    expect(runtime.one(HTTP_ROUTE, "logging-kibana-route").inputs.spec).toEqual(kibanaRouteSpec);
  });
});
