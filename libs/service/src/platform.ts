/**
 * What a service needs from the platform's base stacks, as typed values. The component takes
 * these and never reads a stack itself; {@link readServicePlatform} builds them from the readers.
 */
import type * as pulumi from "@pulumi/pulumi";
import { clusterBase, type ClusterBaseOutputs } from "@platform/cluster-base-contract";
import { currentEnvironment, type Environment } from "@platform/config";
import { networking, type NetworkingOutputs } from "@platform/networking-contract";
import { observability, type ObservabilityOutputs } from "@platform/observability-contract";
import type { StackReferenceOf } from "@platform/stack-contracts";

type Outputs<T, K extends keyof T> = { readonly [P in K]: pulumi.Output<T[P]> };

export interface ServicePlatform {
  /** The environment deployed, known when the program starts: it decides which images are allowed. */
  readonly environment: Environment;
  /** The application's key in cluster-base's `tenants`: its namespace and pull secret. */
  readonly tenant: string;
  readonly clusterBase: Outputs<ClusterBaseOutputs, "registryServer" | "storageClass" | "tenants">;
  readonly networking: Outputs<
    NetworkingOutputs,
    "edges" | "clusterIssuer" | "baseDomain"
  >;
  readonly observability: Outputs<
    ObservabilityOutputs,
    "monitorLabels" | "ruleLabels" | "dashboardLabels" | "prometheusNamespace" | "prometheusPodLabels" | "blackboxExporterUrl"
  >;
}

export interface PlatformReferences {
  readonly clusterBase: StackReferenceOf<ClusterBaseOutputs>;
  readonly networking: StackReferenceOf<NetworkingOutputs>;
  readonly observability: StackReferenceOf<ObservabilityOutputs>;
}

/**
 * Reads cluster-base, networking and observability of this environment for one tenant. Pass
 * `references` to reuse stacks the program already read (one StackReference per stack).
 */
export function readServicePlatform(tenant: string, references?: Partial<PlatformReferences>): ServicePlatform {
  return {
    environment: currentEnvironment(),
    tenant,
    clusterBase: references?.clusterBase ?? clusterBase.read(),
    networking: references?.networking ?? networking.read(),
    observability: references?.observability ?? observability.read(),
  };
}
