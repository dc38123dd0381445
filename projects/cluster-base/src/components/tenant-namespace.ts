import { podSecurityNamespace, PUBLIC_ROUTES_LABEL } from "@platform/kubernetes";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { TenantConfig } from "../config";

export interface TenantNamespaceArgs extends TenantConfig {
  readonly environment: string;
  /** Read-only registry credentials to place in the namespace. @default none: images need no pull secret */
  readonly dockerConfigJson?: pulumi.Input<string>;
}

export const IMAGE_PULL_SECRET_NAME = "registry-pull";

/**
 * A namespace handed to one application, with the limits the platform team sets for it: a quota
 * on what it may request in total, defaults and ceilings for each container, and the restricted
 * Pod Security Standard enforced on every pod.
 */
export class TenantNamespace extends pulumi.ComponentResource {
  readonly namespace: k8s.core.v1.Namespace;
  readonly namespaceName: pulumi.Output<string>;
  /** Name of the pull secret in the namespace, or empty when the registry needs none. */
  readonly imagePullSecret: pulumi.Output<string>;

  constructor(name: string, args: TenantNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cluster-base:TenantNamespace", name, {}, opts);
    const labels = {
      "app.kubernetes.io/managed-by": "pulumi",
      "app.kubernetes.io/part-of": "degen-platform",
      "platform.degen.dev/tenant": name,
      "platform.degen.dev/environment": args.environment,
      ...PUBLIC_ROUTES_LABEL,
    };

    this.namespace = podSecurityNamespace(`${name}-namespace`, { name, enforce: "restricted", labels }, { parent: this });
    const namespace = this.namespace.metadata.name;
    const metadata = { namespace, labels: { "app.kubernetes.io/managed-by": "pulumi" } };

    new k8s.core.v1.ResourceQuota(
      `${name}-quota`,
      {
        metadata: { ...metadata, name: "tenant-quota" },
        spec: {
          hard: {
            "requests.cpu": args.quota.requestsCpu,
            "requests.memory": args.quota.requestsMemory,
            "limits.cpu": args.quota.limitsCpu,
            "limits.memory": args.quota.limitsMemory,
            "requests.storage": args.quota.storage,
            persistentvolumeclaims: String(args.quota.persistentVolumeClaims),
            pods: String(args.quota.pods),
            // Public entry goes through the shared ingress controller, never a per-app load balancer.
            "services.loadbalancers": "0",
            "services.nodeports": "0",
          },
        },
      },
      { parent: this },
    );

    new k8s.core.v1.LimitRange(
      `${name}-limits`,
      {
        metadata: { ...metadata, name: "container-limits" },
        spec: {
          limits: [
            {
              type: "Container",
              defaultRequest: { cpu: args.containerDefaults.cpuRequest, memory: args.containerDefaults.memoryRequest },
              default: { cpu: args.containerDefaults.cpuLimit, memory: args.containerDefaults.memoryLimit },
              max: { cpu: args.containerMax.cpu, memory: args.containerMax.memory },
            },
          ],
        },
      },
      { parent: this },
    );

    if (args.dockerConfigJson !== undefined) {
      const secret = new k8s.core.v1.Secret(
        `${name}-registry-pull`,
        {
          metadata: { ...metadata, name: IMAGE_PULL_SECRET_NAME },
          type: "kubernetes.io/dockerconfigjson",
          stringData: { ".dockerconfigjson": args.dockerConfigJson },
        },
        { parent: this },
      );
      this.imagePullSecret = secret.metadata.name;
    } else {
      this.imagePullSecret = pulumi.output("");
    }

    this.namespaceName = namespace;
    this.registerOutputs({ namespace: this.namespaceName, imagePullSecret: this.imagePullSecret });
  }
}
