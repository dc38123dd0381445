import * as pulumi from "@pulumi/pulumi";
import type { Environment } from "@platform/config";

/** Whether a contract output is readable by anyone who can read the stack, or kept as a secret. */
export type OutputVisibility = "plain" | "secret";

/** What a program may return for an output of type `T`: the value, or Outputs of it at any depth. */
export type ContractInput<T> = T extends string | number | boolean | null | undefined
  ? pulumi.Input<T>
  : T extends readonly (infer E)[]
    ? pulumi.Input<readonly ContractInput<E>[]>
    : pulumi.Input<{ [K in keyof T]: ContractInput<T[K]> }>;

/** The exports of a producer's program, checked against its contract at compile time. */
export type StackOutputs<T> = { [K in keyof T]-?: ContractInput<T[K]> };

/** A consumer's view of an upstream stack: every output typed, secrets kept secret. */
export type StackReferenceOf<T> = { readonly [K in keyof T]-?: pulumi.Output<T[K]> } & {
  /** The fully qualified stack read, `<org>/<project>/<stack>`. */
  readonly stackName: string;
};

export interface StackContract<T> {
  /** The producing Pulumi project's name, as in its `Pulumi.yaml`. */
  readonly project: string;
  /** Every output, marked plain or secret. */
  readonly outputs: { readonly [K in keyof T]-?: OutputVisibility };
  /**
   * Reads the producer's stack of the same environment (`<org>/<project>/<current stack>`).
   * @param stack another stack name, for tools that read across environments.
   */
  read(opts?: { readonly stack?: string; readonly parent?: pulumi.Resource }): StackReferenceOf<T>;
}

/** Organisation part of stack names: the Pulumi Cloud org, or `organization` on a self-managed backend. */
function organization(): string {
  return pulumi.getOrganization() || "organization";
}

/**
 * Declares a producer's outputs. The `outputs` map must name every key of `T`, so adding an output
 * to the type without deciding whether it is secret does not compile.
 */
export function defineStackContract<T>(
  project: string,
  outputs: { readonly [K in keyof T]-?: OutputVisibility },
): StackContract<T> {
  return {
    project,
    outputs,
    read(opts = {}) {
      const stackName = `${organization()}/${project}/${opts.stack ?? pulumi.getStack()}`;
      const reference = new pulumi.StackReference(
        project,
        { name: stackName },
        opts.parent ? { parent: opts.parent } : undefined,
      );
      const view: Record<string, unknown> = { stackName };
      for (const [key, visibility] of Object.entries(outputs) as [string, OutputVisibility][]) {
        const value = reference.requireOutput(key);
        // Re-wrapping keeps a secret secret here even if the producer exported it in plain text.
        view[key] = visibility === "secret" ? pulumi.secret(value) : value;
      }
      return view as StackReferenceOf<T>;
    },
  };
}

/**
 * Compares what a program exported with its contract: the problems, in words, or none.
 * `secretNames` are the outputs the engine recorded as secret.
 */
export function contractViolations<T>(
  contract: StackContract<T>,
  exported: Readonly<Record<string, unknown>>,
  secretNames: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const declared = contract.outputs as Readonly<Record<string, OutputVisibility>>;
  for (const [key, visibility] of Object.entries(declared)) {
    if (!(key in exported)) problems.push(`${contract.project} does not export "${key}", which its contract declares`);
    else if (visibility === "secret" && !secretNames.has(key)) {
      problems.push(`${contract.project} exports "${key}" in plain text, but its contract declares it secret`);
    }
  }
  for (const key of Object.keys(exported)) {
    if (!(key in declared)) problems.push(`${contract.project} exports "${key}", which its contract does not declare`);
  }
  return problems;
}

/** Duck-typed check used by tools that load a project's contract module without knowing its names. */
export function isStackContract(value: unknown): value is StackContract<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as StackContract<unknown>).project === "string" &&
    typeof (value as StackContract<unknown>).outputs === "object" &&
    typeof (value as StackContract<unknown>).read === "function"
  );
}

/**
 * What a producer's stacks really publish, per environment, as its offline plan shows them (values
 * only a provider knows read `<known after deploy: …>`; a secret holds a stand-in). Readers' tests
 * run against these instead of outputs they make up, and a platform test keeps them equal to the
 * plan. A contract that nothing reads publishes none.
 */
export interface StackExamples<T, E extends Environment = Environment> {
  readonly contract: StackContract<T>;
  /** One entry per stack the producer has. */
  readonly byEnvironment: Readonly<Record<E, T>>;
}

export function stackExamples<T, E extends Environment = Environment>(contract: StackContract<T>, byEnvironment: Readonly<Record<E, T>>): StackExamples<T, E> {
  return { contract, byEnvironment };
}
