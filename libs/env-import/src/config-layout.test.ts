import { validateConfig } from "@platform/config";
import { isSecret, valueOf } from "@platform/testing";
import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { assertImportedEnv, importedEnvFields, importedEnvProblems } from "./config-layout";

const schema = z.strictObject(importedEnvFields());

function validate(values: Record<string, unknown>, secretKeys: string[] = []) {
  return validateConfig("app", schema, {
    values: Object.fromEntries(Object.entries(values).map(([key, value]) => [key, JSON.stringify(value)])),
    secretKeys: new Set(secretKeys),
  });
}

describe("importedEnvFields", () => {
  it("defaults to no settings, no secrets and no extra rules", () => {
    const result = validate({});
    expect(result).toEqual({ ok: true, value: { env: {}, sensitiveEnvNames: [], plainEnvNames: [] } });
  });

  it("turns typed plain values into the strings a ConfigMap holds", () => {
    const result = validate({ env: { SERVER_PORT: 3000, TWITTER_DRY_RUN: false, NODE_ENV: "production" } });
    expect(result.ok && result.value.env).toEqual({ SERVER_PORT: "3000", TWITTER_DRY_RUN: "false", NODE_ENV: "production" });
  });

  it("hands every secret setting over as a Pulumi secret", async () => {
    const result = validate({ secretEnv: { OPENAI_API_KEY: "sk-1" } }, ["secretEnv"]);
    if (!result.ok) throw new Error(result.problems.join("\n"));
    const key = result.value.secretEnv!.OPENAI_API_KEY as pulumi.Output<string>;
    expect(await isSecret(key)).toBe(true);
    expect(await valueOf(key)).toBe("sk-1");
  });

  it("refuses secret settings stored in plain text", () => {
    expect(validate({ secretEnv: { OPENAI_API_KEY: "sk-1" } })).toEqual({
      ok: false,
      problems: ["app:secretEnv holds a sensitive value in plain text: set it with `pulumi config set --secret app:secretEnv <value>`"],
    });
  });

  it("refuses a name that is not an environment variable name", () => {
    const result = validate({ env: { "BAD-NAME": "x" } });
    expect(result.ok ? [] : result.problems).toEqual([
      expect.stringMatching(/^app:env\.BAD-NAME .*"BAD-NAME".*: expected an environment variable name: letters, digits and "_", not starting with a digit$/),
    ]);
  });

  it("refuses a name in both maps and a plain setting that looks secret, without showing its value", () => {
    const config = { env: { OPENAI_API_KEY: "sk-leak", SERVER_PORT: "3000" }, secretEnv: { SERVER_PORT: "3000" }, sensitiveEnvNames: [], plainEnvNames: [] };
    const problems = importedEnvProblems("app", "dev", config);
    expect(problems).toEqual([
      "app:env.OPENAI_API_KEY is a secret (its name ends in _KEY) stored in plain text: " +
        "move it with `pulumi config rm --stack dev --path app:env.OPENAI_API_KEY` and " +
        "`pulumi config set --stack dev --secret --path app:secretEnv.OPENAI_API_KEY <value>`, or list OPENAI_API_KEY in app:plainEnvNames if it is public",
      "app:env.SERVER_PORT is also set as app:secretEnv.SERVER_PORT: keep one, such as `pulumi config rm --stack dev --path app:env.SERVER_PORT`",
    ]);
    expect(problems.join("\n")).not.toContain("sk-leak");
    expect(() => assertImportedEnv("app", "dev", config)).toThrow('Stack "dev" has 2 configuration problems');
  });

  it("applies the stack's own lists: a listed sensitive name is refused in plain text", () => {
    const config = { env: { WALLET_ADDRESS: "0xabc" }, sensitiveEnvNames: ["WALLET_ADDRESS"], plainEnvNames: [] };
    expect(importedEnvProblems("app", "dev", config)).toEqual([expect.stringContaining("app:env.WALLET_ADDRESS is a secret (it is listed as sensitive)")]);
  });

  it("accepts a sensitive-looking public value listed in plainEnvNames", () => {
    expect(importedEnvProblems("app", "dev", { env: { SOLANA_PUBLIC_KEY: "9xQe" }, sensitiveEnvNames: [], plainEnvNames: ["SOLANA_PUBLIC_KEY"] })).toEqual([]);
  });
});
