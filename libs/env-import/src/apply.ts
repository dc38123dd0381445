import * as automation from "@pulumi/pulumi/automation";
import { ImportError } from "./errors";
import type { ImportPlan } from "./plan";

/** The part of an Automation API stack the import needs; tests pass a fake. */
export type StackConfigSetter = Pick<automation.Stack, "setAllConfig" | "removeAllConfig">;

/** Opens a stack for writing, or fails with a message a person can act on. */
export type StackOpener = (projectDir: string, stack: string) => Promise<StackConfigSetter>;

/**
 * Writes a plan in one `pulumi config set-all --path` call. Settings go in before moved names are
 * removed: if the removal fails, the stack holds a name twice and the program refuses it, rather
 * than a value being lost.
 */
export async function applyPlan(stack: StackConfigSetter, plan: ImportPlan): Promise<void> {
  if (plan.settings.length > 0) {
    const config: automation.ConfigMap = Object.fromEntries(plan.settings.map((setting) => [setting.key, { value: setting.value, secret: setting.secret }]));
    await stack.setAllConfig(config, true);
  }
  if (plan.removals.length > 0) await stack.removeAllConfig([...plan.removals], true);
}

/** Selects an existing stack of the project in `projectDir` through the Pulumi CLI. */
export const openPulumiStack: StackOpener = async (projectDir, stackName) => {
  let pulumiCommand;
  try {
    pulumiCommand = await automation.PulumiCommand.get();
  } catch (error) {
    const message = (error as Error).message;
    // The SDK reports a missing binary as the spawn's exit code, -2 (ENOENT).
    const why = /ENOENT|code: -2\b/.test(message) ? "is not installed or not on PATH" : `did not run: ${message.split("\n")[0]}`;
    throw new ImportError(
      `The Pulumi CLI is needed to write stack config, and it ${why}. ` +
        "Install it (https://www.pulumi.com/docs/install/) and log in with `pulumi login`, or add --dry-run to see what would be set.",
    );
  }
  try {
    return await automation.LocalWorkspace.selectStack({ stackName, workDir: projectDir }, { pulumiCommand });
  } catch (error) {
    if (error instanceof automation.StackNotFoundError) {
      throw new ImportError(`Stack ${stackName} does not exist yet: create it with \`cd ${projectDir} && pulumi stack init ${stackName}\`.`);
    }
    throw error;
  }
};
