import { runsOnMachine, type Environment } from "@platform/config";

/** Let's Encrypt's ACME directories, by the ClusterIssuer name that points at each. */
export const ACME_DIRECTORIES = {
  "letsencrypt-staging": "https://acme-staging-v02.api.letsencrypt.org/directory",
  "letsencrypt-production": "https://acme-v02.api.letsencrypt.org/directory",
} as const;

export type AcmeIssuerName = keyof typeof ACME_DIRECTORIES;

/** Signs certificates itself: for a cluster on a laptop, which Let's Encrypt cannot reach. */
export const SELF_SIGNED_ISSUER = "selfsigned";

/**
 * The ClusterIssuers a stack of this environment creates. A local cluster cannot answer an HTTP-01
 * challenge from the internet, so it gets a self-signed issuer instead of Let's Encrypt.
 */
export function issuerNames(environment: Environment): readonly string[] {
  return runsOnMachine(environment) ? [SELF_SIGNED_ISSUER] : (Object.keys(ACME_DIRECTORIES) as AcmeIssuerName[]);
}
