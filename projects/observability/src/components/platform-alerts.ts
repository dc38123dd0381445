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
