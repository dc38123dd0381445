import { readFileSync } from "node:fs";
import { join } from "node:path";
import { WORKSPACE_ROOT } from "../workspace";

/**
 * `pipeline pulumi-version`: the version of @pulumi/pulumi in package-lock.json. CI installs the
 * Pulumi CLI of the same version (they are released together), so the engine and the SDK the
 * programs use never drift apart.
 */
export async function pulumiVersion(): Promise<number> {
  const lock = JSON.parse(readFileSync(join(WORKSPACE_ROOT, "package-lock.json"), "utf8")) as { packages?: Record<string, { version?: string }> };
  const version = lock.packages?.["node_modules/@pulumi/pulumi"]?.version;
  if (!version) throw new Error("package-lock.json has no node_modules/@pulumi/pulumi entry");
  console.log(version);
  return 0;
}
