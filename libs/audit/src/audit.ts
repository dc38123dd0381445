import { auditedTypes, preferredGroupVersions, type ApiResourceList, type AuditedType } from "./discovery";
import type { KubeApi } from "./kube-api";
import { NamespaceObjects, keyOf, keyString, type KubeObject, type ObjectKey } from "./objects";
import { evidenceFor, pulumiMarkOf, type Evidence, type StackDeclarations } from "./ownership-rules";

export interface AuditOptions {
  /** Namespaces to audit. @default every namespace whose Namespace object Pulumi wrote */
  readonly namespaces?: readonly string[];
  /** What the environment's stacks install (stackDeclarations). @default nothing: every Helm object is suspect */
  readonly declarations?: StackDeclarations;
  /** List calls in flight at once. @default 8 */
  readonly concurrency?: number;
}

/** An object no stack manages, with the objects that exist only because of it. */
export interface Finding {
  readonly object: ObjectKey;
  readonly apiVersion: string;
  readonly reason: string;
  readonly dependents: readonly ObjectKey[];
}

export interface AuditReport {
  readonly cluster: string;
  readonly namespaces: readonly string[];
  readonly typesListed: number;
  readonly objectsChecked: number;
  readonly findings: readonly Finding[];
  /** What could not be read; an audit with problems cannot vouch for the cluster. */
  readonly problems: readonly string[];
}

export async function auditCluster(api: KubeApi, options: AuditOptions = {}): Promise<AuditReport> {
  const problems: string[] = [];
  const allNamespaces = (await api.namespaces()).items;
  const namespaces = options.namespaces
    ? [...options.namespaces]
    : allNamespaces.filter((namespace) => pulumiMarkOf(namespace)).map((namespace) => namespace.metadata.name).sort();
  for (const missing of namespaces.filter((name) => !allNamespaces.some((namespace) => namespace.metadata.name === name))) {
    problems.push(`namespace ${missing} does not exist`);
  }

  const types = await discoverTypes(api, problems);
  const limit = options.concurrency ?? 8;
  const findings: Finding[] = [];
  let objectsChecked = 0;
  for (const namespace of namespaces.filter((name) => allNamespaces.some((ns) => ns.metadata.name === name))) {
    const lists = await mapWithLimit(types, limit, (type) => listAll(api, type, namespace, problems));
    const objects = new NamespaceObjects(namespace, lists.flat());
    objectsChecked += objects.objects.length;
    findings.push(...unmanagedIn(objects, options.declarations ?? { releases: [], secrets: [] }));
  }
  return { cluster: api.description, namespaces, typesListed: types.length, objectsChecked, findings, problems };
}

async function discoverTypes(api: KubeApi, problems: string[]): Promise<AuditedType[]> {
  const lists: ApiResourceList[] = [await api.coreResources()];
  for (const groupVersion of preferredGroupVersions(await api.apiGroups())) {
    try {
      lists.push(await api.groupResources(groupVersion));
    } catch (error) {
      // An aggregated API whose backing service is down fails discovery; its objects cannot be listed.
      problems.push(`could not discover the types of ${groupVersion}: ${(error as Error).message}`);
    }
  }
  return auditedTypes(lists);
}

async function listAll(api: KubeApi, type: AuditedType, namespace: string, problems: string[]): Promise<KubeObject[]> {
  const objects: KubeObject[] = [];
  let continueToken: string | undefined;
  try {
    do {
      const page = await api.list(type, namespace, continueToken);
      // Items of a list response usually carry no kind or apiVersion of their own.
      objects.push(...page.items.map((item) => ({ ...item, kind: type.kind, apiVersion: type.apiVersion })));
      continueToken = page.metadata?.continue || undefined;
    } while (continueToken);
  } catch (error) {
    problems.push(`could not list ${type.plural}.${type.apiVersion} in ${namespace}: ${(error as Error).message}`);
  }
  return objects;
}

type Resolution = { readonly managed: true } | { readonly managed: false; readonly root: KubeObject; readonly reason: string };

/** Applies the ownership rules to every object of a namespace, following each chain to its root. */
export function unmanagedIn(objects: NamespaceObjects, declarations: StackDeclarations): Finding[] {
  const resolved = new Map<KubeObject, Resolution>();
  const context = { namespaceObjects: objects, declarations };

  const resolve = (object: KubeObject, visiting: Set<KubeObject>): Resolution => {
    const known = resolved.get(object);
    if (known) return known;
    if (visiting.has(object)) return { managed: false, root: object, reason: "its owners form a cycle" };
    visiting.add(object);
    const resolution = resolveEvidence(object, evidenceFor(object, context), objects, (target) => resolve(target, visiting));
    resolved.set(object, resolution);
    return resolution;
  };

  const byRoot = new Map<KubeObject, { reason: string; dependents: ObjectKey[] }>();
  for (const object of objects.objects) {
    const resolution = resolve(object, new Set());
    if (resolution.managed) continue;
    const entry = byRoot.get(resolution.root) ?? { reason: resolution.reason, dependents: [] };
    if (resolution.root !== object) entry.dependents.push(keyOf(object, objects.namespace));
    byRoot.set(resolution.root, entry);
  }
  return [...byRoot.entries()]
    .map(([root, { reason, dependents }]) => ({
      object: keyOf(root, objects.namespace),
      apiVersion: root.apiVersion ?? "",
      reason,
      dependents,
    }))
    .sort((a, b) => keyString(a.object).localeCompare(keyString(b.object)));
}

function resolveEvidence(
  object: KubeObject,
  evidence: Evidence,
  objects: NamespaceObjects,
  resolveTarget: (target: KubeObject) => Resolution,
): Resolution {
  switch (evidence.verdict) {
    case "managed":
      return { managed: true };
    case "unmanaged":
      return { managed: false, root: object, reason: evidence.reason };
    case "follows": {
      const target = (evidence.uid ? objects.withUid(evidence.uid) : undefined) ?? objects.find(evidence.target.kind, evidence.target.name);
      if (!target) {
        return { managed: false, root: object, reason: `${evidence.reason} ${evidence.target.kind} ${evidence.target.name}, which does not exist` };
      }
      return resolveTarget(target);
    }
  }
}

async function mapWithLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
