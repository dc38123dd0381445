/**
 * `pulumi` for the Nx targets: the CLI on PATH, else the pinned engine that the end-to-end
 * toolchain builds (`e2e/toolchain/build.sh`), else one line that says how to get either.
 * Run as `node --import tsx libs/nx-pulumi/src/pulumi.ts <pulumi arguments>`.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

const WORKSPACE_ROOT = join(__dirname, "..", "..", "..");
const PINNED_ENGINE_BUILD = join(WORKSPACE_ROOT, "e2e", "toolchain", "build.sh");

export const NOT_FOUND =
  "pulumi: not found. Install the Pulumi CLI (https://www.pulumi.com/docs/install/) or build the pinned engine: e2e/toolchain/build.sh";

/** The first `pulumi` in the PATH, or undefined. */
export function onPath(path: string | undefined): string | undefined {
  for (const folder of (path ?? "").split(delimiter).filter(Boolean)) {
    const candidate = join(folder, "pulumi");
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The pinned engine's `pulumi`, when the toolchain build has made it. */
export function pinnedEngine(): string | undefined {
  if (!existsSync(PINNED_ENGINE_BUILD)) return undefined;
  const printed = spawnSync("bash", [PINNED_ENGINE_BUILD, "--print-env"], { encoding: "utf8" });
  const folder = /^export PLATFORM_E2E_PULUMI_BIN=(.+)$/m.exec(printed.stdout ?? "")?.[1];
  const binary = folder ? join(folder, "pulumi") : undefined;
  return binary && existsSync(binary) ? binary : undefined;
}

export function findPulumi(): string | undefined {
  return onPath(process.env.PATH) ?? pinnedEngine();
}

if (require.main === module) {
  const pulumi = findPulumi();
  if (!pulumi) {
    console.error(NOT_FOUND);
    process.exit(127);
  }
  const result = spawnSync(pulumi, process.argv.slice(2), { stdio: "inherit" });
  process.exit(result.status ?? 1);
}
