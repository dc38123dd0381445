/**
 * Which resource types the audit lists: every namespaced type the API server can list, custom
 * resources included (a hand-made ServiceMonitor or Certificate counts as much as a Pod), in the
 * preferred version of its group. Left out: subresources, Events (records, not objects anyone
 * manages) and metrics.k8s.io (live measurements of pods, not stored objects).
 */
export interface ApiResource {
  readonly name: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
}

/** `GET /api/v1` and `GET /apis/<group>/<version>`. */
export interface ApiResourceList {
  readonly groupVersion: string;
  readonly resources: readonly ApiResource[];
}

/** `GET /apis`. */
export interface ApiGroupList {
  readonly groups: readonly { readonly name: string; readonly preferredVersion?: { readonly groupVersion: string } }[];
}

export interface AuditedType {
  /** `v1`, `apps/v1`, `cert-manager.io/v1`. */
  readonly apiVersion: string;
  readonly kind: string;
  /** The plural in the URL, such as `deployments`. */
  readonly plural: string;
}

const NEVER_AUDITED_GROUPS = new Set(["metrics.k8s.io"]);
const NEVER_AUDITED_KINDS = new Set(["Event"]);

/** The preferred `group/version` of every API group, in the order the server lists them. */
export function preferredGroupVersions(groups: ApiGroupList): string[] {
  return groups.groups
    .filter((group) => !NEVER_AUDITED_GROUPS.has(group.name))
    .map((group) => group.preferredVersion?.groupVersion)
    .filter((groupVersion): groupVersion is string => !!groupVersion);
}

export function auditedTypes(resourceLists: readonly ApiResourceList[]): AuditedType[] {
  const seen = new Set<string>();
  const types: AuditedType[] = [];
  for (const list of resourceLists) {
    const group = list.groupVersion.includes("/") ? list.groupVersion.split("/")[0]! : "";
    if (NEVER_AUDITED_GROUPS.has(group)) continue;
    for (const resource of list.resources) {
      const isSubresource = resource.name.includes("/");
      if (isSubresource || !resource.namespaced || !resource.verbs.includes("list") || NEVER_AUDITED_KINDS.has(resource.kind)) continue;
      const key = `${group}/${resource.kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      types.push({ apiVersion: list.groupVersion, kind: resource.kind, plural: resource.name });
    }
  }
  return types;
}
