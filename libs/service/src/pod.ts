/**
 * The pod a service runs: one container, locked down, with probes on its declared ports and its
 * settings wired from a ConfigMap and a Secret. Pure: builds inputs, creates nothing.
 */
import { restrictedContainerSecurity, restrictedPodSecurity } from "@platform/kubernetes";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedServiceArgs } from "./defaults";

type PodTemplate = k8s.types.input.core.v1.PodTemplateSpec;
type Probe = k8s.types.input.core.v1.Probe;

export interface PodInputs {
  readonly labels: Readonly<Record<string, string>>;
  readonly selectorLabels: Readonly<Record<string, string>>;
  readonly serviceAccountName: pulumi.Input<string>;
  readonly image: pulumi.Input<string>;
  readonly imagePullSecret: pulumi.Input<string>;
  /** Name of the ConfigMap with the plain settings, when there are any. */
  readonly configMapName?: pulumi.Input<string>;
  /** Name of the Secret with the sensitive settings, when there are any. */
  readonly secretName?: pulumi.Input<string>;
}

/** Probe timings: a slow start is tolerated once, then a hung process is restarted within a minute. */
export const PROBE_TIMING = {
  startup: { periodSeconds: 5, timeoutSeconds: 3 },
  readiness: { periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
  liveness: { periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 3 },
} as const;

function probes(health: ResolvedServiceArgs["health"]): { startupProbe: Probe; readinessProbe: Probe; livenessProbe: Probe } {
  const check = health.path !== undefined ? { httpGet: { path: health.path, port: health.port } } : { tcpSocket: { port: health.port } };
  return {
    startupProbe: {
      ...check,
      ...PROBE_TIMING.startup,
      failureThreshold: Math.ceil(health.startupSeconds / PROBE_TIMING.startup.periodSeconds),
    },
    readinessProbe: { ...check, ...PROBE_TIMING.readiness },
    livenessProbe: { ...check, ...PROBE_TIMING.liveness },
  };
}

/**
 * The container of a service and of each of its helper jobs: the restricted Pod Security Standard,
 * read-only root included, with `privileged: false` said outright.
 */
export const SERVICE_CONTAINER_SECURITY: k8s.types.input.core.v1.SecurityContext = restrictedContainerSecurity({ privileged: false });

/**
 * The restricted Pod Security Standard for the service's pods and its helper jobs, as the
 * service's user, whose group owns the volumes; their ownership is changed only when the volume's
 * root does not already belong to that group, so a large volume mounts quickly.
 */
export function servicePodSecurity(runAsUser: number): k8s.types.input.core.v1.PodSecurityContext {
  return restrictedPodSecurity(runAsUser, { fsGroupChangePolicy: "OnRootMismatch" });
}

/** Volume name of the n-th writable scratch folder. */
export function scratchVolumeName(index: number): string {
  return `scratch-${index}`;
}

export function podTemplate(args: ResolvedServiceArgs, inputs: PodInputs): PodTemplate {
  const secretEnv = Object.keys(args.secretEnv)
    .sort()
    .map((key) => ({ name: key, valueFrom: { secretKeyRef: { name: inputs.secretName!, key } } }));
  return {
    metadata: { labels: { ...inputs.labels } },
    spec: {
      serviceAccountName: inputs.serviceAccountName,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      // cluster-base publishes an empty name where the registry needs no credentials.
      imagePullSecrets: pulumi.output(inputs.imagePullSecret).apply((secret) => (secret ? [{ name: secret }] : [])),
      securityContext: servicePodSecurity(args.runAsUser),
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: "kubernetes.io/hostname",
          // A small cluster still runs every replica; the scheduler spreads them where it can.
          whenUnsatisfiable: "ScheduleAnyway",
          labelSelector: { matchLabels: { ...inputs.selectorLabels } },
        },
      ],
      containers: [
        {
          name: "app",
          image: inputs.image,
          imagePullPolicy: "IfNotPresent",
          ...(args.command ? { command: [...args.command] } : {}),
          ...(args.commandArgs ? { args: [...args.commandArgs] } : {}),
          ports: args.ports.map((port) => ({ name: port.name, containerPort: port.port, protocol: port.protocol })),
          ...(inputs.configMapName !== undefined ? { envFrom: [{ configMapRef: { name: inputs.configMapName } }] } : {}),
          ...(secretEnv.length > 0 ? { env: secretEnv } : {}),
          resources: {
            requests: { cpu: args.resources.cpuRequest, memory: args.resources.memoryRequest },
            limits: { cpu: args.resources.cpuLimit, memory: args.resources.memoryLimit },
          },
          ...probes(args.health),
          securityContext: SERVICE_CONTAINER_SECURITY,
          volumeMounts: [
            ...args.writablePaths.map((path, index) => ({ name: scratchVolumeName(index), mountPath: path })),
            ...args.volumes.map((volume) => ({ name: volume.name, mountPath: volume.mountPath })),
          ],
        },
      ],
      volumes: args.writablePaths.map((_path, index) => ({ name: scratchVolumeName(index), emptyDir: {} })),
    },
  };
}
