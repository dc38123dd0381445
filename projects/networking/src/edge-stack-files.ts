/**
 * `networking:edge` as each networking stack file sets it, in the working tree or at a git
 * revision, resolved with the environment's defaults.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { isEnvironment, type Environment } from "@platform/config";
import { parse } from "yaml";
import { edgeSchema, type EdgeConfig } from "./config";

export const NETWORKING_DIR = join(__dirname, "..");

/** The environments that have a networking stack file. */
export function networkingEnvironments(dir = NETWORKING_DIR): Environment[] {
  return readdirSync(dir)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((name): name is Environment => name !== undefined && isEnvironment(name))
    .sort();
}

/** The edge that a stack file's text sets, defaults filled in; an error names the file and key. */
export function edgeOfStackFile(text: string, environment: Environment, file: string): EdgeConfig {
  const document = (parse(text) ?? {}) as { config?: Record<string, unknown> };
  const raw = document.config?.["networking:edge"] ?? {};
  const result = edgeSchema(environment).safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `networking:edge.${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`${file}: ${problems.join("; ")}`);
  }
  return result.data;
}

/** The edge in the working tree's stack file. */
export function edgeInWorkingTree(environment: Environment, dir = NETWORKING_DIR): EdgeConfig {
  const file = join(dir, `Pulumi.${environment}.yaml`);
  return edgeOfStackFile(readFileSync(file, "utf8"), environment, file);
}

/** The edge at a git revision, or undefined where the stack file did not exist then. */
export function edgeAtRevision(revision: string, environment: Environment, dir = NETWORKING_DIR): EdgeConfig | undefined {
  const root = execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd: dir, encoding: "utf8" }).trim();
  const path = relative(root, join(dir, `Pulumi.${environment}.yaml`));
  let text: string;
  try {
    text = execFileSync("git", ["show", `${revision}:${path}`], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "");
    if (/does not exist|exists on disk, but not in/.test(stderr)) return undefined;
    throw new Error(`git show ${revision}:${path} failed: ${stderr.trim() || String(error)}`);
  }
  return edgeOfStackFile(text, environment, `${path} at ${revision}`);
}

