import { resolve } from "node:path";
import { findPulumiProjects, readStackConfig } from "@platform/offline-plan";
import { mockRuntime, runOnce, upstreamStacks, valueOf, type MockRuntime } from "@platform/testing";
import { clusterBaseExamples } from "@platform/cluster-base-contract/examples";
import { networkingExamples } from "@platform/networking-contract/examples";
import { observabilityExamples } from "@platform/observability-contract/examples";
import { beforeAll, describe, expect, it } from "vitest";
import { pioneerAgentProgram } from "./program";
import { CLIENT_PORT, SERVER_PORT } from "./config";

const project = findPulumiProjects(resolve(__dirname, "../../..")).find((p) => p.name === "pioneer-agent")!;

/** What the three base stacks of an environment publish, as their contract packages' examples show it. */
function upstream(stack: "local" | "dev" | "staging" | "production") {
  return upstreamStacks(stack, [clusterBaseExamples, networkingExamples, observabilityExamples]);
}

const FIXTURE_TAG = "6a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a39";

/**
 * Runs the program with the stack file's config, plus extra (namespaced) keys such as an imported
 * secretEnv; each combination once per file, as the tests only read what it registered.
 */
const runStack = runOnce(
  async (stack: "local" | "dev" | "staging" | "production", extra: { config?: Record<string, unknown>; secretKeys?: string[] } = {}) => {
    const committed = readStackConfig(project, stack);
    const runtime = await mockRuntime({
      project: "pioneer-agent",
      stack,
      // A tag no stack file holds: a promotion rewrites the stack files, never this test.
      config: { ...committed.values, ...(stack === "local" ? {} : { "pioneer-agent:imageTag": FIXTURE_TAG }), ...extra.config },
      secretKeys: [...committed.secretKeys, ...(extra.secretKeys ?? [])],
      stackOutputs: upstream(stack),
    });
    const outputs = (await valueOf(pioneerAgentProgram() as never)) as Record<string, unknown>;
    await runtime.settled();
    return { runtime, outputs };
  },
);

// The first run loads the Kubernetes provider's modules: seconds, paid once here rather than by whichever test comes first.
beforeAll(() => runStack("dev"));

const STATEFUL_SET = "kubernetes:apps/v1:StatefulSet";
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
const SECRET = "kubernetes:core/v1:Secret";

function container(runtime: MockRuntime) {
  return runtime.one(STATEFUL_SET).inputs.spec.template.spec.containers[0];
}

function settings(runtime: MockRuntime): Record<string, string> {
  return runtime.ofType(CONFIG_MAP).find((map) => map.name === "pioneer-agent-config")!.inputs.data;
}

const HTTP_ROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";
const PORT_NAMES: Record<number, string> = { [SERVER_PORT]: "server", [CLIENT_PORT]: "client" };

/** Every public route, `<host><path> -> <port>`, on whichever edge publishes it: Ingresses and HTTPRoutes alike. */
function routes(runtime: MockRuntime) {
  const ingressRoutes = runtime
    .ofType(INGRESS)
    .flatMap((ingress) => ingress.inputs.spec.rules.flatMap((rule: { host: string; http: { paths: { path: string; backend: { service: { port: { name: string } } } }[] } }) =>
      rule.http.paths.map((path) => `${rule.host}${path.path} -> ${path.backend.service.port.name}`),
    ));
  const gatewayRoutes = runtime.ofType(HTTP_ROUTE).flatMap((route) =>
    (route.inputs.spec.hostnames as string[]).flatMap((host) =>
      (route.inputs.spec.rules as { matches: { path: { value: string } }[]; backendRefs: { port: number }[] }[]).map(
        (rule) => `${host}${rule.matches[0]!.path.value} -> ${PORT_NAMES[rule.backendRefs[0]!.port]}`,
      ),
    ),
  );
  return [...ingressRoutes, ...gatewayRoutes].sort();
}

