/** Compliant objects to start each policy test from, and calls of a policy the way the engine makes them. */
import { collectViolations, resourceArgs, stackArgs, type PolicyConfig, type ResourceInput } from "./args";
import type { ResourcePolicy, StackPolicy } from "./resource";

export interface Target {
  readonly type: string;
  readonly props: Record<string, unknown>;
  readonly name?: string;
  /** @default "dev" */
  readonly stack?: string;
  /** @default "degenquest" */
  readonly project?: string;
}

export function toInput({ type, props, name = "subject", stack = "dev", project = "degenquest" }: Target): ResourceInput {
  return { type, name, props, urn: `urn:pulumi:${stack}::${project}::${type}::${name}` };
}

/** The messages a resource policy reports for one resource. */
export function violations(policy: ResourcePolicy, target: Target, config?: PolicyConfig): string[] {
  const { report, violations: found } = collectViolations();
  void policy.validateResource(resourceArgs(toInput(target), policy, config), report);
  return found.map((violation) => violation.message);
}

/** What a stack policy reports for a set of resources. */
export function stackViolations(policy: StackPolicy, targets: readonly Target[]): { message: string; urn?: string }[] {
  const { report, violations: found } = collectViolations();
  void policy.validateStack(stackArgs(targets.map(toInput), policy), report);
  return found;
}

const LABELS = {
  "app.kubernetes.io/name": "degen-server",
  "app.kubernetes.io/instance": "degenquest",
  "app.kubernetes.io/managed-by": "pulumi",
};
const SELECTOR = { "app.kubernetes.io/name": "degen-server", "app.kubernetes.io/instance": "degenquest" };

/** A container that every container rule accepts. */
export function compliantContainer(): Record<string, unknown> {
  return {
    name: "server",
    image: "registry.digitalocean.com/pioneer/degen-server:3f2c1a9",
    ports: [{ name: "http", containerPort: 8888 }],
    env: [
      { name: "NODE_ENV", value: "production" },
      { name: "SESSION_SECRET", valueFrom: { secretKeyRef: { name: "degen-server", key: "session-secret" } } },
    ],
    resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
    readinessProbe: { httpGet: { path: "/health", port: "http" } },
    livenessProbe: { httpGet: { path: "/health", port: 8888 } },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ["ALL"] },
    },
  };
}

/** A Deployment that every platform policy accepts. */
export function compliantDeployment(replicas = 2): Target {
  return {
    type: "kubernetes:apps/v1:Deployment",
    name: "degen-server",
    props: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "degen-server", namespace: "degenquest", labels: LABELS },
      spec: {
        replicas,
        selector: { matchLabels: SELECTOR },
        template: {
          metadata: { labels: LABELS },
          spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
            initContainers: [{ ...compliantContainer(), name: "migrate", ports: [], readinessProbe: undefined, livenessProbe: undefined }],
            containers: [compliantContainer()],
            volumes: [{ name: "tmp", emptyDir: {} }],
          },
        },
      },
    },
  };
}

export function compliantBudget(spec: Record<string, unknown> = { maxUnavailable: 1 }): Target {
  return {
    type: "kubernetes:policy/v1:PodDisruptionBudget",
    name: "degen-server-pdb",
    props: {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: "degen-server", namespace: "degenquest", labels: LABELS },
      spec: { selector: { matchLabels: SELECTOR }, ...spec },
    },
  };
}

export function autoscaler(minReplicas: number, maxReplicas: number): Target {
  return {
    type: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
    name: "degen-server-hpa",
    props: {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "degen-server", namespace: "degenquest", labels: LABELS },
      spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "degen-server" }, minReplicas, maxReplicas },
    },
  };
}

export function claim(accessModes: string[] = ["ReadWriteOnce"], storageClassName: unknown = "do-block-storage"): Target {
  return {
    type: "kubernetes:core/v1:PersistentVolumeClaim",
    name: "degen-data",
    props: {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "degen-data", namespace: "degenquest", labels: LABELS },
      spec: { accessModes, storageClassName, resources: { requests: { storage: "10Gi" } } },
    },
  };
}

/** A metrics-server release with the values the platform passes. */
export function compliantRelease(values: Record<string, unknown> = {}): Target {
  return {
    type: "kubernetes:helm.sh/v3:Release",
    name: "metrics-server",
    project: "cluster-base",
    props: {
      chart: "metrics-server",
      version: "3.13.1",
      repositoryOpts: { repo: "https://kubernetes-sigs.github.io/metrics-server/" },
      values: {
        replicas: 2,
        podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
        resources: { requests: { cpu: "100m", memory: "200Mi" }, limits: { memory: "400Mi" } },
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ["ALL"] },
        },
        ...values,
      },
    },
  };
}

/** A deep copy to change one thing in, leaving the fixture as it was. */
export function edit(target: Target, change: (props: any) => void, extra: Partial<Target> = {}): Target { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests reach anywhere
  const props = structuredClone(target.props);
  change(props);
  return { ...target, ...extra, props };
}
