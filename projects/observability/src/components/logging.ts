import { restrictedContainerSecurity, restrictedPodSecurity } from "@platform/kubernetes";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ingressNginxEdge, type IngressNginxEdge } from "@platform/networking-contract";
import { LogShipper } from "./log-shipper";
import { layerNamespace } from "./layer-namespace";
import { MANAGED_BY } from "./labels";
import { declareGatewayRoute, type PublicIngress, type UiRoute } from "./public-ui";
import { containerResources, LAYER_POD_SECURITY, type ContainerResources } from "./security";

/** Chart pinned so that an upgrade is a reviewed change, never a surprise on the next deploy. */
export const ECK_OPERATOR_CHART = {
  chart: "eck-operator",
  version: "3.5.0",
  repository: "https://helm.elastic.co",
} as const;

/** Version of Elasticsearch, Kibana and Filebeat: they upgrade together. */
export const ELASTIC_STACK_VERSION = "8.19.0";

/** Name of the Elasticsearch cluster; ECK derives its service (`<name>-es-http`) from it. */
export const ELASTICSEARCH_NAME = "logs";

/** Kibana's Service, which ECK names `<name>-kb-http` after the Kibana resource, on Kibana's port. */
export const KIBANA_SERVICE = { name: `${ELASTICSEARCH_NAME}-kb-http`, port: 5601 } as const;

export interface LoggingArgs {
  /** Namespace to create for the operator, Elasticsearch, Kibana and the shipper. */
  readonly namespace: string;
  readonly environment: string;
  /** How long log indices live, such as `14d`. */
  readonly retention: string;
  readonly storageClass: pulumi.Input<string>;
  readonly elasticsearch: { readonly nodes: number; readonly storageSize: string; readonly resources: ContainerResources };
  readonly kibana: { readonly replicas: number; readonly resources: ContainerResources };
  /** Operator replicas; one leads, the others stand by. @default 1 */
  readonly operatorReplicas?: number;
  /** Where Kibana is published: host names, edges and TLS from the networking stack. */
  readonly ingress: PublicIngress;
}

/**
 * Logs: the ECK operator, an Elasticsearch cluster on persistent volumes, Kibana behind each public
 * edge with TLS, and a shipper on every node whose indices expire after the retention.
 */
export class Logging extends pulumi.ComponentResource {
  readonly kibanaUrl: pulumi.Output<string>;
  readonly elasticsearchEndpoint: pulumi.Output<string>;

