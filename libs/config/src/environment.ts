/**
 * Stack names are environments. `local` is a cluster on the user's own machine (kind, k3d,
 * minikube) with no DigitalOcean resources.
 */
export const ENVIRONMENTS = ["local", "dev", "staging", "production"] as const;

export type Environment = (typeof ENVIRONMENTS)[number];

export function isEnvironment(name: string): name is Environment {
  return (ENVIRONMENTS as readonly string[]).includes(name);
}

/** Environments in promotion order: a change reaches each only after the one before it. */
export const PROMOTION_ORDER: readonly Environment[] = ["dev", "staging", "production"];
