import type { Tree } from "@nx/devkit";
import { isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";
import { withExampleTenant } from "./example-tenant";

/** What cluster-base's stacks publish, per stack, for its readers' tests: its tenants among it. */
export const CLUSTER_BASE_EXAMPLES = "contracts/cluster-base/src/examples.ts";

/**
 * Where tenants are declared: cluster-base creates their namespaces and publishes them (so its
 * examples list them too), networking gives them network policies.
 */
const TENANT_LISTS = [
  { root: "projects/cluster-base", key: "cluster-base:tenants", add: withTenant, examples: CLUSTER_BASE_EXAMPLES },
  { root: "projects/networking", key: "networking:tenants", add: withListedTenant, examples: undefined },
] as const;

const STACK_FILE = /^Pulumi\.([^.]+)\.ya?ml$/;

/** A quantity as a stack file writes it (`text`, `"2"`), and its value (`2`). */
interface Quantity {
  readonly value: string;
  readonly text: string;
}

/** The limits of the starting quota, which no container of the tenant may exceed. */
const STARTING_LIMITS = { cpu: { value: "2", text: '"2"' }, memory: { value: "4Gi", text: "4Gi" } } as const satisfies Record<string, Quantity>;
/** A small starting quota; the platform team sizes it in review. */
const STARTING_QUOTA = `{ requestsCpu: "1", requestsMemory: 2Gi, limitsCpu: ${STARTING_LIMITS.cpu.text}, limitsMemory: ${STARTING_LIMITS.memory.text}, storage: 10Gi, pods: 10 }`;
const FALLBACK_CONTAINER_DEFAULTS = "{ cpuRequest: 100m, memoryRequest: 128Mi, cpuLimit: 500m, memoryLimit: 512Mi }";
const FALLBACK_CONTAINER_MAX = '{ cpu: "1", memory: 2Gi }';

const QUANTITY = /^(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
const SUFFIXES: Readonly<Record<string, number>> = {
  ...{ Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 },
  ...{ n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 },
};

/** A Kubernetes quantity (`500m`, `2Gi`, `1.5`) in base units, as the API server reads it; undefined when it is none. */
export function quantityValue(text: string): number | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, digits, suffix = ""] = match;
  return Number(digits) * (SUFFIXES[suffix] ?? 10 ** Number(suffix.slice(1)));
}

/**
 * A flow map as written, with each key of `bounds` that exceeds its bound set to the bound, so the
 * tenant's settings stay within one another as cluster-base requires; and each of those keys'
 * resulting quantity (absent when the map does not set it).
 */
function capped(text: string, bounds: Readonly<Record<string, Quantity | undefined>>): { text: string; values: Record<string, Quantity> } {
  const map = parseDocument(text).contents;
  const values: Record<string, Quantity> = {};
  const edits: { start: number; end: number; text: string }[] = [];
  for (const [key, bound] of Object.entries(bounds)) {
    const node = isMap(map) ? map.get(key, true) : undefined;
    if (!isScalar(node) || !node.range) continue;
    const current = { value: String(node.value), text: text.slice(node.range[0], node.range[1]) };
    const [value, most] = [quantityValue(current.value), bound && quantityValue(bound.value)];
    if (bound && value !== undefined && most !== undefined && value > most) {
      edits.push({ start: node.range[0], end: node.range[1], text: bound.text });
      values[key] = bound;
    } else {
      values[key] = current;
    }
  }
  let result = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) result = `${result.slice(0, edit.start)}${edit.text}${result.slice(edit.end)}`;
  return { text: result, values };
}

export interface TenantChanges {
  /** Files changed. */
  readonly changed: readonly string[];
  /** Stacks whose cluster-base examples list the tenant only once someone adds it by hand. */
  readonly examplesMissing: readonly string[];
}

/**
 * Gives the application a tenant in every stack file of cluster-base (its namespace, quota and
 * limits) and networking (its baseline network policies) that lists tenants and lacks it, and in
 * cluster-base's examples of each stack whose file lists it, as cluster-base's plan then publishes
 * it. Each entry is inserted as text, so the rest of the reviewed file stays byte for byte as it was.
 */
