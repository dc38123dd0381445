import * as pulumi from "@pulumi/pulumi";

/** A resource as the program registered it under mocks. */
export interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- inputs are whatever the provider takes
  readonly custom: boolean;
  readonly provider?: string;
  /** Paths of inputs that arrived as secrets (`stringData`, `spec.password`). */
  readonly secretInputs: readonly string[];
}

const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Plain inputs, and the paths at which the SDK marked a value secret. */
function unwrapSecrets(value: unknown, path: string, secrets: string[]): unknown {
  if (Array.isArray(value)) return value.map((item, index) => unwrapSecrets(item, `${path}[${index}]`, secrets));
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record[SIGNATURE_KEY] === SECRET_SIG) {
    secrets.push(path);
    return unwrapSecrets(record.value, path, secrets);
  }
  return Object.fromEntries(
    Object.entries(record).map(([key, item]) => [key, unwrapSecrets(item, path ? `${path}.${key}` : key, secrets)]),
  );
}

/** Answers any provider function by token (such as the offline plan's); undefined for none. */
export type InvokeAnswer = (token: string, inputs: Record<string, unknown>) => Record<string, unknown> | undefined;
/** Adds what a provider computes for any resource type (such as the offline plan's answers). */
export type ComputedAnswer = (type: string, name: string, inputs: Record<string, unknown>) => Record<string, unknown>;

export interface MockRuntimeOptions {
  /** @default "test-project" */
  readonly project?: string;
  /** @default "dev" */
  readonly stack?: string;
  /** @default "organization" */
  readonly organization?: string;
  /** Namespaced config values, as the engine passes them (strings; objects as JSON). */
  readonly config?: Record<string, unknown>;
  /** Namespaced keys whose values are secrets. */
  readonly secretKeys?: readonly string[];
  /** Outputs of the stacks this program reads, keyed by fully qualified stack name. */
  readonly stackOutputs?: Record<string, { outputs: Record<string, unknown>; secretOutputNames?: string[] }>;
  /** Answers to provider function calls, by token. @default an empty object */
  readonly invokes?: Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>> | InvokeAnswer;
  /** Extra state a provider would compute, by resource type. */
  readonly computed?: Record<string, (inputs: Record<string, unknown>, name: string) => Record<string, unknown>> | ComputedAnswer;
}

export interface MockRuntime {
  /** Every resource registered so far, in registration order. */
  readonly resources: RegisteredResource[];
  /** Provider functions called, by token. */
  readonly invoked: string[];
  /** Resources of one type token, such as `kubernetes:apps/v1:Deployment`. */
  ofType(type: string): RegisteredResource[];
  /** The one resource of a type with a name; fails the test when there is not exactly one. */
  one(type: string, name?: string): RegisteredResource;
  /** Waits until registrations stop arriving, so assertions see every resource. */
  settled(): Promise<void>;
}

// Not in the public typings; the SDK's own shutdown uses it to drain calls to the monitor.
const runtimeInternals = pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> };

/**
 * Points the Pulumi SDK at mocks that record every resource. Call before creating resources;
 * config values given as objects are passed as JSON, as the engine does.
 */
export async function mockRuntime(options: MockRuntimeOptions = {}): Promise<MockRuntime> {
  const resources: RegisteredResource[] = [];
  const invoked: string[] = [];
  const computedFor = (type: string, name: string, inputs: Record<string, unknown>) => {
    const answer = options.computed;
    return typeof answer === "function" ? answer(type, name, inputs) : answer?.[type]?.(inputs, name);
  };
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        if (args.type === "pulumi:pulumi:StackReference") {
          const name = String(args.inputs.name);
          const upstream = options.stackOutputs?.[name];
          if (!upstream) throw new Error(`test reads stack ${name}, which the test did not provide`);
          return { id: name, state: { name, outputs: upstream.outputs, secretOutputNames: upstream.secretOutputNames ?? [] } };
        }
        const secretInputs: string[] = [];
        const inputs = unwrapSecrets(args.inputs, "", secretInputs) as Record<string, unknown>;
        resources.push({ type: args.type, name: args.name, inputs, custom: args.custom ?? true, provider: args.provider, secretInputs });
        return {
          id: `${args.name}-id`,
          state: { ...args.inputs, ...(computedFor(args.type, args.name, inputs) ?? {}) },
        };
      },
      call(args) {
        invoked.push(args.token);
        const answer = options.invokes;
        return (typeof answer === "function" ? answer(args.token, args.inputs) : answer?.[args.token]?.(args.inputs)) ?? {};
      },
    },
    options.project ?? "test-project",
    options.stack ?? "dev",
    false,
    options.organization ?? "organization",
  );
  const config = Object.fromEntries(
    Object.entries(options.config ?? {}).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
  );
  pulumi.runtime.setAllConfig(config, [...(options.secretKeys ?? [])]);

  const ofType = (type: string) => resources.filter((resource) => resource.type === type);
  return {
    resources,
    invoked,
    ofType,
    async settled() {
      // Registration passes through several promise and timer turns in the SDK; then every
      // outstanding call to the monitor (outputs of components included) must have landed, or it
      // would reach the next test's mocks.
      for (let quiet = 0, seen = -1; quiet < 10; ) {
        await new Promise((resolve) => setImmediate(resolve));
        quiet = resources.length === seen ? quiet + 1 : 0;
        seen = resources.length;
      }
      await runtimeInternals.waitForRPCs?.();
    },
    one(type, name) {
      const found = ofType(type).filter((resource) => name === undefined || resource.name === name);
      if (found.length !== 1) {
        throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
      }
      return found[0]!;
    },
  };
}

/** Resolves an Output's value (test code only: never do this in a program). */
export function valueOf<T>(output: pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) => pulumi.output(output).apply((value) => resolve(value as T)));
}

/** Whether an Output is marked secret. */
export function isSecret(output: pulumi.Output<unknown>): Promise<boolean> {
  return (output as unknown as { isSecret: Promise<boolean> }).isSecret;
}
