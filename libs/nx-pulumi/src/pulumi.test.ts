import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOT_FOUND, onPath } from "./pulumi";

const RESOLVER = join(__dirname, "pulumi.ts");
const folders: string[] = [];
afterAll(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The resolver as an Nx target starts it, in a process of its own. */
function resolver(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", RESOLVER, ...args], { stdio: ["ignore", "pipe", "pipe"], env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

function folderWithPulumi(script: string): string {
  const folder = mkdtempSync(join(tmpdir(), "pulumi-on-path-"));
  folders.push(folder);
  const file = join(folder, "pulumi");
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return folder;
}

describe("the pulumi resolver of the Nx targets", () => {
  it("takes the first pulumi on PATH", () => {
    const empty = mkdtempSync(join(tmpdir(), "empty-"));
    folders.push(empty);
    const first = folderWithPulumi("exit 0");
    const second = folderWithPulumi("exit 0");
    expect(onPath([empty, first, second].join(delimiter))).toBe(join(first, "pulumi"));
    expect(onPath(empty)).toBeUndefined();
    expect(onPath(undefined)).toBeUndefined();
  });

  describe("run as the Nx targets run it", () => {
    let found: Run;
    let missing: Run;
    // Each case is the resolver in a Node process of its own, loaded through tsx; both run at once.
    beforeAll(async () => {
      const withPulumi = folderWithPulumi('echo "args: $*"; exit 3');
      const bin = mkdtempSync(join(tmpdir(), "no-pulumi-"));
      folders.push(bin);
      mkdirSync(join(bin, "cache"));
      [found, missing] = await Promise.all([
        resolver(["preview", "--stack", "dev"], { ...process.env, PATH: [withPulumi, process.env.PATH].join(delimiter) }),
        // A PATH without pulumi, and an empty toolchain cache: nothing to run.
        resolver(["preview"], { ...process.env, PATH: [join(process.execPath, ".."), "/usr/bin", "/bin"].join(delimiter), PLATFORM_E2E_CACHE: join(bin, "cache") }),
      ]);
    });

    it("runs the CLI it finds with the target's arguments and its exit code", () => {
      expect(found.stdout).toBe("args: preview --stack dev\n");
      expect(found.status).toBe(3);
    });

    it("says in one line how to get a CLI when there is none and no pinned engine build", () => {
      expect(missing.stderr.trim()).toBe(NOT_FOUND);
      expect(missing.status).toBe(127);
    });
  });
});
