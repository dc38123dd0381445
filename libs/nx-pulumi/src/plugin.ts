import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createNodesFromFiles, type CreateNodesV2 } from "@nx/devkit";
import { parse } from "yaml";
import { pulumiTargets } from "./targets";

export interface NxPulumiOptions {
  /** Folder of the policy pack, relative to the workspace root. @default "libs/policy-pack" when it exists */
  readonly policyPack?: string;
}

/**
 * Every folder with a Pulumi.yaml becomes an Nx project named after its Pulumi project. Its
 * dependencies are not declared here: Nx derives them from the imports of upstream contracts.
 */
export const createNodesV2: CreateNodesV2<NxPulumiOptions> = [
  "**/Pulumi.yaml",
  (configFiles, options, context) =>
    createNodesFromFiles(
      (configFile, opts, ctx) => {
        const root = dirname(configFile);
        const absolute = join(ctx.workspaceRoot, root);
        const manifest = parse(readFileSync(join(ctx.workspaceRoot, configFile), "utf8")) as { name?: string };
        const name = manifest?.name ?? root.split("/").pop()!;
        const stacks = readdirSync(absolute)
          .map((file) => /^Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1])
          .filter((stack): stack is string => stack !== undefined)
          .sort();
        const policyPack = opts?.policyPack ?? "libs/policy-pack";
        const hasPolicyPack = existsSync(join(ctx.workspaceRoot, policyPack, "PulumiPolicy.yaml"));
        return {
          projects: {
            [root]: {
              name,
              tags: ["type:pulumi-stack"],
              targets: pulumiTargets({ root, name, stacks, ...(hasPolicyPack ? { policyPack } : {}) }),
            },
          },
        };
      },
      configFiles,
      options,
      context,
    ),
];
