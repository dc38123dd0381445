/**
 * A plan worker: runs Pulumi programs under the mock runtime, one stack at a time, each from a
 * fresh SDK runtime and freshly loaded workspace modules so that no state (config, stack,
 * registered resources, module variables) leaks from one stack into the next. Started by the plan
 * scheduler with an IPC channel; upstream stack outputs are asked of the scheduler on demand.
 */
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { contractViolations, isStackContract } from "@platform/stack-contracts";
import { DEFER_DEPLOY_SECRETS_ENV } from "@platform/config";
import { startFreshStack } from "./fresh-stack";
import { knownAfterDeploy, localContextsOf, offlineInvokeResult, providerComputedOutputs, standInKubeconfig } from "./offline-values";
import type { ChildMessage, ParentMessage, StackRunRequest } from "./protocol";
import { containsSecret, fromWire } from "./serialized";
import type { PlannedResource, StackOutputsForReaders } from "./types";

const STACK_REFERENCE = "pulumi:pulumi:StackReference";
const KUBECONFIG = join(tmpdir(), `offline-plan-kubeconfig-${process.pid}.json`);

// Not in the public typings; the SDK's own shutdown uses it to drain calls to the monitor.
const runtimeInternals = pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> };

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => process.send!(message, undefined, {}, (error) => (error ? reject(error) : resolve())));
}

const pendingReferences = new Map<number, (message: Extract<ParentMessage, { kind: "reference" }>) => void>();
let nextReferenceId = 0;

function askForStack(stackName: string): Promise<StackOutputsForReaders> {
  const id = nextReferenceId++;
  return new Promise((resolve, reject) => {
    pendingReferences.set(id, (reply) => (reply.result ? resolve(reply.result) : reject(new Error(reply.error))));
    void send({ kind: "reference", id, stackName });
  });
}

interface WireRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProvider(): string;
  getProtect?(): boolean;
  getIgnorechangesList?(): string[];
  getReplaceonchangesList?(): string[];
  getObject(): { toJavaScript(): Record<string, unknown> };
}

async function run(request: StackRunRequest): Promise<void> {
  // A program that reads the machine's kubeconfig (cluster-base on a local cluster) reads stand-ins.
  writeFileSync(KUBECONFIG, standInKubeconfig(localContextsOf(request.config)));
  // A deploy secret that the stack file lacks is the deploy's to demand, not the plan's.
  startFreshStack(request.projectDir, {
    PULUMI_NODEJS_STACK: request.stack,
    PULUMI_NODEJS_PROJECT: request.project,
    KUBECONFIG,
    [DEFER_DEPLOY_SECRETS_ENV]: "1",
  });

  const stackReferences = new Set<string>();
  const invokes = new Map<string, boolean>();

  await pulumi.runtime.setMocks(
    {
      async newResource(args) {
        if (args.type === STACK_REFERENCE) {
          const stackName = String(args.inputs.name);
          stackReferences.add(stackName);
          const upstream = await askForStack(stackName);
          return { id: stackName, state: { name: stackName, ...upstream } };
        }
        return {
          id: args.id || knownAfterDeploy(`id of ${args.name}`),
          state: { ...args.inputs, ...providerComputedOutputs(args.type, args.name, args.inputs) },
        };
      },
      call(args) {
        const answer = offlineInvokeResult(args.token, args.inputs);
        invokes.set(args.token, answer !== undefined);
        return answer ?? {};
      },
    },
    request.project,
    request.stack,
    false,
    request.organization,
  );
  pulumi.runtime.setAllConfig(request.config, [...request.secretKeys]);

  // Record each registration as the engine would receive it: parent, options and the serialized
  // inputs, in which secrets are still marked.
  const resources: PlannedResource[] = [];
  const duplicateUrns = new Set<string>();
  let inFlight = 0;
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: WireRequest, callback: (error: unknown, response: { getUrn(): string } | undefined) => void): Promise<void>;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    inFlight++;
    return register(req, (error, response) => {
      inFlight--;
      if (!error && response && resources.some((resource) => resource.urn === response.getUrn())) {
        // The mock monitor accepts this; the real engine refuses the whole update.
        duplicateUrns.add(response.getUrn());
      } else if (!error && response && req.getType() !== STACK_REFERENCE) {
        const ignoreChanges = req.getIgnorechangesList?.() ?? [];
        const replaceOnChanges = req.getReplaceonchangesList?.() ?? [];
        resources.push({
          urn: response.getUrn(),
          type: req.getType(),
          name: req.getName(),
          parent: req.getParent() || null,
          custom: req.getCustom(),
          ...(req.getProvider() ? { provider: req.getProvider().split("::").slice(0, -1).join("::") } : {}),
          ...(req.getProtect?.() ? { protect: true } : {}),
          ...(ignoreChanges.length > 0 ? { ignoreChanges } : {}),
          ...(replaceOnChanges.length > 0 ? { replaceOnChanges } : {}),
          inputs: fromWire(req.getObject().toJavaScript(), true) as Record<string, unknown>,
        });
      }
      callback(error, response);
    });
  };

  // Source maps cached as the workspace's modules load, so that a crash's trace can be mapped...
  process.setSourceMapsEnabled(true);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- programs are loaded by path, as the engine does
  const programModule = require(request.projectDir) as unknown;
  // ...but not applied while the program runs: the SDK formats a stack trace for every promise and
  // resource it makes, and mapping each one costs about a sixth of the plan.
  process.setSourceMapsEnabled(false);
  const program = typeof programModule === "function" ? programModule : (programModule as { default?: unknown }).default;
  if (typeof program !== "function") {
    throw new Error(`${request.projectDir} does not export a program function (export = () => outputs)`);
  }
  let wireOutputs: Record<string, unknown>;
  try {
    const returned = (await (program as () => unknown)()) ?? {};
    wireOutputs = (await pulumi.runtime.serializeProperties("outputs", returned as Record<string, unknown>)) as Record<string, unknown>;
  } finally {
    // Resources created inside apply callbacks may still be registering, and whatever a failed
    // program started settles here too: never in the next stack.
    await registrationsSettled(() => inFlight);
  }

  if (duplicateUrns.size > 0) {
    throw new ContractError(
      [...duplicateUrns].map(
        (urn) => `two resources share the URN ${urn}: name a component's children after the component ("\${name}-child")`,
      ),
      "The program registers resources that the engine would refuse",
    );
  }

  const secretOutputNames = Object.keys(wireOutputs).filter((key) => containsSecret(wireOutputs[key])).sort();
  const violations = checkContract(request.contractDir, request.project, wireOutputs, new Set(secretOutputNames));
  if (violations.length > 0) throw new ContractError(violations);

  await send({
    kind: "done",
    plan: {
      project: request.project,
      stack: request.stack,
      resources: resources.sort((a, b) => a.urn.localeCompare(b.urn)),
      outputs: sortKeys(fromWire(wireOutputs, true) as Record<string, unknown>),
      stackReferences: [...stackReferences].sort(),
      invokes: [...invokes].map(([token, answered]) => ({ token, answered })).sort((a, b) => a.token.localeCompare(b.token)),
    },
    forReaders: { outputs: fromWire(wireOutputs, false) as Record<string, unknown>, secretOutputNames },
  });
}

