import { containerResourcesSchema, dnsLabel, loadStackConfig, runsOnMachine, type Environment } from "@platform/config";
import { imageTagSchema } from "@platform/service";
import { z } from "zod";

/** Folder the database volume is mounted at, in the server and in the backup job. */
export const DATA_DIR = "/data";



const HOURS = [1, 2, 3, 4, 6, 8, 12, 24] as const;
const everyHours = z.union(
  HOURS.map((hours) => z.literal(hours)),
  { error: `expected a number of hours that divides a day: ${HOURS.join(", ")}` },
);

const backup = (environment: Environment) =>
  z.strictObject({
    /** Spaces bucket for the backups; bucket names are global across DigitalOcean. */
    bucket: dnsLabel.refine((name) => name.length >= 3, { error: "expected at least 3 characters" }),
    region: z.string().regex(/^[a-z]{3}\d$/, { error: 'expected a Spaces region slug such as "nyc3"' }),
    /** How often the database is copied to the bucket. */
    everyHours,
    /** How long a backup is kept. */
    retentionDays: z.number().int().min(1).max(3650),
    /** How long an overwritten or deleted backup stays recoverable (bucket versioning). @default 7 */
    noncurrentVersionDays: z.number().int().min(1).max(365).default(7),
    /** How often the newest backup is downloaded and checked. @default 24 */
    restoreCheckEveryHours: everyHours.default(24),
    /** Tag of the backup tools image (sqlite3 and rclone), built by CI from backup-tools/. */
    toolsImageTag: imageTagSchema(environment, "degenquest:backup.toolsImageTag"),
  });

const resources = containerResourcesSchema("resources");

/** The whole configuration of a degenquest stack, with the rules of its environment. */
export function configSchema(environment: Environment) {
  return z
    .strictObject({
      /** Tag of `degen-server` in the platform registry: the key CI writes (`pulumi config set degenquest:imageTag`). */
      imageTag: imageTagSchema(environment, "degenquest:imageTag"),
      /** Public host is `<subdomain>.<networking baseDomain>`. @default "play" */
      subdomain: dnsLabel.default("play"),
      /**
       * Always 1: the database file lives on a ReadWriteOnce volume that one pod writes. The key
       * exists so that asking for more gets an explanation, not a silent cap.
       * @default 1
       */
      replicas: z.number().int().min(1).default(1),
      resources,
      /** Size of the database volume. */
      storageGiB: z.number().int().min(1).max(1000),
      /** The database file, on the volume at `/data`. @default "/data/degenquest.db" */
      dbPath: z
        .string()
        .regex(new RegExp(`^${DATA_DIR}/[A-Za-z0-9._-]+$`), { error: `expected a file directly in ${DATA_DIR}, such as "${DATA_DIR}/degenquest.db"` })
        .default(`${DATA_DIR}/degenquest.db`),
      /** Further plain settings of the server; sensitive-looking names are refused. @default none */
      env: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/, { error: "expected an UPPER_SNAKE_CASE variable name" }), z.string()).default({}),
      /** Availability objective at the ingress. @default 0.995 */
      sloObjective: z.number().gt(0.9).lt(1).default(0.995),
      /** Database backups to DigitalOcean Spaces; required except on a machine's cluster (local, e2e), which has no DigitalOcean. */
      backup: backup(environment).optional(),
    })
    .superRefine((config, ctx) => {
      if (config.replicas > 1) {
        ctx.addIssue({
          code: "custom",
          path: ["replicas"],
          input: config.replicas,
          message: "the database volume is ReadWriteOnce, written by one pod: use 1 replica or move the database off the volume",
        });
      }
      for (const reserved of ["NODE_ENV", "DB_PATH"]) {
        if (reserved in config.env) {
          ctx.addIssue({
            code: "custom",
            path: ["env", reserved],
            input: config.env[reserved],
            message: `is set by the program (${reserved === "DB_PATH" ? "use degenquest:dbPath" : "always production"}): remove it`,
          });
        }
      }
      if (runsOnMachine(environment) && config.backup) {
        ctx.addIssue({
          code: "custom",
          path: ["backup", "bucket"],
          input: config.backup.bucket,
          message: `${environment} creates no DigitalOcean resources: remove degenquest:backup`,
        });
      }
      if (!runsOnMachine(environment) && !config.backup) {
        ctx.addIssue({
          code: "custom",
          path: ["backup"],
          input: undefined,
          message: `is required (${environment} keeps players' data: configure backups to a Spaces bucket)`,
        });
      }
      if (config.backup && config.backup.restoreCheckEveryHours < config.backup.everyHours) {
        ctx.addIssue({
          code: "custom",
          path: ["backup", "restoreCheckEveryHours"],
          input: config.backup.restoreCheckEveryHours,
          message: `must not be shorter than backup.everyHours (${config.backup.everyHours}): it would check the same backup twice`,
        });
      }
    });
}

export type DegenquestConfig = z.output<ReturnType<typeof configSchema>>;
export type BackupConfig = NonNullable<DegenquestConfig["backup"]>;

export function loadDegenquestConfig(environment: Environment): DegenquestConfig {
  return loadStackConfig(configSchema(environment));
}
