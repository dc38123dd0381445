import type { EnforcementLevel, PolicyResource, ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { NotApplicable, resourceArgs, stackArgs, type PolicyConfig, type ResourceInput } from "./args";
import { EXEMPTIONS, exemptionFor, type Exemption } from "./exemptions";
import type { PlatformPolicy, ResourcePolicy, StackPolicy } from "./resource";

export function isStackPolicy(policy: PlatformPolicy): policy is StackPolicy {
  return "validateStack" in policy;
}

function inputOf(resource: ResourceValidationArgs | PolicyResource): ResourceInput {
  return { type: resource.type, urn: resource.urn, name: resource.name, props: resource.props };
}

/** Runs one policy's own validation on what the engine passed, sorting violations by exemption. */
async function runPolicy(
  policy: PlatformPolicy,
  args: ResourceValidationArgs | Parameters<StackPolicy["validateStack"]>[0],
  onViolation: (message: string, urn: string | undefined, exemption: Exemption | undefined) => void,
  exemptions: readonly Exemption[],
): Promise<void> {
  const resourceByUrn = (urn: string | undefined): ResourceInput | undefined => {
    if ("resources" in args) {
      const found = args.resources.find((resource) => resource.urn === urn);
      return found ? inputOf(found) : undefined;
    }
    return inputOf(args);
  };
  const report: ReportViolation = (message, urn) => {
    const target = urn ?? ("urn" in args ? args.urn : undefined);
    onViolation(message, target, exemptionFor(policy.name, resourceByUrn(target), message, exemptions));
  };
  try {
    if (isStackPolicy(policy)) await policy.validateStack(args as Parameters<StackPolicy["validateStack"]>[0], report);
    else await policy.validateResource(args as ResourceValidationArgs, report);
  } catch (error) {
    if (!(error instanceof NotApplicable)) throw error;
  }
}

/** The policy as the pack enforces it: exempted violations are left to the exemption report. */
function enforced(policy: PlatformPolicy, exemptions: readonly Exemption[]): PlatformPolicy {
  const forward = (report: ReportViolation) => (message: string, urn: string | undefined, exemption: Exemption | undefined) => {
    if (exemption === undefined) report(message, urn);
  };
  if (isStackPolicy(policy)) {
    return { ...policy, validateStack: (args, report) => runPolicy(policy, args, forward(report), exemptions) };
  }
  return { ...policy, validateResource: (args, report) => runPolicy(policy, args, forward(report), exemptions) };
}

function exemptionMessage(policy: string, exemption: Exemption, message: string): string {
  return `Exempt from ${policy} (${exemption.covers}) because ${exemption.reason}. The rule says: ${message}`;
}

/**
 * The pack's policies: each platform policy with its exemptions applied, plus two advisory
 * policies that report every exempted violation with its reason, so none goes unseen.
 */
export function enforcedPolicies(
  policies: readonly PlatformPolicy[],
  exemptions: readonly Exemption[] = EXEMPTIONS,
): PlatformPolicy[] {
  const resourcePolicies = policies.filter((policy): policy is ResourcePolicy => !isStackPolicy(policy));
  const stackPolicies = policies.filter(isStackPolicy);
  const reportExempted = (policy: PlatformPolicy, report: ReportViolation) => (message: string, urn: string | undefined, exemption: Exemption | undefined) => {
    if (exemption !== undefined) report(exemptionMessage(policy.name, exemption, message), urn);
  };
  const resourceReport: ResourcePolicy = {
    name: "documented-exemptions",
    description: "Reports every violation that libs/policy-pack/src/exemptions.ts exempts, with the reason.",
    enforcementLevel: "advisory",
    validateResource: async (args, report) => {
      for (const policy of resourcePolicies) await runPolicy(policy, args, reportExempted(policy, report), exemptions);
    },
  };
  const stackReport: StackPolicy = {
    name: "documented-stack-exemptions",
    description: "Reports every cross-resource violation that libs/policy-pack/src/exemptions.ts exempts, with the reason.",
    enforcementLevel: "advisory",
    validateStack: async (args, report) => {
      for (const policy of stackPolicies) await runPolicy(policy, args, reportExempted(policy, report), exemptions);
    },
  };
  return [...policies.map((policy) => enforced(policy, exemptions)), resourceReport, stackReport];
}

/** One violation found by {@link evaluatePolicies}. */
export interface Finding {
  readonly policy: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly urn: string | undefined;
  readonly message: string;
  /** The documented exemption that covers it, when one does. */
  readonly exemption?: Exemption;
}

export interface Evaluation {
  readonly findings: readonly Finding[];
  /** Policy evaluations made: resource policies times resources, plus one per stack policy. */
  readonly checks: number;
}

/** Every policy over every resource of one stack, outside the engine (the offline plan, tests). */
export async function evaluatePolicies(
  resources: readonly ResourceInput[],
  policies: readonly PlatformPolicy[],
  options: { readonly config?: PolicyConfig; readonly exemptions?: readonly Exemption[] } = {},
): Promise<Evaluation> {
  const findings: Finding[] = [];
  const exemptions = options.exemptions ?? EXEMPTIONS;
  let checks = 0;
  for (const policy of policies) {
    const record = (message: string, urn: string | undefined, exemption: Exemption | undefined) =>
      findings.push({ policy: policy.name, enforcementLevel: policy.enforcementLevel ?? "advisory", urn, message, ...(exemption ? { exemption } : {}) });
    if (isStackPolicy(policy)) {
      checks += 1;
      await runPolicy(policy, stackArgs(resources, policy, options.config), record, exemptions);
      continue;
    }
    for (const resource of resources) {
      checks += 1;
      await runPolicy(policy, resourceArgs(resource, policy, options.config), record, exemptions);
    }
  }
  return { findings, checks };
}

