import type { Tree } from "@nx/devkit";
import { isMap, parseDocument } from "yaml";
import { quantityValue } from "./quantity";

/** Requests and limits of the application's one container, as its stack file writes them. */
export interface PodResources {
  readonly cpuRequest: string;
  readonly memoryRequest: string;
  readonly cpuLimit: string;
  readonly memoryLimit: string;
}

/** What one environment of a generated application runs: a Deployment of the service component. */
export interface AppWorkload {
  /** The most pods it runs outside a rollout: its replicas, or its autoscaler's maxReplicas when it has one. */
  readonly replicas: number;
  /** Pods a rolling update adds before it removes old ones. */
  readonly surge: number;
  readonly resources: PodResources;
}

/**
 * The service component's Deployment rolls with `maxSurge: 1, maxUnavailable: 0`
 * (`libs/service/src/workload.ts`): one new pod comes up and turns ready before an old one goes.
 */
export const DEPLOYMENT_SURGE = 1;

/** The generated `config.ts`'s default replica count, and the service component's default resources. */
const DEFAULT_REPLICAS = 2;
const DEFAULT_RESOURCES: PodResources = { cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "500m", memoryLimit: "256Mi" };

const STACK_FILE = /^Pulumi\.([^.]+)\.ya?ml$/;

/** What a tenant quota counts, at the peak of a rollout: whole pods, CPU in millicores, memory in bytes. */
export interface RolloutPeak {
  readonly pods: number;
  readonly requestsCpu: number;
  readonly requestsMemory: number;
  readonly limitsCpu: number;
  readonly limitsMemory: number;
}

const millicores = (text: string) => Math.ceil((quantityValue(text) ?? Number.NaN) * 1000 - 1e-6);
const bytes = (text: string) => Math.ceil(quantityValue(text) ?? Number.NaN);

/** What one pod of the workload holds of its tenant's quota: its one container's requests and limits. */
export function podShare(resources: PodResources): RolloutPeak {
  const { cpuRequest, memoryRequest, cpuLimit, memoryLimit } = resources;
  return { pods: 1, requestsCpu: millicores(cpuRequest), requestsMemory: bytes(memoryRequest), limitsCpu: millicores(cpuLimit), limitsMemory: bytes(memoryLimit) };
}

/**
 * What the workload holds of its tenant's quota at once during a rolling update: its most pods plus
 * the surge, each with the container's requests and limits. A quota below any of these refuses the
 * surge pod, and the rollout stalls.
 */
export function rolloutPeak(workload: AppWorkload): RolloutPeak {
  const pods = workload.replicas + workload.surge;
  const pod = podShare(workload.resources);
  return {
    pods,
    requestsCpu: pods * pod.requestsCpu,
    requestsMemory: pods * pod.requestsMemory,
    limitsCpu: pods * pod.limitsCpu,
    limitsMemory: pods * pod.limitsMemory,
  };
}

/** One stack file of the application read as its program reads it: `<name>:replicas`, `<name>:resources`, `<name>:autoscaling`. */
export function stackWorkload(text: string, name: string): AppWorkload {
  const config = parseDocument(text).get("config", true);
  const value = (key: string): unknown => (isMap(config) ? (config.toJSON() as Record<string, unknown>)[`${name}:${key}`] : undefined);
  const replicas = typeof value("replicas") === "number" ? (value("replicas") as number) : DEFAULT_REPLICAS;
  const autoscaling = value("autoscaling") as { maxReplicas?: unknown } | undefined;
  const maxReplicas = typeof autoscaling?.maxReplicas === "number" ? autoscaling.maxReplicas : 0;
  const set = (value("resources") ?? {}) as Partial<Record<keyof PodResources, unknown>>;
  const resources = Object.fromEntries(
    Object.entries(DEFAULT_RESOURCES).map(([key, fallback]) => [key, set[key as keyof PodResources] === undefined ? fallback : String(set[key as keyof PodResources])]),
  ) as unknown as PodResources;
  return { replicas: Math.max(replicas, maxReplicas), surge: DEPLOYMENT_SURGE, resources };
}

/** The workload of each stack the application's project has, by stack name. */
export function appWorkloads(tree: Tree, projectRoot: string, name: string): Record<string, AppWorkload> {
  const workloads: Record<string, AppWorkload> = {};
  if (!tree.exists(projectRoot)) return workloads;
  for (const file of tree.children(projectRoot)) {
    const stack = STACK_FILE.exec(file)?.[1];
    if (stack) workloads[stack] = stackWorkload(tree.read(`${projectRoot}/${file}`, "utf8")!, name);
  }
  return workloads;
}
