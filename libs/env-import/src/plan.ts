import { classify } from "./classify";
import { ENV_CONFIG_KEYS } from "./config-layout";
import type { EnvEntry } from "./parse";
import type { StoredEnv } from "./stack-file";

export interface PlannedSetting {
  readonly name: string;
  readonly line: number;
  /** Full config path, `<project>:env.NAME` or `<project>:secretEnv.NAME`. */
  readonly key: string;
  readonly value: string;
  readonly secret: boolean;
  readonly reason: string;
}

export interface ImportPlan {
  readonly project: string;
  readonly stack: string;
  /** What the import sets, in file order. */
  readonly settings: readonly PlannedSetting[];
  /** Secrets left out because the file has no value for them. */
  readonly skipped: readonly { readonly name: string; readonly line: number }[];
  /** Config paths removed because the name moved between plain and secret. */
  readonly removals: readonly string[];
  /** Config paths the stack holds that the file does not mention: kept as they are. */
  readonly untouched: readonly string[];
}

export interface PlanOptions {
  readonly project: string;
  readonly stack: string;
  readonly entries: readonly EnvEntry[];
  readonly stored: StoredEnv;
  /** Extra names to treat as secrets (`--secret-keys`). */
  readonly secretNames?: readonly string[];
  /** Extra names to treat as plain (`--plain-keys`). */
  readonly plainNames?: readonly string[];
}

/**
 * Decides what an import changes. It merges: names the file leaves out stay in the stack. An
 * empty value of a secret is skipped rather than set, so an `.env.example`-style file with blank
 * API keys never wipes the keys a stack holds.
 */
export function planImport(options: PlanOptions): ImportPlan {
  const { project, stack, stored } = options;
  const rules = {
    sensitiveNames: new Set([...stored.sensitiveEnvNames, ...(options.secretNames ?? [])]),
    plainNames: new Set([...stored.plainEnvNames, ...(options.plainNames ?? [])]),
  };
  const path = (secret: boolean, name: string) => `${project}:${secret ? ENV_CONFIG_KEYS.secret : ENV_CONFIG_KEYS.plain}.${name}`;

  const settings: PlannedSetting[] = [];
  const skipped: { name: string; line: number }[] = [];
  const removals: string[] = [];
  for (const entry of options.entries) {
    const { secret, reason } = classify(entry.name, entry.value, rules);
    if (secret && entry.value === "") {
      skipped.push({ name: entry.name, line: entry.line });
      continue;
    }
    settings.push({ name: entry.name, line: entry.line, key: path(secret, entry.name), value: entry.value, secret, reason });
    const storedOnOtherSide = secret ? stored.plainNames : stored.secretNames;
    if (storedOnOtherSide.has(entry.name)) removals.push(path(!secret, entry.name));
  }

  const inFile = new Set(options.entries.map((entry) => entry.name));
  const untouched = [
    ...[...stored.plainNames].filter((name) => !inFile.has(name)).map((name) => path(false, name)),
    ...[...stored.secretNames].filter((name) => !inFile.has(name)).map((name) => path(true, name)),
  ].sort();
  return { project, stack, settings, skipped, removals, untouched };
}
