import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PRIVATE_IPV4_RANGES } from "@platform/config";
import {
  CLUSTER_DNS,
  DNS_PORTS,
  egressRule,
  imageReference,
  SERVICE_CONTAINER_SECURITY,
  servicePodSecurity,
  type ImageRef,
  type PlatformService,
} from "@platform/service";
import { cronJobAlertRules } from "./backup-alerts";
import { BACKUP_PREFIX, type BackupBucket, type SpacesCredentials } from "./backup-bucket";
import { BACKUP_SCRIPT, RESTORE_CHECK_SCRIPT } from "./backup-scripts";

export interface DatabaseBackupArgs {
  /** The server whose database file is backed up: its namespace, pods, volume and user. */
  readonly server: PlatformService;
  /** Name of the server's volume that holds the database. */
  readonly volume: string;
  readonly mountPath: string;
  /** The database file on that volume. */
  readonly dbPath: string;
  /** Size of the volume: the scratch space a copy may need. */
  readonly sizeGiB: number;
  readonly bucket: BackupBucket;
  /** Registry host that the server's image comes from too. */
  readonly registryServer: pulumi.Input<string>;
  /** Image with sh, sqlite3, gzip and rclone. */
  readonly toolsImage: ImageRef;
  readonly everyHours: number;
  readonly restoreCheckEveryHours: number;
  /** Labels that make Prometheus load the alert rules (observability contract). */
  readonly ruleLabels: pulumi.Input<Readonly<Record<string, string>>>;
}

/** A CronJob schedule that runs every `hours` (a divisor of 24) at `minute`; daily runs at `dailyHour`. */
export function everyHoursSchedule(hours: number, minute: number, dailyHour: number): string {
  if (hours === 24) return `${minute} ${dailyHour} * * *`;
  return hours === 1 ? `${minute} * * * *` : `${minute} */${hours} * * *`;
}

const COMPONENT = "database-backup";

/**
 * Scheduled backups of the server's SQLite database to Spaces, a scheduled check that the newest
 * backup restores, a network policy that lets both reach only DNS and HTTPS, and alerts when
 * either fails or stops succeeding.
 */
export class DatabaseBackup extends pulumi.ComponentResource {
  readonly backupJob: k8s.batch.v1.CronJob;
  readonly restoreCheckJob: k8s.batch.v1.CronJob;

