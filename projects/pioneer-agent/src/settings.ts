import * as pulumi from "@pulumi/pulumi";
import { isSensitiveName } from "@platform/service";
import { programEnv, type PioneerAgentConfig } from "./config";

/** The agent's environment as the service component takes it: a ConfigMap's worth and a Secret's worth. */
export interface AgentSettings {
  readonly env: Readonly<Record<string, string>>;
  readonly secretEnv: Readonly<Record<string, pulumi.Output<string>>>;
  /** Plain settings that travel in the Secret because the component refuses their names in a ConfigMap. */
  readonly movedToSecret: readonly string[];
}

/**
 * Joins the program's own settings with the imported `.env`. The service component refuses plain
 * names that its own, broader pattern calls sensitive (`MAX_TOKENS` matches "token"), with no
 * opt-out; such values are public by the import's rules, so they travel in the Secret instead.
 */
export function agentSettings(config: Pick<PioneerAgentConfig, "nodeEnv" | "env" | "secretEnv">): AgentSettings {
  const env: Record<string, string> = { ...programEnv(config.nodeEnv) };
  const secretEnv: Record<string, pulumi.Output<string>> = { ...config.secretEnv };
  const movedToSecret: string[] = [];
  for (const [name, value] of Object.entries(config.env)) {
    // A name the program sets arrives here only with the program's value (the schema checks it).
    if (name in env) continue;
    if (isSensitiveName(name)) {
      secretEnv[name] = pulumi.secret(value);
      movedToSecret.push(name);
    } else {
      env[name] = value;
    }
  }
  return { env, secretEnv, movedToSecret };
}
