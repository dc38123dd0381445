import { restrictedPodSecurity } from "@platform/kubernetes";

/**
 * The pods of this layer whose image needs no user of its own: the restricted Pod Security
 * Standard, as user and group 1000, which owns their volumes.
 */
export const LAYER_POD_SECURITY = restrictedPodSecurity(1000);

export interface ContainerResources {
  readonly cpuRequest: string;
  readonly memoryRequest: string;
  readonly cpuLimit: string;
  readonly memoryLimit: string;
}

/** Kubernetes `resources` of a container from the flat config shape. */
export function containerResources(r: ContainerResources) {
  return { requests: { cpu: r.cpuRequest, memory: r.memoryRequest }, limits: { cpu: r.cpuLimit, memory: r.memoryLimit } };
}
