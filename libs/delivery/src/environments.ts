/** Environments in promotion order: a commit reaches each only after the one before succeeded. */
export const PROMOTION_ORDER = ["dev", "staging", "production"] as const;

/** `local` is a cluster on a developer's machine: CI never previews or deploys it unless asked. */
export const LOCAL_ENVIRONMENT = "local";

/** `e2e` is the end-to-end run's own control plane: only `npm run e2e` deploys it. */
export const E2E_ENVIRONMENT = "e2e";

/** The environments to report: the promotion order, or the ones asked for, in promotion order. */
export function environmentsToReport(requested: readonly string[] = []): string[] {
  if (requested.length === 0) return [...PROMOTION_ORDER];
  const known: readonly string[] = [LOCAL_ENVIRONMENT, E2E_ENVIRONMENT, ...PROMOTION_ORDER];
  const unknown = requested.filter((env) => !known.includes(env));
  if (unknown.length > 0) {
    throw new Error(`Unknown environment ${unknown.map((env) => `"${env}"`).join(", ")}: expected one of ${known.join(", ")}`);
  }
  return known.filter((env) => requested.includes(env));
}