/** Drains the calls to the monitor the way the SDK does before it disconnects. */
async function registrationsSettled(inFlight: () => number): Promise<void> {
  for (let quietTicks = 0; quietTicks < 3; ) {
    await runtimeInternals.waitForRPCs?.();
    await new Promise((resolve) => setImmediate(resolve));
    quietTicks = inFlight() === 0 ? quietTicks + 1 : 0;
  }
}

class ContractError extends Error {
  constructor(
    readonly problems: string[],
    heading = "The stack's outputs break its contract",
  ) {
    super(`${heading}:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
}

/** A project that publishes a contract package must export exactly what it declares. */
function checkContract(contractDir: string | undefined, project: string, outputs: Record<string, unknown>, secrets: ReadonlySet<string>): string[] {
  if (!contractDir) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the contract package is found through the workspace's packages
  const contract = Object.values(require(contractDir) as Record<string, unknown>).find(
    (value) => isStackContract(value) && value.project === project,
  );
  if (!isStackContract(contract)) return [`${contractDir} is tagged as ${project}'s contract but exports no contract of project "${project}"`];
  return contractViolations(contract, outputs, secrets);
}

function sortKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** Reports a stack's failure; the worker plans on only if the failure came back through its run. */
function fail(error: unknown, reusable: boolean): void {
  // Bad input (config, contracts) is reported by message alone; anything else is a bug, with its trace.
  const badInput = error instanceof pulumi.RunError || error instanceof ContractError || error instanceof pulumi.ResourceError;
  // A trace is formatted when first read: with the maps, it points at the TypeScript the user wrote.
  process.setSourceMapsEnabled(true);
  const message = error instanceof Error ? (badInput ? error.message : (error.stack ?? error.message)) : String(error);
  const sent = send({ kind: "failed", message, badInput, reusable });
  if (!reusable) void sent.finally(() => process.exit(1));
}

process.on("exit", () => rmSync(KUBECONFIG, { force: true }));
// Retired by the scheduler, or left behind by it: either way the worker's work is over.
process.on("SIGTERM", () => process.exit(143));
process.on("disconnect", () => process.exit(0));
// A rejection nobody awaited may leave anything half done: this worker plans nothing more.
process.on("unhandledRejection", (error) => fail(error, false));
process.on("message", (message: ParentMessage) => {
  if (message.kind === "reference") {
    pendingReferences.get(message.id)?.(message);
    pendingReferences.delete(message.id);
  } else {
    run(message.request).catch((error: unknown) => fail(error, true));
  }
});
