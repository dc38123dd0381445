/**
 * What cluster-base publishes to the stacks that build on it. Side-effect free: consumers import
 * this module, and that import is the edge of the stack graph.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { Environment } from "@platform/config";
import { defineStackContract, type StackReferenceOf } from "@platform/stack-contracts";

/** A namespace that the platform team owns and hands to one application. */
export interface TenantNamespace {
  readonly namespace: string;
  /** Secret in that namespace with read-only credentials for the registry; empty where none is needed. */
  readonly imagePullSecret: string;
}

export interface ClusterBaseOutputs {
  readonly environment: Environment;
  readonly clusterMode: "create" | "existing" | "local";
  readonly clusterName: string;
  readonly kubernetesVersion: string;
  /** Admin kubeconfig of a DigitalOcean cluster; empty for a local cluster, reached through `kubeContext`. */
  readonly kubeconfig: string;
  /** kubeconfig context of a local cluster; empty on DigitalOcean. */
  readonly kubeContext: string;
  /** Registry host and path that images are pulled from, such as `registry.digitalocean.com/pioneer`. */
  readonly registryServer: string;
  /** Storage class for application volumes. */
  readonly storageClass: string;
  /** Tenant namespaces, keyed by application. */
  readonly tenants: Readonly<Record<string, TenantNamespace>>;
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
});

/**
 * The Kubernetes provider for the cluster that cluster-base publishes, so no consumer decides for
 * itself how to reach the cluster.
 */
export function clusterProvider(
  name: string,
  base: Pick<StackReferenceOf<ClusterBaseOutputs>, "kubeconfig" | "kubeContext">,
  opts?: pulumi.CustomResourceOptions,
): k8s.Provider {
  return new k8s.Provider(
    name,
    {
      // An empty kubeconfig makes the provider use the local kubeconfig file and the context named.
      // Never map it to undefined: the SDK sends a secret undefined as null, which the provider
      // reads as an empty kubeconfig document, so the context "does not exist".
      kubeconfig: base.kubeconfig,
      context: base.kubeContext,
      enableServerSideApply: true,
      deleteUnreachable: false,
    },
    opts,
  );
}
