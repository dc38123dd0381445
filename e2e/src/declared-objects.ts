import { parseQuantity } from "@platform/config";
import type { ObjectRef } from "./kube";
import type { StateResource } from "./pulumi";

/** A Kubernetes object a stack declares: where to find it and the inputs the program gave it. */
export interface DeclaredObject {
  readonly urn: string;
  readonly ref: ObjectRef;
  readonly inputs: Record<string, unknown>;
}

const SECRET_SIGNATURE = ["4dabf18193072939515e22adb298388d", "1b47061264138c4ac30d75fd1eb44270"] as const;

/**
 * A state value with its secrets opened: `pulumi stack export --show-secrets` writes each secret
 * as `{ <signature key>: <secret signature>, plaintext: <its JSON> }`.
 */
export function revealSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revealSecrets);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record[SECRET_SIGNATURE[0]] === SECRET_SIGNATURE[1]) {
    if (typeof record.plaintext !== "string") throw new Error("A secret in the state has no plaintext: export it with --show-secrets");
    return revealSecrets(JSON.parse(record.plaintext));
  }
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, revealSecrets(item)]));
}

/** Objects of the Kubernetes provider in a stack's state: every kind but providers and Helm releases. */
export function declaredObjects(resources: readonly StateResource[]): DeclaredObject[] {
  return resources
    .filter((resource) => resource.custom && resource.type.startsWith("kubernetes:") && !resource.type.startsWith("kubernetes:helm.sh/"))
    .map((resource) => {
      const outputs = revealSecrets(resource.outputs ?? {}) as Record<string, unknown>;
      const metadata = (outputs.metadata ?? {}) as { name?: string; namespace?: string };
      if (typeof outputs.apiVersion !== "string" || typeof outputs.kind !== "string" || !metadata.name) {
        throw new Error(`${resource.urn} has no apiVersion, kind and name in its state`);
      }
      return {
        urn: resource.urn,
        ref: { apiVersion: outputs.apiVersion, kind: outputs.kind, name: metadata.name, ...(metadata.namespace ? { namespace: metadata.namespace } : {}) },
        inputs: revealSecrets(resource.inputs ?? {}) as Record<string, unknown>,
      };
    });
}

/** Keys whose declared value the API server does not keep as given. */
const WRITE_ONLY = new Set(["stringData"]);

/**
 * Where a live object differs from what the program declared: every declared field must be in the
 * live object with the same value (the API server may add defaults, never change what was given).
 * Quantities compare by value ("0.5" equals "500m"); Pulumi's own annotations are skipped.
 */
export function differences(declared: unknown, live: unknown, path = ""): string[] {
  if (declared === null || declared === undefined) return [];
  if (Array.isArray(declared)) {
    if (!Array.isArray(live)) return [`${path}: declared a list, live ${describe(live)}`];
    if (live.length !== declared.length) return [`${path}: declared ${declared.length} items, live has ${live.length}`];
    return declared.flatMap((item, index) => differences(item, live[index], `${path}[${index}]`));
  }
  if (typeof declared === "object") {
    if (typeof live !== "object" || live === null || Array.isArray(live)) return [`${path}: declared an object, live ${describe(live)}`];
    return Object.entries(declared as Record<string, unknown>).flatMap(([key, value]) => {
      if (WRITE_ONLY.has(key) || key.startsWith("pulumi.com/") || key === "__inputs") return [];
      return differences(value, (live as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
    });
  }
  if (declared === live) return [];
  if (typeof declared === "string" && typeof live === "string" && sameQuantity(declared, live)) return [];
  if (String(declared) === String(live) && (typeof declared === "number" || typeof live === "number")) return [];
  return [`${path}: declared ${JSON.stringify(declared)}, live ${describe(live)}`];
}

function sameQuantity(a: string, b: string): boolean {
  const [x, y] = [parseQuantity(a), parseQuantity(b)];
  return x !== undefined && y !== undefined && Math.abs(x - y) <= Math.abs(x) * 1e-9;
}

function describe(value: unknown): string {
  return value === undefined ? "has none" : JSON.stringify(value);
}
