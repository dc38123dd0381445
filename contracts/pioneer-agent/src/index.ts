/**
 * Contract floor: what pioneer-agent publishes, where the agent is reached and what it runs.
 * Nothing reads it yet; it is what tooling (smoke tests, the audit) builds against.
 */
import { defineStackContract } from "@platform/stack-contracts";

export interface PioneerAgentOutputs {
  readonly namespace: string;
  /** `https://` address of the web client. */
  readonly clientUrl: string;
  /** `https://` address of the server's API (ends in `/api` where client and API share a host). */
  readonly apiUrl: string;
  /** The image reference that runs, `<registry>/pioneer-agent:<sha>`. */
  readonly image: string;
  /** The claim holding the agent's data, for backups and restores. */
  readonly dataClaim: string;
  /** Names of the plain settings (ConfigMap) and of the secret ones (Secret); never values. */
  readonly settingNames: readonly string[];
  readonly secretSettingNames: readonly string[];
}

export const pioneerAgent = defineStackContract<PioneerAgentOutputs>("pioneer-agent", {
  namespace: "plain",
  clientUrl: "plain",
  apiUrl: "plain",
  image: "plain",
  dataClaim: "plain",
  settingNames: "plain",
  secretSettingNames: "plain",
});
