/**
 * Values of the kube-prometheus-stack chart, derived in one pure function so that every setting
 * that matters (selectors, storage, security, ingress) can be read and tested in one place.
 */
import { PROMETHEUS_DATASOURCE } from "@platform/dashboards";
import { hardenedContainerSecurity, restrictedContainerSecurity, restrictedPodSecurity } from "@platform/kubernetes";
import {
  DASHBOARD_LABELS,
  MONITOR_LABELS,
  MONITORING_FULLNAME,
  RULE_LABELS,
} from "./labels";
import { containerResources, LAYER_POD_SECURITY, type ContainerResources } from "./security";

/** Chart pinned so that an upgrade is a reviewed change, never a surprise on the next deploy. */
export const KUBE_PROMETHEUS_STACK_CHART = {
  chart: "kube-prometheus-stack",
  version: "88.5.3",
  repository: "https://prometheus-community.github.io/helm-charts",
} as const;

/** Secret keys that the chart reads Grafana's admin credentials from. */
export const GRAFANA_ADMIN_KEYS = { user: "admin-user", password: "admin-password" } as const;

/** Default rules that {@link platformAlertGroups} replaces with the platform's own severities. */
export const REPLACED_DEFAULT_RULES = ["KubeNodeNotReady", "KubePodCrashLooping", "KubePersistentVolumeFillingUp"] as const;

/**
 * Grafana's Service: named by the `fullnameOverride` below, on the Grafana chart's default port
 * (80, to the container's 3000). The Gateway's route sends Grafana's host there.
 */
export const GRAFANA_SERVICE = { name: "grafana", port: 80 } as const;

export interface PublicEndpoint {
  readonly host: string;
  /**
   * IngressClass of the chart's Ingress, where ingress-nginx serves. @default none: the chart
   * creates no Ingress, as where only the gateway edge serves
   */
  readonly ingressClassName?: string;
  readonly clusterIssuer: string;
  /** Extra ingress-nginx annotations, such as basic authentication. */
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface MonitoringValuesInput {
  readonly storageClass: string;
  readonly prometheus: { retention: string; storageSize: string; replicas: number; resources: ContainerResources };
  readonly alertmanager: { replicas: number; storageSize: string; configSecret: string; endpoint: PublicEndpoint };
  readonly grafana: { adminSecret: string; replicas: number; endpoint: PublicEndpoint };
}

/** The subset of the chart's values this stack sets, typed so that a misspelt key fails to compile. */
export interface KubePrometheusStackValues {
  fullnameOverride: string;
  crds: { enabled: boolean; upgradeJob: Record<string, unknown> };
  defaultRules: { create: boolean; disabled: Record<string, boolean> };
  prometheusOperator: Record<string, unknown>;
  prometheus: { ingress: { enabled: boolean }; podDisruptionBudget: DisruptionBudget; prometheusSpec: Record<string, unknown> };
  alertmanager: { ingress: Record<string, unknown>; podDisruptionBudget: DisruptionBudget; alertmanagerSpec: Record<string, unknown> };
  grafana: Record<string, unknown>;
  "kube-state-metrics": Record<string, unknown>;
  "prometheus-node-exporter": Record<string, unknown>;
}

/**
 * The chart's podDisruptionBudget for Prometheus and Alertmanager. Its defaults already hold
 * `minAvailable: 1`, and its template writes every key it is given into the budget's spec, so
 * adding `maxUnavailable` would render both, which the API server refuses (and `atomic` then
 * rolls the whole release back). The budget is therefore said in the key the chart sets.
 */
interface DisruptionBudget {
  enabled: boolean;
  minAvailable: number;
}

/** A drain may take one replica at a time, and only where there is one to spare. */
function disruptionBudget(replicas: number): DisruptionBudget {
  return { enabled: replicas > 1, minAvailable: replicas - 1 };
}

/**
 * The chart's Ingress for a UI, with `rules` (its paths) in the shape that component's template
 * reads; disabled where ingress-nginx does not serve.
 */
function chartIngress(endpoint: PublicEndpoint, secretName: string, rules: Record<string, unknown>): Record<string, unknown> {
  if (endpoint.ingressClassName === undefined) return { enabled: false };
  return {
    enabled: true,
    ingressClassName: endpoint.ingressClassName,
    annotations: { "cert-manager.io/cluster-issuer": endpoint.clusterIssuer, ...endpoint.annotations },
    tls: [{ secretName, hosts: [endpoint.host] }],
    hosts: [endpoint.host],
    ...rules,
  };
}

function volumeClaim(storageClass: string, size: string) {
  return {
    volumeClaimTemplate: {
      spec: { storageClassName: storageClass, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } } },
    },
  };
}

/** Every kind of monitoring object, from every namespace, when it carries the contract's labels. */
function selectors() {
  const select = (labels: Readonly<Record<string, string>>) => ({ matchLabels: { ...labels } });
  return {
    serviceMonitorSelectorNilUsesHelmValues: false,
    serviceMonitorSelector: select(MONITOR_LABELS),
    serviceMonitorNamespaceSelector: {},
    podMonitorSelectorNilUsesHelmValues: false,
    podMonitorSelector: select(MONITOR_LABELS),
    podMonitorNamespaceSelector: {},
    probeSelectorNilUsesHelmValues: false,
    probeSelector: select(MONITOR_LABELS),
    probeNamespaceSelector: {},
    ruleSelectorNilUsesHelmValues: false,
    ruleSelector: select(RULE_LABELS),
    ruleNamespaceSelector: {},
  };
}

