import * as digitalocean from "@pulumi/digitalocean";
import * as pulumi from "@pulumi/pulumi";

export interface BackupBucketArgs {
  /** Bucket name, global across DigitalOcean. */
  readonly bucket: string;
  readonly region: string;
  /** Days a backup is kept before the lifecycle rule deletes it. */
  readonly retentionDays: number;
  /** Days an overwritten or deleted backup stays recoverable as an older version. */
  readonly noncurrentVersionDays: number;
}

/** Object key prefix of every backup; the lifecycle rule applies to it alone. */
export const BACKUP_PREFIX = "backups/";

export interface SpacesCredentials {
  readonly accessKeyId: pulumi.Output<string>;
  readonly secretAccessKey: pulumi.Output<string>;
}

/**
 * A private, versioned Spaces bucket whose backups expire after the retention period, with two
 * keys scoped to it: one that writes (the backup job) and one that only reads (the restore check).
 */
export class BackupBucket extends pulumi.ComponentResource {
  readonly bucket: digitalocean.SpacesBucket;
  readonly bucketName: pulumi.Output<string>;
  /** `<region>.digitaloceanspaces.com`, the S3 endpoint. */
  readonly endpoint: string;
  readonly writer: SpacesCredentials;
  readonly reader: SpacesCredentials;

  constructor(name: string, args: BackupBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:degenquest:BackupBucket", name, {}, opts);

    this.bucket = new digitalocean.SpacesBucket(
      `${name}-bucket`,
      {
        name: args.bucket,
        region: args.region,
        acl: "private",
        // A backup that is overwritten or deleted, by mistake or by a leaked key, stays recoverable.
        versioning: { enabled: true },
        lifecycleRules: [
          {
            id: "expire-backups",
            enabled: true,
            prefix: BACKUP_PREFIX,
            expiration: { days: args.retentionDays },
            noncurrentVersionExpiration: { days: args.noncurrentVersionDays },
            abortIncompleteMultipartUploadDays: 1,
          },
        ],
        forceDestroy: false,
      },
      { parent: this },
    );
    this.bucketName = this.bucket.name;
    this.endpoint = `${args.region}.digitaloceanspaces.com`;

    const key = (suffix: string, permission: "readwrite" | "read"): SpacesCredentials => {
      const spacesKey = new digitalocean.SpacesKey(
        `${name}-${suffix}-key`,
        { name: `${args.bucket}-${suffix}`, grants: [{ bucket: this.bucket.name, permission }] },
        { parent: this, additionalSecretOutputs: ["secretKey"] },
      );
      return { accessKeyId: pulumi.secret(spacesKey.accessKey), secretAccessKey: pulumi.secret(spacesKey.secretKey) };
    };
    this.writer = key("writer", "readwrite");
    this.reader = key("reader", "read");

    this.registerOutputs({ bucketName: this.bucketName, endpoint: this.endpoint });
  }
}
