import type { StackPlan } from "@platform/offline-plan";
import type { DeclaredRelease, DeclaredSecret, StackDeclarations } from "./ownership-rules";

const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";
const INGRESS_NGINX = "kubernetes-ingress-nginx:index:IngressController";
const CLUSTER_ISSUER = "kubernetes:cert-manager.io/v1:ClusterIssuer";

/**
 * What the stacks of one environment install that the cluster cannot tell us: their Helm releases
 * and the Secrets their ClusterIssuers ask cert-manager to write, read from the offline plans.
 */
export function stackDeclarations(plans: readonly StackPlan[]): StackDeclarations {
  const releases: DeclaredRelease[] = [];
  const secrets: DeclaredSecret[] = [];
  for (const plan of plans) {
    const stack = `${plan.project}/${plan.stack}`;
    for (const resource of plan.resources) {
      if (resource.type === CLUSTER_ISSUER) {
        const name = (resource.inputs.spec as { acme?: { privateKeySecretRef?: { name?: unknown } } } | undefined)?.acme?.privateKeySecretRef?.name;
        if (typeof name === "string" && isKnown(name)) secrets.push({ name, stack, reason: "ACME account key of a ClusterIssuer" });
        continue;
      }
      const options =
        resource.type === HELM_RELEASE
          ? resource.inputs
          : resource.type === INGRESS_NGINX
            ? ((resource.inputs.helmOptions as Record<string, unknown> | undefined) ?? {})
            : undefined;
      if (!options) continue;
      // Helm installs a release without a namespace into the provider's default namespace.
      const namespace = typeof options.namespace === "string" && isKnown(options.namespace) ? options.namespace : "default";
      // A release without a name gets one from Pulumi: `<resource name>-<random suffix>`.
      releases.push(
        typeof options.name === "string" && isKnown(options.name)
          ? { namespace, name: options.name, stack }
          : { namespace, namePrefix: `${resource.name}-`, stack },
      );
    }
  }
  return { releases, secrets };
}

function isKnown(value: string): boolean {
  return !value.startsWith("<known after deploy");
}
