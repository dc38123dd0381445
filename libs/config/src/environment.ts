/**
 * Stack names are environments. `local` is a cluster on the user's own machine (kind, k3d,
 * minikube); `e2e` is the end-to-end test cluster (a control plane built from source, fake kwok
 * nodes). Neither has DigitalOcean resources.
 */
export const ENVIRONMENTS = ["local", "e2e", "dev", "staging", "production"] as const;

export type Environment = (typeof ENVIRONMENTS)[number];

export function isEnvironment(name: string): name is Environment {
  return (ENVIRONMENTS as readonly string[]).includes(name);
}

/** Environments in promotion order: a change reaches each only after the one before it. */
export const PROMOTION_ORDER: readonly Environment[] = ["dev", "staging", "production"];

/**
 * Environments whose cluster runs on one machine, reached through a kubeconfig context: no
 * DigitalOcean resources, no load balancer, no public DNS, self-signed certificates.
 */
export const MACHINE_ENVIRONMENTS: readonly Environment[] = ["local", "e2e"];

export function runsOnMachine(environment: Environment): boolean {
  return MACHINE_ENVIRONMENTS.includes(environment);
}
