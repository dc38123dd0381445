import { existsSync } from "node:fs";
import { join } from "node:path";
import { mustRun } from "./process";

export const E2E_ROOT = join(__dirname, "..");
export const WORKSPACE_ROOT = join(E2E_ROOT, "..");
const BUILD_SCRIPT = join(E2E_ROOT, "toolchain", "build.sh");
const CRDS_SCRIPT = join(E2E_ROOT, "toolchain", "crds.sh");

/** Where the pinned builds live, as `build.sh --print-env` reports them. */
export interface Toolchain {
  /** The cache the builds live in; generated files (the CRDs) go beside them. */
  readonly cacheDir: string;
  /** Folder with `pulumi` and the Node.js language host beside it. */
  readonly pulumiBin: string;
  readonly kubernetesProviderBin: string;
  /** The version the provider build is stamped with: the one @pulumi/kubernetes asks the engine for. */
  readonly kubernetesProviderVersion: string;
  /** Folders of kube-apiserver, kube-controller-manager, kube-scheduler, etcd and kwok. */
  readonly controlPlaneBin: readonly string[];
}

/** Parses the `export NAME=value` lines that `build.sh --print-env` prints. */
export function parseToolchainEnv(text: string): Toolchain {
  const values = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^export ([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) values.set(match[1]!, match[2]!);
  }
  const need = (name: string): string => {
    const value = values.get(name);
    if (!value) throw new Error(`e2e/toolchain/build.sh --print-env printed no ${name}`);
    return value;
  };
  return {
    cacheDir: need("PLATFORM_E2E_CACHE"),
    pulumiBin: need("PLATFORM_E2E_PULUMI_BIN"),
    kubernetesProviderBin: need("PLATFORM_E2E_KUBERNETES_PROVIDER_BIN"),
    kubernetesProviderVersion: need("PLATFORM_E2E_KUBERNETES_PROVIDER_VERSION"),
    controlPlaneBin: need("PLATFORM_E2E_CONTROL_PLANE_BIN").split(":"),
  };
}

/** Builds whatever of the pinned toolchain is missing (seconds when all of it is cached), then locates it. */
export async function buildToolchain(): Promise<Toolchain> {
  // A cold build of the engine, provider and control plane takes tens of minutes on two cores.
  await mustRun("Building the e2e toolchain", "bash", [BUILD_SCRIPT], { cwd: WORKSPACE_ROOT, timeoutSeconds: 75 * 60 });
  const printed = await mustRun("Locating the e2e toolchain", "bash", [BUILD_SCRIPT, "--print-env"], {
    cwd: WORKSPACE_ROOT,
    capture: true,
    timeoutSeconds: 60,
  });
  const toolchain = parseToolchainEnv(printed.stdout);
  for (const file of [join(toolchain.pulumiBin, "pulumi"), join(toolchain.kubernetesProviderBin, "pulumi-resource-kubernetes")]) {
    if (!existsSync(file)) throw new Error(`The toolchain build reported success but ${file} is missing`);
  }
  return toolchain;
}

/** Generates the add-ons' CustomResourceDefinitions from their operators' Go types, into a cached folder. */
export async function generateCrds(cacheDir: string): Promise<string> {
  const out = join(cacheDir, "crds");
  await mustRun("Generating the add-ons' CRDs", "bash", [CRDS_SCRIPT, out], { cwd: WORKSPACE_ROOT, timeoutSeconds: 20 * 60 });
  return out;
}
