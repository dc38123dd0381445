import * as certManager from "@kubernetes-models/cert-manager";
import * as cilium from "@kubernetes-models/cilium";
import * as gatewayApi from "@kubernetes-models/gateway-api";
import * as prometheusOperator from "@kubernetes-models/prometheus-operator";
import type { PlannedResource } from "@platform/offline-plan";
import * as kubernetes from "kubernetes-models";

/** What every model class of kubernetes-models has: its type meta and a schema validation. */
interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  new (data: Record<string, unknown>): { validate(): void };
}

function isModelClass(value: unknown): value is ModelClass {
  return typeof value === "function" && typeof (value as Partial<ModelClass>).apiVersion === "string" && typeof (value as Partial<ModelClass>).kind === "string";
}

/** Every model of the packages, keyed by `apiVersion/kind`, found by walking their namespaces. */
function collectModels(module: unknown, into: Map<string, ModelClass>, seen = new Set<unknown>()): Map<string, ModelClass> {
  if (typeof module !== "object" || module === null || seen.has(module)) return into;
  seen.add(module);
  for (const value of Object.values(module)) {
    if (isModelClass(value)) into.set(`${value.apiVersion}/${value.kind}`, value);
    else collectModels(value, into, seen);
  }
  return into;
}

export const MODELS: ReadonlyMap<string, ModelClass> = [kubernetes, certManager, prometheusOperator, gatewayApi, cilium].reduce(
  (models, module) => collectModels(module, models),
  new Map<string, ModelClass>(),
);

/**
 * Custom resources that no schema package publishes. Each is listed with the reason, counted and
 * reported; a kind that is neither modelled nor listed here fails the check.
 */
export const UNMODELLED_KINDS: Readonly<Record<string, string>> = {
  "elasticsearch.k8s.elastic.co/v1/Elasticsearch": "ECK publishes no schema package; the ECK operator validates it on admission",
  "kibana.k8s.elastic.co/v1/Kibana": "ECK publishes no schema package; the ECK operator validates it on admission",
  "beat.k8s.elastic.co/v1beta1/Beat": "ECK publishes no schema package; the ECK operator validates it on admission",
};

/** Values the offline plan cannot know; the schema check leaves them to the deploy. */
const PLACEHOLDER = /^(\[secret\]|<unknown>|<known after deploy.*>)$/;

function valueAt(object: unknown, pointer: string): unknown[] {
  const chain: unknown[] = [object];
  let current = object;
  for (const segment of pointer.split("/").slice(1)) {
    current = (current as Record<string, unknown> | undefined)?.[segment.replace(/~1/g, "/").replace(/~0/g, "~")];
    chain.push(current);
  }
  return chain;
}

export interface SchemaResult {
  readonly status: "valid" | "invalid" | "unmodelled" | "unknown-kind";
  readonly key: string;
  readonly problems: readonly string[];
}

/** Whether a planned resource is a Kubernetes object (not a Helm release, a provider or a patch). */
export function isKubernetesObject(resource: PlannedResource): boolean {
  return (
    resource.type.startsWith("kubernetes:") &&
    !resource.type.endsWith("Patch") &&
    typeof resource.inputs.apiVersion === "string" &&
    typeof resource.inputs.kind === "string"
  );
}

/** The object validated against its Kubernetes (or CRD) schema; placeholders are not errors. */
export function validateObject(object: Record<string, unknown>): SchemaResult {
  const key = `${String(object.apiVersion)}/${String(object.kind)}`;
  const Model = MODELS.get(key);
  if (Model === undefined) return { status: key in UNMODELLED_KINDS ? "unmodelled" : "unknown-kind", key, problems: [] };
  try {
    new Model(object).validate();
    return { status: "valid", key, problems: [] };
  } catch (error) {
    const errors = (error as { errors?: { instancePath: string; message?: string; params?: unknown }[] }).errors;
    if (errors === undefined) throw error;
    const problems = errors
      .filter((problem) => !valueAt(object, problem.instancePath).some((value) => typeof value === "string" && PLACEHOLDER.test(value)))
      .map((problem) => {
        const allowed = (problem.params as { allowedValues?: unknown[] } | undefined)?.allowedValues;
        return `${problem.instancePath || "/"} ${problem.message ?? "is invalid"}${allowed ? `: ${allowed.map(String).join(", ")}` : ""}`;
      });
    return { status: problems.length > 0 ? "invalid" : "valid", key, problems };
  }
}
