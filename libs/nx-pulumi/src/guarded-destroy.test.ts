import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SCRIPT = join(__dirname, "guarded-destroy.ts");
let bin: string;
let calls: string;

/** Runs the guard with a stand-in `pulumi` that records its arguments instead of destroying anything. */
function destroy(...args: string[]) {
  rmSync(calls, { force: true });
  const result = spawnSync(process.execPath, ["--import", "tsx", SCRIPT, ...args], {
    encoding: "utf8",
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
  });
  return { status: result.status, stderr: result.stderr, pulumi: existsSync(calls) ? readFileSync(calls, "utf8").trim() : undefined };
}

beforeAll(() => {
  bin = mkdtempSync(join(tmpdir(), "fake-pulumi-"));
  calls = join(bin, "calls.txt");
  writeFileSync(join(bin, "pulumi"), `#!/bin/sh\necho "$@" > "${calls}"\nexit 0\n`);
  chmodSync(join(bin, "pulumi"), 0o755);
});
afterAll(() => rmSync(bin, { recursive: true, force: true }));

describe("guarded destroy", () => {
  it("refuses the production stack without --allow-production, and never calls pulumi", () => {
    const result = destroy("--stack", "production");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Refusing to destroy the production stack");
    expect(result.stderr).toContain("nx run <project>:destroy:production --allow-production");
    expect(result.pulumi).toBeUndefined();
  });

  it("destroys production when the flag is given explicitly", () => {
    const result = destroy("--stack", "production", "--allow-production");
    expect(result.status).toBe(0);
    expect(result.pulumi).toBe("destroy --stack production --yes --non-interactive");
  });

  it("destroys another stack without the flag", () => {
    const result = destroy("--stack", "dev");
    expect(result.status).toBe(0);
    expect(result.pulumi).toBe("destroy --stack dev --yes --non-interactive");
  });

  it("asks for a stack when none is named", () => {
    const result = destroy();
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe("destroy needs --stack <name>");
    expect(result.pulumi).toBeUndefined();
  });
});
