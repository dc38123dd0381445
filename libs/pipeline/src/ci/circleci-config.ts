/**
 * A static check of `.circleci/config.yml`: what CircleCI would only find out when a pipeline
 * runs (a misspelled job in `requires`, an undefined command, a script that was renamed) is found
 * by a unit test instead.
 */

type Map = Record<string, unknown>;

export interface RepositoryFacts {
  /** Scripts in the root package.json. */
  readonly npmScripts: readonly string[];
  /** Commands of `npm run pipeline -- <command>`. */
  readonly pipelineCommands: readonly string[];
  /** Whether a path relative to the repository root exists (and, for scripts, is executable). */
  readonly fileExists: (path: string, executable: boolean) => boolean;
}

const BUILT_IN_STEPS = new Set([
  "checkout", "run", "save_cache", "restore_cache", "store_artifacts", "store_test_results",
  "persist_to_workspace", "attach_workspace", "add_ssh_keys", "setup_remote_docker", "when", "unless",
]);
const REQUIRE_STATUSES = new Set(["success", "failed", "canceled", "not_run", "terminal"]);

const isMap = (value: unknown): value is Map => typeof value === "object" && value !== null && !Array.isArray(value);
const entries = (value: unknown): [string, unknown][] => (isMap(value) ? Object.entries(value) : []);

/** A step is `name` or `{ name: args }`. */
function stepName(step: unknown): [string, unknown] {
  if (typeof step === "string") return [step, undefined];
  const [first] = entries(step);
  return first ?? ["(empty step)", undefined];
}

/** A workflow entry is `job` or `{ job: { name?, requires?, type?, ... } }`. */
function workflowJob(entry: unknown): { job: string; args: Map } {
  if (typeof entry === "string") return { job: entry, args: {} };
  const [first] = entries(entry);
  return { job: first?.[0] ?? "(empty)", args: isMap(first?.[1]) ? first[1] : {} };
}

function requirement(entry: unknown): { name: string; statuses: string[] } {
  if (typeof entry === "string") {
    const [name = "", status] = entry.split(/\s+/);
    return { name, statuses: status ? [status] : [] };
  }
  const [first] = entries(entry);
  const statuses = first?.[1] === null || first?.[1] === undefined ? [] : ([] as unknown[]).concat(first[1]).map(String);
  return { name: first?.[0] ?? "", statuses };
}

/** Shell commands of every `run` step in a list of steps. */
function runCommands(steps: unknown): string[] {
  const commands: string[] = [];
  for (const step of Array.isArray(steps) ? steps : []) {
    const [name, args] = stepName(step);
    if (name !== "run") continue;
    if (typeof args === "string") commands.push(args);
    else if (isMap(args) && typeof args.command === "string") commands.push(args.command);
  }
  return commands;
}

/** Cache keys of every `save_cache` and `restore_cache` step. */
function cacheKeys(steps: unknown): string[] {
  const keys: string[] = [];
  for (const step of Array.isArray(steps) ? steps : []) {
    const [name, args] = stepName(step);
    if ((name === "save_cache" || name === "restore_cache") && isMap(args)) {
      keys.push(...([] as unknown[]).concat(args.key ?? [], args.keys ?? []).map(String));
    }
  }
  return keys;
}

