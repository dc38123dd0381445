import { afterEach, describe, expect, it } from "vitest";
import { applyPlan, openPulumiStack, type StackConfigSetter } from "./apply";
import type { ImportPlan } from "./plan";

function recorder() {
  const calls: string[] = [];
  const stack: StackConfigSetter = {
    async setAllConfig(config, path) {
      calls.push(`set ${Object.entries(config).map(([key, v]) => `${key}${v.secret ? "(secret)" : ""}`).join(",")} path=${path}`);
    },
    async removeAllConfig(keys, path) {
      calls.push(`remove ${keys.join(",")} path=${path}`);
    },
  };
  return { calls, stack };
}

const plan: ImportPlan = {
  project: "app",
  stack: "dev",
  settings: [
    { name: "PORT", line: 1, key: "app:env.PORT", value: "3000", secret: false, reason: "" },
    { name: "API_KEY", line: 2, key: "app:secretEnv.API_KEY", value: "k", secret: true, reason: "" },
  ],
  skipped: [],
  removals: ["app:env.API_KEY"],
  untouched: [],
};

describe("applyPlan", () => {
  it("sets everything in one call before it removes the names that moved", async () => {
    const { calls, stack } = recorder();
    await applyPlan(stack, plan);
    expect(calls).toEqual(["set app:env.PORT,app:secretEnv.API_KEY(secret) path=true", "remove app:env.API_KEY path=true"]);
  });

  it("calls nothing for an empty plan", async () => {
    const { calls, stack } = recorder();
    await applyPlan(stack, { ...plan, settings: [], removals: [] });
    expect(calls).toEqual([]);
  });
});

describe("openPulumiStack", () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it("explains how to get the Pulumi CLI when there is none", async () => {
    process.env.PATH = "/nonexistent";
    await expect(openPulumiStack("/tmp", "dev")).rejects.toThrow(
      "The Pulumi CLI is needed to write stack config, and it is not installed or not on PATH. " +
        "Install it (https://www.pulumi.com/docs/install/) and log in with `pulumi login`, or add --dry-run to see what would be set.",
    );
  });
});
