import { podSecurityNamespace, type PodSecurityLevel } from "@platform/kubernetes";
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** A namespace for a platform add-on, labelled like every platform object, with its Pod Security Standard enforced. */
export function platformNamespace(
  resourceName: string,
  namespace: string,
  podSecurity: PodSecurityLevel,
  opts: pulumi.CustomResourceOptions,
): k8s.core.v1.Namespace {
  return podSecurityNamespace(
    resourceName,
    {
      name: namespace,
      enforce: podSecurity,
      labels: { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "degen-platform" },
    },
    opts,
  );
}