  constructor(name: string, args: DatabaseBackupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:degenquest:DatabaseBackup", name, {}, opts);
    const { server, bucket } = args;
    const namespace = server.namespace;
    const labels = {
      "app.kubernetes.io/name": name,
      "app.kubernetes.io/component": COMPONENT,
      "app.kubernetes.io/part-of": server.labels["app.kubernetes.io/part-of"]!,
      "app.kubernetes.io/managed-by": "pulumi",
    };
    const metadata = (suffix: string) => ({ name: `${name}-${suffix}`, namespace, labels });

    const account = new k8s.core.v1.ServiceAccount(
      `${name}-service-account`,
      { metadata: { name, namespace, labels }, automountServiceAccountToken: false },
      { parent: this },
    );
    const credentials = (suffix: string, keys: SpacesCredentials) =>
      new k8s.core.v1.Secret(
        `${name}-${suffix}-credentials`,
        {
          metadata: metadata(`${suffix}-credentials`),
          type: "Opaque",
          stringData: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
        },
        { parent: this },
      );
    const writer = credentials("writer", bucket.writer);
    const reader = credentials("reader", bucket.reader);

    const image = pulumi.output(args.registryServer).apply((registry) => imageReference(registry, args.toolsImage));
    const job = (suffix: string, schedule: string, script: string, secret: k8s.core.v1.Secret, withDatabase: boolean) => {
      const podLabels = { ...labels, "app.kubernetes.io/instance": `${name}-${suffix}` };
      const env = [
        { name: "BUCKET", value: bucket.bucketName },
        { name: "PREFIX", value: BACKUP_PREFIX },
        { name: "HOME", value: "/tmp" },
        { name: "RCLONE_CONFIG_SPACES_TYPE", value: "s3" },
        { name: "RCLONE_CONFIG_SPACES_PROVIDER", value: "DigitalOcean" },
        { name: "RCLONE_CONFIG_SPACES_ENDPOINT", value: bucket.endpoint },
        { name: "RCLONE_CONFIG_SPACES_ACCESS_KEY_ID", valueFrom: { secretKeyRef: { name: secret.metadata.name, key: "accessKeyId" } } },
        { name: "RCLONE_CONFIG_SPACES_SECRET_ACCESS_KEY", valueFrom: { secretKeyRef: { name: secret.metadata.name, key: "secretAccessKey" } } },
        ...(withDatabase ? [{ name: "DB_PATH", value: args.dbPath }] : []),
      ];
      return new k8s.batch.v1.CronJob(
        `${name}-${suffix}`,
        {
          metadata: metadata(suffix),
          spec: {
            schedule,
            timeZone: "Etc/UTC",
            concurrencyPolicy: "Forbid",
            startingDeadlineSeconds: 600,
            successfulJobsHistoryLimit: 3,
            failedJobsHistoryLimit: 3,
            jobTemplate: {
              metadata: { labels: podLabels },
              spec: {
                backoffLimit: 2,
                // Long enough for a large copy; a pod that cannot be placed fails the run, and alerts.
                activeDeadlineSeconds: 1800,
                template: {
                  metadata: { labels: podLabels },
                  spec: {
                    restartPolicy: "Never",
                    serviceAccountName: account.metadata.name,
                    automountServiceAccountToken: false,
                    enableServiceLinks: false,
                    imagePullSecrets: server.imagePullSecret.apply((pull) => (pull ? [{ name: pull }] : [])),
                    // The server's user owns the database files.
                    securityContext: servicePodSecurity(server.runAsUser),
                    // The volume is ReadWriteOnce: only a pod on the node where the server runs can
                    // mount it, so the backup is placed next to the server's pod.
                    ...(withDatabase
                      ? {
                          affinity: {
                            podAffinity: {
                              requiredDuringSchedulingIgnoredDuringExecution: [
                                { labelSelector: { matchLabels: { ...server.selectorLabels } }, topologyKey: "kubernetes.io/hostname" },
                              ],
                            },
                          },
                        }
                      : {}),
                    containers: [
                      {
                        name: suffix,
                        image,
                        imagePullPolicy: "IfNotPresent",
                        command: ["/bin/sh", "-c", script],
                        env,
                        resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
                        securityContext: SERVICE_CONTAINER_SECURITY,
                        volumeMounts: [
                          { name: "scratch", mountPath: "/tmp" },
                          // Read-write: SQLite takes its locks and WAL index next to the file, even to read.
                          ...(withDatabase ? [{ name: args.volume, mountPath: args.mountPath }] : []),
                        ],
                      },
                    ],
                    volumes: [
                      { name: "scratch", emptyDir: { sizeLimit: `${args.sizeGiB}Gi` } },
                      ...(withDatabase ? [{ name: args.volume, persistentVolumeClaim: { claimName: server.claimName(args.volume) } }] : []),
                    ],
                  },
                },
              },
            },
          },
        },
        { parent: this },
      );
    };

    this.backupJob = job("backup", everyHoursSchedule(args.everyHours, 17, 3), BACKUP_SCRIPT, writer, true);
    this.restoreCheckJob = job("restore-check", everyHoursSchedule(args.restoreCheckEveryHours, 47, 4), RESTORE_CHECK_SCRIPT, reader, false);

    new k8s.networking.v1.NetworkPolicy(
      `${name}-network-policy`,
      {
        metadata: { name, namespace, labels },
        spec: {
          podSelector: { matchLabels: { "app.kubernetes.io/name": name, "app.kubernetes.io/component": COMPONENT } },
          policyTypes: ["Ingress", "Egress"],
          ingress: [],
          egress: [
            { to: [CLUSTER_DNS], ports: DNS_PORTS.map((port) => ({ ...port })) },
            // Backups go to Spaces, a public endpoint, and never into the cluster's own networks.
            egressRule({ description: "DigitalOcean Spaces", cidr: "0.0.0.0/0", except: PRIVATE_IPV4_RANGES, ports: [443] }),
          ],
        },
      },
      { parent: this },
    );

    const groups = pulumi.all([namespace, this.backupJob.metadata.name, this.restoreCheckJob.metadata.name]).apply(([ns, backup, check]) => [
      {
        name: `${name}.rules`,
        rules: [
          ...cronJobAlertRules({ namespace: ns, cronJob: backup, purpose: "database backup", everyHours: args.everyHours }),
          ...cronJobAlertRules({ namespace: ns, cronJob: check, purpose: "restore check", everyHours: args.restoreCheckEveryHours }),
        ],
      },
    ]);
    new k8s.apiextensions.CustomResource(
      `${name}-alerts`,
      {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PrometheusRule",
        metadata: {
          name: `${name}-alerts`,
          namespace,
          labels: pulumi.output(args.ruleLabels).apply((ruleLabels) => ({ ...labels, ...ruleLabels })),
        },
        spec: { groups },
      },
      { parent: this },
    );

    this.registerOutputs({});
  }
}