const STICKY_SESSIONS = {
  "nginx.ingress.kubernetes.io/affinity": "cookie",
  "nginx.ingress.kubernetes.io/session-cookie-name": "grafana-replica",
};

const SMALL = { cpuRequest: "50m", memoryRequest: "64Mi", cpuLimit: "200m", memoryLimit: "128Mi" };

/** busybox release that the CRD upgrade job copies the CRDs with. */
export const UPGRADE_JOB_BUSYBOX_TAG = "1.37.0";

export function kubePrometheusStackValues(input: MonitoringValuesInput): KubePrometheusStackValues {
  const { prometheus, alertmanager, grafana } = input;
  const spread = (replicas: number) => (replicas > 1 ? { podAntiAffinity: "soft" } : {});
  return {
    fullnameOverride: MONITORING_FULLNAME,
    crds: {
      enabled: true,
      // Helm installs a chart's CRDs on the first install only; each major of this chart moves
      // prometheus-operator and its CRDs, so the chart's own hook job applies them on upgrade.
      upgradeJob: {
        enabled: true,
        // The chart's default is busybox:latest, a tag that moves; this one does not.
        image: { busybox: { tag: UPGRADE_JOB_BUSYBOX_TAG } },
        resources: containerResources({ cpuRequest: "50m", memoryRequest: "128Mi", cpuLimit: "500m", memoryLimit: "256Mi" }),
        podSecurityContext: LAYER_POD_SECURITY,
        containerSecurityContext: restrictedContainerSecurity(),
      },
    },
    defaultRules: { create: true, disabled: Object.fromEntries(REPLACED_DEFAULT_RULES.map((rule) => [rule, true])) },
    prometheusOperator: {
      resources: containerResources({ cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "500m", memoryLimit: "256Mi" }),
      securityContext: LAYER_POD_SECURITY,
      containerSecurityContext: restrictedContainerSecurity(),
    },
    prometheus: {
      // Prometheus has no login of its own: it stays inside the cluster, read through Grafana.
      ingress: { enabled: false },
      podDisruptionBudget: disruptionBudget(prometheus.replicas),
      prometheusSpec: {
        ...selectors(),
        replicas: prometheus.replicas,
        retention: prometheus.retention,
        resources: containerResources(prometheus.resources),
        storageSpec: volumeClaim(input.storageClass, prometheus.storageSize),
        securityContext: LAYER_POD_SECURITY,
        ...spread(prometheus.replicas),
      },
    },
    alertmanager: {
      ingress: chartIngress(alertmanager.endpoint, "alertmanager-tls", { paths: ["/"], pathType: "Prefix" }),
      podDisruptionBudget: disruptionBudget(alertmanager.replicas),
      alertmanagerSpec: {
        replicas: alertmanager.replicas,
        useExistingSecret: true,
        configSecret: alertmanager.configSecret,
        externalUrl: `https://${alertmanager.endpoint.host}`,
        storage: volumeClaim(input.storageClass, alertmanager.storageSize),
        resources: containerResources({ cpuRequest: "50m", memoryRequest: "64Mi", cpuLimit: "200m", memoryLimit: "256Mi" }),
        securityContext: LAYER_POD_SECURITY,
        ...spread(alertmanager.replicas),
      },
    },
    grafana: {
      fullnameOverride: GRAFANA_SERVICE.name,
      // Each replica keeps its own database: dashboards and data sources come from code, so
      // nothing is lost, but a login lives on one replica, so ingress-nginx keeps a user there.
      // The Gateway has no such cookie (see the README).
      replicas: grafana.replicas,
      ...(grafana.replicas > 1 ? { podDisruptionBudget: { maxUnavailable: 1 } } : {}),
      admin: { existingSecret: grafana.adminSecret, userKey: GRAFANA_ADMIN_KEYS.user, passwordKey: GRAFANA_ADMIN_KEYS.password },
      ingress: chartIngress(
        grafana.replicas > 1 ? { ...grafana.endpoint, annotations: { ...grafana.endpoint.annotations, ...STICKY_SESSIONS } } : grafana.endpoint,
        "grafana-tls",
        { path: "/" },
      ),
      "grafana.ini": {
        server: { root_url: `https://${grafana.endpoint.host}` },
        users: { allow_sign_up: false },
        analytics: { reporting_enabled: false, check_for_updates: false },
      },
      resources: containerResources({ cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "500m", memoryLimit: "512Mi" }),
      securityContext: restrictedPodSecurity(472),
      containerSecurityContext: restrictedContainerSecurity(),
      sidecar: {
        resources: containerResources(SMALL),
        securityContext: restrictedContainerSecurity(),
        dashboards: {
          enabled: true,
          label: Object.keys(DASHBOARD_LABELS)[0],
          labelValue: Object.values(DASHBOARD_LABELS)[0],
          searchNamespace: "ALL",
        },
        datasources: { enabled: true, defaultDatasourceEnabled: true, uid: PROMETHEUS_DATASOURCE.uid },
      },
    },
    "kube-state-metrics": {
      resources: containerResources({ cpuRequest: "50m", memoryRequest: "128Mi", cpuLimit: "200m", memoryLimit: "256Mi" }),
      securityContext: restrictedPodSecurity(65534),
      containerSecurityContext: restrictedContainerSecurity(),
    },
    // node-exporter reads the host's /proc and /sys through host namespaces: the one workload
    // here that cannot meet the restricted standard, and why the namespace allows it.
    "prometheus-node-exporter": {
      resources: containerResources(SMALL),
      containerSecurityContext: hardenedContainerSecurity(),
    },
  };
}
