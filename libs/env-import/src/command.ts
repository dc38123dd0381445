import { existsSync, readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ENVIRONMENTS, isEnvironment } from "@platform/config";
import { findPulumiProjects } from "@platform/offline-plan";
import { applyPlan, type StackOpener } from "./apply";
import { ImportError } from "./errors";
import { ENV_NAME, formatProblem, parseEnv } from "./parse";
import { planImport } from "./plan";
import { renderPlan } from "./report";
import { readStoredEnv } from "./stack-file";

export const USAGE = `Usage: npm run env:import -- --project <name> --stack <env> --file <path> [--dry-run]
                          [--secret-keys A,B] [--plain-keys C,D]

  --project      the Pulumi project, as named in its Pulumi.yaml (such as pioneer-agent)
  --stack        the stack to write: ${ENVIRONMENTS.join(", ")}
  --file         the .env file, relative to the folder you run the command in
  --dry-run      print what would be set, secrets masked, and change nothing (no Pulumi CLI needed)
  --secret-keys  names to store as secrets whatever they look like, comma-separated
  --plain-keys   names to store in plain text although their name looks sensitive (a URL with a
                 password or a private key is a secret regardless)`;

export interface CommandContext {
  readonly workspaceRoot: string;
  /** Folder that relative `--file` paths start from. */
  readonly cwd: string;
  readonly openStack: StackOpener;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

function nameList(flag: string, value: string | undefined, problems: string[]): string[] {
  const names = (value ?? "").split(",").map((name) => name.trim()).filter(Boolean);
  for (const name of names.filter((n) => !ENV_NAME.test(n))) problems.push(`${flag}: "${name}" is not an environment variable name`);
  return names;
}

/** `env:import`: returns the exit code (0 done, 1 the file or the stack is not right, 2 usage). */
export async function runEnvImport(argv: readonly string[], context: CommandContext): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        project: { type: "string" },
        stack: { type: "string" },
        file: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        "secret-keys": { type: "string" },
        "plain-keys": { type: "string" },
        help: { type: "boolean", default: false },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    context.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    context.out(USAGE);
    return 0;
  }

  const usage: string[] = [];
  for (const flag of ["project", "stack", "file"] as const) if (!args[flag]) usage.push(`--${flag} is required`);
  if (args.stack && !isEnvironment(args.stack)) usage.push(`--stack "${args.stack}" is not an environment: expected one of ${ENVIRONMENTS.join(", ")}`);
  const projects = findPulumiProjects(context.workspaceRoot);
  const project = projects.find((candidate) => candidate.name === args.project);
  if (args.project && !project) usage.push(`--project "${args.project}" is not a Pulumi project here: expected one of ${projects.map((p) => p.name).join(", ")}`);
  const file = args.file ? resolve(context.cwd, args.file) : "";
  if (args.file && !existsSync(file)) usage.push(`--file ${args.file}: no such file (looked at ${file})`);
  const secretNames = nameList("--secret-keys", args["secret-keys"], usage);
  const plainNames = nameList("--plain-keys", args["plain-keys"], usage);
  if (usage.length > 0 || !project || !args.stack) {
    context.err(`${usage.map((problem) => `  - ${problem}`).join("\n")}\n\n${USAGE}`);
    return 2;
  }

  const shownFile = relative(context.cwd, file) || file;
  const parsed = parseEnv(readFileSync(file, "utf8"));
  if (parsed.problems.length > 0) {
    context.err(
      `${shownFile} has ${parsed.problems.length} problem(s); nothing was imported:\n` +
        parsed.problems.map((problem) => `  ${formatProblem(shownFile, problem)}`).join("\n"),
    );
    return 1;
  }

  try {
    const stored = readStoredEnv(project.dir, project.name, args.stack);
    const plan = planImport({ project: project.name, stack: args.stack, entries: parsed.entries, stored, secretNames, plainNames });
    const dryRun = args["dry-run"] ?? false;
    // The stack opens before anything is printed, so a missing CLI fails before a plan that cannot apply.
    const stack = dryRun ? undefined : await context.openStack(project.dir, args.stack);
    context.out(renderPlan(plan, shownFile, dryRun));
    if (!stack) return 0;
    await applyPlan(stack, plan);
    context.out(
      `Done: ${project.root}/Pulumi.${args.stack}.yaml now holds these settings (secrets encrypted). ` +
        `Review the diff, commit it and let CI preview and deploy it.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ImportError) {
      context.err(error.message);
      return 1;
    }
    throw error;
  }
}
