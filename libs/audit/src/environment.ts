import type { KubeObject } from "./objects";
import { pulumiMarkOf } from "./ownership-rules";

/** Label that cluster-base puts on every tenant namespace: the environment of the stacks. */
export const ENVIRONMENT_LABEL = "platform.degen.dev/environment";

/**
 * The environment that the audited namespaces (given, or every namespace Pulumi wrote) say they
 * belong to, or why it cannot be told: none says, or they disagree.
 */
export function environmentOfNamespaces(
  namespaces: readonly KubeObject[],
  selected?: readonly string[],
): { readonly environment: string } | { readonly problem: string } {
  const audited = namespaces.filter((namespace) => (selected ? selected.includes(namespace.metadata.name) : pulumiMarkOf(namespace)));
  const environments = [...new Set(audited.map((namespace) => namespace.metadata.labels?.[ENVIRONMENT_LABEL]).filter((value) => !!value))];
  if (environments.length === 1) return { environment: environments[0]! };
  return {
    problem:
      `the ${ENVIRONMENT_LABEL} labels of the audited namespaces say ` +
      `${environments.length === 0 ? "nothing" : environments.sort().join(" and ")}: pass --env <dev|staging|production|local>`,
  };
}
