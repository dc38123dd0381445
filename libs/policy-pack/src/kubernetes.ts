import type { ResourceValidation } from "@pulumi/policy";
import { asArray, asRecord, type ReportViolation, type ResourceValidationArgs } from "./resource";

/** `kubernetes:apps/v1:Deployment` -> `Deployment`; undefined for other providers. */
export function kubernetesKind(type: string): string | undefined {
  const match = /^kubernetes:[^:]+:([A-Za-z0-9]+)$/.exec(type);
  return match?.[1];
}

/**
 * A `<Kind>Patch` resource (`kubernetes:core/v1:PersistentVolumeClaimPatch`): a server-side apply
 * of a few fields of an object that something else owns, never the whole object.
 */
export function isPatchType(type: string): boolean {
  return /^kubernetes:[^:]+:[A-Za-z0-9]+Patch$/.test(type);
}

/** Workloads that run until stopped, and so need probes. */
export const LONG_RUNNING_KINDS: readonly string[] = ["Deployment", "StatefulSet", "DaemonSet"];

/** Kinds that carry a pod spec, with where it sits. */
const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ["spec", "template"],
  StatefulSet: ["spec", "template"],
  DaemonSet: ["spec", "template"],
  ReplicaSet: ["spec", "template"],
  ReplicationController: ["spec", "template"],
  Job: ["spec", "template"],
  CronJob: ["spec", "jobTemplate", "spec", "template"],
};

export interface PodTemplate {
  readonly labels: Record<string, unknown>;
  readonly spec: Record<string, unknown>;
}

/** The pod template (labels and spec) of a pod-bearing object, or undefined for other kinds. */
export function podTemplateOf(type: string, props: Record<string, unknown>): PodTemplate | undefined {
  const kind = kubernetesKind(type);
  const path = kind === undefined ? undefined : POD_TEMPLATE_PATHS[kind];
  if (path === undefined) return undefined;
  const template = path.reduce<Record<string, unknown>>((node, key) => asRecord(node[key]), props);
  return { labels: asRecord(asRecord(template.metadata).labels), spec: asRecord(template.spec) };
}

export interface ContainerRef {
  readonly container: Record<string, unknown>;
  readonly name: string;
  /** `initContainers` or `containers`, for messages that say where to make the fix. */
  readonly field: "containers" | "initContainers";
}

/** Every container of a pod spec, init containers included. */
export function containersOf(spec: Record<string, unknown>, options: { init?: boolean } = {}): ContainerRef[] {
  const fields = options.init === false ? (["containers"] as const) : (["initContainers", "containers"] as const);
  return fields.flatMap((field) =>
    asArray(spec[field]).map((item, index) => {
      const container = asRecord(item);
      return { container, field, name: typeof container.name === "string" ? container.name : `#${index}` };
    }),
  );
}

/** `Deployment degenquest/degen-server`, as a person would name the object. */
export function describeObject(type: string, props: Record<string, unknown>, fallbackName: string): string {
  const metadata = asRecord(props.metadata);
  const name = typeof metadata.name === "string" ? metadata.name : fallbackName;
  const namespace = typeof metadata.namespace === "string" ? `${metadata.namespace}/` : "";
  return `${kubernetesKind(type) ?? type} ${namespace}${name}`;
}

export function namespaceOf(props: Record<string, unknown>): string {
  const namespace = asRecord(props.metadata).namespace;
  return typeof namespace === "string" ? namespace : "default";
}

export function metadataName(props: Record<string, unknown>): string | undefined {
  const name = asRecord(props.metadata).name;
  return typeof name === "string" ? name : undefined;
}

/** Whether every `matchLabels` pair of a selector is among the labels. */
export function selects(selector: unknown, labels: Record<string, unknown>): boolean {
  const matchLabels = asRecord(asRecord(selector).matchLabels);
  const pairs = Object.entries(matchLabels);
  return pairs.length > 0 && pairs.every(([key, value]) => labels[key] === value);
}

export interface PodContext {
  readonly template: PodTemplate;
  /** How messages name the pods: the owning object, and where an operator's template sits in it. */
  readonly subject: string;
  readonly kind: string;
  /** Whether an operator builds these pods from a template in a custom resource (ECK's `podTemplate`). */
  readonly operatorManaged: boolean;
}

/**
 * Pod templates inside custom resources, which an operator turns into pods: ECK's
 * `spec.podTemplate`, `spec.nodeSets[].podTemplate`, `spec.daemonSet.podTemplate`.
 */
function operatorPodTemplates(value: unknown, path: string): { path: string; template: PodTemplate }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => operatorPodTemplates(item, `${path}[${index}]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => {
    const at = path ? `${path}.${key}` : key;
    if (key !== "podTemplate") return operatorPodTemplates(item, at);
    const template = asRecord(item);
    return [{ path: at, template: { labels: asRecord(asRecord(template.metadata).labels), spec: asRecord(template.spec) } }];
  });
}

/** Every pod template of an object: its own, or those an operator builds pods from. */
export function podContextsOf(type: string, name: string, props: Record<string, unknown>): PodContext[] {
  const kind = kubernetesKind(type);
  if (kind === undefined) return [];
  const subject = describeObject(type, props, name);
  const own = podTemplateOf(type, props);
  if (own !== undefined) return [{ template: own, subject, kind, operatorManaged: false }];
  return operatorPodTemplates(props.spec, "spec").map(({ path, template }) => ({
    template,
    subject: `${subject} ${path}`,
    kind,
    operatorManaged: true,
  }));
}

/**
 * A validation that runs on every pod template of an object, resolved once. Pods that an
 * operator builds get only the rules marked `operatorPods`: the operator chooses their image,
 * probes and labels itself.
 */
export function validatePods(
  validate: (pod: PodContext, args: ResourceValidationArgs, reportViolation: ReportViolation) => void,
  options: { readonly operatorPods?: boolean } = {},
): ResourceValidation {
  return (args, reportViolation) => {
    for (const pod of podContextsOf(args.type, args.name, args.props)) {
      if (pod.operatorManaged && options.operatorPods !== true) continue;
      validate(pod, args, reportViolation);
    }
  };
}
