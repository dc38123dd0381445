/**
 * What degenquest's stacks publish in each environment, as its offline plan shows them
 * (`npm run plan -- --project degenquest`): the upstream its readers' tests run against. A platform
 * test keeps every value equal to the plan; a secret holds a stand-in.
 */
import { stackExamples } from "@platform/stack-contracts";
import { degenquest, type DegenquestOutputs } from "./index";

export const degenquestExamples = stackExamples<DegenquestOutputs>(degenquest, {
  local: {
    backupBucket: "",
    imageTag: "latest",
    namespace: "degenquest",
    url: "https://play.localtest.me",
  },
  e2e: {
    backupBucket: "",
    imageTag: "9f4c2e7a1b3d5f6e8a0c2b4d6f8e0a1c3b5d7f9e",
    namespace: "degenquest",
    url: "https://play.e2e.localtest.me",
  },
  dev: {
    backupBucket: "degenquest-backups-dev",
    imageTag: "9f4c2e7a1b3d5f6e8a0c2b4d6f8e0a1c3b5d7f9e",
    namespace: "degenquest",
    url: "https://play.dev.degenquest.gg",
  },
  staging: {
    backupBucket: "degenquest-backups-staging",
    imageTag: "9f4c2e7a1b3d5f6e8a0c2b4d6f8e0a1c3b5d7f9e",
    namespace: "degenquest",
    url: "https://play.staging.degenquest.gg",
  },
  production: {
    backupBucket: "degenquest-backups-production",
    imageTag: "b71e0d4c9a8f3e2d1c6b5a4f3e2d1c0b9a8f7e6d",
    namespace: "degenquest",
    url: "https://play.degenquest.gg",
  },
});
