import * as pulumi from "@pulumi/pulumi";
import { isSecret, mockRuntime, valueOf } from "@platform/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError, currentEnvironment, loadStackConfig } from "./load";
import { secretString } from "./schema";

const schema = z.strictObject({ replicas: z.number().int().min(1), token: secretString().optional() });

describe("loadStackConfig", () => {
  it("reads only the project's namespace and knows which keys the stack file holds as secrets", async () => {
    await mockRuntime({
      project: "app",
      config: { "app:replicas": "2", "app:token": "t0ken", "digitalocean:token": "other" },
      secretKeys: ["app:token"],
    });
    const config = loadStackConfig(schema);
    expect(Object.keys(config).sort()).toEqual(["replicas", "token"]);
    expect(config.replicas).toBe(2);
    expect(pulumi.Output.isInstance(config.token)).toBe(true);
    expect(await isSecret(config.token!)).toBe(true);
    expect(await valueOf(config.token!)).toBe("t0ken");
  });

  it("throws one ConfigError naming the stack and listing every problem, without a stack trace", async () => {
    await mockRuntime({ project: "app", stack: "staging", config: { "app:replicas": "0", "app:token": "plain", "app:replicaz": "1" } });
    let error: unknown;
    try {
      loadStackConfig(schema);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toBeInstanceOf(pulumi.RunError);
    expect((error as ConfigError).message).toBe(
      [
        'Stack "staging" has 3 configuration problems:',
        "  - app:replicas is 0: Too small: expected number to be >=1",
        "  - app:replicaz is not a known setting: did you mean app:replicas? (known: replicas, token)",
        "  - app:token holds a sensitive value in plain text: set it with `pulumi config set --secret app:token <value>`",
      ].join("\n"),
    );
  });
});

describe("currentEnvironment", () => {
  it.each(["local", "dev", "staging", "production"])("accepts the stack %s", async (stack) => {
    await mockRuntime({ stack });
    expect(currentEnvironment()).toBe(stack);
  });

  it("refuses a stack that is not an environment", async () => {
    await mockRuntime({ stack: "prod" });
    expect(() => currentEnvironment()).toThrow(
      'Stack "prod" has 1 configuration problem:\n  - stack name "prod" is not an environment: expected one of local, e2e, dev, staging, production',
    );
  });
});
