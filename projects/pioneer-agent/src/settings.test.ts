import { isSecret, mockRuntime, valueOf } from "@platform/testing";
import * as pulumi from "@pulumi/pulumi";
import { beforeEach, describe, expect, it } from "vitest";
import { agentSettings } from "./settings";

describe("agentSettings", () => {
  beforeEach(async () => {
    await mockRuntime({ project: "pioneer-agent" });
  });

  it("sets NODE_ENV and both ports itself and keeps the imported plain settings", () => {
    const settings = agentSettings({ nodeEnv: "production", env: { CACHE_STORE: "database", SERVER_PORT: "3000" }, secretEnv: undefined });
    expect(settings.env).toEqual({ NODE_ENV: "production", SERVER_PORT: "3000", CLIENT_PORT: "5173", CACHE_STORE: "database" });
    expect(settings.secretEnv).toEqual({});
    expect(settings.movedToSecret).toEqual([]);
  });

  it("passes the imported secrets through untouched", () => {
    const key = pulumi.secret("sk-1");
    expect(agentSettings({ nodeEnv: "production", env: {}, secretEnv: { OPENAI_API_KEY: key } }).secretEnv).toEqual({ OPENAI_API_KEY: key });
  });

  it("moves a public setting that the service component would refuse by name into the Secret, as a secret", async () => {
    const settings = agentSettings({ nodeEnv: "production", env: { SOLANA_PUBLIC_KEY: "9xQe", MAX_TOKENS: "4096", MODEL: "gpt" }, secretEnv: undefined });
    expect(settings.movedToSecret).toEqual(["SOLANA_PUBLIC_KEY", "MAX_TOKENS"]);
    expect(Object.keys(settings.env)).not.toContain("MAX_TOKENS");
    expect(settings.env.MODEL).toBe("gpt");
    expect(await isSecret(settings.secretEnv.MAX_TOKENS!)).toBe(true);
    expect(await valueOf(settings.secretEnv.MAX_TOKENS!)).toBe("4096");
  });
});
