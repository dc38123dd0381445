import { dashboardConfigMapData, platformOverviewDashboard } from "@platform/dashboards";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { ingressNginxEdge } from "@platform/networking-contract";
import { alertmanagerConfig } from "./alertmanager-config";
import { layerNamespace } from "./layer-namespace";
import { DASHBOARD_LABELS, MANAGED_BY, MONITORING_RELEASE } from "./labels";
import { GRAFANA_ADMIN_KEYS, GRAFANA_SERVICE, KUBE_PROMETHEUS_STACK_CHART, kubePrometheusStackValues } from "./monitoring-values";
import { declareOperatorClaims, OPERATOR_TEMPLATE_SIZE_PATHS, operatorClaims } from "./operator-volumes";
import { declareGatewayRoute, type PublicIngress } from "./public-ui";
import type { ContainerResources } from "./security";

export interface MonitoringStackArgs {
  /** Namespace to create for Prometheus, Alertmanager and Grafana. */
  readonly namespace: string;
  readonly environment: string;
  /** Storage class of the Prometheus and Alertmanager volumes (cluster-base's storageClass). */
  readonly storageClass: pulumi.Input<string>;
  readonly prometheus: { retention: string; storageSize: string; replicas: number; resources: ContainerResources };
  readonly alertmanager: { replicas: number; storageSize: string; slackChannel: string };
  /** @default 1; more replicas get a disruption budget and, on ingress-nginx, sticky sessions */
  readonly grafanaReplicas?: number;
  /** Where Grafana and Alertmanager are published: host names, edges and TLS from the networking stack. */
  readonly ingress: PublicIngress;
  /** @default none: alerts are only visible in Alertmanager */
  readonly slackWebhookUrl?: pulumi.Input<string>;
  /** @default none: pages go to Slack, when a webhook is set */
  readonly pagerdutyRoutingKey?: pulumi.Input<string>;
  /**
   * Installs kube-prometheus-stack. Off where the cluster already runs prometheus-operator and its
   * CRDs: only the namespace and the platform dashboard are created, and no URL is published.
   * @default true
   */
  readonly installChart?: boolean;
}

const ADMIN_USER = "admin";

/**
 * kube-prometheus-stack (Prometheus, Alertmanager, Grafana, kube-state-metrics, node-exporter)
 * with generated credentials kept in Secrets, alert routing kept in a Secret, and the platform
 * overview dashboard.
 */
