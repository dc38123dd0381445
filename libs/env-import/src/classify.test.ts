import { describe, expect, it } from "vitest";
import { classify } from "./classify";

describe("classify", () => {
  it.each([
    ["OPENAI_API_KEY", "its name ends in _KEY"],
    ["ANTHROPIC_API_KEY", "its name ends in _KEY"],
    ["DISCORD_API_TOKEN", "its name ends in _TOKEN"],
    ["TELEGRAM_BOT_TOKEN", "its name ends in _TOKEN"],
    ["TWITTER_2FA_SECRET", "its name contains SECRET"],
    ["CLIENT_SECRET_VALUE", "its name contains SECRET"],
    ["TWITTER_PASSWORD", "its name contains PASSWORD"],
    ["DB_PASSWORD_FILE", "its name contains PASSWORD"],
    ["SMTP_PASS", "its name ends in _PASS"],
    ["EVM_PRIVATE_KEY", "it names a private key"],
    ["SOLANA_PRIVATEKEY", "it names a private key"],
    ["TWITTER_COOKIES", "its name ends in _CREDENTIALS or _COOKIES"],
    ["WALLET_MNEMONIC", "its name marks a wallet seed or salt"],
    ["apiKey", "its name ends in _KEY"],
  ])("treats %s as a secret because %s", (name, reason) => {
    expect(classify(name, "value")).toEqual({ secret: true, reason });
  });

  it.each(["SERVER_PORT", "NODE_ENV", "MAX_TOKENS", "TOKENIZER_MODEL", "KEYWORDS", "PASSAGE_LIMIT", "DISCORD_APPLICATION_ID", "MONKEY"])(
    "keeps %s plain",
    (name) => {
      expect(classify(name, "value")).toEqual({ secret: false, reason: "nothing marks it sensitive" });
    },
  );

  it("treats a connection string with a password as a secret, whatever its name", () => {
    expect(classify("POSTGRES_URL", "postgresql://eliza:pw@db:5432/eliza")).toEqual({ secret: true, reason: "its value is a URL with a password" });
    expect(classify("REDIS_URL", "rediss://default:pw@cache:6379")).toEqual({ secret: true, reason: "its value is a URL with a password" });
    expect(classify("PUBLIC_URL", "https://user@example.com/path").secret).toBe(false);
    expect(classify("DOCS_URL", "https://example.com:8443/a@b").secret).toBe(false);
  });

  it("treats a PEM private key as a secret, whatever its name", () => {
    expect(classify("JWT_PEM", "-----BEGIN RSA PRIVATE KEY-----\nMII...\n-----END RSA PRIVATE KEY-----")).toEqual({
      secret: true,
      reason: "its value is a PEM private key",
    });
  });

  it("lets a listed plain name override the name pattern but never a credential in the value", () => {
    const rules = { plainNames: new Set(["SOLANA_PUBLIC_KEY", "DATABASE_URL"]) };
    expect(classify("SOLANA_PUBLIC_KEY", "9xQe...", rules)).toEqual({ secret: false, reason: "it is listed as plain" });
    expect(classify("DATABASE_URL", "postgres://u:p@h/db", rules).secret).toBe(true);
  });

  it("makes a listed sensitive name a secret, even when it is also listed plain", () => {
    const rules = { sensitiveNames: new Set(["WALLET_ADDRESS"]), plainNames: new Set(["WALLET_ADDRESS"]) };
    expect(classify("WALLET_ADDRESS", "0xabc", rules)).toEqual({ secret: true, reason: "it is listed as sensitive" });
  });
});
