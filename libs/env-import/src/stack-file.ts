import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ENV_CONFIG_KEYS } from "./config-layout";
import { ImportError } from "./errors";

/** What a stack's config already holds of an imported env: names only, never values. */
export interface StoredEnv {
  /** Names under `<project>:env`. */
  readonly plainNames: ReadonlySet<string>;
  /** Names under `<project>:secretEnv`. */
  readonly secretNames: ReadonlySet<string>;
  /** `<project>:sensitiveEnvNames`. */
  readonly sensitiveEnvNames: readonly string[];
  /** `<project>:plainEnvNames`. */
  readonly plainEnvNames: readonly string[];
}

export const EMPTY_STORED_ENV: StoredEnv = { plainNames: new Set(), secretNames: new Set(), sensitiveEnvNames: [], plainEnvNames: [] };

function objectKeys(value: unknown): Set<string> {
  return new Set(typeof value === "object" && value !== null && !Array.isArray(value) ? Object.keys(value) : []);
}

function nameList(file: string, key: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new ImportError(`${file}: ${key} is ${JSON.stringify(value)}: expected a list of names, such as [WALLET_ADDRESS]`);
  }
  return value;
}

/**
 * Reads the names from `Pulumi.<stack>.yaml`. The stack file is where a local workspace keeps
 * config, so this needs no Pulumi CLI: a dry run works anywhere. A stack without a file yet holds
 * nothing.
 */
export function readStoredEnv(projectDir: string, project: string, stack: string): StoredEnv {
  const file = ["yaml", "yml"].map((ext) => join(projectDir, `Pulumi.${stack}.${ext}`)).find((path) => existsSync(path));
  if (!file) return EMPTY_STORED_ENV;
  const document = (parse(readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  const config = document.config ?? {};
  const get = (key: string) => config[`${project}:${key}`] ?? config[key];
  return {
    plainNames: objectKeys(get(ENV_CONFIG_KEYS.plain)),
    secretNames: objectKeys(get(ENV_CONFIG_KEYS.secret)),
    sensitiveEnvNames: nameList(file, `${project}:${ENV_CONFIG_KEYS.sensitiveNames}`, get(ENV_CONFIG_KEYS.sensitiveNames)),
    plainEnvNames: nameList(file, `${project}:${ENV_CONFIG_KEYS.plainNames}`, get(ENV_CONFIG_KEYS.plainNames)),
  };
}
