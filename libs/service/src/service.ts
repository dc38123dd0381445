import { createHash } from "node:crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformServiceArgs } from "./args";
import { resolveServiceArgs } from "./defaults";
import { imageReference } from "./image";
import { availabilitySlo, dashboardConfigMap, publicProbe, serviceMonitor, type MonitoringTarget } from "./monitoring";
import { networkPolicySpec } from "./network-policy";
import { podTemplate } from "./pod";
import { hostRoutes, publishRoutes } from "./routes";
import { ingressNginxEdge } from "@platform/networking-contract";
import { ServiceArgsError, serviceArgProblems } from "./validate";
import { claimNameOf, claimSizePatches, claimTemplateSizePaths, statefulClaims } from "./volume-claims";
import { deploymentSpec, statefulSetSpec } from "./workload";

/** Short content hash: a ConfigMap or Secret named after its content rolls the pods when it changes. */
function contentHash(entries: Readonly<Record<string, string>>): string {
  const text = Object.keys(entries)
    .sort()
    .map((key) => `${key}=${entries[key]}`)
    .join("\n");
  return createHash("sha256").update(text).digest("hex").slice(0, 10);
}

/**
 * A service as an app team describes it, with everything production needs: a locked-down
 * Deployment (or a StatefulSet for data on a volume), its Service, Ingress with TLS, autoscaler,
 * disruption budget, network policy, settings, monitoring and SLO, all in the tenant namespace.
 */
