import { describe, expect, it } from "vitest";
import { runOnce } from "./run-once";

describe("runOnce", () => {
  it("runs each distinct set of arguments once and hands every caller the same result", async () => {
    const calls: string[] = [];
    const run = runOnce(async (stack: string, extra: Record<string, string> = {}) => {
      calls.push(JSON.stringify([stack, extra]));
      return { stack, extra };
    });
    const [first, second, other] = await Promise.all([run("dev"), run("dev"), run("dev", { key: "value" })]);
    expect(first).toBe(second);
    expect(other).toEqual({ stack: "dev", extra: { key: "value" } });
    expect(calls).toEqual(['["dev",{}]', '["dev",{"key":"value"}]']);
  });

  it("starts a run only after the one before it ended, failed or not", async () => {
    const events: string[] = [];
    const run = runOnce(async (name: string) => {
      events.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`end ${name}`);
      if (name === "a") throw new Error("a failed");
      return name;
    });
    const results = await Promise.allSettled([run("a"), run("b")]);
    expect(events).toEqual(["start a", "end a", "start b", "end b"]);
    expect(results.map((result) => result.status)).toEqual(["rejected", "fulfilled"]);
  });
});
