/**
 * Where an imported `.env` lives in a stack's config, and the schema a program reads it with.
 * The importer writes this layout and programs read it, so both sides share this one module.
 *
 * - `<project>:env` is one structured key of plain settings, written with `--path` one name at a
 *   time (`<project>:env.SERVER_PORT`), so an import merges with what the stack holds.
 * - `<project>:secretEnv` is a structured key whose every leaf is a Pulumi secret
 *   (`--secret --path <project>:secretEnv.OPENAI_API_KEY`). The stack file shows which names
 *   exist and which one a change touched, never a value; the engine hands the whole object over
 *   as one secret.
 * - `<project>:sensitiveEnvNames` and `<project>:plainEnvNames` are the stack's own
 *   classification rules, read by both the importer and the program.
 */
import { ConfigError, secretString } from "@platform/config";
import { z } from "zod";
import { classify, type ClassificationRules } from "./classify";
import { ENV_NAME } from "./parse";

export const ENV_CONFIG_KEYS = {
  plain: "env",
  secret: "secretEnv",
  sensitiveNames: "sensitiveEnvNames",
  plainNames: "plainEnvNames",
} as const;

const envName = z.string().regex(ENV_NAME, {
  error: 'expected an environment variable name: letters, digits and "_", not starting with a digit',
});

/**
 * The fields to spread into a project's `configSchema`. Plain values may arrive as numbers or
 * booleans (a `--path` set can store them typed); a ConfigMap holds strings, so they become strings.
 */
export function importedEnvFields() {
  return {
    /** Plain settings, for a ConfigMap. @default none */
    env: z.record(envName, z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
    /** Secret settings, for a Secret; never in a committed stack file except as `secure:`. @default none */
    secretEnv: z.record(envName, secretString()).optional(),
    /** Names that are secrets whatever they look like. @default none */
    sensitiveEnvNames: z.array(envName).default([]),
    /** Names whose sensitive-looking pattern misleads, such as `SOLANA_PUBLIC_KEY`. @default none */
    plainEnvNames: z.array(envName).default([]),
  };
}

/** The imported settings as a program holds them after validation. */
export interface ImportedEnv {
  readonly env: Readonly<Record<string, string>>;
  readonly secretEnv?: Readonly<Record<string, unknown>>;
  readonly sensitiveEnvNames: readonly string[];
  readonly plainEnvNames: readonly string[];
}

export function classificationRules(config: Pick<ImportedEnv, "sensitiveEnvNames" | "plainEnvNames">): ClassificationRules {
  return { sensitiveNames: new Set(config.sensitiveEnvNames), plainNames: new Set(config.plainEnvNames) };
}

/**
 * What a program refuses in an imported env once its schema passed: a name set both plain and
 * secret, and a plain setting that the import rules classify as a secret (set by hand with
 * `pulumi config set` instead of the import). Checked after the schema rather than inside it,
 * because a schema issue prints the value at its key, and this value may be a credential.
 */
export function importedEnvProblems(namespace: string, stack: string, config: ImportedEnv): string[] {
  const problems: string[] = [];
  const rules = classificationRules(config);
  const secretNames = new Set(Object.keys(config.secretEnv ?? {}));
  const plainKey = (name: string) => `${namespace}:${ENV_CONFIG_KEYS.plain}.${name}`;
  const secretKey = (name: string) => `${namespace}:${ENV_CONFIG_KEYS.secret}.${name}`;
  for (const [name, value] of Object.entries(config.env)) {
    if (secretNames.has(name)) {
      problems.push(
        `${plainKey(name)} is also set as ${secretKey(name)}: keep one, ` +
          `such as \`pulumi config rm --stack ${stack} --path ${plainKey(name)}\``,
      );
      continue;
    }
    const classification = classify(name, value, rules);
    if (classification.secret) {
      problems.push(
        `${plainKey(name)} is a secret (${classification.reason}) stored in plain text: ` +
          `move it with \`pulumi config rm --stack ${stack} --path ${plainKey(name)}\` and ` +
          `\`pulumi config set --stack ${stack} --secret --path ${secretKey(name)} <value>\`, ` +
          `or list ${name} in ${namespace}:${ENV_CONFIG_KEYS.plainNames} if it is public`,
      );
    }
  }
  return problems.sort();
}

/** Throws the {@link importedEnvProblems} as one configuration error, the way config validation reports. */
export function assertImportedEnv(namespace: string, stack: string, config: ImportedEnv): void {
  const problems = importedEnvProblems(namespace, stack, config);
  if (problems.length > 0) throw new ConfigError(stack, problems);
}
