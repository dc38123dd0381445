import { hardenedContainerSecurity } from "@platform/kubernetes";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MANAGED_BY } from "./labels";
import { containerResources } from "./security";

export interface LogShipperArgs {
  readonly namespace: pulumi.Input<string>;
  /** The ECK Elasticsearch resource to ship to; ECK wires its address and credentials in. */
  readonly elasticsearchName: string;
  readonly version: string;
  /** How long an index lives after it rolls over, such as `14d`. */
  readonly retention: string;
  /** Replica shards per index: 0 on a single Elasticsearch node, where a replica could never be placed. */
  readonly indexReplicas: number;
  /** The release that installs the Beat resource type. @default none: the type already exists */
  readonly eckCrds?: pulumi.Resource;
}

const NAME = "log-shipper";
const POLICY_DIR = "/usr/share/filebeat/ilm";
const HEALTH_PORT = 5066;

/** The index lifecycle: roll over daily, delete once older than the retention. */
export function indexLifecyclePolicy(retention: string) {
  return {
    policy: {
      phases: {
        hot: { actions: { rollover: { max_age: "1d", max_primary_shard_size: "10gb" } } },
        delete: { min_age: retention, actions: { delete: {} } },
      },
    },
  };
}

/**
 * Filebeat on every node (an ECK Beat), shipping every container's log with its pod's metadata.
 *
 * Runs as root: node log files belong to root and are not world-readable. It keeps every other
 * restriction (no capabilities, no privilege escalation, read-only root filesystem) and reads
 * the API server only to label logs with their pod.
 */
export class LogShipper extends pulumi.ComponentResource {
  constructor(name: string, args: LogShipperArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:observability:LogShipper", name, {}, opts);

    const account = new k8s.core.v1.ServiceAccount(`${name}-account`, { metadata: { name: NAME, namespace: args.namespace, labels: MANAGED_BY } }, { parent: this });
    const role = new k8s.rbac.v1.ClusterRole(
      `${name}-role`,
      {
        metadata: { labels: MANAGED_BY },
        rules: [
          { apiGroups: [""], resources: ["pods", "namespaces", "nodes"], verbs: ["get", "list", "watch"] },
          { apiGroups: ["apps"], resources: ["replicasets"], verbs: ["get", "list", "watch"] },
        ],
      },
      { parent: this },
    );
    new k8s.rbac.v1.ClusterRoleBinding(
      `${name}-binding`,
      {
        metadata: { labels: MANAGED_BY },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role.metadata.name },
        subjects: [{ kind: "ServiceAccount", name: account.metadata.name, namespace: args.namespace }],
      },
      { parent: this },
    );
    const policy = new k8s.core.v1.ConfigMap(
      `${name}-lifecycle`,
      {
        metadata: { name: `${NAME}-lifecycle`, namespace: args.namespace, labels: MANAGED_BY },
        data: { "policy.json": JSON.stringify(indexLifecyclePolicy(args.retention), null, 2) },
      },
      { parent: this },
    );

    const hostLogs = (volume: string, path: string) => ({
      volume: { name: volume, hostPath: { path, type: "Directory" } },
      mount: { name: volume, mountPath: path, readOnly: true },
    });
    const logs = [hostLogs("container-logs", "/var/log/containers"), hostLogs("pod-logs", "/var/log/pods")];

    new k8s.apiextensions.CustomResource(
      `${name}-filebeat`,
      {
        apiVersion: "beat.k8s.elastic.co/v1beta1",
        kind: "Beat",
        metadata: { name: NAME, namespace: args.namespace, labels: MANAGED_BY },
        spec: {
          type: "filebeat",
          version: args.version,
          elasticsearchRef: { name: args.elasticsearchName },
          config: {
            "filebeat.inputs": [
              {
                type: "filestream",
                id: "container-logs",
                paths: ["/var/log/containers/*.log"],
                "prospector.scanner.symlinks": true,
                parsers: [{ container: {} }],
                processors: [
                  { add_kubernetes_metadata: { host: "${NODE_NAME}", matchers: [{ logs_path: { logs_path: "/var/log/containers/" } }] } },
                ],
              },
            ],
            "setup.ilm.enabled": true,
            "setup.ilm.policy_name": `logs-${args.retention}`,
            "setup.ilm.policy_file": `${POLICY_DIR}/policy.json`,
            "setup.ilm.overwrite": true,
            "setup.template.settings": { "index.number_of_replicas": args.indexReplicas },
            "http.enabled": true,
            "http.host": "0.0.0.0",
            "http.port": HEALTH_PORT,
          },
          daemonSet: {
            podTemplate: {
              spec: {
                serviceAccountName: account.metadata.name,
                // add_kubernetes_metadata reads pods from the API server.
                automountServiceAccountToken: true,
                securityContext: { runAsUser: 0, seccompProfile: { type: "RuntimeDefault" } },
                tolerations: [{ operator: "Exists", effect: "NoSchedule" }],
                containers: [
                  {
                    name: "filebeat",
                    env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
                    resources: containerResources({ cpuRequest: "50m", memoryRequest: "100Mi", cpuLimit: "500m", memoryLimit: "300Mi" }),
                    securityContext: hardenedContainerSecurity({ runAsUser: 0 }),
                    livenessProbe: { httpGet: { path: "/", port: HEALTH_PORT }, initialDelaySeconds: 30, periodSeconds: 30 },
                    readinessProbe: { httpGet: { path: "/", port: HEALTH_PORT }, periodSeconds: 10 },
                    volumeMounts: [...logs.map((log) => log.mount), { name: "lifecycle", mountPath: POLICY_DIR, readOnly: true }],
                  },
                ],
                volumes: [...logs.map((log) => log.volume), { name: "lifecycle", configMap: { name: policy.metadata.name } }],
              },
            },
          },
        },
      },
      { parent: this, dependsOn: args.eckCrds ? [args.eckCrds] : [] },
    );
    this.registerOutputs({});
  }
}
