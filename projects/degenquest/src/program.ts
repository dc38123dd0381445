import { clusterBase } from "@platform/cluster-base-contract";
import { clusterProvider } from "@platform/kubernetes";
import { currentEnvironment, PLATFORM_IMAGES, type Environment } from "@platform/config";
import { PlatformService, readServicePlatform } from "@platform/service";
import type { StackOutputs } from "@platform/stack-contracts";
import { BackupBucket } from "./components/backup-bucket";
import { DatabaseBackup } from "./components/database-backup";
import { DATA_DIR, loadDegenquestConfig } from "./config";
import type { DegenquestOutputs } from "@platform/degenquest-contract";

/** Name of the database volume's claim template; renaming it would orphan the players' data. */
const DATA_VOLUME = "data";

/** Staging and production keep players' data: deleting it takes `pulumi state unprotect` first. */
export function protectsPlayerData(environment: Environment): boolean {
  return environment === "staging" || environment === "production";
}

/** degenquest: the game server, its database volume, its backups and how it is watched. */
export function degenquestProgram(): StackOutputs<DegenquestOutputs> {
  const environment = currentEnvironment();
  const config = loadDegenquestConfig(environment);
  const base = clusterBase.read();
  const platform = readServicePlatform("degenquest", { clusterBase: base });
  const provider = clusterProvider("cluster", base);
  const protect = protectsPlayerData(environment);

  // The database is one SQLite file on a ReadWriteOnce volume: one pod, stopped before its
  // replacement starts (a StatefulSet), no autoscaler. See README.md.
  const server = new PlatformService(
    "degen-server",
    {
      platform,
      image: { repository: PLATFORM_IMAGES.degenquest.repository, tag: config.imageTag },
      ports: [{ name: "http", port: 8888 }],
      health: { port: "http", path: "/health" },
      env: { ...config.env, NODE_ENV: "production", DB_PATH: config.dbPath },
      replicas: config.replicas,
      resources: config.resources,
      volumes: [{ name: DATA_VOLUME, mountPath: DATA_DIR, sizeGiB: config.storageGiB }],
      // Players hold WebSocket connections open between moves.
      ingress: { port: "http", subdomain: config.subdomain, idleTimeoutSeconds: 3600 },
      sloObjective: config.sloObjective,
    },
    { provider },
  );

  let backupBucket = "";
  if (config.backup) {
    const bucket = new BackupBucket("degenquest-backups", config.backup, { protect });
    new DatabaseBackup(
      "degenquest-db",
      {
        server,
        volume: DATA_VOLUME,
        mountPath: DATA_DIR,
        dbPath: config.dbPath,
        sizeGiB: config.storageGiB,
        bucket,
        registryServer: base.registryServer,
        toolsImage: { repository: PLATFORM_IMAGES["degenquest-backup-tools"].repository, tag: config.backup.toolsImageTag },
        everyHours: config.backup.everyHours,
        restoreCheckEveryHours: config.backup.restoreCheckEveryHours,
        ruleLabels: platform.observability.ruleLabels,
      },
      { provider },
    );
    backupBucket = config.backup.bucket;
  }

  return {
    namespace: server.namespace,
    url: server.url,
    imageTag: config.imageTag,
    backupBucket,
  };
}
