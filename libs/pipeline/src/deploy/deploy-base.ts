/**
 * Where a deployment to one environment starts. The base is the commit last deployed there
 * successfully, recorded as the tag `deployed/<env>`, not the merge's first parent: a release that
 * failed, or was never approved, leaves its changes undeployed, and the next release must carry
 * them, which a first-parent diff would silently drop.
 */

export type DeployBase =
  /** Deploy the stacks the change between `base` and the head affects. */
  | { readonly kind: "changes"; readonly base: string }
  /** Deploy every stack of the environment, in order. */
  | { readonly kind: "everything"; readonly reason: string }
  /** Deploy nothing. */
  | { readonly kind: "nothing"; readonly reason: string };

export interface DeployBaseInput {
  readonly environment: string;
  readonly head: string;
  /** The commit the `deployed/<env>` tag points at, when it exists. */
  readonly deployed?: string;
  /** Whether `ancestor` is an ancestor of (or equal to) `descendant` in this repository. */
  readonly isAncestor: (ancestor: string, descendant: string) => Promise<boolean>;
}

const short = (sha: string): string => sha.slice(0, 7);

export async function chooseDeployBase({ environment, head, deployed, isAncestor }: DeployBaseInput): Promise<DeployBase> {
  if (!deployed) return { kind: "everything", reason: `no deployment of ${environment} is recorded yet (no tag deployed/${environment})` };
  if (deployed === head) return { kind: "nothing", reason: `${environment} already runs ${short(head)}` };
  if (await isAncestor(head, deployed)) {
    // An approval clicked late on an older pipeline must not roll the environment back.
    return { kind: "nothing", reason: `${environment} already runs ${short(deployed)}, which is newer than ${short(head)} and includes it: deploying ${short(head)} would roll ${environment} back` };
  }
  if (await isAncestor(deployed, head)) return { kind: "changes", base: deployed };
  return { kind: "everything", reason: `the recorded deployment ${short(deployed)} is not in the history of ${short(head)} (rewritten history)` };
}
