import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MANAGED_BY, RULE_LABELS } from "./labels";

interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: { severity: "page" | "ticket" };
  readonly annotations: { summary: string; description: string };
}

const DAY = 24 * 3600;

/** The API server's count of failed admission-policy validations, one series per policy, binding, action and error type. */
const POLICY_CHECKS = "apiserver_validating_admission_policy_check_total";

/**
 * Failed validations of one of cluster-base's admission policies in the last 10 minutes, per
 * binding, enforcement action and error type. The API server creates a series at its first
 * failure, already at 1, and starts again from nothing on every restart (each upgrade and
 * maintenance window); `increase` never counts a series' first sample, so a rare event (a
 * break-glass change days after the last restart) would go unseen. A series that did not exist
 * 10 minutes ago counts too, provided Prometheus was scraping that API server then: a gap in
 * Prometheus' own data is no news.
 */
function policyFailures(policy: string): string {
  const checks = `${POLICY_CHECKS}{policy="${policy}"}`;
  return (
    "sum by (policy, policy_binding, enforcement_action, error_type) (\n" +
    `  increase(${checks}[10m]) > 0\n` +
    `  or ((${checks} unless ${checks} offset 10m) and on (job, instance) (up offset 10m))\n` +
    ") > 0"
  );
}

/** How many failed, for the descriptions: approximate, as `increase` extrapolates. */
const ABOUT_COUNT = 'About {{ $value | printf "%.0f" }}';

/** The error type, for the descriptions: anything but `invalid_error` is the policy failing to evaluate, not the request. */
const ERROR_TYPE =
  "error_type {{ $labels.error_type }}: invalid_error is a request that failed the check; compile_error or out_of_budget is the " +
  "policy itself failing to evaluate, which (as the policies fail closed) refuses the pipeline too.";

/** `refused` or `let through with a warning`, as the binding's action says. */
const OUTCOME = '{{ if eq $labels.enforcement_action "deny" }}refused{{ else }}let through with a warning{{ end }}';

/**
 * The platform's own alerts, with the severities Alertmanager routes on (`page` wakes someone
 * up, `ticket` waits for working hours). They replace the chart's rules of the same concern.
 */
