import { KubeConfig } from "@kubernetes/client-node";
import { ApiError, type ApiResource, kubeRequest } from "@platform/e2e/src/kube";
import type { RenderedObject } from "./render";

const FIELD_MANAGER = "platform-chart-check";

/**
 * The chart check's client of the API server, over plain JSON like the e2e run's `Kube`, with
 * what that one has no use for: dry runs with strict field validation, and discovery that can be
 * forgotten once CRDs change.
 */
export class ApiServer {
  private readonly config = new KubeConfig();
  private resources = new Map<string, Promise<ApiResource[]>>();

  constructor(kubeconfigFile: string) {
    this.config.loadFromFile(kubeconfigFile);
  }

  async version(): Promise<string> {
    return (await this.call<{ gitVersion: string }>("GET", "/version")).gitVersion;
  }

  /**
   * Every API the server serves, as helm sees them on a cluster (`.Capabilities.APIVersions`):
   * `group/version` and `group/version/Kind`. `helm template` alone knows only a fixed list, in
   * which some charts miss `policy/v1/PodDisruptionBudget` and fall back to a retired API.
   */
  async servedApiVersions(): Promise<string[]> {
    const core = await this.call<{ versions: string[] }>("GET", "/api");
    const groups = await this.call<{ groups: { versions: { groupVersion: string }[] }[] }>("GET", "/apis");
    const groupVersions = [...core.versions, ...groups.groups.flatMap((group) => group.versions.map((version) => version.groupVersion))];
    const served: string[] = [];
    for (const groupVersion of groupVersions) {
      const base = groupVersion.includes("/") ? `/apis/${groupVersion}` : `/api/${groupVersion}`;
      const { resources } = await this.call<{ resources: ApiResource[] }>("GET", base);
      served.push(groupVersion, ...resources.filter((resource) => !resource.name.includes("/")).map((resource) => `${groupVersion}/${resource.kind}`));
    }
    return [...new Set(served)].sort();
  }

  /** Creates the namespace unless it exists. */
  async ensureNamespace(name: string): Promise<void> {
    await this.call("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name } }).catch((error: unknown) => {
      if (!(error instanceof ApiError && error.status === 409)) throw error;
    });
  }

  /** Server-side apply, for real (CRDs, which the objects after them need). */
  async apply(object: RenderedObject): Promise<void> {
    await this.call("PATCH", `${await this.path(object)}?fieldManager=${FIELD_MANAGER}&force=true&fieldValidation=Strict`, object, "application/apply-patch+yaml");
  }

  /**
   * What applying the object would do, with every admission step and validation but nothing
   * stored: server-side apply with `dryRun=All`, and unknown or duplicate fields refused
   * (`fieldValidation=Strict`) instead of dropped. Objects named by generateName are created.
   */
  async dryRun(object: RenderedObject, releaseNamespace: string): Promise<void> {
    const query = `dryRun=All&fieldManager=${FIELD_MANAGER}&fieldValidation=Strict`;
    // A namespaced object without a namespace goes where helm installs it: the release's.
    const path = await this.path(object, releaseNamespace);
    if (object.metadata.name) {
      await this.call("PATCH", `${path}?${query}&force=true`, object, "application/apply-patch+yaml");
    } else {
      await this.call("POST", `${path.replace(/\/$/, "")}?${query}`, object);
    }
  }

  async read(apiVersion: string, kind: string, name: string): Promise<Record<string, unknown> | undefined> {
    try {
      return await this.call<Record<string, unknown>>("GET", await this.path({ apiVersion, kind, metadata: { name } }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  async delete(apiVersion: string, kind: string, name: string): Promise<void> {
    await this.call("DELETE", await this.path({ apiVersion, kind, metadata: { name } })).catch((error: unknown) => {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    });
  }

  /** After CRDs are added or removed the served kinds change: ask discovery again. */
  forgetDiscovery(): void {
    this.resources = new Map();
  }

  private async path(object: Pick<RenderedObject, "apiVersion" | "kind" | "metadata">, defaultNamespace = "default"): Promise<string> {
    const { apiVersion, kind } = object;
    const base = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    let resources = this.resources.get(apiVersion);
    if (!resources) {
      resources = this.call<{ resources: ApiResource[] }>("GET", base).then(
        (list) => list.resources.filter((r) => !r.name.includes("/")),
        (error: unknown) => {
          if (error instanceof ApiError && error.status === 404) return [];
          throw error;
        },
      );
      this.resources.set(apiVersion, resources);
    }
    const resource = (await resources).find((candidate) => candidate.kind === kind);
    if (!resource) throw new ApiError(404, `the API server serves no ${kind} in ${apiVersion}`);
    const namespace = resource.namespaced ? `/namespaces/${object.metadata.namespace ?? defaultNamespace}` : "";
    return `${base}${namespace}/${resource.name}/${object.metadata.name ?? ""}`;
  }

  private call<T>(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<T> {
    return kubeRequest<T>(this.config, method, path, { body, contentType, timeoutSeconds: 60 });
  }
}
