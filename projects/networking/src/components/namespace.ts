import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** Pod Security Standard levels, from strictest to loosest. */
export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

/** A namespace for a platform add-on, labelled like every platform object, with its Pod Security Standard enforced. */
export function platformNamespace(
  resourceName: string,
  namespace: string,
  podSecurity: PodSecurityLevel,
  opts: pulumi.CustomResourceOptions,
): k8s.core.v1.Namespace {
  return new k8s.core.v1.Namespace(
    resourceName,
    {
      metadata: {
        name: namespace,
        labels: {
          "app.kubernetes.io/managed-by": "pulumi",
          "app.kubernetes.io/part-of": "degen-platform",
          "pod-security.kubernetes.io/enforce": podSecurity,
          "pod-security.kubernetes.io/enforce-version": "latest",
          "pod-security.kubernetes.io/warn": "restricted",
          "pod-security.kubernetes.io/audit": "restricted",
        },
      },
    },
    opts,
  );
}
