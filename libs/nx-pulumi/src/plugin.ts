import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createNodesFromFiles, type CreateNodesV2 } from "@nx/devkit";
import { readWorkspacePackages, stackReads } from "@platform/stack-contracts/workspace";
import { parse } from "yaml";
import { pulumiTargets } from "./targets";

export interface NxPulumiOptions {
  /** Folder of the policy pack, relative to the workspace root. @default "libs/policy-pack" when it exists */
  readonly policyPack?: string;
}

/**
 * Every folder with a Pulumi.yaml becomes an Nx project named after its Pulumi project, on the
 * program floor. Its `up` runs after the `up` of each project whose stack it reads: the producers
 * of the contract packages it depends on. Those are task dependencies, not project-graph edges, so
 * a change to a producer's program leaves the caches of its readers' libraries and tests valid.
 */
export const createNodesV2: CreateNodesV2<NxPulumiOptions> = [
  "**/Pulumi.yaml",
  (configFiles, options, context) => {
    const reads = stackReads(readWorkspacePackages(context.workspaceRoot));
    return createNodesFromFiles(
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
              tags: ["type:pulumi-stack", "floor:program"],
              targets: pulumiTargets({ root, name, stacks, reads: reads.get(name) ?? [], ...(hasPolicyPack ? { policyPack } : {}) }),
            },
          },
        };
      },
      configFiles,
      options,
      context,
    );
  },
];
