import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** How cluster-base says its cluster is reached: a kubeconfig, and on a local cluster the context in it. */
export interface ClusterAccess {
  /** kubeconfig document; empty selects the machine's kubeconfig file and `kubeContext` in it. */
  readonly kubeconfig: pulumi.Input<string>;
  /** Context of the local kubeconfig file; empty on DigitalOcean. */
  readonly kubeContext: pulumi.Input<string>;
}

/**
 * The Kubernetes provider for the cluster that cluster-base publishes, so no program decides for
 * itself how to reach the cluster.
 */
export function clusterProvider(name: string, access: ClusterAccess, opts?: pulumi.CustomResourceOptions): k8s.Provider {
  return new k8s.Provider(
    name,
    {
      // An empty kubeconfig makes the provider use the local kubeconfig file and the context named.
      // Never map it to undefined: the SDK sends a secret undefined as null, which the provider
      // reads as an empty kubeconfig document, so the context "does not exist".
      kubeconfig: access.kubeconfig,
      context: access.kubeContext,
      enableServerSideApply: true,
      deleteUnreachable: false,
    },
    opts,
  );
}
