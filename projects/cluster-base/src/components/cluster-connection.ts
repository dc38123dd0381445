import * as digitalocean from "@pulumi/digitalocean";
import * as pulumi from "@pulumi/pulumi";
import type { Environment } from "@platform/config";
import type { GatewayApiSupport } from "@platform/cluster-base-contract";
import type { ClusterConfig } from "../config";
import { createdClusterGatewayApi, existingClusterGatewayApi, localClusterGatewayApi } from "../gateway-api";
import { DoksCluster } from "./doks-cluster";
import { deployKubeconfig } from "./deploy-kubeconfig";
import { doksKubeconfigOf } from "./doks-kubeconfig";
import { localKubeconfig } from "./local-kubeconfig";

/** How the rest of the stack reaches the cluster, whichever way the cluster came to be. */
export interface ClusterConnection {
  readonly mode: ClusterConfig["mode"];
  readonly clusterName: pulumi.Output<string>;
  readonly kubernetesVersion: pulumi.Output<string>;
  /**
   * Secret kubeconfig with the caller's own identity, for what only a cluster admin may declare
   * (the access bindings and admission policies). On DigitalOcean it holds no token (doctl fetches
   * one per use); empty for a local cluster, which `kubeContext` names in this machine's kubeconfig.
   */
  readonly kubeconfig: pulumi.Output<string>;
  /** Secret kubeconfig of the same cluster that deploys as the pipeline's identity: what every stack uses. */
  readonly deployKubeconfig: pulumi.Output<string>;
  /** Local kubeconfig context; empty on DigitalOcean. */
  readonly kubeContext: string;
  /** The cluster's Gateway API implementation, or why it has none. */
  readonly gatewayApi: pulumi.Output<GatewayApiSupport>;
  /** The created cluster, when this stack owns it. */
  readonly doks?: DoksCluster;
}

/**
 * Creates a DOKS cluster, reads an existing one without managing it, or points at a local
 * kubeconfig context, as the stack's `cluster.mode` says.
 */
export function connectCluster(
  config: ClusterConfig,
  environment: Environment,
  opts?: pulumi.ComponentResourceOptions,
): ClusterConnection {
  switch (config.mode) {
    case "create": {
      const { mode: _mode, ...args } = config;
      const doks = new DoksCluster("doks", { ...args, environment }, opts);
      return {
        mode: config.mode,
        clusterName: doks.clusterName,
        kubernetesVersion: doks.kubernetesVersion,
        kubeconfig: doks.kubeconfig,
        deployKubeconfig: deployKubeconfigOf(doks.kubeconfig),
        kubeContext: "",
        gatewayApi: pulumi.output(createdClusterGatewayApi(config.versionPrefix, config.podNetwork !== undefined)),
        doks,
      };
    }
    case "existing": {
      // A data source: the cluster is read, never created, changed or deleted by this stack.
      const existing = digitalocean.getKubernetesClusterOutput({ name: config.name });
      const kubeconfig = doksKubeconfigOf(existing);
      return {
        mode: config.mode,
        clusterName: existing.name,
        kubernetesVersion: existing.version,
        kubeconfig,
        deployKubeconfig: deployKubeconfigOf(kubeconfig),
        kubeContext: "",
        gatewayApi: pulumi
          .all([existing.name, existing.version])
          .apply(([name, version]) => existingClusterGatewayApi({ name, version, vpcNative: config.vpcNative })),
      };
    }
    case "local":
      return {
        mode: config.mode,
        clusterName: pulumi.output(config.context),
        kubernetesVersion: pulumi.output("local"),
        kubeconfig: pulumi.secret(""),
        // Read now, so that a context this machine lacks stops the run with the key to fix.
        deployKubeconfig: pulumi.secret(deployKubeconfig(localKubeconfig(config.context))),
        kubeContext: config.context,
        gatewayApi: pulumi.output(localClusterGatewayApi(config.gatewayClassName)),
      };
  }
}

/** The DigitalOcean kubeconfig (JSON, as `doksKubeconfig` writes it), deploying as the pipeline. */
function deployKubeconfigOf(kubeconfig: pulumi.Output<string>): pulumi.Output<string> {
  return pulumi.secret(kubeconfig.apply((document) => deployKubeconfig(JSON.parse(document) as Record<string, unknown>)));
}
