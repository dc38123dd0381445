import type { ApiGroupList, ApiResourceList, AuditedType } from "./discovery";
import type { KubeList } from "./objects";

/**
 * The few read-only calls the audit makes, answered with the API server's JSON. Tests pass
 * recorded responses; `connectKubeApi` (kube-client.ts) talks to a real cluster.
 */
export interface KubeApi {
  /** A name for the cluster in messages, such as the kubeconfig context. */
  readonly description: string;
  /** `GET /api/v1`. */
  coreResources(): Promise<ApiResourceList>;
  /** `GET /apis`. */
  apiGroups(): Promise<ApiGroupList>;
  /** `GET /apis/<groupVersion>`. */
  groupResources(groupVersion: string): Promise<ApiResourceList>;
  /** `GET /api/v1/namespaces`. */
  namespaces(): Promise<KubeList>;
  /** One page of the objects of a type in a namespace; `continueToken` asks for the next page. */
  list(type: AuditedType, namespace: string, continueToken?: string): Promise<KubeList>;
}

/** The cluster could not be reached or read: no kubeconfig, unknown context, network, permissions. */
export class ClusterUnreachableError extends Error {
  override readonly name = "ClusterUnreachableError";
}
