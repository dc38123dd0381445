/**
 * Contract floor: what cluster-base publishes to the stacks that build on it, and its typed reader.
 * Side-effect free and free of provider code: the producer types its exports with it, every
 * consumer reads through it, and the delivery rules map this package to the cluster-base stack.
 */
import type { Environment } from "@platform/config";
import { defineStackContract } from "@platform/stack-contracts";

/** A namespace that the platform team owns and hands to one application. */
export interface TenantNamespace {
  readonly namespace: string;
  /** Secret in that namespace with read-only credentials for the registry; empty where none is needed. */
  readonly imagePullSecret: string;
}

/**
 * Whether the cluster runs a Gateway API implementation that the networking stack may put the
 * public edge on: DOKS's managed one (Cilium) on VPC-native clusters of Kubernetes 1.33 or later,
 * or one that a local cluster's configuration names.
 */
export type GatewayApiSupport =
  | {
      readonly available: true;
      /** The GatewayClass a Gateway names, which the cluster provides (DOKS: `cilium`). */
      readonly gatewayClassName: string;
    }
  | {
      readonly available: false;
      /** Why not, naming the setting to change: what networking says when asked for the gateway edge. */
      readonly reason: string;
    };

export interface ClusterBaseOutputs {
  readonly environment: Environment;
  readonly clusterMode: "create" | "existing" | "local";
  readonly clusterName: string;
  readonly kubernetesVersion: string;
  /**
   * The kubeconfig every stack deploys with: the cluster's (DigitalOcean's, with doctl's exec
   * credential, or a local cluster's context from the machine's kubeconfig), impersonating the
   * pipeline's identity, which the cluster's admission policies admit.
   */
  readonly kubeconfig: string;
  /** kubeconfig context of a local cluster, also the current context of `kubeconfig`; empty on DigitalOcean. */
  readonly kubeContext: string;
  /** Registry host and path that images are pulled from, such as `registry.digitalocean.com/pioneer`. */
  readonly registryServer: string;
  /** Storage class for application volumes. */
  readonly storageClass: string;
  /** Tenant namespaces, keyed by application. */
  readonly tenants: Readonly<Record<string, TenantNamespace>>;
  /** The cluster's Gateway API implementation, if any. */
  readonly gatewayApi: GatewayApiSupport;
}

export const clusterBase = defineStackContract<ClusterBaseOutputs>("cluster-base", {
  environment: "plain",
  clusterMode: "plain",
  clusterName: "plain",
  kubernetesVersion: "plain",
  kubeconfig: "secret",
  kubeContext: "plain",
  registryServer: "plain",
  storageClass: "plain",
  tenants: "plain",
  gatewayApi: "plain",
});