  constructor(name: string, args: LoggingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:observability:Logging", name, {}, opts);
    const operatorReplicas = args.operatorReplicas ?? 1;
    const kibanaHost = pulumi.interpolate`kibana.${args.ingress.baseDomain}`;

    const namespace = layerNamespace(`${name}-namespace`, { namespace: args.namespace, environment: args.environment }, { parent: this });
    const ns = namespace.metadata.name;

    const operator = new k8s.helm.v3.Release(
      `${name}-operator`,
      {
        name: "eck-operator",
        namespace: ns,
        chart: ECK_OPERATOR_CHART.chart,
        version: ECK_OPERATOR_CHART.version,
        repositoryOpts: { repo: ECK_OPERATOR_CHART.repository },
        atomic: true,
        values: {
          installCRDs: true,
          // The operator manages this namespace only, not every namespace of the cluster.
          managedNamespaces: [args.namespace],
          replicaCount: operatorReplicas,
          // The chart defaults minAvailable to 1 and writes each key it is given into the budget,
          // so maxUnavailable beside it would make a budget the API server refuses: one standby
          // at a time is said as minAvailable instead.
          podDisruptionBudget: { enabled: operatorReplicas > 1, minAvailable: operatorReplicas - 1 },
          resources: containerResources({ cpuRequest: "100m", memoryRequest: "150Mi", cpuLimit: "1", memoryLimit: "512Mi" }),
          podSecurityContext: restrictedPodSecurity(),
          securityContext: restrictedContainerSecurity(),
        },
      },
      { parent: this },
    );
    const afterOperator = { parent: this, dependsOn: [operator] };

    const singleNode = args.elasticsearch.nodes === 1;
    new k8s.apiextensions.CustomResource(
      `${name}-elasticsearch`,
      {
        apiVersion: "elasticsearch.k8s.elastic.co/v1",
        kind: "Elasticsearch",
        metadata: { name: ELASTICSEARCH_NAME, namespace: ns, labels: MANAGED_BY },
        spec: {
          version: ELASTIC_STACK_VERSION,
          nodeSets: [
            {
              name: "default",
              count: args.elasticsearch.nodes,
              // Without mmap, Elasticsearch needs no privileged init container to raise vm.max_map_count.
              config: { "node.store.allow_mmap": false },
              podTemplate: {
                spec: {
                  automountServiceAccountToken: false,
                  securityContext: LAYER_POD_SECURITY,
                  containers: [
                    {
                      name: "elasticsearch",
                      resources: containerResources(args.elasticsearch.resources),
                      securityContext: restrictedContainerSecurity(),
                    },
                  ],
                },
              },
              volumeClaimTemplates: [
                {
                  metadata: { name: "elasticsearch-data" },
                  spec: {
                    accessModes: ["ReadWriteOnce"],
                    storageClassName: args.storageClass,
                    resources: { requests: { storage: args.elasticsearch.storageSize } },
                  },
                },
              ],
            },
          ],
        },
      },
      afterOperator,
    );

    new k8s.apiextensions.CustomResource(
      `${name}-kibana`,
      {
        apiVersion: "kibana.k8s.elastic.co/v1",
        kind: "Kibana",
        metadata: { name: ELASTICSEARCH_NAME, namespace: ns, labels: MANAGED_BY },
        spec: {
          version: ELASTIC_STACK_VERSION,
          count: args.kibana.replicas,
          elasticsearchRef: { name: ELASTICSEARCH_NAME },
          config: { "server.publicBaseUrl": pulumi.interpolate`https://${kibanaHost}` },
          // TLS ends at the public edge, with a certificate browsers trust.
          http: { tls: { selfSignedCertificate: { disabled: true } } },
          podTemplate: {
            spec: {
              automountServiceAccountToken: false,
              securityContext: LAYER_POD_SECURITY,
              containers: [
                {
                  name: "kibana",
                  resources: containerResources(args.kibana.resources),
                  // ECK itself mounts writable volumes at /tmp and Kibana's data directory.
                  securityContext: restrictedContainerSecurity(),
                },
              ],
            },
          },
        },
      },
      afterOperator,
    );

    const kibanaRoute = { name: "kibana", namespace: ns, host: kibanaHost, service: KIBANA_SERVICE };
    pulumi.output(args.ingress.edges).apply((edges) => {
      const controller = ingressNginxEdge(edges);
      if (controller) this.kibanaIngress(name, kibanaRoute, controller, args.ingress.clusterIssuer);
      declareGatewayRoute(`${name}-kibana-route`, kibanaRoute, edges, { parent: this });
    });

    new LogShipper(
      `${name}-shipper`,
      {
        namespace: ns,
        elasticsearchName: ELASTICSEARCH_NAME,
        version: ELASTIC_STACK_VERSION,
        retention: args.retention,
        indexReplicas: singleNode ? 0 : 1,
        eckCrds: operator,
      },
      { parent: this },
    );

    this.kibanaUrl = pulumi.interpolate`https://${kibanaHost}`;
    this.elasticsearchEndpoint = pulumi.interpolate`https://${ELASTICSEARCH_NAME}-es-http.${ns}.svc:9200`;
    this.registerOutputs({ kibanaUrl: this.kibanaUrl, elasticsearchEndpoint: this.elasticsearchEndpoint });
  }

  /** Kibana's Ingress on ingress-nginx, with a certificate from the cluster issuer. */
  private kibanaIngress(name: string, route: UiRoute, controller: IngressNginxEdge, clusterIssuer: pulumi.Input<string>): void {
    new k8s.networking.v1.Ingress(
      `${name}-kibana`,
      {
        metadata: {
          name: route.name,
          namespace: route.namespace,
          labels: { ...MANAGED_BY, "app.kubernetes.io/name": "kibana" },
          annotations: { "cert-manager.io/cluster-issuer": clusterIssuer },
        },
        spec: {
          ingressClassName: controller.ingressClassName,
          tls: [{ hosts: [route.host], secretName: "kibana-tls" }],
          rules: [
            {
              host: route.host,
              http: {
                paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: route.service.name, port: { number: route.service.port } } } }],
              },
            },
          ],
        },
      },
      { parent: this },
    );
  }
}
