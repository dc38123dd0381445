/**
 * What pioneer-agent's stacks publish in each environment, as its offline plan shows them
 * (`npm run plan -- --project pioneer-agent`): the upstream its readers' tests run against. A platform
 * test keeps every value equal to the plan; a secret holds a stand-in.
 */
import { stackExamples } from "@platform/stack-contracts";
import { pioneerAgent, type PioneerAgentOutputs } from "./index";

export const pioneerAgentExamples = stackExamples<PioneerAgentOutputs>(pioneerAgent, {
  local: {
    apiUrl: "https://pioneer.localtest.me/api",
    clientUrl: "https://pioneer.localtest.me",
    dataClaim: "data-pioneer-agent-0",
    image: "localhost:5001/pioneer-agent:latest",
    namespace: "pioneer-agent",
    secretSettingNames: [],
    settingNames: [
      "CACHE_STORE",
      "CLIENT_PORT",
      "DEFAULT_LOG_LEVEL",
      "NODE_ENV",
      "SERVER_PORT",
      "TWITTER_DRY_RUN",
    ],
  },
  e2e: {
    apiUrl: "https://pioneer.e2e.localtest.me/api",
    clientUrl: "https://pioneer.e2e.localtest.me",
    dataClaim: "data-pioneer-agent-0",
    image: "registry.digitalocean.com/pioneer/pioneer-agent:3f9c2a7e1b4d5c6f8a9b0c1d2e3f4a5b6c7d8e9f",
    namespace: "pioneer-agent",
    secretSettingNames: ["OPENAI_API_KEY"],
    settingNames: [
      "CACHE_STORE",
      "CLIENT_PORT",
      "DEFAULT_LOG_LEVEL",
      "NODE_ENV",
      "PGLITE_DATA_DIR",
      "SERVER_PORT",
      "TWITTER_DRY_RUN",
    ],
  },
  dev: {
    apiUrl: "https://pioneer.dev.degenquest.gg/api",
    clientUrl: "https://pioneer.dev.degenquest.gg",
    dataClaim: "data-pioneer-agent-0",
    image: "registry.digitalocean.com/pioneer/pioneer-agent:3f9c2a7e1b4d5c6f8a9b0c1d2e3f4a5b6c7d8e9f",
    namespace: "pioneer-agent",
    secretSettingNames: [],
    settingNames: [
      "CACHE_STORE",
      "CLIENT_PORT",
      "DEFAULT_LOG_LEVEL",
      "NODE_ENV",
      "PGLITE_DATA_DIR",
      "SERVER_PORT",
      "SMALL_OPENAI_MODEL",
      "TWITTER_DRY_RUN",
    ],
  },
  staging: {
    apiUrl: "https://pioneer-api.staging.degenquest.gg",
    clientUrl: "https://pioneer.staging.degenquest.gg",
    dataClaim: "data-pioneer-agent-0",
    image: "registry.digitalocean.com/pioneer/pioneer-agent:8d1e4f2a9c3b7e6d5f4a3b2c1d0e9f8a7b6c5d4e",
    namespace: "pioneer-agent",
    secretSettingNames: [],
    settingNames: [
      "CACHE_STORE",
      "CLIENT_PORT",
      "DEFAULT_LOG_LEVEL",
      "LARGE_ANTHROPIC_MODEL",
      "NODE_ENV",
      "SERVER_PORT",
      "TWITTER_DRY_RUN",
    ],
  },
  production: {
    apiUrl: "https://agent-api.degenquest.gg",
    clientUrl: "https://agent.degenquest.gg",
    dataClaim: "data-pioneer-agent-0",
    image: "registry.digitalocean.com/pioneer/pioneer-agent:8d1e4f2a9c3b7e6d5f4a3b2c1d0e9f8a7b6c5d4e",
    namespace: "pioneer-agent",
    secretSettingNames: ["SOLANA_PUBLIC_KEY"],
    settingNames: [
      "CACHE_STORE",
      "CLIENT_PORT",
      "DEFAULT_LOG_LEVEL",
      "LARGE_ANTHROPIC_MODEL",
      "NODE_ENV",
      "POST_INTERVAL_MIN",
      "SERVER_PORT",
      "TWITTER_DRY_RUN",
    ],
  },
});
