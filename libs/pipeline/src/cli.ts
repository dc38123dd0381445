#!/usr/bin/env -S node --import tsx
/**
 * The pipeline's commands; `.circleci/config.yml` calls nothing else. Run from the repository root:
 * `npm run pipeline -- <command> [options]`.
 */
import { audit } from "./commands/audit";
import { checks } from "./commands/checks";
import { comment } from "./commands/comment";
import { deploy } from "./commands/deploy";
import { drift } from "./commands/drift";
import { imagePromote } from "./commands/image-promote";
import { planOutputs } from "./commands/plan-outputs";
import { preview } from "./commands/preview";
import { pulumiVersion } from "./commands/pulumi-version";
import { UsageError } from "./commands/args";

export const COMMANDS: Record<string, (args: readonly string[]) => Promise<number>> = {
  checks,
  "plan-outputs": planOutputs,
  preview,
  comment,
  deploy,
  drift,
  audit,
  "image-promote": imagePromote,
  "pulumi-version": pulumiVersion,
};

const USAGE = `Usage: npm run pipeline -- <command> [options]

Pull requests
  checks [--base <sha>]                        lint, type check and test what the change affects (nx affected)
  plan-outputs [--out plan-outputs]            offline plan at the head and at the base, for the outputs diff
  preview --env <env> [--out previews]         pulumi preview of the affected stacks, in dependency order
  comment [--previews previews] [--plans plan-outputs]
                                               render the preview comment and create or update it on the pull request
Releases
  deploy --env <env> --commit <sha>            deploy what changed since deployed/<env>, wave by wave
Nightly
  drift --env <env> [--out drift]              refresh and preview --expect-no-changes every stack; fail on drift
  audit --env <env>                            the unmanaged-objects audit against the environment's cluster
Images
  image-promote --app <app> --env dev --tag <sha> [--pull-request] [--source-url <url>]
  image-promote --app <app> --from dev --to staging [--pull-request]
Tools
  pulumi-version                               the Pulumi version the lockfile pins`;

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "help") {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`Unknown command "${name}"`);
  return command(args);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(error instanceof UsageError ? `${error.message}\n\n${USAGE}` : error.message);
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}
