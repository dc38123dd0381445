import type { Tree } from "@nx/devkit";
import { isMap, isSeq, parseDocument, type Node } from "yaml";

/** Where tenants are declared: cluster-base creates their namespaces, networking their network policies. */
const TENANT_LISTS = [
  { root: "projects/cluster-base", key: "cluster-base:tenants", add: withTenant },
  { root: "projects/networking", key: "networking:tenants", add: withListedTenant },
] as const;

/** A small starting quota; the platform team sizes it in review. */
const STARTING_QUOTA = '{ requestsCpu: "1", requestsMemory: 2Gi, limitsCpu: "2", limitsMemory: 4Gi, storage: 10Gi, pods: 10 }';
const FALLBACK_CONTAINER_DEFAULTS = "{ cpuRequest: 100m, memoryRequest: 128Mi, cpuLimit: 500m, memoryLimit: 512Mi }";
const FALLBACK_CONTAINER_MAX = '{ cpu: "1", memory: 2Gi }';

/**
 * Gives the application a tenant in every stack file of cluster-base (its namespace, quota and
 * limits) and networking (its baseline network policies) that lists tenants and lacks it. Each
 * entry is inserted as text, so the rest of the reviewed file stays byte for byte as it was.
 * Returns the files changed.
 */
export function addTenant(tree: Tree, tenant: string): string[] {
  const changed: string[] = [];
  for (const { root, key, add } of TENANT_LISTS) {
    if (!tree.exists(root)) continue;
    for (const file of tree.children(root).filter((child) => /^Pulumi\.[^.]+\.ya?ml$/.test(child)).sort()) {
      const path = `${root}/${file}`;
      const text = tree.read(path, "utf8")!;
      const updated = add(text, key, tenant);
      if (updated === text) continue;
      tree.write(path, updated);
      changed.push(path);
    }
  }
  return changed;
}

/**
 * A cluster-base stack file with the tenant added after the last one, or unchanged when it has no
 * tenants or has this one. Container defaults and maximums are those of the environment's first
 * tenant, copied as written; the quota starts small.
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
  const entry = [
    `${indent}${tenant}:`,
    `${indent}  quota: ${STARTING_QUOTA}`,
    `${indent}  containerDefaults: ${sourceOf("containerDefaults", FALLBACK_CONTAINER_DEFAULTS)}`,
    `${indent}  containerMax: ${sourceOf("containerMax", FALLBACK_CONTAINER_MAX)}`,
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
