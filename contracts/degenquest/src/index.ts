/**
 * Contract floor: what a degenquest stack publishes, where the game is reached and where its
 * backups go. Nothing builds on it yet; it types the program's exports like every stack's.
 */
import { defineStackContract } from "@platform/stack-contracts";

export interface DegenquestOutputs {
  readonly namespace: string;
  /** `https://<host>` of the game server. */
  readonly url: string;
  /** The image tag running, as the stack's `degenquest:imageTag` says. */
  readonly imageTag: string;
  /** Spaces bucket holding the database backups; empty on local. */
  readonly backupBucket: string;
}

export const degenquest = defineStackContract<DegenquestOutputs>("degenquest", {
  namespace: "plain",
  url: "plain",
  imageTag: "plain",
  backupBucket: "plain",
});
