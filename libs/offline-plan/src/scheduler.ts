import { fork, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { contractPackageOf, readWorkspacePackages } from "@platform/stack-contracts/workspace";
import type { ChildMessage, ParentMessage } from "./protocol";
import type { StackOutputsForReaders, StackPlan } from "./types";
import { findPulumiProjects, readStackConfig, type PulumiProject } from "./workspace";

export interface PlanOptions {
  readonly workspaceRoot: string;
  /** Stacks (environments) to plan. @default every stack that any project has a file for */
  readonly environments?: readonly string[];
  /** Projects to plan; the stacks they read are planned too. @default every project */
  readonly projects?: readonly string[];
  /** Programs running at once. @default the machine's cores, at most 4 */
  readonly concurrency?: number;
  /**
   * Stacks one worker process plans before it is replaced. A worker loads the Pulumi SDKs once and
   * starts each stack from a fresh runtime and freshly loaded workspace modules; 1 gives every
   * stack a process of its own, which is slower and proves nothing leaks between stacks.
   * @default Infinity
   */
  readonly stacksPerWorker?: number;
  /** Organisation in stack names. @default "organization", as on a self-managed backend */
  readonly organization?: string;
}

export type StackResult =
  | {
      readonly ok: true;
      readonly project: string;
      readonly stack: string;
      readonly plan: StackPlan;
      readonly forReaders: StackOutputsForReaders;
      readonly durationMs: number;
    }
  | {
      readonly ok: false;
      readonly project: string;
      readonly stack: string;
      readonly message: string;
      /** True for bad configuration or a broken contract; false for a crash in the program. */
      readonly badInput: boolean;
      /** Set when the stack was not planned because a stack it reads failed: that stack's key. */
      readonly blockedBy?: string;
    };

export interface PlanRun {
  /** Results in dependency order: every stack after the stacks it reads. */
  readonly results: readonly StackResult[];
  readonly durationMs: number;
}

interface Task {
  readonly project: PulumiProject;
  readonly stack: string;
  readonly key: string;
  state: "queued" | "running" | "waiting" | "settled";
  /** Keys of the stacks this one is waiting for. */
  readonly waitingFor: Set<string>;
  worker?: Worker;
  started?: number;
  result?: StackResult;
  readonly onSettled: (() => void)[];
}

/** A process that plans one stack at a time, kept warm between stacks. */
interface Worker {
  readonly child: ChildProcess;
  task?: Task;
  planned: number;
  /** What the program printed while planning the current stack. */
  output: string[];
}

const RUNNER = join(__dirname, "run-stack.ts");
const LOADER = require.resolve("@platform/ts-loader");

/**
 * Plans stacks under the mock runtime, in worker processes that each plan one stack at a time from
 * a fresh SDK runtime. A StackReference is answered with the outputs that the upstream program
 * produced in this same run, planning it first if needed, so the order comes from what the
 * programs actually read.
 */
export function runOfflinePlan(options: PlanOptions): Promise<PlanRun> {
  const began = performance.now();
  const organization = options.organization ?? "organization";
  const concurrency = Math.max(1, options.concurrency ?? Math.min(availableParallelism(), 4));
  const stacksPerWorker = Math.max(1, options.stacksPerWorker ?? Number.POSITIVE_INFINITY);
  const projects = findPulumiProjects(options.workspaceRoot);
  const byName = new Map(projects.map((project) => [project.name, project]));
  const packages = readWorkspacePackages(options.workspaceRoot);
  const contractDirs = new Map(
    projects.flatMap((project) => {
      const contract = contractPackageOf(packages, project.name);
      return contract ? [[project.name, join(options.workspaceRoot, contract.root)] as const] : [];
    }),
  );
  const tasks = new Map<string, Task>();
  const queue: Task[] = [];
  const workers = new Set<Worker>();

  for (const name of options.projects ?? []) {
    if (!byName.has(name)) {
      return Promise.reject(new Error(`No Pulumi project is named "${name}" (found: ${[...byName.keys()].join(", ")})`));
    }
  }
  const environments = options.environments ?? [...new Set(projects.flatMap((project) => project.stacks))].sort();
  const selected = options.projects ? projects.filter((project) => options.projects!.includes(project.name)) : projects;

  return new Promise((resolve) => {
    const taskFor = (project: PulumiProject, stack: string): Task => {
      const key = `${project.name}/${stack}`;
      let task = tasks.get(key);
      if (!task) {
        task = { project, stack, key, state: "queued", waitingFor: new Set(), onSettled: [] };
        tasks.set(key, task);
        queue.push(task);
      }
      return task;
    };

    const running = () => [...tasks.values()].filter((task) => task.state === "running").length;

    /** `workerDone`: the worker finished this stack's run (planned or failed) and can plan another. */
    const settle = (task: Task, result: StackResult, workerDone = false) => {
      if (task.state === "settled") return;
      task.state = "settled";
      task.result = result;
      const worker = task.worker;
      if (worker) {
        worker.task = undefined;
        // A worker stopped mid-run (its upstream failed) may still hold the run: it is not reused.
        if (!workerDone || worker.planned >= stacksPerWorker) retire(worker);
      }
      for (const callback of task.onSettled.splice(0)) callback();
      pump();
    };

    const waitsOn = (from: Task, target: string, seen = new Set<string>()): string[] | undefined => {
      if (from.key === target) return [from.key];
      if (seen.has(from.key)) return undefined;
      seen.add(from.key);
      for (const next of from.waitingFor) {
        const path = waitsOn(tasks.get(next)!, target, seen);
        if (path) return [from.key, ...path];
      }
      return undefined;
    };

    const answerReference = (task: Task, id: number, stackName: string) => {
      const reply = (message: Omit<Extract<ParentMessage, { kind: "reference" }>, "kind" | "id">) => {
        if (task.state !== "settled") task.worker?.child.send({ kind: "reference", id, ...message } satisfies ParentMessage);
      };
      const [org, projectName, stack] = stackName.split("/");
      const upstreamProject = byName.get(projectName ?? "");
      if (org !== organization || !upstreamProject || !stack || !upstreamProject.stacks.includes(stack)) {
        reply({
          error:
            `${task.key} reads stack "${stackName}", which the offline plan cannot answer: ` +
            (upstreamProject
              ? `${upstreamProject.root} has no Pulumi.${stack}.yaml`
              : `no project under projects/ is named "${projectName}"`),
        });
        return;
      }
      const upstream = taskFor(upstreamProject, stack);
      const cycle = waitsOn(upstream, task.key);
      if (cycle) {
        reply({ error: `the stack graph has a cycle: ${[task.key, ...cycle].join(" -> ")}` });
        return;
      }
      const deliver = () => {
        task.waitingFor.delete(upstream.key);
        if (task.state === "waiting" && task.waitingFor.size === 0) task.state = "running";
        const result = upstream.result!;
        if (result.ok) return reply({ result: result.forReaders });
        // The upstream's own report says what is wrong; planning on would only bury it under the
        // SDK's serialization errors, so this stack stops here with one line.
        settle(task, {
          ok: false,
          project: task.project.name,
          stack: task.stack,
          message: `not planned: it reads ${upstream.key}, which ${result.blockedBy ? "was not planned either" : "failed to plan"}`,
          badInput: result.badInput,
          blockedBy: upstream.key,
        });
      };
      if (upstream.state === "settled") return deliver();
      task.waitingFor.add(upstream.key);
      task.state = "waiting";
      upstream.onSettled.push(deliver);
      // Plan what is being waited for before anything else in the queue.
      const queued = queue.indexOf(upstream);
      if (queued >= 0) queue.unshift(...queue.splice(queued, 1));
      pump();
    };

    const exited: Promise<unknown>[] = [];
    const retire = (worker: Worker) => {
      workers.delete(worker);
      if (worker.child.exitCode === null && worker.child.signalCode === null) {
        exited.push(new Promise((done) => worker.child.once("exit", done)));
        worker.child.kill();
      }
    };

    const spawnWorker = (): Worker => {
      const child = fork(RUNNER, [], {
        cwd: options.workspaceRoot,
        execArgv: ["--require", LOADER],
        stdio: ["ignore", "pipe", "pipe", "ipc"],
      });
      const worker: Worker = { child, planned: 0, output: [] };
      workers.add(worker);
      child.stdout?.on("data", (chunk: Buffer) => worker.output.push(chunk.toString()));
      child.stderr?.on("data", (chunk: Buffer) => worker.output.push(chunk.toString()));
      child.on("message", (message: ChildMessage) => {
        const task = worker.task;
        if (!task) return;
        const base = { project: task.project.name, stack: task.stack };
        if (message.kind === "reference") answerReference(task, message.id, message.stackName);
        else if (message.kind === "done") {
          settle(task, { ok: true, ...base, plan: message.plan, forReaders: message.forReaders, durationMs: performance.now() - task.started! }, true);
        } else settle(task, { ok: false, ...base, message: message.message, badInput: message.badInput }, message.reusable);
      });
      child.on("exit", (code, signal) => {
        workers.delete(worker);
        const task = worker.task;
        if (!task || task.state === "settled") return;
        settle(task, {
          ok: false,
          project: task.project.name,
          stack: task.stack,
          message: `the program's process ended (${signal ?? `exit code ${code}`}) without a plan:\n${worker.output.join("").trim()}`,
          badInput: false,
        });
      });
      return worker;
    };

    const start = (task: Task) => {
      let config;
      try {
        config = readStackConfig(task.project, task.stack);
      } catch (error) {
        return settle(task, { ok: false, project: task.project.name, stack: task.stack, message: String(error), badInput: true });
      }
      task.state = "running";
      task.started = performance.now();
      const worker = [...workers].find((candidate) => !candidate.task) ?? spawnWorker();
      worker.task = task;
      worker.planned++;
      worker.output = [];
      task.worker = worker;
      worker.child.send({
        kind: "run",
        request: {
          project: task.project.name,
          projectDir: task.project.dir,
          ...(contractDirs.has(task.project.name) ? { contractDir: contractDirs.get(task.project.name)! } : {}),
          stack: task.stack,
          organization,
          config: config.values,
          secretKeys: config.secretKeys,
        },
      } satisfies ParentMessage);
    };

    const pump = () => {
      while (running() < concurrency && queue.length > 0) start(queue.shift()!);
      if ([...tasks.values()].every((task) => task.state === "settled")) {
        for (const worker of workers) retire(worker);
        // Resolved once every worker is gone, so a finished plan leaves no process behind.
        const run = { results: dependencyOrder([...tasks.values()].map((task) => task.result!)), durationMs: performance.now() - began };
        void Promise.all(exited).then(() => resolve(run));
      }
    };

    for (const stack of environments) {
      for (const project of selected) if (project.stacks.includes(stack)) taskFor(project, stack);
    }
    pump();
  });
}

/** Every stack after those it read; ties broken by environment, then project name. */
export function dependencyOrder(results: readonly StackResult[]): StackResult[] {
  const key = (result: StackResult) => `${result.project}/${result.stack}`;
  const reads = new Map(
    results.map((result) => [
      key(result),
      result.ok ? result.plan.stackReferences.map((name) => name.split("/").slice(1).join("/")) : result.blockedBy ? [result.blockedBy] : [],
    ]),
  );
  const sorted = [...results].sort((a, b) => a.stack.localeCompare(b.stack) || a.project.localeCompare(b.project));
  const placed = new Set<string>();
  const ordered: StackResult[] = [];
  const visit = (result: StackResult, path: Set<string>) => {
    const id = key(result);
    if (placed.has(id) || path.has(id)) return;
    path.add(id);
    for (const upstream of reads.get(id) ?? []) {
      const found = sorted.find((candidate) => key(candidate) === upstream);
      if (found) visit(found, path);
    }
    placed.add(id);
    ordered.push(result);
  };
  for (const result of sorted) visit(result, new Set());
  return ordered;
}
