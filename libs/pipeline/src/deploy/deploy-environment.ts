/**
 * One environment's deployment: choose the base, list the affected stacks, deploy them wave by
 * wave, stop at the first failed wave, and move the `deployed/<env>` marker only when all succeeded.
 */
import type { Affected, AffectedStack } from "../affected";
import { chooseDeployBase, type DeployBase } from "./deploy-base";
import { deployWaves } from "./deploy-waves";

export interface DeployDependencies {
  readonly affected: (base: string, head: string) => Promise<Affected>;
  readonly isAncestor: (ancestor: string, descendant: string) => Promise<boolean>;
  /** Deploys the stacks of one wave; true when every one of them succeeded. */
  readonly deployWave: (environment: string, projects: readonly string[]) => Promise<boolean>;
  readonly readMarker: (environment: string) => Promise<string | undefined>;
  readonly writeMarker: (environment: string, sha: string, exists: boolean) => Promise<void>;
  readonly log: (line: string) => void;
}

export interface DeployOutcome {
  readonly base: DeployBase;
  readonly waves: readonly (readonly string[])[];
  /** Waves that ran, in order; the last one failed when `ok` is false. */
  readonly deployedWaves: number;
  readonly ok: boolean;
}

export const markerRef = (environment: string): string => `tags/deployed/${environment}`;

export async function deployEnvironment(environment: string, head: string, deps: DeployDependencies): Promise<DeployOutcome> {
  const deployed = await deps.readMarker(environment);
  const base = await chooseDeployBase({ environment, head, deployed, isAncestor: deps.isAncestor });
  if (base.kind === "nothing") {
    deps.log(`Nothing to deploy to ${environment}: ${base.reason}.`);
    return { base, waves: [], deployedWaves: 0, ok: true };
  }

  let stacks: readonly AffectedStack[];
  if (base.kind === "changes") {
    stacks = (await deps.affected(base.base, head)).environments[environment] ?? [];
    deps.log(`Deploying to ${environment} what changed since ${base.base.slice(0, 7)} (deployed/${environment}): ${stacks.length} stack(s).`);
  } else {
    stacks = (await deps.affected(head, head)).all?.[environment] ?? [];
    deps.log(`Deploying every stack of ${environment}, because ${base.reason}: ${stacks.length} stack(s).`);
  }

  const waves = deployWaves(stacks);
  for (const [index, wave] of waves.entries()) {
    deps.log(`Wave ${index + 1} of ${waves.length}: ${wave.join(", ")}`);
    if (!(await deps.deployWave(environment, wave))) {
      deps.log(`✗ Wave ${index + 1} failed; later waves were not started and deployed/${environment} stays at ${deployed?.slice(0, 7) ?? "(none)"}.`);
      return { base, waves, deployedWaves: index + 1, ok: false };
    }
  }
  await deps.writeMarker(environment, head, deployed !== undefined);
  deps.log(`✓ ${environment} runs ${head.slice(0, 7)}; deployed/${environment} moved there.`);
  return { base, waves, deployedWaves: waves.length, ok: true };
}
