import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { admissionRules, RULE_NAMES, type AdmissionRulesArgs } from "./admission-rules";

export interface AdmissionPoliciesArgs extends Omit<AdmissionRulesArgs, "registry"> {
  /** The registry CI pushes to, as cluster-base's registry reports it. */
  readonly registry: pulumi.Input<string>;
}

import { PLATFORM_LABELS as LABELS } from "./labels";

/**
 * The admission policies and their bindings, in the API server itself. A policy is not subject to
 * any admission policy, so these need the cluster admin's provider, not the pipeline's identity.
 */
export class AdmissionPolicies extends pulumi.ComponentResource {
  constructor(name: string, args: AdmissionPoliciesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cluster-base:AdmissionPolicies", name, {}, opts);
    const rules = pulumi.output(args.registry).apply((registry) => admissionRules({ ...args, registry }));
    for (const ruleName of RULE_NAMES) {
      const rule = rules.apply((all) => all.find((candidate) => candidate.name === ruleName)!);
      const policy = new k8s.admissionregistration.v1.ValidatingAdmissionPolicy(
        `${name}-${ruleName}`,
        { metadata: { name: ruleName, labels: LABELS }, spec: rule.spec },
        { parent: this },
      );
      new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding(
        `${name}-${ruleName}-binding`,
        {
          metadata: { name: ruleName, labels: LABELS },
          spec: { policyName: policy.metadata.name, validationActions: rule.validationActions.apply((actions) => [...actions]) },
        },
        { parent: this },
      );
    }
    this.registerOutputs({});
  }
}
