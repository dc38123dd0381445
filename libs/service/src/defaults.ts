import type {
  AutoscalingSettings,
  ContainerPort,
  HealthCheck,
  IngressSettings,
  MetricsSettings,
  PersistentVolume,
  PlatformServiceArgs,
  ResourceSettings,
} from "./args";

/** Every default of {@link PlatformServiceArgs}, in one place, as the docs state them. */
export const SERVICE_DEFAULTS = {
  replicas: 2,
  cpuRequest: "100m",
  memoryRequest: "128Mi",
  cpuLimit: "500m",
  memoryLimit: "256Mi",
  cpuUtilizationPercent: 70,
  scaleDownStabilizationSeconds: 300,
  startupSeconds: 120,
  writablePaths: ["/tmp"],
  accessMode: "ReadWriteOnce",
  protocol: "TCP",
  ingressPath: "/",
  idleTimeoutSeconds: 60,
  metricsPath: "/metrics",
  metricsIntervalSeconds: 30,
  sloObjective: 0.999,
  runAsUser: 10001,
  /** The tag a `local` stack runs when none is given; refused everywhere else. */
  localTag: "latest",
} as const;

type Filled<T> = { readonly [K in keyof T]-?: Exclude<T[K], undefined> };

/** The args with every default filled in, as the component and the validation see them. */
export interface ResolvedServiceArgs
  extends Omit<
    PlatformServiceArgs,
    "ports" | "health" | "replicas" | "autoscaling" | "resources" | "volumes" | "writablePaths" | "ingress" | "metrics" | "sloObjective" | "egress"
  > {
  readonly ports: readonly Filled<ContainerPort>[];
  readonly health: HealthCheck & { readonly startupSeconds: number };
  readonly replicas: number;
  readonly autoscaling: Filled<AutoscalingSettings> | undefined;
  readonly resources: Filled<ResourceSettings>;
  readonly volumes: readonly Filled<PersistentVolume>[];
  readonly writablePaths: readonly string[];
  readonly ingress: (IngressSettings & { readonly path: string; readonly idleTimeoutSeconds: number }) | undefined;
  readonly metrics: Filled<MetricsSettings> | undefined;
  /** Undefined where there is no Ingress to measure it at. */
  readonly sloObjective: number | undefined;
  readonly egress: NonNullable<PlatformServiceArgs["egress"]>;
  readonly env: Readonly<Record<string, string>>;
  readonly secretEnv: NonNullable<PlatformServiceArgs["secretEnv"]>;
  readonly runAsUser: number;
  readonly labels: Readonly<Record<string, string>>;
}

export function resolveServiceArgs(args: PlatformServiceArgs): ResolvedServiceArgs {
  const d = SERVICE_DEFAULTS;
  const replicas = args.replicas ?? d.replicas;
  return {
    ...args,
    image: { repository: args.image.repository, tag: args.image.tag || (args.platform.environment === "local" ? d.localTag : "") },
    ports: args.ports.map((port) => ({ ...port, protocol: port.protocol ?? d.protocol })),
    health: { ...args.health, startupSeconds: args.health.startupSeconds ?? d.startupSeconds },
    replicas,
    autoscaling: args.autoscaling && {
      minReplicas: args.autoscaling.minReplicas ?? replicas,
      maxReplicas: args.autoscaling.maxReplicas,
      cpuUtilizationPercent: args.autoscaling.cpuUtilizationPercent ?? d.cpuUtilizationPercent,
      scaleDownStabilizationSeconds: args.autoscaling.scaleDownStabilizationSeconds ?? d.scaleDownStabilizationSeconds,
    },
    resources: {
      cpuRequest: args.resources?.cpuRequest ?? d.cpuRequest,
      memoryRequest: args.resources?.memoryRequest ?? d.memoryRequest,
      cpuLimit: args.resources?.cpuLimit ?? d.cpuLimit,
      memoryLimit: args.resources?.memoryLimit ?? d.memoryLimit,
    },
    volumes: (args.volumes ?? []).map((volume) => ({ ...volume, accessMode: volume.accessMode ?? d.accessMode })),
    writablePaths: args.writablePaths ?? d.writablePaths,
    ingress: args.ingress && {
      ...args.ingress,
      path: args.ingress.path ?? d.ingressPath,
      idleTimeoutSeconds: args.ingress.idleTimeoutSeconds ?? d.idleTimeoutSeconds,
    },
    metrics: args.metrics && {
      port: args.metrics.port,
      path: args.metrics.path ?? d.metricsPath,
      intervalSeconds: args.metrics.intervalSeconds ?? d.metricsIntervalSeconds,
    },
    sloObjective: args.ingress ? (args.sloObjective ?? d.sloObjective) : args.sloObjective,
    egress: args.egress ?? [],
    env: args.env ?? {},
    secretEnv: args.secretEnv ?? {},
    runAsUser: args.runAsUser ?? d.runAsUser,
    labels: args.labels ?? {},
  };
}