describe("pioneer-agent, dev", () => {
  it("runs the CI-built image with one pod on a 10 GiB block-storage volume, 1-2 CPU and 2-4 GiB", async () => {
    const { runtime } = await runStack("dev");
    const statefulSet = runtime.one(STATEFUL_SET).inputs;
    expect(statefulSet.spec.replicas).toBe(1);
    expect(statefulSet.spec.volumeClaimTemplates).toEqual([
      expect.objectContaining({
        metadata: expect.objectContaining({ name: "data" }),
        spec: { accessModes: ["ReadWriteOnce"], storageClassName: "do-block-storage", resources: { requests: { storage: "10Gi" } } },
      }),
    ]);
    const app = container(runtime);
    expect(app.image).toBe(`registry.digitalocean.com/pioneer/pioneer-agent:${FIXTURE_TAG}`);
    expect(app.resources).toEqual({ requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } });
    expect(app.ports.map((port: { name: string; containerPort: number }) => `${port.name}:${port.containerPort}`)).toEqual(["server:3000", "client:5173"]);
    expect(app.readinessProbe.httpGet).toEqual({ path: "/api/health", port: "server" });
    expect(app.volumeMounts).toContainEqual({ name: "data", mountPath: "/app/data" });
  });

  it("serves the API under /api, its Socket.IO endpoint and the client at / on one host", async () => {
    const { runtime, outputs } = await runStack("dev");
    expect(routes(runtime)).toEqual([
      "pioneer.dev.degenquest.gg/ -> client",
      "pioneer.dev.degenquest.gg/api -> server",
      "pioneer.dev.degenquest.gg/socket.io -> server",
    ]);
    expect(outputs).toMatchObject({ clientUrl: "https://pioneer.dev.degenquest.gg", apiUrl: "https://pioneer.dev.degenquest.gg/api" });
  });

  it("hands the agent its ports and NODE_ENV with the stack's imported settings in one ConfigMap", async () => {
    const { runtime, outputs } = await runStack("dev");
    expect(settings(runtime)).toEqual({
      NODE_ENV: "production",
      SERVER_PORT: "3000",
      CLIENT_PORT: "5173",
      DEFAULT_LOG_LEVEL: "debug",
      CACHE_STORE: "database",
      PGLITE_DATA_DIR: "/app/data/.elizadb",
      SMALL_OPENAI_MODEL: "gpt-4o-mini",
      TWITTER_DRY_RUN: "true",
    });
    expect(runtime.ofType(SECRET)).toEqual([]);
    expect(outputs.secretSettingNames).toEqual([]);
  });

  it("turns imported secrets into a Secret that the pod reads key by key, values never in plain text", async () => {
    const { runtime, outputs } = await runStack("dev", {
      config: { "pioneer-agent:secretEnv": { OPENAI_API_KEY: "sk-proj-1", DISCORD_API_TOKEN: "discord-1" } },
      secretKeys: ["pioneer-agent:secretEnv"],
    });
    const secret = runtime.one(SECRET);
    expect(secret.inputs.stringData).toEqual({ OPENAI_API_KEY: "sk-proj-1", DISCORD_API_TOKEN: "discord-1" });
    expect(secret.secretInputs).toContain("stringData");
    expect(container(runtime).env).toEqual([
      { name: "DISCORD_API_TOKEN", valueFrom: { secretKeyRef: { name: secret.inputs.metadata.name, key: "DISCORD_API_TOKEN" } } },
      { name: "OPENAI_API_KEY", valueFrom: { secretKeyRef: { name: secret.inputs.metadata.name, key: "OPENAI_API_KEY" } } },
    ]);
    expect(JSON.stringify(settings(runtime))).not.toContain("sk-proj-1");
    expect(outputs.secretSettingNames).toEqual(["DISCORD_API_TOKEN", "OPENAI_API_KEY"]);
  });
});

describe("pioneer-agent, local", () => {
  it("runs the locally built latest image in development mode on the local storage class", async () => {
    const { runtime, outputs } = await runStack("local");
    expect(container(runtime).image).toBe("localhost:5001/pioneer-agent:latest");
    expect(container(runtime).resources.requests).toEqual({ cpu: "250m", memory: "1Gi" });
    expect(runtime.one(STATEFUL_SET).inputs.spec.volumeClaimTemplates[0].spec).toMatchObject({
      storageClassName: "standard",
      resources: { requests: { storage: "5Gi" } },
    });
    expect(settings(runtime)).toMatchObject({ NODE_ENV: "development", CACHE_STORE: "filesystem" });
    expect(outputs.clientUrl).toBe("https://pioneer.localtest.me");
  });
});

describe("pioneer-agent, staging", () => {
  it("puts the client and the API on hosts of their own and lets the agent reach managed Postgres in the VPC", async () => {
    const { runtime, outputs } = await runStack("staging");
    expect(routes(runtime)).toEqual(["pioneer-api.staging.degenquest.gg/ -> server", "pioneer.staging.degenquest.gg/ -> client"]);
    expect(outputs).toMatchObject({ clientUrl: "https://pioneer.staging.degenquest.gg", apiUrl: "https://pioneer-api.staging.degenquest.gg" });
    const policy = runtime.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy").find((p) => p.name === "pioneer-agent-network-policy")!;
    expect(policy.inputs.spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: "10.110.0.0/20" } }], ports: [{ port: 25060, protocol: "TCP" }] });
  });
});

describe("pioneer-agent, production", () => {
  it("runs the recorded release on a 20 GiB volume, on its own hosts", async () => {
    const { runtime, outputs } = await runStack("production");
    expect(container(runtime).image).toBe(`registry.digitalocean.com/pioneer/pioneer-agent:${FIXTURE_TAG}`);
    expect(runtime.one(STATEFUL_SET).inputs.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("20Gi");
    expect(routes(runtime)).toEqual(["agent-api.degenquest.gg/ -> server", "agent.degenquest.gg/ -> client"]);
    // Production's edge is the gateway alone: HTTPRoutes, and no Ingress for a retired controller.
    expect(runtime.ofType(INGRESS)).toHaveLength(0);
    expect(runtime.ofType(HTTP_ROUTE).map((route) => route.inputs.metadata.name).sort()).toEqual(["pioneer-agent", "pioneer-agent-agent"]);
    expect(outputs).toMatchObject({ dataClaim: "data-pioneer-agent-0", namespace: "pioneer-agent" });
  });

  it("delivers a public setting whose name the service component refuses in a ConfigMap through the Secret", async () => {
    const { runtime, outputs } = await runStack("production");
    expect(settings(runtime)).not.toHaveProperty("SOLANA_PUBLIC_KEY");
    expect(runtime.one(SECRET).inputs.stringData).toEqual({ SOLANA_PUBLIC_KEY: "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin" });
    expect(outputs.secretSettingNames).toEqual(["SOLANA_PUBLIC_KEY"]);
  });
});