export class MonitoringStack extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  /** The release that installs prometheus-operator's CRDs; none where the cluster already runs it. */
  readonly release?: k8s.helm.v3.Release;
  /** Grafana's public URL; empty where this stack does not install it. */
  readonly grafanaUrl: pulumi.Output<string>;
  /** Alertmanager's public URL; empty where this stack does not install it. */
  readonly alertmanagerUrl: pulumi.Output<string>;

  constructor(name: string, args: MonitoringStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:observability:MonitoringStack", name, {}, opts);
    const grafanaReplicas = args.grafanaReplicas ?? 1;
    const grafanaHost = pulumi.interpolate`grafana.${args.ingress.baseDomain}`;
    const alertmanagerHost = pulumi.interpolate`alertmanager.${args.ingress.baseDomain}`;

    const namespace = layerNamespace(`${name}-namespace`, { namespace: args.namespace, environment: args.environment }, { parent: this });
    this.namespace = namespace.metadata.name;
    this.dashboard(name);

    if (args.installChart === false) {
      this.grafanaUrl = pulumi.output("");
      this.alertmanagerUrl = pulumi.output("");
      this.registerOutputs({ namespace: this.namespace });
      return;
    }
    const metadata = (secretName: string) => ({ name: secretName, namespace: this.namespace, labels: MANAGED_BY });

    const grafanaPassword = new random.RandomPassword(`${name}-grafana-admin`, { length: 32, special: false }, { parent: this });
    const grafanaAdmin = new k8s.core.v1.Secret(
      `${name}-grafana-admin`,
      {
        metadata: metadata("grafana-admin"),
        stringData: { [GRAFANA_ADMIN_KEYS.user]: ADMIN_USER, [GRAFANA_ADMIN_KEYS.password]: grafanaPassword.result },
      },
      { parent: this },
    );

    // Alertmanager has no login of its own: ingress-nginx asks for this password first.
    const alertmanagerPassword = new random.RandomPassword(`${name}-alertmanager-auth`, { length: 32, special: false }, { parent: this });
    const basicAuth = new k8s.core.v1.Secret(
      `${name}-alertmanager-auth`,
      {
        metadata: metadata("alertmanager-basic-auth"),
        // `auth` is the htpasswd file ingress-nginx reads; `password` is for the people who log in.
        stringData: { auth: pulumi.interpolate`${ADMIN_USER}:${alertmanagerPassword.bcryptHash}`, password: alertmanagerPassword.result },
      },
      { parent: this },
    );

    const routing = new k8s.core.v1.Secret(
      `${name}-alertmanager-config`,
      {
        metadata: metadata("alertmanager-config"),
        stringData: {
          "alertmanager.yaml": pulumi
            .all([args.slackWebhookUrl, args.pagerdutyRoutingKey])
            .apply(([slackWebhookUrl, pagerdutyRoutingKey]) =>
              JSON.stringify(
                alertmanagerConfig({ slackWebhookUrl, pagerdutyRoutingKey, slackChannel: args.alertmanager.slackChannel }),
                null,
                2,
              ),
            ),
        },
      },
      { parent: this },
    );

    // The chart's Ingresses are ingress-nginx's; where that edge does not serve, the chart makes none.
    const ingressClass = pulumi.output(args.ingress.edges).apply((edges) => ingressNginxEdge(edges)?.ingressClassName);
    const values = pulumi
      .all([args.storageClass, grafanaHost, alertmanagerHost, ingressClass, args.ingress.clusterIssuer])
      .apply(([storageClass, grafana, alertmanager, ingressClassName, clusterIssuer]) =>
        kubePrometheusStackValues({
          storageClass,
          prometheus: args.prometheus,
          alertmanager: {
            replicas: args.alertmanager.replicas,
            storageSize: args.alertmanager.storageSize,
            configSecret: "alertmanager-config",
            endpoint: {
              host: alertmanager,
              ingressClassName,
              clusterIssuer,
              annotations: {
                "nginx.ingress.kubernetes.io/auth-type": "basic",
                "nginx.ingress.kubernetes.io/auth-secret": "alertmanager-basic-auth",
                "nginx.ingress.kubernetes.io/auth-realm": "Alertmanager",
              },
            },
          },
          grafana: { adminSecret: "grafana-admin", replicas: grafanaReplicas, endpoint: { host: grafana, ingressClassName, clusterIssuer } },
        }),
      );

    const release = new k8s.helm.v3.Release(
      name,
      {
        name: MONITORING_RELEASE,
        namespace: this.namespace,
        chart: KUBE_PROMETHEUS_STACK_CHART.chart,
        version: KUBE_PROMETHEUS_STACK_CHART.version,
        repositoryOpts: { repo: KUBE_PROMETHEUS_STACK_CHART.repository },
        atomic: true,
        timeout: 900,
        values,
      },
      // Volume sizes after the first install go to the claims themselves (operator-volumes.ts).
      { parent: this, dependsOn: [grafanaAdmin, basicAuth, routing], ignoreChanges: [...OPERATOR_TEMPLATE_SIZE_PATHS] },
    );
    this.release = release;
    declareOperatorClaims(
      name,
      operatorClaims({
        prometheus: { replicas: args.prometheus.replicas, storageSize: args.prometheus.storageSize },
        alertmanager: { replicas: args.alertmanager.replicas, storageSize: args.alertmanager.storageSize },
      }),
      { namespace: this.namespace, storageClass: args.storageClass },
      { parent: this },
    );

    // Alertmanager has no login of its own, and the Gateway has no basic authentication to ask for
    // first as ingress-nginx does, so only Grafana is routed there: its Alertmanager data source
    // shows the alerts and silences behind Grafana's login.
    const grafanaRoute = { name: "grafana", namespace: this.namespace, host: grafanaHost, service: GRAFANA_SERVICE };
    pulumi
      .output(args.ingress.edges)
      .apply((edges) => declareGatewayRoute(`${name}-grafana-route`, grafanaRoute, edges, { parent: this, dependsOn: [release] }));

    this.grafanaUrl = pulumi.interpolate`https://${grafanaHost}`;
    // Published only where ingress-nginx serves it behind basic authentication.
    this.alertmanagerUrl = pulumi
      .all([args.ingress.edges, alertmanagerHost])
      .apply(([edges, host]) => (edges.some((edge) => edge.kind === "ingress-nginx") ? `https://${host}` : ""));
    this.registerOutputs({ namespace: this.namespace, grafanaUrl: this.grafanaUrl, alertmanagerUrl: this.alertmanagerUrl });
  }

  /** The platform overview, which Grafana's sidecar loads from any namespace by its label. */
  private dashboard(name: string): void {
    new k8s.core.v1.ConfigMap(
      `${name}-platform-dashboard`,
      {
        metadata: { name: "platform-overview-dashboard", namespace: this.namespace, labels: { ...MANAGED_BY, ...DASHBOARD_LABELS } },
        data: dashboardConfigMapData(platformOverviewDashboard()),
      },
      { parent: this },
    );
  }
}
