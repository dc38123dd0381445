#!/usr/bin/env -S node --import tsx
/**
 * The pipeline's commands; `.circleci/config.yml` calls nothing else. Run from the repository root:
 * `npm run pipeline -- <command> [options]`.
 */
import { PLATFORM_IMAGES } from "@platform/config/src/images";
import { UsageError } from "./commands/args";
import { COMMANDS } from "./commands/registry";

const USAGE = `Usage: npm run pipeline -- <command> [options]

Pull requests
  checks [--base <sha>]                        lint and type-check the repository, check an edge change is one safe step, test what the change affects
  plan-outputs [--out plan-outputs]            offline plan at the head and at the base, for the outputs diff
  verdict plan [--dir plan-outputs]            fail the job if the head's offline plan failed
  preview --env <env> [--out previews]         pulumi preview of the affected stacks, in dependency order
  verdict preview --env <env>                  fail the job if a preview failed (after its report is stored)
  comment [--previews previews] [--plans plan-outputs]
                                               render the preview comment and create or update it on the pull request
Releases
  deploy --env <env> --commit <sha>            deploy what changed since deployed/<env>, wave by wave
Nightly
  drift --env <env> [--out drift]              refresh and preview --expect-no-changes every stack
  verdict drift --env <env>                    fail the job, naming the stacks, on drift or a failed check
  audit --env <env>                            the unmanaged-objects audit against the environment's cluster
Images (--app: ${Object.keys(PLATFORM_IMAGES).join(", ")})
  image-scan --app <image> --tag <sha> --report <trivy.json>
                                               the gate on a Trivy report; writes the scan record promotion requires
  image-promote --app <image> --env dev --tag <sha> [--pull-request] [--source-url <url>]
  image-promote --app <image> --from dev --to staging [--pull-request]
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
