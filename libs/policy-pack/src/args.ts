import type { Policy, PolicyResource, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";

/** A resource as the offline plan (or a test) describes it: what a policy needs to judge it. */
export interface ResourceInput {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  /** URN of the parent component. */
  readonly parent?: string | null;
}

/** Per-policy configuration, keyed by policy name, as in `pulumi up --policy-pack-config`. */
export type PolicyConfig = Readonly<Record<string, Record<string, unknown>>>;

type ResourceClass = { new (...rest: never[]): unknown; __pulumiType?: string };

/** The policy's configuration with its schema's defaults, the way the engine hands it over. */
function configFor(policy: Policy | undefined, config: PolicyConfig): Record<string, unknown> {
  if (policy === undefined) return {};
  const defaults = Object.entries(policy.configSchema?.properties ?? {})
    .filter(([, schema]) => schema.default !== undefined)
    .map(([key, schema]) => [key, schema.default]);
  return { ...Object.fromEntries(defaults), ...config[policy.name] };
}

const NO_TIMEOUTS = { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 };

/** The arguments the engine would pass to `validateResource` for this resource. */
export function resourceArgs(resource: ResourceInput, policy?: Policy, config: PolicyConfig = {}): ResourceValidationArgs {
  const isType = (cls: ResourceClass) => cls.__pulumiType === resource.type;
  return {
    type: resource.type,
    urn: resource.urn,
    name: resource.name,
    props: resource.props as Record<string, any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- the engine's own type
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: NO_TIMEOUTS,
      additionalSecretOutputs: [],
      ...(resource.parent ? { parent: resource.parent } : {}),
    },
    stackTags: new Map(),
    isType: isType as ResourceValidationArgs["isType"],
    asType: ((cls: ResourceClass) => (isType(cls) ? resource.props : undefined)) as ResourceValidationArgs["asType"],
    getConfig: (<T extends object>() => configFor(policy, config) as T) as ResourceValidationArgs["getConfig"],
    notApplicable: ((reason?: string) => {
      throw new NotApplicable(reason);
    }) as ResourceValidationArgs["notApplicable"],
  };
}

/** The arguments the engine would pass to `validateStack` for these resources. */
export function stackArgs(resources: readonly ResourceInput[], policy?: Policy, config: PolicyConfig = {}): StackValidationArgs {
  const byUrn = new Map<string, PolicyResource>();
  const policyResources = resources.map((resource) => {
    const args = resourceArgs(resource, policy, config);
    const policyResource: PolicyResource = {
      type: args.type,
      urn: args.urn,
      name: args.name,
      props: args.props,
      opts: args.opts,
      dependencies: [],
      propertyDependencies: {},
      isType: args.isType,
      asType: args.asType as PolicyResource["asType"],
    };
    byUrn.set(resource.urn, policyResource);
    return policyResource;
  });
  for (const [index, resource] of resources.entries()) {
    const parent = resource.parent ? byUrn.get(resource.parent) : undefined;
    if (parent) policyResources[index]!.parent = parent;
  }
  return {
    resources: policyResources,
    stackTags: new Map(),
    getConfig: (<T extends object>() => configFor(policy, config) as T) as StackValidationArgs["getConfig"],
    notApplicable: ((reason?: string) => {
      throw new NotApplicable(reason);
    }) as StackValidationArgs["notApplicable"],
  };
}

/** Thrown by `notApplicable()`: the policy does not apply, which is no violation. */
export class NotApplicable extends Error {}

/** A violation as reported, with the resource it names. */
export interface ReportedViolation {
  readonly message: string;
  readonly urn?: string;
}

/** A `reportViolation` that collects what it is given, for tests and the offline checker. */
export function collectViolations(): { readonly report: ReportViolation; readonly violations: ReportedViolation[] } {
  const violations: ReportedViolation[] = [];
  return { violations, report: (message, urn) => violations.push({ message, ...(urn ? { urn } : {}) }) };
}
