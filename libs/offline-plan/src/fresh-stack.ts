/**
 * What a warm worker resets before each stack, so that a stack planned after others in the same
 * process plans exactly as it would in a process of its own.
 */
import { sep } from "node:path";

// Not in the public typings: the SDK keeps every piece of its runtime state (options, config, the
// monitor, the stack resource) in one store on the global object, made by this class.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module of the pinned SDK
const sdkState = require("@pulumi/pulumi/runtime/state") as {
  LocalStore: new () => SdkStore;
  getStore(): SdkStore;
};

interface SdkStore {
  resourcePackages: Map<string, unknown>;
  resourceModules: Map<string, unknown>;
}

const sdkGlobals = globalThis as unknown as { globalStore?: SdkStore; stackResource?: unknown };
const environmentAtStart = { ...process.env };
const NODE_MODULES = `${sep}node_modules${sep}`;

/**
 * Starts a stack from what a new process would have: the worker's environment with the stack's
 * own variables, the project's folder as the working directory, every workspace module (programs,
 * libraries, contracts) loaded afresh, and a new SDK runtime. Third-party modules stay loaded:
 * they hold no stack's state, and loading them is most of what a process costs.
 */
export function startFreshStack(projectDir: string, env: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (!(key in environmentAtStart)) delete process.env[key];
  Object.assign(process.env, environmentAtStart, env);
  process.chdir(projectDir);

  for (const id of Object.keys(require.cache)) if (!id.includes(NODE_MODULES)) delete require.cache[id];

  // Provider SDKs register their resource modules once, when first loaded; those registrations
  // are the only part of the old store that belongs to the process rather than to a stack.
  const previous = sdkState.getStore();
  const store = new sdkState.LocalStore();
  store.resourcePackages = previous.resourcePackages;
  store.resourceModules = previous.resourceModules;
  sdkGlobals.globalStore = store;
  sdkGlobals.stackResource = undefined;
}
