import { podSecurityNamespace, PUBLIC_ROUTES_LABEL } from "@platform/kubernetes";
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { MANAGED_BY } from "./labels";

export interface LayerNamespaceArgs {
  /** Name of the namespace. */
  readonly namespace: string;
  readonly environment: string;
}

/**
 * A namespace of this layer whose own agents need more than the restricted Pod Security Standard
 * (node-exporter shares the host's namespaces; the log shipper reads node log files). It is
 * enforced `privileged`, while warnings and audit stay `restricted`, so any other pod that asks
 * for more is still reported.
 */
export function layerNamespace(name: string, args: LayerNamespaceArgs, opts: pulumi.CustomResourceOptions): k8s.core.v1.Namespace {
  return podSecurityNamespace(
    name,
    { name: args.namespace, enforce: "privileged", labels: { ...MANAGED_BY, "platform.degen.dev/environment": args.environment, ...PUBLIC_ROUTES_LABEL } },
    opts,
  );
}
