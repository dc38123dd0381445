import type { TargetConfiguration } from "@nx/devkit";

export interface PulumiProjectInfo {
  /** Folder relative to the workspace root. */
  readonly root: string;
  /** Name from Pulumi.yaml, which is also the Nx project name. */
  readonly name: string;
  /** Stacks with a `Pulumi.<stack>.yaml`, sorted. */
  readonly stacks: readonly string[];
  /** Policy pack folder relative to the workspace root, when the workspace has one. */
  readonly policyPack?: string;
}

/** The stack a target runs on when no configuration is given: the first in promotion order. */
function defaultStack(stacks: readonly string[]): string | undefined {
  return ["dev", "local", "staging", "production"].find((stack) => stacks.includes(stack)) ?? stacks[0];
}

function perStack(
  info: PulumiProjectInfo,
  command: (stack: string) => string,
  extra: Partial<TargetConfiguration> = {},
): TargetConfiguration {
  const fallback = defaultStack(info.stacks);
  return {
    executor: "nx:run-commands",
    options: { command: fallback ? command(fallback) : "echo 'This project has no Pulumi.<stack>.yaml' && exit 1", cwd: info.root },
    configurations: Object.fromEntries(info.stacks.map((stack) => [stack, { command: command(stack) }])),
    ...(fallback ? { defaultConfiguration: fallback } : {}),
    ...extra,
  };
}

/**
 * Targets of a Pulumi project. `preview`, `up`, `refresh` and `destroy` call the real Pulumi CLI on
 * the stack named by the configuration (`nx run degenquest:preview:staging`); `plan` is the
 * offline plan, which needs no CLI and is cached.
 */
export function pulumiTargets(info: PulumiProjectInfo): Record<string, TargetConfiguration> {
  const policy = info.policyPack ? ` --policy-pack ${relativeFromProject(info.root, info.policyPack)}` : "";
  return {
    preview: perStack(info, (stack) => `pulumi preview --stack ${stack} --diff --non-interactive${policy}`, {
      metadata: { description: "Pulumi preview of the chosen stack, with the policy pack" },
    }),
    up: perStack(info, (stack) => `pulumi up --stack ${stack} --yes --skip-preview=false --non-interactive${policy}`, {
      metadata: { description: "Deploys the chosen stack" },
    }),
    refresh: perStack(info, (stack) => `pulumi refresh --stack ${stack} --yes --non-interactive`, {
      metadata: { description: "Reads the real state of the chosen stack's resources into its state" },
    }),
    destroy: perStack(
      info,
      (stack) => `node --import tsx ${relativeFromProject(info.root, "libs/nx-pulumi/src/guarded-destroy.ts")} --stack ${stack}`,
      { metadata: { description: "Destroys the chosen stack; production only with --allow-production" } },
    ),
    plan: {
      executor: "nx:run-commands",
      options: { command: `tsx libs/offline-plan/src/cli.ts --project ${info.name}`, cwd: "{workspaceRoot}" },
      configurations: Object.fromEntries(
        info.stacks.map((stack) => [stack, { command: `tsx libs/offline-plan/src/cli.ts --project ${info.name} --env ${stack}` }]),
      ),
      cache: true,
      inputs: ["default", "^production", "{workspaceRoot}/libs/offline-plan/src/**/*"],
      outputs: [`{workspaceRoot}/plan/*/${info.name}.json`],
      metadata: { description: "Offline plan under the mock runtime: no cloud, no Pulumi CLI" },
    },
  };
}

function relativeFromProject(projectRoot: string, workspacePath: string): string {
  const depth = projectRoot.split("/").filter(Boolean).length;
  return `${"../".repeat(depth)}${workspacePath}`;
}
