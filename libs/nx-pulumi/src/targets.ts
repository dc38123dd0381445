import type { TargetConfiguration } from "@nx/devkit";

export interface PulumiProjectInfo {
  /** Folder relative to the workspace root. */
  readonly root: string;
  /** Name from Pulumi.yaml, which is also the Nx project name. */
  readonly name: string;
  /** Stacks with a `Pulumi.<stack>.yaml`, sorted. */
  readonly stacks: readonly string[];
  /** Pulumi projects whose stacks this one reads, deployed before it. */
  readonly reads: readonly string[];
  /** Policy pack folder relative to the workspace root, when the workspace has one. */
  readonly policyPack?: string;
}

/** The stack a target runs on when no configuration is given: the first in promotion order. */
function defaultStack(stacks: readonly string[]): string | undefined {
  return ["dev", "local", "staging", "production"].find((stack) => stacks.includes(stack)) ?? stacks[0];
}

interface PerStackOptions {
  /**
   * Whether the target may run without a configuration, on the first stack in promotion order.
   * Targets that change real infrastructure name their stack every time.
   */
  readonly defaultsToFirstStack: boolean;
  readonly extra?: Partial<TargetConfiguration>;
}

function perStack(
  info: PulumiProjectInfo,
  target: string,
  command: (stack: string) => string,
  options: PerStackOptions,
): TargetConfiguration {
  const fallback = options.defaultsToFirstStack ? defaultStack(info.stacks) : undefined;
  const choose = info.stacks.length > 0
    ? `name the stack: nx run ${info.name}:${target}:<stack> with <stack> one of ${info.stacks.join(", ")}`
    : "it has no Pulumi.<stack>.yaml";
  return {
    executor: "nx:run-commands",
    options: {
      command: fallback ? command(fallback) : `echo ${JSON.stringify(`${info.name} has no stack for this configuration: ${choose}`)} >&2 && exit 1`,
      cwd: info.root,
    },
    configurations: Object.fromEntries(info.stacks.map((stack) => [stack, { command: command(stack) }])),
    ...(fallback ? { defaultConfiguration: fallback } : {}),
    ...options.extra,
  };
}

/**
 * Targets of a Pulumi project. `preview`, `up`, `refresh` and `destroy` call the real Pulumi CLI on
 * the stack named by the configuration (`nx run degenquest:preview:staging`); `plan` is the
 * offline plan, which needs no CLI and is cached.
 */
export function pulumiTargets(info: PulumiProjectInfo): Record<string, TargetConfiguration> {
  const policy = info.policyPack ? ` --policy-pack ${relativeFromProject(info.root, info.policyPack)}` : "";
  // The CLI on PATH, else the pinned engine build, else one line on how to get one.
  const pulumi = `node --import tsx ${relativeFromProject(info.root, "libs/nx-pulumi/src/pulumi.ts")}`;
  return {
    preview: perStack(info, "preview", (stack) => `${pulumi} preview --stack ${stack} --diff --non-interactive${policy}`, {
      defaultsToFirstStack: true,
      extra: { metadata: { description: "Pulumi preview of the chosen stack, with the policy pack" } },
    }),
    up: perStack(info, "up", (stack) => `${pulumi} up --stack ${stack} --yes --skip-preview=false --non-interactive${policy}`, {
      defaultsToFirstStack: false,
      extra: {
        // The same stack of every project this one reads is deployed first (Nx runs the same
        // configuration on them). Independent projects run in parallel. To deploy only some
        // stacks in order, add --exclude-task-dependencies.
        dependsOn: info.reads.length > 0 ? [{ projects: [...info.reads], target: "up", params: "ignore" }] : [],
        metadata: { description: "Deploys the chosen stack, after the same stack of every project it reads" },
      },
    }),
    refresh: perStack(info, "refresh", (stack) => `${pulumi} refresh --stack ${stack} --yes --non-interactive`, {
      defaultsToFirstStack: true,
      extra: { metadata: { description: "Reads the real state of the chosen stack's resources into its state" } },
    }),
    destroy: perStack(
      info,
      "destroy",
      (stack) => `node --import tsx ${relativeFromProject(info.root, "libs/nx-pulumi/src/guarded-destroy.ts")} --stack ${stack}`,
      {
        defaultsToFirstStack: false,
        extra: { metadata: { description: "Destroys the chosen stack; production only with --allow-production" } },
      },
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
