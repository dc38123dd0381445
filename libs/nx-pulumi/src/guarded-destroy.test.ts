import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SCRIPT = join(__dirname, "guarded-destroy.ts");
const folders: string[] = [];

interface Destroy {
  readonly status: number | null;
  readonly stderr: string;
  /** The arguments the stand-in pulumi received; undefined when the guard never called it. */
  readonly pulumi?: string;
}

/** Runs the guard with a stand-in `pulumi` of its own that records its arguments instead of destroying anything. */
function destroy(...args: string[]): Promise<Destroy> {
  const bin = mkdtempSync(join(tmpdir(), "fake-pulumi-"));
  folders.push(bin);
  const calls = join(bin, "calls.txt");
  writeFileSync(join(bin, "pulumi"), `#!/bin/sh\necho "$@" > "${calls}"\nexit 0\n`);
  chmodSync(join(bin, "pulumi"), 0o755);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, ...args], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stderr, pulumi: existsSync(calls) ? readFileSync(calls, "utf8").trim() : undefined }));
  });
}

let production: Destroy;
let allowedProduction: Destroy;
let dev: Destroy;
let noStack: Destroy;
// Each case is the real script in a Node process of its own, loaded through tsx; all four run at
// once, here.
beforeAll(async () => {
  [production, allowedProduction, dev, noStack] = await Promise.all([
    destroy("--stack", "production"),
    destroy("--stack", "production", "--allow-production"),
    destroy("--stack", "dev"),
    destroy(),
  ]);
});
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe("guarded destroy", () => {
  it("refuses the production stack without --allow-production, and never calls pulumi", () => {
    expect(production.status).toBe(1);
    expect(production.stderr).toContain("Refusing to destroy the production stack");
    expect(production.stderr).toContain("nx run <project>:destroy:production --allow-production");
    expect(production.pulumi).toBeUndefined();
  });

  it("destroys production when the flag is given explicitly", () => {
    expect(allowedProduction.status).toBe(0);
    expect(allowedProduction.pulumi).toBe("destroy --stack production --yes --non-interactive");
  });

  it("destroys another stack without the flag", () => {
    expect(dev.status).toBe(0);
    expect(dev.pulumi).toBe("destroy --stack dev --yes --non-interactive");
  });

  it("asks for a stack when none is named", () => {
    expect(noStack.status).toBe(2);
    expect(noStack.stderr.trim()).toBe("destroy needs --stack <name>");
    expect(noStack.pulumi).toBeUndefined();
  });
});
