/**
 * How the pipeline calls the Pulumi CLI for previews. Deploys and refreshes go through the Nx
 * targets (`nx run <project>:up:<env>`), exactly what a person runs; previews call the CLI
 * directly because the pipeline needs `--json`, which the human-readable target does not print.
 * Both pass the same policy pack.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { mandatoryPolicyViolations } from "../preview/policy-events";
import { run, type RunResult } from "../process";

export const POLICY_PACK = "libs/policy-pack";

const SKIPPED_FOLDERS = new Set(["node_modules", ".git", ".nx", "plan", "dist", "coverage"]);

/** Every Pulumi project in the workspace: name from its Pulumi.yaml -> folder relative to the root. */
export function findPulumiProjects(workspaceRoot: string, folder = ""): Map<string, string> {
  const found = new Map<string, string>();
  const absolute = join(workspaceRoot, folder);
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith(".")) {
      for (const [name, root] of findPulumiProjects(workspaceRoot, join(folder, entry.name))) found.set(name, root);
    } else if (entry.name === "Pulumi.yaml") {
      const manifest = parse(readFileSync(join(absolute, entry.name), "utf8")) as { name?: string } | null;
      found.set(manifest?.name ?? folder.split("/").pop()!, folder);
    }
  }
  return found;
}

export interface PreviewOptions {
  /** Fail (exit non-zero) when the preview plans any change: drift detection. */
  readonly expectNoChanges?: boolean;
}

/** Arguments of `pulumi preview` for one stack, run from the project's folder. */
export function previewArgs(workspaceRoot: string, projectRoot: string, stack: string, options: PreviewOptions = {}): string[] {
  const args = ["preview", "--stack", stack, "--json", "--non-interactive"];
  if (existsSync(join(workspaceRoot, POLICY_PACK, "PulumiPolicy.yaml"))) args.push("--policy-pack", relative(projectRoot, POLICY_PACK));
  if (options.expectNoChanges) args.push("--expect-no-changes");
  return args;
}

/** A preview's result, with the policy pack's mandatory violations read from its event log. */
export async function previewStack(
  workspaceRoot: string,
  projectRoot: string,
  stack: string,
  options: PreviewOptions = {},
): Promise<RunResult & { readonly policyViolations: string[] }> {
  const folder = mkdtempSync(join(tmpdir(), "preview-events-"));
  const eventLog = join(folder, "events.jsonl");
  try {
    const args = [...previewArgs(workspaceRoot, projectRoot, stack, options), "--event-log", eventLog];
    // The CLI offers --event-log only with its debug commands on, as the Automation API does.
    const env = { ...process.env, PULUMI_DEBUG_COMMANDS: "true" };
    const result = await run("pulumi", args, { cwd: join(workspaceRoot, projectRoot), capture: true, env });
    const policyViolations = existsSync(eventLog) ? mandatoryPolicyViolations(readFileSync(eventLog, "utf8")) : [];
    return { ...result, policyViolations };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Runs an Nx target of some Pulumi projects for one environment, streaming to the job log. */
export async function runNxTarget(workspaceRoot: string, target: "up" | "refresh", environment: string, projects: readonly string[]): Promise<boolean> {
  // Each wave is already ordered by the pipeline; Nx must not add the upstream `up` tasks again.
  const args = ["nx", "run-many", "--targets", target, "--configuration", environment, "--projects", projects.join(","), "--excludeTaskDependencies", "--outputStyle", "stream", "--skipNxCache"];
  const result = await run("npx", args, { cwd: workspaceRoot });
  return result.code === 0;
}
