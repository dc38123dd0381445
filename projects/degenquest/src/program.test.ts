import { resolve } from "node:path";
import { clusterBaseExamples } from "@platform/cluster-base-contract/examples";
import type { Environment } from "@platform/config";
import { networkingExamples } from "@platform/networking-contract/examples";
import { observabilityExamples } from "@platform/observability-contract/examples";
import { findPulumiProjects, providerComputedOutputs, readStackConfig } from "@platform/offline-plan";
import { mockRuntime, runOnce, upstreamStacks, valueOf, type MockRuntime } from "@platform/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { degenquestProgram, protectsPlayerData } from "./program";

const project = findPulumiProjects(resolve(__dirname, "../../..")).find((p) => p.name === "degenquest")!;

/**
 * Runs the program for one environment with the configuration committed in its stack file, and
 * any keys the test sets instead; each combination once per file, as the tests only read the run.
 */
const runStack = runOnce(
  async (stack: Environment, overrides: Record<string, string> = {}): Promise<{ runtime: MockRuntime; outputs: Record<string, unknown> }> => {
    const config = readStackConfig(project, stack);
    const runtime = await mockRuntime({
      project: "degenquest",
      stack,
      config: { ...config.values, ...overrides },
      secretKeys: config.secretKeys,
      stackOutputs: upstreamStacks(stack, [clusterBaseExamples, networkingExamples, observabilityExamples]),
      computed: providerComputedOutputs,
    });
    const outputs = (await valueOf(degenquestProgram() as never)) as Record<string, unknown>;
    await runtime.settled();
    return { runtime, outputs };
  },
);

// The first run loads the providers' modules: seconds, paid once here rather than by whichever test comes first.
beforeAll(() => runStack("dev"));

/** An image tag no stack file records, so the test sees the program pass on what it was given. */
const FIXTURE_TAG = "5e0c1a9b8d7f6e5d4c3b2a190817263544536271";

const EXPECTED: Record<"local" | "dev" | "staging" | "production", { storage: string; host: string }> = {
  local: { storage: "1Gi", host: "play.localtest.me" },
  dev: { storage: "5Gi", host: "play.dev.degenquest.gg" },
  staging: { storage: "10Gi", host: "play.staging.degenquest.gg" },
  production: { storage: "50Gi", host: "play.degenquest.gg" },
};

/** The backups each environment's stack file asks for. */
const BACKUP = {
  dev: { bucket: "degenquest-backups-dev", region: "nyc3", retentionDays: 7, noncurrentVersionDays: 3 },
  staging: { bucket: "degenquest-backups-staging", region: "nyc3", retentionDays: 14, noncurrentVersionDays: 7 },
  production: { bucket: "degenquest-backups-production", region: "nyc3", retentionDays: 30, noncurrentVersionDays: 14 },
} as const;

const STATEFULSET = "kubernetes:apps/v1:StatefulSet";
const CRONJOB = "kubernetes:batch/v1:CronJob";
const BUCKET = "digitalocean:index/spacesBucket:SpacesBucket";
const KEY = "digitalocean:index/spacesKey:SpacesKey";
const RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
const POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

