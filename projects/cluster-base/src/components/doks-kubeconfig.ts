/**
 * The kubeconfig cluster-base publishes for a DigitalOcean cluster. It names the cluster (API
 * endpoint and CA) and asks doctl for a short-lived token each time a client connects, as
 * `doctl kubernetes cluster kubeconfig save` does. The raw kubeconfig DigitalOcean returns
 * carries a token that expires after 7 days, and a stack output is only rewritten by an `up` of
 * cluster-base: every downstream deploy would fail with Unauthorized a week after the last one.
 * This one holds no credential, so it never expires and never changes while the cluster lives.
 */
import * as pulumi from "@pulumi/pulumi";

/** What identifies a DOKS cluster to a client, as the DigitalOcean provider reports it. */
export interface DoksClusterAccess {
  /** Cluster UUID, which doctl asks credentials for. */
  readonly id: string;
  readonly name: string;
  /** Region slug, part of doctl's context name. */
  readonly region: string;
  /** API server URL, `https://<id>.k8s.ondigitalocean.com`. */
  readonly host: string;
  /** Base64-encoded PEM of the cluster's certificate authority. */
  readonly clusterCaCertificate: string;
}

/** Shown by kubectl and the Kubernetes provider when doctl is not on the PATH. */
export const DOCTL_INSTALL_HINT =
  "doctl fetches a short-lived token for this DigitalOcean cluster: install it " +
  "(https://docs.digitalocean.com/reference/doctl/how-to/install/) and export DIGITALOCEAN_ACCESS_TOKEN.";

/** doctl's own context name for a cluster, so a kubeconfig saved by doctl and this one agree. */
export function doksContextName(cluster: Pick<DoksClusterAccess, "name" | "region">): string {
  return `do-${cluster.region}-${cluster.name}`;
}

/** The kubeconfig document (JSON, which every kubeconfig reader accepts as YAML). */
export function doksKubeconfig(cluster: DoksClusterAccess): string {
  const context = doksContextName(cluster);
  const user = `${context}-admin`;
  return JSON.stringify(
    {
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: context, cluster: { server: cluster.host, "certificate-authority-data": cluster.clusterCaCertificate } }],
      users: [
        {
          name: user,
          user: {
            exec: {
              apiVersion: "client.authentication.k8s.io/v1beta1",
              command: "doctl",
              args: ["kubernetes", "cluster", "kubeconfig", "exec-credential", "--version=v1beta1", cluster.id],
              installHint: DOCTL_INSTALL_HINT,
              interactiveMode: "Never",
              provideClusterInfo: false,
            },
          },
        },
      ],
      contexts: [{ name: context, context: { cluster: context, user } }],
      "current-context": context,
    },
    null,
    2,
  );
}

/** The kubeconfig of a cluster resource or data source of the DigitalOcean provider, as a secret. */
export function doksKubeconfigOf(cluster: {
  readonly id: pulumi.Input<string>;
  readonly name: pulumi.Input<string>;
  readonly region: pulumi.Input<string>;
  readonly kubeConfigs: pulumi.Input<readonly { readonly host?: string; readonly clusterCaCertificate?: string }[]>;
}): pulumi.Output<string> {
  return pulumi.secret(
    pulumi.all([cluster.id, cluster.name, cluster.region, cluster.kubeConfigs]).apply(([id, name, region, [access]]) =>
      doksKubeconfig({ id, name, region, host: access?.host ?? "", clusterCaCertificate: access?.clusterCaCertificate ?? "" }),
    ),
  );
}