export function addTenant(tree: Tree, tenant: string): TenantChanges {
  const changed: string[] = [];
  const examplesMissing: string[] = [];
  for (const { root, key, add, examples } of TENANT_LISTS) {
    if (!tree.exists(root)) continue;
    const publishing: string[] = [];
    for (const file of tree.children(root).filter((child) => STACK_FILE.test(child)).sort()) {
      const path = `${root}/${file}`;
      const text = tree.read(path, "utf8")!;
      const updated = add(text, key, tenant);
      if (updated !== text) {
        tree.write(path, updated);
        changed.push(path);
      }
      if (examples && listsTenant(updated, key, tenant)) publishing.push(STACK_FILE.exec(file)![1]!);
    }
    if (!examples || !tree.exists(examples) || publishing.length === 0) continue;
    const text = tree.read(examples, "utf8")!;
    const result = withExampleTenant(text, tenant, publishing);
    if (result.text !== text) {
      tree.write(examples, result.text);
      changed.push(examples);
    }
    examplesMissing.push(...result.missing);
  }
  return { changed, examplesMissing };
}

/** Whether a stack file's tenants, a map by name, include this one. */
function listsTenant(text: string, key: string, tenant: string): boolean {
  const tenants = parseDocument(text).getIn(["config", key], true);
  return isMap(tenants) && tenants.has(tenant);
}

/**
 * A cluster-base stack file with the tenant added after the last one, or unchanged when it has no
 * tenants or has this one. Container defaults and maximums are those of the environment's first
 * tenant, copied as written, except where they exceed the small starting quota: a container's
 * maximum is at most the quota's limits, and its default limits and requests at most that maximum.
 */
export function withTenant(text: string, key: string, tenant: string): string {
  const tenants = parseDocument(text).getIn(["config", key], true);
  if (!isMap(tenants) || tenants.has(tenant) || tenants.items.length === 0) return text;
  const first = tenants.items[0]!;
  const last = tenants.items[tenants.items.length - 1]!;
  const keyStart = (first.key as Node).range![0];
  const indent = " ".repeat(keyStart - text.lastIndexOf("\n", keyStart - 1) - 1);
  const sourceOf = (key: string, fallback: string) => {
    const node = isMap(first.value) ? first.value.get(key, true) : undefined;
    return isMap(node) ? text.slice(node.range![0], node.range![1]).trim() : fallback;
  };
  const max = capped(sourceOf("containerMax", FALLBACK_CONTAINER_MAX), STARTING_LIMITS);
  const limits = capped(sourceOf("containerDefaults", FALLBACK_CONTAINER_DEFAULTS), { cpuLimit: max.values.cpu, memoryLimit: max.values.memory });
  const defaults = capped(limits.text, { cpuRequest: limits.values.cpuLimit, memoryRequest: limits.values.memoryLimit });
  const entry = [
    `${indent}${tenant}:`,
    `${indent}  quota: ${STARTING_QUOTA}`,
    `${indent}  containerDefaults: ${defaults.text}`,
    `${indent}  containerMax: ${max.text}`,
  ].join("\n");
  const lastEnd = (last.value as Node).range![1];
  const lineEnd = text.indexOf("\n", lastEnd - 1);
  if (lineEnd < 0) return `${text}\n${entry}\n`;
  return `${text.slice(0, lineEnd + 1)}${entry}\n${text.slice(lineEnd + 1)}`;
}

/** A stack file whose `key` lists tenant names, flow (`[a, b]`) or block style, with the tenant appended. */
export function withListedTenant(text: string, key: string, tenant: string): string {
  const list = parseDocument(text).getIn(["config", key], true);
  if (!isSeq(list) || list.items.some((item) => (item as Node & { value?: unknown }).value === tenant)) return text;
  const [start, end] = list.range!;
  if (list.flow) {
    const close = text.lastIndexOf("]", end);
    const separator = list.items.length > 0 ? ", " : "";
    return `${text.slice(0, close).trimEnd()}${separator}${tenant}${text.slice(close)}`;
  }
  const indent = " ".repeat(start - text.lastIndexOf("\n", start - 1) - 1);
  const lineEnd = text.indexOf("\n", end - 1);
  const line = `${indent}- ${tenant}\n`;
  return lineEnd < 0 ? `${text}\n${line}` : `${text.slice(0, lineEnd + 1)}${line}${text.slice(lineEnd + 1)}`;
}