const server = (runtime: MockRuntime) => runtime.one(STATEFULSET, "degen-server-statefulset").inputs;
const podSpec = (job: { inputs: Record<string, any> }) => job.inputs.spec.jobTemplate.spec.template.spec; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(["local", "dev", "staging", "production"] as const)("degenquest, %s", (stack) => {
  it("runs exactly the image tag that the stack file pins, from the platform registry", async () => {
    const { runtime, outputs } = await runStack(stack, { "degenquest:imageTag": FIXTURE_TAG });
    const registry = stack === "local" ? "localhost:5001" : "registry.digitalocean.com/pioneer";
    expect(server(runtime).spec.template.spec.containers[0].image).toBe(`${registry}/degenquest:${FIXTURE_TAG}`);
    expect(outputs.imageTag).toBe(FIXTURE_TAG);
  });

  it("runs one pod that owns the database volume: a StatefulSet, no autoscaler, a budget that lets a drain through", async () => {
    const { runtime } = await runStack(stack);
    const spec = server(runtime).spec;
    expect(spec.replicas).toBe(1);
    expect(spec.updateStrategy).toEqual({ type: "RollingUpdate" });
    expect(spec.volumeClaimTemplates[0].spec).toMatchObject({
      accessModes: ["ReadWriteOnce"],
      storageClassName: stack === "local" ? "standard" : "do-block-storage",
      resources: { requests: { storage: EXPECTED[stack].storage } },
    });
    expect(runtime.ofType("kubernetes:apps/v1:Deployment")).toEqual([]);
    expect(runtime.ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler")).toEqual([]);
    expect(runtime.one("kubernetes:policy/v1:PodDisruptionBudget").inputs.spec).toMatchObject({ maxUnavailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow" });
  });

  it("configures the server for production on port 8888, its database file on the volume", async () => {
    const { runtime } = await runStack(stack);
    const container = server(runtime).spec.template.spec.containers[0];
    const configMap = runtime.one("kubernetes:core/v1:ConfigMap", "degen-server-config");
    expect(configMap.inputs.data).toMatchObject({ NODE_ENV: "production", DB_PATH: "/data/degenquest.db" });
    expect(container.envFrom).toEqual([{ configMapRef: { name: configMap.inputs.metadata.name } }]);
    expect(container.ports).toEqual([{ name: "http", containerPort: 8888, protocol: "TCP" }]);
    expect(container.readinessProbe.httpGet).toEqual({ path: "/health", port: "http" });
    expect(container.volumeMounts).toContainEqual({ name: "data", mountPath: "/data" });
  });

  it("serves the game at play.<the environment's domain>", async () => {
    const { runtime, outputs } = await runStack(stack);
    const host = EXPECTED[stack].host;
    expect(outputs.url).toBe(`https://${host}`);
    // Routed on the edge that the environment's networking serves: the gateway here, ingress-nginx in dev.
    const onGateway = networkingExamples.byEnvironment[stack].edges[0]!.kind === "gateway";
    const hosts = onGateway
      ? runtime.one("kubernetes:gateway.networking.k8s.io/v1:HTTPRoute").inputs.spec.hostnames
      : runtime.one("kubernetes:networking.k8s.io/v1:Ingress").inputs.spec.rules.map((rule: { host: string }) => rule.host);
    expect(hosts).toEqual([host]);
    expect(runtime.ofType(onGateway ? "kubernetes:networking.k8s.io/v1:Ingress" : "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute")).toEqual([]);
    const probe = runtime.one("kubernetes:monitoring.coreos.com/v1:Probe").inputs.spec;
    expect(probe.targets.staticConfig.static).toEqual([`https://${host}/health`]);
    expect(probe.prober).toEqual({ url: "blackbox-exporter.monitoring.svc:9115", scheme: "http", path: "/probe" });
  });
});

describe("degenquest, local", () => {
  it("creates nothing in DigitalOcean and schedules no backups", async () => {
    const { runtime, outputs } = await runStack("local");
    expect(runtime.resources.filter((r) => r.type.startsWith("digitalocean:"))).toEqual([]);
    expect(runtime.ofType(CRONJOB)).toEqual([]);
    expect(outputs.backupBucket).toBe("");
    expect(server(runtime).spec.template.spec.imagePullSecrets).toEqual([]);
  });
});

describe.each(["dev", "staging", "production"] as const)("degenquest backups, %s", (stack) => {
  it("keeps backups in a private, versioned bucket that expires them after the retention period", async () => {
    const { runtime, outputs } = await runStack(stack);
    const backup = BACKUP[stack];
    const bucket = runtime.one(BUCKET);
    expect(bucket.inputs).toMatchObject({ name: backup.bucket, region: backup.region, acl: "private", versioning: { enabled: true } });
    expect(bucket.inputs.lifecycleRules).toEqual([
      expect.objectContaining({
        enabled: true,
        prefix: "backups/",
        expiration: { days: backup.retentionDays },
        noncurrentVersionExpiration: { days: backup.noncurrentVersionDays },
      }),
    ]);
    expect(outputs.backupBucket).toBe(backup.bucket);
    expect(runtime.ofType(KEY).map((key) => key.inputs.grants)).toEqual([
      [{ bucket: backup.bucket, permission: "readwrite" }],
      [{ bucket: backup.bucket, permission: "read" }],
    ]);
  });

  it("backs up from the server's own node, mounting its claim, with write credentials held in a Secret", async () => {
    const { runtime } = await runStack(stack);
    const statefulSet = server(runtime);
    const pod = podSpec(runtime.one(CRONJOB, "degenquest-db-backup"));
    const [affinity] = pod.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution;
    expect(affinity.topologyKey).toBe("kubernetes.io/hostname");
    expect(statefulSet.spec.template.metadata.labels).toMatchObject(affinity.labelSelector.matchLabels);
    const claim = pod.volumes.find((volume: { persistentVolumeClaim?: unknown }) => volume.persistentVolumeClaim);
    expect(claim.persistentVolumeClaim.claimName).toBe(`${statefulSet.spec.volumeClaimTemplates[0].metadata.name}-${statefulSet.metadata.name}-0`);
    expect(pod.securityContext.runAsUser).toBe(statefulSet.spec.template.spec.securityContext.runAsUser);

    const env = Object.fromEntries(pod.containers[0].env.map((e: { name: string; value?: string; valueFrom?: unknown }) => [e.name, e.value ?? e.valueFrom]));
    expect(env.DB_PATH).toBe("/data/degenquest.db");
    const writer = runtime.one("kubernetes:core/v1:Secret", "degenquest-db-writer-credentials");
    expect(writer.secretInputs).toContain("stringData");
    expect(env.RCLONE_CONFIG_SPACES_SECRET_ACCESS_KEY).toEqual({ secretKeyRef: { name: writer.inputs.metadata.name, key: "secretAccessKey" } });
    expect(pod.containers[0].command.join(" ")).toContain(".backup");
  });

  it("checks the newest backup restores, with read-only credentials and without touching the live volume", async () => {
    const { runtime } = await runStack(stack);
    const pod = podSpec(runtime.one(CRONJOB, "degenquest-db-restore-check"));
    expect(pod.affinity).toBeUndefined();
    expect(pod.volumes.some((volume: { persistentVolumeClaim?: unknown }) => volume.persistentVolumeClaim)).toBe(false);
    const reader = runtime.one("kubernetes:core/v1:Secret", "degenquest-db-reader-credentials");
    const keyRef = pod.containers[0].env.find((e: { name: string }) => e.name === "RCLONE_CONFIG_SPACES_ACCESS_KEY_ID");
    expect(keyRef.valueFrom.secretKeyRef.name).toBe(reader.inputs.metadata.name);
    expect(pod.containers[0].command.join(" ")).toContain("PRAGMA integrity_check");
  });

  it("alerts when a backup or a restore check fails or stops succeeding", async () => {
    const { runtime } = await runStack(stack);
    const rule = runtime.one(RULE, "degenquest-db-alerts");
    expect(rule.inputs.metadata.labels).toMatchObject({ release: "kube-prometheus-stack" });
    const alerts = rule.inputs.spec.groups[0].rules.map((r: { alert: string }) => r.alert);
    expect(alerts).toEqual(["DegenquestDbBackupFailed", "DegenquestDbBackupStale", "DegenquestDbRestoreCheckFailed", "DegenquestDbRestoreCheckStale"]);
  });

  it("lets the backup jobs reach only DNS and HTTPS outside the cluster", async () => {
    const { runtime } = await runStack(stack);
    const policy = runtime.one(POLICY, "degenquest-db-network-policy").inputs.spec;
    for (const job of runtime.ofType(CRONJOB)) {
      expect(job.inputs.spec.jobTemplate.spec.template.metadata.labels).toMatchObject(policy.podSelector.matchLabels);
    }
    expect(policy.ingress).toEqual([]);
    expect(policy.egress[1]).toEqual({
      to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] } }],
      ports: [{ port: 443, protocol: "TCP" }],
    });
    const serverPolicy = runtime.one(POLICY, "degen-server-network-policy").inputs.spec;
    // The server's policy and Service must not pick up the job pods.
    for (const job of runtime.ofType(CRONJOB)) {
      const labels = job.inputs.spec.jobTemplate.spec.template.metadata.labels;
      expect(labels).not.toMatchObject(serverPolicy.podSelector.matchLabels);
    }
  });
});

describe("degenquest, schedules and protection", () => {
  it("protects the backup bucket where players' data lives: staging and production", () => {
    expect((["local", "dev", "staging", "production"] as const).filter(protectsPlayerData)).toEqual(["staging", "production"]);
  });

  it("backs up production every hour and checks a restore every 6 hours, on a UTC schedule", async () => {
    const { runtime } = await runStack("production");
    expect(runtime.one(CRONJOB, "degenquest-db-backup").inputs.spec).toMatchObject({ schedule: "17 * * * *", timeZone: "Etc/UTC", concurrencyPolicy: "Forbid" });
    expect(runtime.one(CRONJOB, "degenquest-db-restore-check").inputs.spec.schedule).toBe("47 */6 * * *");
  });
});
