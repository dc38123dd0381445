/**
 * The upstream stacks a program under test reads, from the examples each contract package
 * publishes: what its producer really exports in each environment, kept equal to the offline plan
 * by the platform tests.
 */
import type { MockRuntimeOptions } from "./mock-runtime";

/**
 * A contract package's examples (`StackExamples` of `@platform/stack-contracts`), by shape: this
 * package sits below every contract and imports none.
 */
export interface UpstreamExamples {
  readonly contract: { readonly project: string; readonly outputs: Readonly<Record<string, "plain" | "secret">> };
  readonly byEnvironment: Readonly<Record<string, object>>;
}

/** The `stackOutputs` of a mock runtime whose program reads the given upstream stacks of one environment. */
export function upstreamStacks(environment: string, upstreams: readonly UpstreamExamples[]): NonNullable<MockRuntimeOptions["stackOutputs"]> {
  return Object.fromEntries(
    upstreams.map(({ contract, byEnvironment }) => {
      const outputs = byEnvironment[environment];
      if (!outputs) throw new Error(`${contract.project} publishes no example outputs for the ${environment} stack`);
      const secretOutputNames = Object.entries(contract.outputs).flatMap(([name, visibility]) => (visibility === "secret" ? [name] : []));
      return [`organization/${contract.project}/${environment}`, { outputs: structuredClone(outputs) as Record<string, unknown>, secretOutputNames }];
    }),
  );
}
