import type { StackPlan } from "@platform/offline-plan";
import type { DeclaredRelease } from "./ownership-rules";

const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";
const INGRESS_NGINX = "kubernetes-ingress-nginx:index:IngressController";

/**
 * The Helm releases that the stacks of one environment install, read from their offline plans.
 * A release without an explicit name is auto-named by Pulumi `<resource name>-<random suffix>`.
 */
export function declaredReleases(plans: readonly StackPlan[]): DeclaredRelease[] {
  const releases: DeclaredRelease[] = [];
  for (const plan of plans) {
    for (const resource of plan.resources) {
      const options =
        resource.type === HELM_RELEASE
          ? resource.inputs
          : resource.type === INGRESS_NGINX
            ? ((resource.inputs.helmOptions as Record<string, unknown> | undefined) ?? {})
            : undefined;
      if (!options) continue;
      const namespace = typeof options.namespace === "string" && isKnown(options.namespace) ? options.namespace : "default";
      const stack = `${plan.project}/${plan.stack}`;
      releases.push(
        typeof options.name === "string" && isKnown(options.name)
          ? { namespace, name: options.name, stack }
          : { namespace, namePrefix: `${resource.name}-`, stack },
      );
    }
  }
  return releases;
}

function isKnown(value: string): boolean {
  return !value.startsWith("<known after deploy");
}