export class PlatformService extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  /** Name of the ClusterIP Service, the Deployment or StatefulSet and the ServiceAccount. */
  readonly serviceName: string;
  /** Labels that select the service's pods. */
  readonly selectorLabels: Readonly<Record<string, string>>;
  /** Labels on every object of the service, the selector's among them. */
  readonly labels: Readonly<Record<string, string>>;
  readonly workload: k8s.apps.v1.Deployment | k8s.apps.v1.StatefulSet;
  /** Public host, or empty without an Ingress. */
  readonly host: pulumi.Output<string>;
  /** `https://<host>`, or empty without an Ingress. */
  readonly url: pulumi.Output<string>;
  /** The tenant's registry pull secret, or empty where the registry needs none. */
  readonly imagePullSecret: pulumi.Output<string>;
  /** UID and GID the pods run as, and own their volumes' files with: what a sidecar job must run as too. */
  readonly runAsUser: number;

  constructor(name: string, rawArgs: PlatformServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:service:PlatformService", name, {}, opts);
    const args = resolveServiceArgs(rawArgs);
    const problems = serviceArgProblems(name, args);
    if (problems.length > 0) throw new ServiceArgsError(name, problems);

    const { clusterBase, networking, observability, tenant } = args.platform;
    const parent = { parent: this };
    const stateful = args.volumes.length > 0;
    this.serviceName = name;
    this.runAsUser = args.runAsUser;
    this.selectorLabels = { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": name };
    const labels = {
      ...args.labels,
      ...this.selectorLabels,
      "app.kubernetes.io/part-of": tenant,
      "app.kubernetes.io/managed-by": "pulumi",
    };
    this.labels = labels;

    const tenantNamespace = clusterBase.tenants.apply((tenants) => {
      const found = tenants[tenant];
      if (!found) {
        throw new pulumi.ResourceError(
          `platform.tenant is "${tenant}", which cluster-base does not publish: expected one of ${Object.keys(tenants).join(", ")}`,
          this,
        );
      }
      return found;
    });
    this.namespace = tenantNamespace.namespace;
    this.imagePullSecret = tenantNamespace.imagePullSecret;
    const metadata = { name, namespace: this.namespace, labels };

    const serviceAccount = new k8s.core.v1.ServiceAccount(
      `${name}-service-account`,
      { metadata, automountServiceAccountToken: false },
      parent,
    );

    const config = Object.keys(args.env).length
      ? new k8s.core.v1.ConfigMap(
          `${name}-config`,
          { metadata: { ...metadata, name: `${name}-config-${contentHash(args.env)}` }, data: { ...args.env } },
          parent,
        )
      : undefined;

    // The Secret is named by the provider (`<name>-secrets-<random suffix>`), never after its
    // values: a digest of low-entropy values can be reversed offline. A change of any value
    // replaces it under a new random name, which rolls the pods as kustomize's secretGenerator
    // does; the old Secret is deleted once the workload no longer reads it.
    const secret = Object.keys(args.secretEnv).length
      ? new k8s.core.v1.Secret(
          `${name}-secrets`,
          { metadata: { labels, namespace: this.namespace }, type: "Opaque", immutable: true, stringData: pulumi.secret(pulumi.all(args.secretEnv)) },
          { ...parent, replaceOnChanges: ["stringData", "data"] },
        )
      : undefined;

    const template = podTemplate(args, {
      labels,
      selectorLabels: this.selectorLabels,
      serviceAccountName: serviceAccount.metadata.name,
      image: clusterBase.registryServer.apply((registry) => imageReference(registry, args.image)),
      imagePullSecret: tenantNamespace.imagePullSecret,
      configMapName: config?.metadata.name,
      secretName: secret?.metadata.name,
    });
    const workloadInputs = { name, labels, selectorLabels: this.selectorLabels, template, storageClass: clusterBase.storageClass };
    this.workload = stateful
      ? new k8s.apps.v1.StatefulSet(
          `${name}-statefulset`,
          { metadata, spec: statefulSetSpec(args, workloadInputs) },
          // Claim templates cannot change in place (a storage class change replaces the object; the
          // claims are kept: Retain); a new size goes to the claims themselves, below.
          { ...parent, deleteBeforeReplace: true, ignoreChanges: claimTemplateSizePaths(args.volumes) },
        )
      : new k8s.apps.v1.Deployment(`${name}-deployment`, { metadata, spec: deploymentSpec(args, workloadInputs) }, parent);

    if (stateful) {
      const runningPods = args.autoscaling ? (args.autoscaling.minReplicas ?? 1) : args.replicas;
      claimSizePatches(name, statefulClaims(name, args.volumes, runningPods), this.namespace, { ...parent, dependsOn: [this.workload] });
    }

    const servicePorts = args.ports.map((port) => ({ name: port.name, port: port.port, targetPort: port.name, protocol: port.protocol }));
    const service = new k8s.core.v1.Service(
      `${name}-service`,
      { metadata, spec: { type: "ClusterIP", selector: { ...this.selectorLabels }, ports: servicePorts } },
      parent,
    );

    if (args.loadBalancerPort !== undefined) {
      new k8s.core.v1.Service(
        `${name}-load-balancer`,
        {
          metadata: { ...metadata, name: `${name}-public` },
          spec: {
            type: "LoadBalancer",
            externalTrafficPolicy: "Local",
            selector: { ...this.selectorLabels },
            ports: servicePorts.filter((port) => port.name === args.loadBalancerPort),
          },
        },
        parent,
      );
    }

    const routes = hostRoutes(name, args, networking.baseDomain);
    if (routes.length > 0) {
      this.host = pulumi.output(routes[0]!.host);
      this.url = pulumi.interpolate`https://${this.host}`;
      // Which edges serve is the networking stack's to say; the routes follow it, so a migration
      // between edges publishes both, then only the new one, without a change here.
      const target = { metadata, serviceName: service.metadata.name, clusterIssuer: networking.clusterIssuer, selectorLabels: this.selectorLabels, parent: this };
      networking.edges.apply((edges) => publishRoutes(name, routes, edges, target));
    } else {
      this.host = pulumi.output("");
      this.url = pulumi.output("");
    }

    const scaleTargetRef = { apiVersion: "apps/v1", kind: stateful ? "StatefulSet" : "Deployment", name: this.workload.metadata.name };
    if (args.autoscaling) {
      new k8s.autoscaling.v2.HorizontalPodAutoscaler(
        `${name}-autoscaler`,
        {
          metadata,
          spec: {
            scaleTargetRef,
            minReplicas: args.autoscaling.minReplicas,
            maxReplicas: args.autoscaling.maxReplicas,
            behavior: { scaleDown: { stabilizationWindowSeconds: args.autoscaling.scaleDownStabilizationSeconds } },
            metrics: [
              {
                type: "Resource",
                resource: { name: "cpu", target: { type: "Utilization", averageUtilization: args.autoscaling.cpuUtilizationPercent } },
              },
            ],
          },
        },
        parent,
      );
    }

    new k8s.policy.v1.PodDisruptionBudget(
      `${name}-disruption-budget`,
      {
        metadata,
        spec: {
          selector: { matchLabels: { ...this.selectorLabels } },
          // One pod at a time may be evicted, whatever the replica count: a drain always makes
          // progress, and with two or more replicas the others keep serving.
          maxUnavailable: 1,
          // A pod that is not ready serves nobody; it must not hold up a node drain.
          unhealthyPodEvictionPolicy: "AlwaysAllow",
        },
      },
      parent,
    );

    new k8s.networking.v1.NetworkPolicy(
      `${name}-network-policy`,
      {
        metadata,
        spec: pulumi
          .all([networking.edges, observability.prometheusNamespace, observability.prometheusPodLabels])
          .apply(([edges, prometheusNamespace, prometheusPodLabels]) => {
            const controller = ingressNginxEdge(edges);
            return networkPolicySpec(args, this.selectorLabels, {
              ingressController: controller && { namespace: controller.controllerNamespace, podLabels: controller.controllerPodLabels },
              prometheusNamespace,
              prometheusPodLabels,
            });
          }),
      },
      parent,
    );

    const target: MonitoringTarget = { name, namespace: this.namespace, labels, selectorLabels: this.selectorLabels, parent: this };
    dashboardConfigMap(target, observability.dashboardLabels);
    if (args.metrics) serviceMonitor(target, args.metrics, observability.monitorLabels);
    if (args.ingress) {
      const healthUrl = pulumi.interpolate`${this.url}${args.health.path ?? args.ingress.path}`;
      publicProbe(target, healthUrl, observability.blackboxExporterUrl, observability.monitorLabels);
      availabilitySlo(target, networking.edges.apply((edges) => edges[0]!.kind), args.sloObjective!, observability.ruleLabels);
    }

    this.registerOutputs({ namespace: this.namespace, serviceName: this.serviceName, host: this.host, url: this.url });
  }

  /** The claim that the StatefulSet's pod `ordinal` mounts for a volume: `<volume>-<name>-<ordinal>`. */
  claimName(volume: string, ordinal = 0): string {
    return claimNameOf(volume, this.serviceName, ordinal);
  }
}
