import { join } from "node:path";
import { runCommand } from "@platform/e2e/src/process";
import { describe, expect, it } from "vitest";

const CLI = join(__dirname, "cli.ts");
const run = (...args: string[]) =>
  runCommand(process.execPath, ["--import", "tsx", CLI, ...args], { cwd: join(__dirname, ".."), capture: true, timeoutSeconds: 60 });

describe("npm run check:charts", () => {
  it("prints its usage on --help", async () => {
    const result = await run("--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: npm run check:charts -- [--plan <dir>]");
  });

  it("refuses an unknown option with the usage, and a missing plan folder with how to write one, without a stack trace", async () => {
    const unknown = await run("--chart", "x");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--chart'");
    expect(unknown.stderr).toContain("Usage:");
    const missing = await run("--plan", "/nonexistent/plan");
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe("Plan folder /nonexistent/plan does not exist: write one with `npm run plan -- --out /nonexistent/plan`");
  });
});
