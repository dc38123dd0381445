import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./parse";
import { planImport } from "./plan";
import { renderPlan } from "./report";
import { EMPTY_STORED_ENV, type StoredEnv } from "./stack-file";

const { entries } = parseEnv(readFileSync(join(__dirname, "fixtures", "pioneer.env"), "utf8"));
const base = { project: "pioneer-agent", stack: "dev", entries, stored: EMPTY_STORED_ENV };

function stored(overrides: Partial<StoredEnv>): StoredEnv {
  return { ...EMPTY_STORED_ENV, ...overrides };
}

describe("planImport of the Pioneer .env", () => {
  it("stores API keys, tokens, passwords, the database URL and the private key as secrets", () => {
    const plan = planImport(base);
    expect(plan.settings.filter((s) => s.secret).map((s) => s.key)).toEqual([
      "pioneer-agent:secretEnv.OPENAI_API_KEY",
      "pioneer-agent:secretEnv.ANTHROPIC_API_KEY",
      "pioneer-agent:secretEnv.POSTGRES_URL",
      "pioneer-agent:secretEnv.JWT_SIGNING_KEY_PEM",
      "pioneer-agent:secretEnv.DISCORD_API_TOKEN",
      "pioneer-agent:secretEnv.TELEGRAM_BOT_TOKEN",
      "pioneer-agent:secretEnv.TWITTER_PASSWORD",
    ]);
  });

  it("stores the other settings in plain text under the env key", () => {
    const plan = planImport(base);
    expect(plan.settings.filter((s) => !s.secret).map((s) => s.key)).toEqual(
      [
        "NODE_ENV", "SERVER_PORT", "CLIENT_PORT", "CACHE_STORE", "DEFAULT_LOG_LEVEL", "SMALL_OPENAI_MODEL", "LARGE_ANTHROPIC_MODEL",
        "PGLITE_DATA_DIR", "DISCORD_APPLICATION_ID", "TWITTER_USERNAME", "TWITTER_EMAIL", "TWITTER_DRY_RUN", "POST_INTERVAL_MIN",
        "ACTION_TIMELINE_TYPE", "AGENT_GREETING", "AGENT_SYSTEM_PROMPT",
      ].map((name) => `pioneer-agent:env.${name}`),
    );
  });

  it("skips secrets the file leaves empty, so blank keys never wipe what the stack holds", () => {
    const plan = planImport(base);
    expect(plan.skipped).toEqual([
      { name: "OPENROUTER_API_KEY", line: 18 },
      { name: "TWITTER_2FA_SECRET", line: 39 },
    ]);
    expect(plan.settings.map((s) => s.name)).not.toContain("OPENROUTER_API_KEY");
  });

  it("adds the names listed on the command line and in the stack config to the secrets", () => {
    const plan = planImport({ ...base, secretNames: ["TWITTER_EMAIL"], stored: stored({ sensitiveEnvNames: ["DISCORD_APPLICATION_ID"] }) });
    const secret = (name: string) => plan.settings.find((s) => s.name === name)!;
    expect(secret("TWITTER_EMAIL")).toMatchObject({ key: "pioneer-agent:secretEnv.TWITTER_EMAIL", secret: true, reason: "it is listed as sensitive" });
    expect(secret("DISCORD_APPLICATION_ID")).toMatchObject({ secret: true });
  });

  it("removes a name from the other side when it moves between plain and secret", () => {
    const plan = planImport({ ...base, stored: stored({ plainNames: new Set(["OPENAI_API_KEY"]), secretNames: new Set(["SERVER_PORT"]) }) });
    expect(plan.removals).toEqual(["pioneer-agent:secretEnv.SERVER_PORT", "pioneer-agent:env.OPENAI_API_KEY"]);
  });

  it("keeps settings the file does not mention and lists them", () => {
    const plan = planImport({ ...base, stored: stored({ plainNames: new Set(["OLD_FLAG", "NODE_ENV"]), secretNames: new Set(["SLACK_TOKEN"]) }) });
    expect(plan.untouched).toEqual(["pioneer-agent:env.OLD_FLAG", "pioneer-agent:secretEnv.SLACK_TOKEN"]);
    expect(plan.removals).toEqual([]);
  });
});

describe("renderPlan", () => {
  it("prints every setting with secrets masked and never a secret value", () => {
    const plan = planImport(base);
    const text = renderPlan(plan, ".env", true);
    expect(text).toContain("Would import .env into pioneer-agent/dev (dry run: nothing is changed):");
    expect(text).toMatch(/plain {3}pioneer-agent:env\.SERVER_PORT +?= "3000"/);
    expect(text).toMatch(/secret {2}pioneer-agent:secretEnv\.OPENAI_API_KEY +?= \[secret\] {2}\(its name ends in _KEY\)/);
    expect(text).toContain("skip    OPENROUTER_API_KEY (line 18)");
    expect(text).toContain("16 plain setting(s), 7 secret(s), 2 skipped, 0 removed.");
    for (const setting of plan.settings.filter((s) => s.secret)) expect(text).not.toContain(setting.value);
    expect(text).not.toContain("s3cr3t");
  });
});
