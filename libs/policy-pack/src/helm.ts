import { asRecord } from "./resource";

/**
 * A third-party chart deployed as one resource whose rendered objects the policy engine never
 * sees. What the platform controls, and so what rules can check, is the values it passes.
 */
export interface ChartRelease {
  readonly subject: string;
  readonly chart: string;
  readonly version: unknown;
  readonly repository: unknown;
  readonly values: Record<string, unknown>;
}

export const HELM_RELEASE_TYPE = "kubernetes:helm.sh/v3:Release";
export const HELM_CHART_V4_TYPE = "kubernetes:helm.sh/v4:Chart";
/** `@pulumi/kubernetes-ingress-nginx`: a Helm release behind a typed component. */
export const INGRESS_NGINX_TYPE = "kubernetes-ingress-nginx:index:IngressController";

export function chartReleaseOf(type: string, name: string, props: Record<string, unknown>): ChartRelease | undefined {
  if (type === HELM_RELEASE_TYPE || type === HELM_CHART_V4_TYPE) {
    const chart = typeof props.chart === "string" ? props.chart : name;
    return {
      subject: `Helm release ${JSON.stringify(props.name ?? name)} (chart ${chart})`,
      chart,
      version: props.version,
      repository: asRecord(props.repositoryOpts).repo ?? (chart.startsWith("oci://") ? chart : undefined),
      values: asRecord(props.values),
    };
  }
  if (type === INGRESS_NGINX_TYPE) {
    const { helmOptions, ...values } = props;
    const options = asRecord(helmOptions);
    return {
      subject: `ingress-nginx controller "${name}"`,
      chart: "ingress-nginx",
      // The component pins its chart version; an explicit helmOptions.version overrides it.
      version: options.version ?? "pinned by @pulumi/kubernetes-ingress-nginx",
      repository: asRecord(options.repositoryOpts).repo ?? "pinned by @pulumi/kubernetes-ingress-nginx",
      values: mergeValues(values, asRecord(options.values)),
    };
  }
  return undefined;
}

/** Helm's own merge: maps merge key by key, anything else in `override` replaces. */
export function mergeValues(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const isMap = (item: unknown) => typeof item === "object" && item !== null && !Array.isArray(item);
    merged[key] = isMap(value) && isMap(merged[key]) ? mergeValues(asRecord(merged[key]), asRecord(value)) : value;
  }
  return merged;
}

export interface ValueNode {
  /** Dotted path in the values, such as `controller.resources`. */
  readonly path: string;
  readonly key: string;
  readonly value: unknown;
  /** The object that holds the key, where sibling settings (a PDB beside replicas) live. */
  readonly parent: Record<string, unknown>;
  readonly parentPath: string;
  /** The objects that hold the parent, nearest first, with their paths. */
  readonly ancestors: readonly { readonly path: string; readonly value: Record<string, unknown> }[];
}

/** Every key of the values, depth first, arrays included (`extraContainers[0].resources`). */
export function walkValues(values: unknown, path = "", ancestors: ValueNode["ancestors"] = []): ValueNode[] {
  if (Array.isArray(values)) return values.flatMap((item, index) => walkValues(item, `${path}[${index}]`, ancestors));
  if (typeof values !== "object" || values === null) return [];
  const parent = values as Record<string, unknown>;
  const inside = [{ path, value: parent }, ...ancestors];
  return Object.entries(parent).flatMap(([key, value]) => {
    const childPath = path ? `${path}.${key}` : key;
    return [{ path: childPath, key, value, parent, parentPath: path, ancestors }, ...walkValues(value, childPath, inside)];
  });
}

/** `values.controller.resources`, or `values` for the top level, as a person would write it. */
export function valuesPath(path: string): string {
  return path ? `values.${path}` : "values";
}
