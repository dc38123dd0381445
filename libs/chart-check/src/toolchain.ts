import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { runCommand } from "@platform/e2e/src/process";
import { parseToolchainEnv, type Toolchain } from "@platform/e2e/src/toolchain";

export const WORKSPACE_ROOT = join(__dirname, "..", "..", "..");
const BUILD_SCRIPT = join(WORKSPACE_ROOT, "e2e", "toolchain", "build.sh");

export interface ChartToolchain {
  /** The helm binary. */
  readonly helm: string;
  /** Where the control plane's binaries are, for e2e/control-plane/start.sh. */
  readonly controlPlane: Toolchain;
}

/** The helm binary in the folder `build.sh --print-env` names as PLATFORM_E2E_HELM_BIN. */
export function helmOf(printed: string): string {
  const dir = /^export PLATFORM_E2E_HELM_BIN=(.*)$/m.exec(printed)?.[1]?.trim();
  if (!dir) throw new Error("e2e/toolchain/build.sh --print-env printed no PLATFORM_E2E_HELM_BIN");
  return join(dir, "helm");
}

/**
 * Finds helm and the control plane where e2e/toolchain/build.sh put them (it builds nothing
 * here: a cold build takes tens of minutes, so a missing part is an error that says how to build it).
 */
export async function locateToolchain(): Promise<ChartToolchain> {
  const printed = await runCommand("bash", [BUILD_SCRIPT, "--print-env"], { cwd: WORKSPACE_ROOT, capture: true, timeoutSeconds: 60 });
  if (printed.code !== 0) throw new Error(`e2e/toolchain/build.sh --print-env failed: ${printed.stderr.trim()}`);
  const helm = process.env.PLATFORM_E2E_HELM_BIN ? join(process.env.PLATFORM_E2E_HELM_BIN, "helm") : helmOf(printed.stdout);
  const controlPlane = parseToolchainEnv(printed.stdout);
  const missing = [helm, ...controlPlane.controlPlaneBin].filter((path) => !existsSync(path) || (path === helm && !statSync(path).isFile()));
  if (missing.length > 0) throw new Error(`The e2e toolchain is not built (missing ${missing.join(", ")}): run \`bash e2e/toolchain/build.sh\` (or \`npm run e2e\`), then try again`);
  return { helm, controlPlane };
}
