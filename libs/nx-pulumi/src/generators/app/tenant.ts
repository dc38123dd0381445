import type { Tree } from "@nx/devkit";
import { isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";
import { withExampleTenant } from "./example-tenant";
import { cpuText, memoryText, quantityValue } from "./quantity";
import { podShare, rolloutPeak, type AppWorkload } from "./workload";

export { quantityValue } from "./quantity";

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

const cpu = (millicores: number): Quantity => ({ value: cpuText(millicores).replace(/"/g, ""), text: cpuText(millicores) });
const memory = (bytes: number): Quantity => ({ value: memoryText(bytes), text: memoryText(bytes) });
const larger = (a: Quantity, b: Quantity): Quantity => (quantityValue(b.value)! > quantityValue(a.value)! ? b : a);
const GI = 2 ** 30;

interface Quota {
  requestsCpu: Quantity;
  requestsMemory: Quantity;
  limitsCpu: Quantity;
  limitsMemory: Quantity;
  storage: Quantity;
  pods: number;
}

/** A small starting quota; the platform team sizes it in review. */
const STARTING_QUOTA: Readonly<Quota> = {
  requestsCpu: cpu(1000),
  requestsMemory: memory(2 * GI),
  limitsCpu: cpu(2000),
  limitsMemory: memory(4 * GI),
  storage: memory(10 * GI),
  pods: 10,
};
/** The limits of the starting quota, which no container of the tenant may exceed unless the application's own does. */
const STARTING_LIMITS = { cpu: STARTING_QUOTA.limitsCpu, memory: STARTING_QUOTA.limitsMemory } as const;
const FALLBACK_CONTAINER_DEFAULTS = "{ cpuRequest: 100m, memoryRequest: 128Mi, cpuLimit: 500m, memoryLimit: 512Mi }";
const FALLBACK_CONTAINER_MAX = '{ cpu: "1", memory: 2Gi }';

/**
 * The tenant's quota in one environment: the starting quota, raised where the application's
 * rollout peak there (its most pods plus the surge, each at its requests and limits) needs more,
 * so that a rolling update is never refused its extra pod.
 */
function tenantQuota(workload: AppWorkload | undefined): string {
  const quota: Quota = { ...STARTING_QUOTA };
  if (workload) {
    const peak = rolloutPeak(workload);
    quota.requestsCpu = larger(quota.requestsCpu, cpu(peak.requestsCpu));
    quota.requestsMemory = larger(quota.requestsMemory, memory(peak.requestsMemory));
    quota.limitsCpu = larger(quota.limitsCpu, cpu(peak.limitsCpu));
    quota.limitsMemory = larger(quota.limitsMemory, memory(peak.limitsMemory));
    quota.pods = Math.max(quota.pods, peak.pods);
  }
  const { requestsCpu, requestsMemory, limitsCpu, limitsMemory, storage, pods } = quota;
  return `{ requestsCpu: ${requestsCpu.text}, requestsMemory: ${requestsMemory.text}, limitsCpu: ${limitsCpu.text}, limitsMemory: ${limitsMemory.text}, storage: ${storage.text}, pods: ${pods} }`;
}

interface Bounds {
  readonly atMost?: Quantity | undefined;
  readonly atLeast?: Quantity | undefined;
}

/**
 * A flow map as written, with each key of `bounds` that exceeds its upper bound set to it, then
 * each below its lower bound set to that, so the tenant's settings stay within one another as
 * cluster-base requires and admit the application's container; and each of those keys' resulting
 * quantity (absent when the map does not set it).
 */
function bounded(text: string, bounds: Readonly<Record<string, Bounds>>): { text: string; values: Record<string, Quantity> } {
  const map = parseDocument(text).contents;
  const values: Record<string, Quantity> = {};
  const edits: { start: number; end: number; text: string }[] = [];
  for (const [key, { atMost, atLeast }] of Object.entries(bounds)) {
    const node = isMap(map) ? map.get(key, true) : undefined;
    if (!isScalar(node) || !node.range) continue;
    const current = { value: String(node.value), text: text.slice(node.range[0], node.range[1]) };
    let result: Quantity = current;
    const value = quantityValue(current.value);
    const most = atMost && quantityValue(atMost.value);
    const least = atLeast && quantityValue(atLeast.value);
    if (atMost && value !== undefined && most !== undefined && value > most) result = atMost;
    if (atLeast && value !== undefined && least !== undefined && quantityValue(result.value)! < least) result = atLeast;
    if (result !== current) edits.push({ start: node.range[0], end: node.range[1], text: result.text });
    values[key] = result;
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
export function addTenant(tree: Tree, tenant: string, workloads: Readonly<Record<string, AppWorkload>> = {}): TenantChanges {
  const changed: string[] = [];
  const examplesMissing: string[] = [];
  for (const { root, key, add, examples } of TENANT_LISTS) {
    if (!tree.exists(root)) continue;
    const publishing: string[] = [];
    for (const file of tree.children(root).filter((child) => STACK_FILE.test(child)).sort()) {
      const path = `${root}/${file}`;
      const text = tree.read(path, "utf8")!;
      const updated = add(text, key, tenant, workloads[STACK_FILE.exec(file)![1]!]);
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
 * tenants or has this one. Its quota is the small starting quota, raised to what `workload`, the
 * application in this environment, holds at the peak of a rollout. Container defaults and maximums
 * are those of the environment's first tenant, copied as written, except where they exceed the
 * starting quota: a container's maximum is at most the starting quota's limits (or the
 * application's container limits, where those are larger) and at least the application's container
 * limits, and its default limits and requests at most that maximum.
 */
export function withTenant(text: string, key: string, tenant: string, workload?: AppWorkload): string {
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
  const pod = workload && podShare(workload.resources);
  const container = pod && { cpu: cpu(pod.limitsCpu), memory: memory(pod.limitsMemory) };
  const max = bounded(sourceOf("containerMax", FALLBACK_CONTAINER_MAX), {
    cpu: { atMost: container ? larger(STARTING_LIMITS.cpu, container.cpu) : STARTING_LIMITS.cpu, atLeast: container?.cpu },
    memory: { atMost: container ? larger(STARTING_LIMITS.memory, container.memory) : STARTING_LIMITS.memory, atLeast: container?.memory },
  });
  const limits = bounded(sourceOf("containerDefaults", FALLBACK_CONTAINER_DEFAULTS), { cpuLimit: { atMost: max.values.cpu }, memoryLimit: { atMost: max.values.memory } });
  const defaults = bounded(limits.text, { cpuRequest: { atMost: limits.values.cpuLimit }, memoryRequest: { atMost: limits.values.memoryLimit } });
  const entry = [
    `${indent}${tenant}:`,
    `${indent}  quota: ${tenantQuota(workload)}`,
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
