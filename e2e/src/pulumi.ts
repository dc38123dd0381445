import { mkdirSync } from "node:fs";
import { delimiter, join } from "node:path";
import { mustRun, runCommand, type CommandResult } from "./process";
import type { Toolchain } from "./toolchain";
import { WORKSPACE_ROOT } from "./toolchain";

/**
 * The passphrase of the e2e stacks' secrets. Not a secret itself: the e2e stack files hold only
 * test values, and their `encryptionsalt` is committed so that no run rewrites them.
 */
export const E2E_PASSPHRASE = "platform-e2e";
export const E2E_STACK = "e2e";

/** One resource of `pulumi stack export`. */
export interface StateResource {
  readonly urn: string;
  readonly type: string;
  readonly custom?: boolean;
  readonly id?: string;
  readonly inputs?: Record<string, unknown>;
  readonly outputs?: Record<string, unknown>;
}

/**
 * The Pulumi CLI of the pinned build, logged in to a file backend in the run's own folder, with
 * the Kubernetes provider installed from its build, so that nothing is ever downloaded.
 */
export class PulumiCli {
  readonly env: NodeJS.ProcessEnv;

  constructor(
    readonly toolchain: Toolchain,
    runDir: string,
    kubeconfig: string,
  ) {
    const home = join(runDir, "pulumi-home");
    const state = join(runDir, "state");
    mkdirSync(home, { recursive: true });
    mkdirSync(state, { recursive: true });
    this.env = {
      ...process.env,
      PATH: [toolchain.pulumiBin, process.env.PATH ?? ""].join(delimiter),
      PULUMI_HOME: home,
      PULUMI_BACKEND_URL: `file://${state}`,
      PULUMI_CONFIG_PASSPHRASE: E2E_PASSPHRASE,
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      KUBECONFIG: kubeconfig,
      NO_COLOR: "1",
      // `npm test` type-checks every program; type-checking again in each of the run's ~25 engine
      // runs would only add minutes.
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    };
  }

  async installKubernetesProvider(): Promise<void> {
    const binary = join(this.toolchain.kubernetesProviderBin, "pulumi-resource-kubernetes");
    await this.must("Installing the Kubernetes provider build", WORKSPACE_ROOT, [
      "plugin",
      "install",
      "resource",
      "kubernetes",
      this.toolchain.kubernetesProviderVersion,
      "--file",
      binary,
    ]);
  }

  async initStack(projectRoot: string): Promise<void> {
    await this.must(`Creating the ${E2E_STACK} stack of ${projectRoot}`, projectRoot, ["stack", "init", E2E_STACK, "--non-interactive"]);
  }

  async export(projectRoot: string): Promise<StateResource[]> {
    const result = await this.must(`Exporting ${projectRoot}`, projectRoot, ["stack", "export", "--stack", E2E_STACK, "--show-secrets"]);
    const state = JSON.parse(result.stdout) as { deployment?: { resources?: StateResource[] } };
    return state.deployment?.resources ?? [];
  }

  /** `pulumi stack output --json`, as a person would see it: secrets masked unless asked. */
  async outputs(projectRoot: string, showSecrets = false): Promise<Record<string, unknown>> {
    const args = ["stack", "output", "--stack", E2E_STACK, "--json", ...(showSecrets ? ["--show-secrets"] : [])];
    const result = await this.must(`Reading the outputs of ${projectRoot}`, projectRoot, args);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  }

  run(projectRoot: string, args: readonly string[], timeoutSeconds = 600): Promise<CommandResult> {
    return runCommand("pulumi", args, { cwd: projectRoot, env: this.env, capture: true, timeoutSeconds });
  }

  private must(purpose: string, cwd: string, args: readonly string[]): Promise<CommandResult> {
    return mustRun(purpose, "pulumi", args, { cwd, env: this.env, capture: true, timeoutSeconds: 300 });
  }
}
