import type * as pulumi from "@pulumi/pulumi";
import type { ServicePlatform } from "./platform";

/** A port the container listens on; everything else (probes, Service, Ingress, metrics) names it. */
export interface ContainerPort {
  /** IANA-style port name (`http`, `metrics`): at most 15 lower-case letters, digits and '-'. */
  readonly name: string;
  readonly port: number;
  /** @default "TCP" */
  readonly protocol?: "TCP" | "UDP";
}

/** The image, always pulled from the platform registry (cluster-base `registryServer`). */
export interface ImageRef {
  /** Repository under the registry, such as `degen-server`. */
  readonly repository: string;
  /** A 40-hex commit SHA or a `sha256:` digest; `latest` and other moving tags only on `local`. */
  readonly tag: string;
}

/** The health endpoint that the startup, readiness and liveness probes call. */
export interface HealthCheck {
  /** Name of a declared port. */
  readonly port: string;
  /** HTTP path, such as `/health`. @default none: a TCP connection check */
  readonly path?: string;
  /** How long the service may take to start before it is restarted. @default 120 seconds */
  readonly startupSeconds?: number;
}

/** A volume that outlives the pod: the service becomes a StatefulSet with one claim per replica. */
export interface PersistentVolume {
  /** Claim name (DNS label), such as `data`. */
  readonly name: string;
  readonly mountPath: string;
  readonly sizeGiB: number;
  /**
   * DigitalOcean block storage is ReadWriteOnce only: one node mounts it.
   * @default "ReadWriteOnce"
   */
  readonly accessMode?: "ReadWriteOnce" | "ReadWriteOncePod" | "ReadWriteMany";
}

/** Who the service may call, besides DNS. Exactly one of `cidr` or `namespace`. */
export interface EgressRule {
  /** What this rule is for, shown in reviews: `DigitalOcean Spaces`, `OpenAI API`. */
  readonly description: string;
  /** Addresses outside the cluster, such as `0.0.0.0/0`. */
  readonly cidr?: string;
  /** Addresses carved out of `cidr`. @default none */
  readonly except?: readonly string[];
  /** A namespace inside the cluster. */
  readonly namespace?: pulumi.Input<string>;
  /** Pods of that namespace. @default every pod of the namespace */
  readonly podLabels?: pulumi.Input<Readonly<Record<string, string>>>;
  readonly ports: readonly number[];
  /** @default "TCP" */
  readonly protocol?: "TCP" | "UDP";
}

export interface ResourceSettings {
  /** @default "100m" */
  readonly cpuRequest?: string;
  /** @default "128Mi" */
  readonly memoryRequest?: string;
  /** @default "500m" */
  readonly cpuLimit?: string;
  /** @default "256Mi" */
  readonly memoryLimit?: string;
}

export interface AutoscalingSettings {
  /** @default `replicas` */
  readonly minReplicas?: number;
  readonly maxReplicas: number;
  /** Average CPU use, as a share of the request, that the autoscaler keeps. @default 70 */
  readonly cpuUtilizationPercent?: number;
  /**
   * How long the load must stay low before pods are removed: the autoscaler scales in to the
   * highest count it wanted over this window, so a brief lull does not drop capacity that the next
   * burst needs. @default 300, Kubernetes' own default
   */
  readonly scaleDownStabilizationSeconds?: number;
}

export interface IngressSettings {
  /** Name of the declared port that receives the traffic. */
  readonly port: string;
  /** Label under the networking stack's baseDomain, covered by its wildcard record. @default the service's name */
  readonly subdomain?: string;
  /** Public host outside baseDomain, for which DNS is managed elsewhere. @default `<subdomain>.<baseDomain>` */
  readonly host?: string;
  /**
   * How long a connection may stay idle before the ingress closes it; long-lived WebSockets need more.
   * @default 60 seconds (ingress-nginx's own)
   */
  readonly idleTimeoutSeconds?: number;
  /** @default "/" */
  readonly path?: string;
}

/**
 * A further public route of the service, on the ingress's host or one of its own: how the Pioneer
 * agent serves its web client beside its API, and its WebSocket path on the client's host.
 */
export interface ExtraRoute {
  /** Name of the declared port that receives the traffic. */
  readonly port: string;
  /** Path prefixes that go to the port. @default ["/"] */
  readonly paths?: readonly string[];
  /** A host of its own: a label under the networking stack's baseDomain. @default the ingress's host */
  readonly subdomain?: string;
}

export interface MetricsSettings {
  /** Name of the declared port that serves Prometheus metrics. */
  readonly port: string;
  /** @default "/metrics" */
  readonly path?: string;
  /** @default 30 seconds */
  readonly intervalSeconds?: number;
}

export interface PlatformServiceArgs {
  /** The base stacks' contracts: namespace, registry, storage class, ingress and monitoring. */
  readonly platform: ServicePlatform;
  readonly image: ImageRef;
  readonly ports: readonly ContainerPort[];
  readonly health: HealthCheck;
  /** @default the image's own entrypoint */
  readonly command?: readonly string[];
  /** @default the image's own arguments */
  readonly commandArgs?: readonly string[];
  /** Plain settings, delivered through a ConfigMap. Names that look sensitive are refused. @default none */
  readonly env?: Readonly<Record<string, string>>;
  /** Sensitive settings, delivered through a Secret: only Pulumi secrets. @default none */
  readonly secretEnv?: Readonly<Record<string, pulumi.Output<string>>>;
  /** @default 2 replicas, spread across nodes */
  readonly replicas?: number;
  /** @default no autoscaler: `replicas` pods */
  readonly autoscaling?: AutoscalingSettings;
  /** @default requests 100m CPU / 128Mi, limits 500m CPU / 256Mi */
  readonly resources?: ResourceSettings;
  /** @default none: a Deployment; with volumes, a StatefulSet */
  readonly volumes?: readonly PersistentVolume[];
  /** Writable scratch folders (emptyDir) on the read-only root filesystem. @default ["/tmp"] */
  readonly writablePaths?: readonly string[];
  /**
   * Public HTTPS entry through the environment's edge: an HTTPRoute on the gateway, an Ingress on
   * ingress-nginx, or both while networking migrates between them. Its URL is what the probe and
   * the SLO measure. @default none: reachable inside the cluster only
   */
  readonly ingress?: IngressSettings;
  /** Further routes to other ports or hosts, with the ingress's idle timeout. @default none */
  readonly extraRoutes?: readonly ExtraRoute[];
  /**
   * Name of a declared port to expose through a DigitalOcean load balancer of its own. Tenant
   * quotas forbid load balancers unless the platform team lifts it.
   * @default none
   */
  readonly loadBalancerPort?: string;
  /** @default none: no ServiceMonitor */
  readonly metrics?: MetricsSettings;
  /** Availability objective over 30 days, measured at the ingress. @default 0.999 where there is an Ingress */
  readonly sloObjective?: number;
  /** Destinations the service calls, besides cluster DNS. @default none */
  readonly egress?: readonly EgressRule[];
  /** UID and GID the container runs as (never 0). @default 10001 */
  readonly runAsUser?: number;
  /** Extra labels on every object. @default none */
  readonly labels?: Readonly<Record<string, string>>;
}