/** What a shell command calls in this repository: npm scripts, pipeline commands, script files. */
export function commandProblems(command: string, facts: RepositoryFacts, where: string): string[] {
  const problems: string[] = [];
  for (const line of command.split("\n")) {
    for (const match of line.matchAll(/npm run ([\w:-]+)(?: -- ([\w-]+))?/g)) {
      const [, script, sub] = match;
      if (!facts.npmScripts.includes(script!)) problems.push(`${where}: npm run ${script} is not a script of package.json`);
      else if (script === "pipeline" && sub && !facts.pipelineCommands.includes(sub)) problems.push(`${where}: npm run pipeline -- ${sub} is not a pipeline command`);
    }
    if (/\bnpm (test|t)\b/.test(line) && !facts.npmScripts.includes("test")) problems.push(`${where}: npm test has no test script in package.json`);
    for (const match of line.matchAll(/(?:^|\s)((?:\.\/)?(?:libs|projects|scripts|\.ci)\/[\w./-]+\.(?:sh|ts|js|mjs))/g)) {
      const path = match[1]!.replace(/^\.\//, "");
      const executable = path.endsWith(".sh") && (line.trimStart().startsWith(match[1]!) || line.includes(`&& ${match[1]!}`));
      if (!facts.fileExists(path, executable)) problems.push(`${where}: ${path} ${executable ? "is not an executable file" : "does not exist"} in the repository`);
    }
  }
  return problems;
}

/** Every problem in a parsed CircleCI 2.1 configuration; empty when it is sound. */
export function circleciConfigProblems(config: Map, facts: RepositoryFacts): string[] {
  const problems: string[] = [];
  if (config.version !== 2.1) problems.push(`version is ${JSON.stringify(config.version)}: expected 2.1`);
  const orbs = new Set(Object.keys(isMap(config.orbs) ? config.orbs : {}));
  const executors = new Set(Object.keys(isMap(config.executors) ? config.executors : {}));
  const commands = isMap(config.commands) ? config.commands : {};
  const jobs = isMap(config.jobs) ? config.jobs : {};

  const checkSteps = (steps: unknown, where: string) => {
    for (const step of Array.isArray(steps) ? steps : []) {
      const [name] = stepName(step);
      if (name.includes("/")) {
        if (!orbs.has(name.split("/")[0]!)) problems.push(`${where}: step ${name} uses orb ${name.split("/")[0]}, which is not declared under orbs`);
      } else if (!BUILT_IN_STEPS.has(name) && !(name in commands)) {
        problems.push(`${where}: step ${name} is neither a built-in step nor a command defined under commands`);
      }
    }
    for (const command of runCommands(steps)) problems.push(...commandProblems(command, facts, where));
    for (const key of cacheKeys(steps)) {
      for (const [, file] of key.matchAll(/checksum "([^"]+)"/g)) if (!facts.fileExists(file!, false)) problems.push(`${where}: cache key ${key} checksums ${file}, which does not exist`);
    }
  };

  for (const [name, command] of entries(commands)) checkSteps(isMap(command) ? command.steps : undefined, `command ${name}`);
  for (const [name, job] of entries(jobs)) {
    if (!isMap(job)) continue;
    const executor = typeof job.executor === "string" ? job.executor : isMap(job.executor) ? String(job.executor.name) : undefined;
    if (executor !== undefined) {
      if (executor.includes("/") ? !orbs.has(executor.split("/")[0]!) : !executors.has(executor)) problems.push(`job ${name}: executor ${executor} is not defined`);
    } else if (!job.docker && !job.machine && !job.macos) {
      problems.push(`job ${name}: has no executor`);
    }
    checkSteps(job.steps, `job ${name}`);
  }

  for (const [workflowName, workflow] of entries(config.workflows)) {
    if (!isMap(workflow)) continue;
    const listed = (Array.isArray(workflow.jobs) ? workflow.jobs : []).map(workflowJob);
    const names = new Set(listed.map(({ job, args }) => (typeof args.name === "string" ? args.name : job)));
    for (const { job, args } of listed) {
      const shown = typeof args.name === "string" ? args.name : job;
      const where = `workflow ${workflowName}, job ${shown}`;
      if (args.type === "approval") {
        // An approval job needs no definition.
      } else if (job.includes("/")) {
        if (!orbs.has(job.split("/")[0]!)) problems.push(`${where}: orb ${job.split("/")[0]} is not declared`);
      } else if (!(job in jobs)) {
        problems.push(`${where}: there is no job ${job} under jobs`);
      } else {
        const declared = isMap(jobs[job]) && isMap((jobs[job] as Map).parameters) ? ((jobs[job] as Map).parameters as Map) : {};
        const reserved = new Set(["name", "requires", "context", "filters", "matrix", "serial-group", "type", "pre-steps", "post-steps"]);
        for (const [parameter, value] of Object.entries(args).filter(([key]) => !reserved.has(key))) {
          const spec = declared[parameter];
          if (!isMap(spec)) problems.push(`${where}: passes ${parameter}, which job ${job} does not declare`);
          else if (Array.isArray(spec.enum) && !spec.enum.includes(value)) problems.push(`${where}: ${parameter} is ${JSON.stringify(value)}, not one of ${spec.enum.join(", ")}`);
        }
        for (const [parameter, spec] of Object.entries(declared)) {
          if (isMap(spec) && spec.default === undefined && !(parameter in args)) problems.push(`${where}: job ${job} needs the parameter ${parameter}`);
        }
      }
      for (const entry of Array.isArray(args.requires) ? args.requires : []) {
        const { name, statuses } = requirement(entry);
        if (!names.has(name)) problems.push(`${where}: requires ${name}, which is not a job of workflow ${workflowName}`);
        for (const status of statuses) if (!REQUIRE_STATUSES.has(status)) problems.push(`${where}: requires ${name} to be ${status}, which is not a job status`);
      }
    }
  }
  return problems;
}
