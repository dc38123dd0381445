import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { NOT_FOUND, onPath } from "./pulumi";

const RESOLVER = join(__dirname, "pulumi.ts");
const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

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

  it("runs the CLI it finds with the target's arguments and its exit code", () => {
    const folder = folderWithPulumi('echo "args: $*"; exit 3');
    const result = spawnSync("node", ["--import", "tsx", RESOLVER, "preview", "--stack", "dev"], {
      encoding: "utf8",
      env: { ...process.env, PATH: [folder, process.env.PATH].join(delimiter) },
    });
    expect(result.stdout).toBe("args: preview --stack dev\n");
    expect(result.status).toBe(3);
  });

  it("says in one line how to get a CLI when there is none and no pinned engine build", () => {
    const bin = mkdtempSync(join(tmpdir(), "no-pulumi-"));
    folders.push(bin);
    mkdirSync(join(bin, "cache"));
    const result = spawnSync(process.execPath, ["--import", "tsx", RESOLVER, "preview"], {
      encoding: "utf8",
      // A PATH without pulumi, and an empty toolchain cache: nothing to run.
      env: { ...process.env, PATH: [join(process.execPath, ".."), "/usr/bin", "/bin"].join(delimiter), PLATFORM_E2E_CACHE: join(bin, "cache") },
    });
    expect(result.stderr.trim()).toBe(NOT_FOUND);
    expect(result.status).toBe(127);
  });
});