export function platformAlertGroups(): { name: string; rules: AlertRule[] }[] {
  return [
    {
      name: "platform-nodes-and-pods",
      rules: [
        {
          alert: "NodeNotReady",
          expr: 'kube_node_status_condition{condition="Ready", status="true"} == 0',
          for: "5m",
          labels: { severity: "page" },
          annotations: {
            summary: "Node {{ $labels.node }} is not ready",
            description: "Node {{ $labels.node }} has not been Ready for 5 minutes; its pods are being evicted or cannot start.",
          },
        },
        {
          alert: "PodCrashLooping",
          expr: 'max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}[5m]) >= 1',
          for: "15m",
          labels: { severity: "ticket" },
          annotations: {
            summary: "{{ $labels.namespace }}/{{ $labels.pod }} is crash-looping",
            description: "Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} has been restarting for 15 minutes.",
          },
        },
      ],
    },
    {
      name: "platform-volumes",
      rules: [
        {
          alert: "PersistentVolumeAlmostFull",
          expr:
            "kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes < 0.10\n" +
            "and kubelet_volume_stats_used_bytes > 0",
          for: "10m",
          labels: { severity: "ticket" },
          annotations: {
            summary: "Volume {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is over 90% full",
            description: "Less than 10% of {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is free: grow the claim or free space.",
          },
        },
        {
          alert: "PersistentVolumeFull",
          expr:
            "kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes < 0.03\n" +
            "and kubelet_volume_stats_used_bytes > 0",
          for: "5m",
          labels: { severity: "page" },
          annotations: {
            summary: "Volume {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is about to be full",
            description: "Less than 3% of {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is free: writes will fail soon.",
          },
        },
      ],
    },
    {
      name: "platform-certificates",
      rules: [
        {
          alert: "CertificateExpiringSoon",
          expr: `certmanager_certificate_expiration_timestamp_seconds - time() < ${14 * DAY}`,
          for: "1h",
          labels: { severity: "ticket" },
          annotations: {
            summary: "Certificate {{ $labels.namespace }}/{{ $labels.name }} expires in less than 14 days",
            description: "cert-manager renews 30 days ahead; a certificate this close to expiry failed to renew. Check its CertificateRequest.",
          },
        },
        {
          alert: "CertificateExpiring",
          expr: `certmanager_certificate_expiration_timestamp_seconds - time() < ${3 * DAY}`,
          for: "10m",
          labels: { severity: "page" },
          annotations: {
            summary: "Certificate {{ $labels.namespace }}/{{ $labels.name }} expires in less than 3 days",
            description: "Users will see TLS errors when it expires. Check the Certificate, its issuer and the ACME challenge.",
          },
        },
        {
          alert: "CertificateNotReady",
          expr: 'certmanager_certificate_ready_status{condition="False"} == 1',
          for: "30m",
          labels: { severity: "ticket" },
          annotations: {
            summary: "Certificate {{ $labels.namespace }}/{{ $labels.name }} is not ready",
            description: "cert-manager has not been able to issue it for 30 minutes.",
          },
        },
      ],
    },
    {
      // cluster-base's ValidatingAdmissionPolicies, as the API server counts them. Each count is a
      // request someone made outside the deploy pipeline: refused (deny), or admitted with a
      // warning (warn, in the local environment and for break-glass). Tickets: a refused request
      // changed nothing, and an admitted one has someone at a keyboard who the ticket follows up.
      name: "platform-admission",
      rules: [
        {
          alert: "ChangeOutsidePipeline",
          expr: policyFailures("platform-pipeline-only"),
          for: "0m",
          labels: { severity: "ticket" },
          annotations: {
            summary: `A change outside the deploy pipeline was ${OUTCOME} in the platform's namespaces`,
            description:
              `${ABOUT_COUNT} request(s) in 10 minutes by someone other than the deploy pipeline failed {{ $labels.policy }} ` +
              "(binding {{ $labels.policy_binding }}), enforcement_action {{ $labels.enforcement_action }}: deny means refused, nothing " +
              "changed; warn means admitted, so the cluster differs from the stacks until the pipeline puts it back. Who: the API " +
              `server's audit log. ${ERROR_TYPE}`,
          },
        },
        {
          alert: "BreakGlassChange",
          expr: policyFailures("platform-break-glass"),
          for: "0m",
          labels: { severity: "ticket" },
          annotations: {
            summary: "Break-glass access changed objects in the platform's namespaces",
            description:
              `${ABOUT_COUNT} change(s) in 10 minutes by the break-glass group were admitted with a warning ({{ $labels.policy }}, ` +
              "binding {{ $labels.policy_binding }}, enforcement_action {{ $labels.enforcement_action }}). Each must be written back " +
              `into the stack files, or the next up reverts it. ${ERROR_TYPE}`,
          },
        },
        {
          alert: "ImageOutsideCI",
          expr: policyFailures("platform-ci-images"),
          for: "0m",
          labels: { severity: "ticket" },
          annotations: {
            summary: `A tenant pod or workload with an image CI did not build was ${OUTCOME}`,
            description:
              `${ABOUT_COUNT} request(s) in 10 minutes failed {{ $labels.policy }} (binding {{ $labels.policy_binding }}), ` +
              "enforcement_action {{ $labels.enforcement_action }}: an image that is not from the platform registry by commit-SHA " +
              "tag or digest; deny means refused, warn means it runs. Build it in CI and promote it with npm run image:promote. " +
              ERROR_TYPE,
          },
        },
      ],
    },
    {
      name: "platform-endpoints",
      rules: [
        {
          alert: "EndpointDown",
          expr: "probe_success == 0",
          for: "5m",
          labels: { severity: "page" },
          annotations: {
            summary: "{{ $labels.instance }} is unreachable from the blackbox exporter",
            description: "Probe {{ $labels.namespace }}/{{ $labels.job }} has failed for 5 minutes.",
          },
        },
      ],
    },
  ];
}

export interface PlatformAlertsArgs {
  readonly namespace: pulumi.Input<string>;
  /** The release that installs the PrometheusRule resource type. @default none: the type already exists */
  readonly monitoringCrds?: pulumi.Resource;
}

/** The platform alerts as one PrometheusRule, labelled so that Prometheus loads it. */
export class PlatformAlerts extends pulumi.ComponentResource {
  constructor(name: string, args: PlatformAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:observability:PlatformAlerts", name, {}, opts);
    new k8s.apiextensions.CustomResource(
      `${name}-rules`,
      {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PrometheusRule",
        metadata: { name: "platform-alerts", namespace: args.namespace, labels: { ...MANAGED_BY, ...RULE_LABELS } },
        spec: { groups: platformAlertGroups() },
      },
      { parent: this, dependsOn: args.monitoringCrds ? [args.monitoringCrds] : [] },
    );
    this.registerOutputs({});
  }
}
