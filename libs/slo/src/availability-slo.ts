import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { availabilitySloProblems, availabilitySloRuleGroups, DEFAULT_OBJECTIVE } from "./burn-rate-rules";

export interface AvailabilitySloArgs {
  /** Namespace of the service and of the rule. */
  readonly namespace: pulumi.Input<string>;
  /**
   * What measures availability, with no app instrumentation needed: the requests of an Ingress,
   * from ingress-nginx's metrics, or the blackbox Probe job of the public URL.
   */
  readonly measuredBy: pulumi.Input<{ readonly ingressName: string } | { readonly probeJob: string }>;
  /** @default 0.999 */
  readonly objective?: number;
  /** Labels that make Prometheus load the rule: the observability contract's ruleLabels. */
  readonly ruleLabels: pulumi.Input<Record<string, string>>;
}

/**
 * An availability SLO on one Ingress or one public URL's probe: a PrometheusRule that records its error ratios and pages or
 * files a ticket when its 30-day error budget burns too fast.
 */
export class AvailabilitySlo extends pulumi.ComponentResource {
  readonly rule: k8s.apiextensions.CustomResource;
  /** Name of the PrometheusRule in the namespace. */
  readonly ruleName: pulumi.Output<string>;

  constructor(name: string, args: AvailabilitySloArgs, opts?: pulumi.ComponentResourceOptions) {
    const objective = args.objective ?? DEFAULT_OBJECTIVE;
    // Refused before registering, so a bad objective leaves nothing half-created behind.
    const problems = availabilitySloProblems({ objective });
    if (problems.length > 0) throw new pulumi.RunError(`AvailabilitySlo ${name}:\n  - ${problems.join("\n  - ")}`);
    super("platform:slo:AvailabilitySlo", name, {}, opts);

    const groups = pulumi.all([args.namespace, args.measuredBy]).apply(([namespace, measuredBy]) => {
      const source = "ingressName" in measuredBy ? { ingressName: measuredBy.ingressName } : { probeJob: measuredBy.probeJob };
      // Names that come from other resources are known only now.
      const late = availabilitySloProblems({ namespace, ...source });
      if (late.length > 0) throw new pulumi.ResourceError(`AvailabilitySlo ${name}:\n  - ${late.join("\n  - ")}`, this);
      return availabilitySloRuleGroups({ namespace, ...source, objective });
    });

    this.rule = new k8s.apiextensions.CustomResource(
      `${name}-slo`,
      {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PrometheusRule",
        metadata: {
          name: `${name}-slo`,
          namespace: args.namespace,
          labels: pulumi.output(args.ruleLabels).apply((ruleLabels) => ({
            "app.kubernetes.io/managed-by": "pulumi",
            "app.kubernetes.io/component": "slo",
            ...ruleLabels,
          })),
        },
        spec: { groups },
      },
      { parent: this },
    );
    this.ruleName = this.rule.metadata.name;
    this.registerOutputs({ ruleName: this.ruleName });
  }
}
