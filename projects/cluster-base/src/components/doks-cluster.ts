import * as digitalocean from "@pulumi/digitalocean";
import * as pulumi from "@pulumi/pulumi";
import { doksKubeconfigOf } from "./doks-kubeconfig";

export type MaintenanceDay = "any" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";

export interface DoksClusterArgs {
  readonly name: string;
  /** DigitalOcean region slug, such as `nyc3`. */
  readonly region: string;
  /** Release line such as `1.33.`; the newest DOKS patch of it is resolved when the stack deploys. */
  readonly versionPrefix: string;
  readonly nodePool: {
    readonly size: string;
    readonly minNodes: number;
    readonly maxNodes: number;
  };
  /** @default false: a single control-plane replica (production sets true). */
  readonly highAvailability?: boolean;
  /** @default true: DigitalOcean applies patch releases in the maintenance window. */
  readonly autoUpgrade?: boolean;
  /** @default true: upgrades add nodes before draining old ones, so capacity never drops. */
  readonly surgeUpgrade?: boolean;
  /** @default Sunday 04:00 UTC */
  readonly maintenanceWindow?: { readonly day: MaintenanceDay; readonly startTime: string };
  /** @default the region's default VPC */
  readonly vpcIpRange?: string;
  /** Pod address block of a VPC-native cluster; with `serviceNetwork`. @default none: an overlay network */
  readonly podNetwork?: string;
  /** Service address block of a VPC-native cluster; with `podNetwork`. @default none */
  readonly serviceNetwork?: string;
  /** Extra tags on the cluster and its nodes. @default none beyond `platform` and the environment */
  readonly tags?: readonly string[];
  /** Environment tag. */
  readonly environment: string;
}

/** A DigitalOcean Kubernetes cluster with one autoscaling node pool, optionally in its own VPC. */
export class DoksCluster extends pulumi.ComponentResource {
  readonly cluster: digitalocean.KubernetesCluster;
  readonly vpc: digitalocean.Vpc | undefined;
  readonly clusterName: pulumi.Output<string>;
  readonly kubernetesVersion: pulumi.Output<string>;
  /** Admin kubeconfig that fetches a fresh token through doctl on each use (see doks-kubeconfig.ts). */
  readonly kubeconfig: pulumi.Output<string>;

  constructor(name: string, args: DoksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cluster-base:DoksCluster", name, {}, opts);
    const highAvailability = args.highAvailability ?? false;
    const autoUpgrade = args.autoUpgrade ?? true;
    const surgeUpgrade = args.surgeUpgrade ?? true;
    const maintenanceWindow = args.maintenanceWindow ?? { day: "sunday", startTime: "04:00" };
    const tags = [...new Set(["platform", args.environment, ...(args.tags ?? [])])];

    this.vpc =
      args.vpcIpRange === undefined
        ? undefined
        : new digitalocean.Vpc(
            `${name}-vpc`,
            { name: `${args.name}-vpc`, region: args.region, ipRange: args.vpcIpRange },
            { parent: this },
          );

    const version = digitalocean.getKubernetesVersionsOutput({ versionPrefix: args.versionPrefix }, { parent: this }).latestVersion;

    this.cluster = new digitalocean.KubernetesCluster(
      `${name}-cluster`,
      {
        name: args.name,
        region: args.region,
        version,
        vpcUuid: this.vpc?.id,
        clusterSubnet: args.podNetwork,
        serviceSubnet: args.serviceNetwork,
        ha: highAvailability,
        autoUpgrade,
        surgeUpgrade,
        maintenancePolicy: maintenanceWindow,
        nodePool: {
          name: `${args.name}-default`,
          size: args.nodePool.size,
          autoScale: true,
          minNodes: args.nodePool.minNodes,
          maxNodes: args.nodePool.maxNodes,
          labels: { "platform.degen.dev/pool": "default" },
          tags,
        },
        tags,
        // Volumes and load balancers hold data and addresses: never delete them with the cluster.
        destroyAllAssociatedResources: false,
      },
      {
        parent: this,
        // DigitalOcean moves the version forward itself when auto-upgrade is on; don't fight it.
        ignoreChanges: autoUpgrade ? ["version"] : [],
      },
    );

    this.clusterName = this.cluster.name;
    this.kubernetesVersion = this.cluster.version;
    this.kubeconfig = doksKubeconfigOf(this.cluster);
    this.registerOutputs({
      clusterName: this.clusterName,
      kubernetesVersion: this.kubernetesVersion,
      kubeconfig: this.kubeconfig,
    });
  }
}
