import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { isEnvironment, ENVIRONMENTS, type Environment } from "./environment";
import { validateConfig } from "./validate";

/**
 * Bad configuration, reported as a RunError so that Pulumi prints the message alone, without a
 * stack trace from inside the program.
 */
export class ConfigError extends pulumi.RunError {
  constructor(
    readonly stackName: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Stack "${stackName}" has ${problems.length} configuration problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((problem) => `  - ${problem}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

// Not in the public typings, but the engine's own Config class relies on it to know which keys
// the stack file holds as `secure:`.
const runtimeWithSecrets = pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean };

/** The environment this stack deploys, refusing stack names that are not one. */
export function currentEnvironment(): Environment {
  const stack = pulumi.getStack();
  if (!isEnvironment(stack)) {
    throw new ConfigError(stack, [`stack name "${stack}" is not an environment: expected one of ${ENVIRONMENTS.join(", ")}`]);
  }
  return stack;
}

/**
 * Reads and validates every configuration key of the project's namespace in the current stack.
 * Throws a {@link ConfigError} listing every problem at once.
 */
export function loadStackConfig<S extends z.ZodObject>(schema: S, namespace: string = pulumi.getProject()): z.output<S> {
  const prefix = `${namespace}:`;
  const values: Record<string, string> = {};
  const secretKeys = new Set<string>();
  for (const [fullKey, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (!fullKey.startsWith(prefix)) continue;
    const key = fullKey.slice(prefix.length);
    values[key] = value;
    if (runtimeWithSecrets.isConfigSecret?.(fullKey)) secretKeys.add(key);
  }
  const result = validateConfig(namespace, schema, { values, secretKeys });
  if (!result.ok) throw new ConfigError(pulumi.getStack(), result.problems);
  return result.value;
}

/** Set by the offline plan (and the stack-file checks) for every stack it runs. */
export const DEFER_DEPLOY_SECRETS_ENV = "PLATFORM_DEFER_DEPLOY_SECRETS";

/**
 * Whether a secret that only a deploy needs may be missing: in the offline plan and the checks of
 * committed stack files, which run where the team's `pulumi config set --secret` values cannot be
 * (a fork's pull request, a fresh clone). A deploy (`pulumi preview`, `up`) always demands them.
 */
export function deploySecretsDeferred(): boolean {
  return process.env[DEFER_DEPLOY_SECRETS_ENV] === "1";
}
