import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { PIPELINE_MANAGED_NAMESPACE_LABELS } from "./identities";

/** Pod Security Standard levels, from strictest to loosest. */
export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

export interface PodSecurityNamespaceArgs {
  /** Name of the namespace. */
  readonly name: string;
  /** The level the API server enforces: pods asking for more are refused. */
  readonly enforce: PodSecurityLevel;
  /** Labels besides the Pod Security ones, such as `app.kubernetes.io/managed-by`. @default none */
  readonly labels?: Readonly<Record<string, string>>;
}

/** The Pod Security labels of a namespace that enforces `enforce`. */
export function podSecurityLabels(enforce: PodSecurityLevel): Record<string, string> {
  return {
    "pod-security.kubernetes.io/enforce": enforce,
    // The standard of the cluster's own Kubernetes version, said outright rather than left to a default.
    "pod-security.kubernetes.io/enforce-version": "latest",
    "pod-security.kubernetes.io/warn": "restricted",
    "pod-security.kubernetes.io/audit": "restricted",
  };
}

/**
 * A namespace with its Pod Security Standard enforced at `enforce`, while warnings and audit stay
 * `restricted`, so any pod that asks for more than the restricted standard is still reported where
 * a looser level admits it. The namespace carries the label by which the admission policies know
 * that only the pipeline changes its objects. Those labels and the Pod Security ones win over `labels`.
 */
export function podSecurityNamespace(
  resourceName: string,
  args: PodSecurityNamespaceArgs,
  opts?: pulumi.CustomResourceOptions,
): k8s.core.v1.Namespace {
  return new k8s.core.v1.Namespace(
    resourceName,
    { metadata: { name: args.name, labels: { ...args.labels, ...PIPELINE_MANAGED_NAMESPACE_LABELS, ...podSecurityLabels(args.enforce) } } },
    opts,
  );
}

/**
 * The label of a namespace whose HTTPRoutes the environment's Gateway accepts: the tenants' and the
 * observability layer's. Only the pipeline creates and labels namespaces (the admission policies).
 */
export const PUBLIC_ROUTES_LABEL = { "platform.degen.dev/public-routes": "allowed" } as const;
