import { request, type RequestOptions } from "node:https";
import { KubeConfig } from "@kubernetes/client-node";

/** What identifies an object: enough to read it. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** An object exactly as the API server serves it (JSON field names, no client-side model). */
export interface LiveObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    generation?: number;
    [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}

const FIELD_MANAGER = "platform-e2e";

export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`;
}

/** A refusal by the API server: its status code and its own message (`reason`, from its Status). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`${status}: ${reason}`);
  }
}

/** How a write is made: `dryRun` asks the API server to check it, admission included, and store nothing. */
export interface WriteOptions {
  readonly dryRun?: boolean;
}

/** Who a request acts as, through the API server's impersonation. */
export interface Impersonation {
  readonly user: string;
  readonly groups: readonly string[];
}

/** One entry of an API group version's discovery document. */
export interface ApiResource {
  readonly name: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

/**
 * The end-to-end run's client of the control plane, as its admin. It speaks plain JSON over
 * HTTPS: a generated client's models rename fields (`from` becomes `_from`) and drop the ones
 * they do not know (`x-kubernetes-preserve-unknown-fields`), which a check of what the API server
 * really stores cannot afford.
 */
export class Kube {
  private readonly config = new KubeConfig();
  private readonly resources = new Map<string, Promise<ApiResource[]>>();
  /** The API server's warnings (`Warning` headers) of the last request, such as an admission policy's. */
  lastWarnings: readonly string[] = [];

  /** As the kubeconfig's user, or as the identity it impersonates (`kubectl --as --as-group`). */
  constructor(
    kubeconfigFile: string,
    private readonly impersonate?: Impersonation,
  ) {
    this.config.loadFromFile(kubeconfigFile);
  }

  /** The object, or undefined when the API server says it does not exist. */
  async read(ref: ObjectRef): Promise<LiveObject | undefined> {
    try {
      return await this.call<LiveObject>("GET", await this.path(ref));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw new Error(`Reading ${describeRef(ref)}: ${(error as Error).message}`);
    }
  }

  async list(apiVersion: string, kind: string, namespace?: string): Promise<LiveObject[]> {
    const path = await this.path({ apiVersion, kind, name: "", ...(namespace ? { namespace } : {}) });
    return (await this.call<{ items: LiveObject[] }>("GET", path.replace(/\/$/, ""))).items;
  }

  /** Server-side apply, as the run's own field manager. */
  async apply(object: LiveObject): Promise<LiveObject> {
    const ref = refOf(object);
    const path = `${await this.path(ref)}?fieldManager=${FIELD_MANAGER}&force=true`;
    return this.call<LiveObject>("PATCH", path, object, "application/apply-patch+yaml").catch((error: Error) => {
      throw new Error(`Applying ${describeRef(ref)}: ${error.message}`);
    });
  }

  /** A JSON merge patch, as a person editing the object out of band would make; `dryRun` as `kubectl diff` asks. */
  async mergePatch(ref: ObjectRef, patch: Record<string, unknown>, options: WriteOptions = {}): Promise<LiveObject> {
    const path = `${await this.path(ref)}?fieldManager=kubectl-edit${options.dryRun ? "&dryRun=All" : ""}`;
    return this.call<LiveObject>("PATCH", path, patch, "application/merge-patch+json").catch((error: Error) => {
      throw new Error(`Patching ${describeRef(ref)}: ${error.message}`, { cause: error });
    });
  }

  async create(object: LiveObject, options: WriteOptions = {}): Promise<LiveObject> {
    const ref = refOf(object);
    const path = (await this.path({ ...ref, name: "" })).replace(/\/$/, "") + (options.dryRun ? "?dryRun=All" : "");
    return this.call<LiveObject>("POST", path, object).catch((error: Error) => {
      throw new Error(`Creating ${describeRef(ref)}: ${error.message}`, { cause: error });
    });
  }

  /** `kubectl scale`: a merge patch of the object's `scale` subresource. */
  async scale(ref: ObjectRef, replicas: number): Promise<LiveObject> {
    return this.call<LiveObject>("PATCH", `${await this.path(ref)}/scale`, { spec: { replicas } }, "application/merge-patch+json").catch((error: Error) => {
      throw new Error(`Scaling ${describeRef(ref)}: ${error.message}`, { cause: error });
    });
  }

  /**
   * `kubectl drain`'s request for one pod: an Eviction, which the API server refuses (429) when it
   * would break the pod's disruption budget. Resolves with the API server's refusal, or undefined
   * when the pod is evicted.
   */
  async evict(ref: ObjectRef): Promise<ApiError | undefined> {
    const eviction = { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: ref.name, namespace: ref.namespace } };
    try {
      await this.call("POST", `${await this.path(ref)}/eviction`, eviction);
      return undefined;
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) return error;
      throw new Error(`Evicting ${describeRef(ref)}: ${(error as Error).message}`, { cause: error });
    }
  }

  /** A plain-text resource of the API server, such as `/metrics`. */
  async text(path: string): Promise<string> {
    return kubeRequest<string>(this.config, "GET", path, { timeoutSeconds: 30, impersonate: this.impersonate, accept: "text/plain", raw: true });
  }

  async delete(ref: ObjectRef): Promise<void> {
    try {
      await this.call("DELETE", await this.path(ref));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return;
      throw new Error(`Deleting ${describeRef(ref)}: ${(error as Error).message}`, { cause: error });
    }
  }

  /** `/api/v1/namespaces/ns/configmaps/name`, from the API server's own discovery. */
  private async path(ref: ObjectRef): Promise<string> {
    const base = ref.apiVersion.includes("/") ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
    let resources = this.resources.get(ref.apiVersion);
    if (!resources) {
      resources = this.call<{ resources: ApiResource[] }>("GET", base).then((list) => list.resources.filter((r) => !r.name.includes("/")));
      this.resources.set(ref.apiVersion, resources);
      resources.catch(() => this.resources.delete(ref.apiVersion));
    }
    const resource = (await resources).find((candidate) => candidate.kind === ref.kind);
    if (!resource) throw new Error(`The API server serves no ${ref.kind} in ${ref.apiVersion}`);
    const namespace = resource.namespaced && ref.namespace ? `/namespaces/${ref.namespace}` : "";
    return `${base}${namespace}/${resource.name}/${ref.name}`;
  }

  private async call<T>(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<T> {
    const warnings: string[] = [];
    try {
      return await kubeRequest<T>(this.config, method, path, { body, contentType, timeoutSeconds: 30, impersonate: this.impersonate, warnings });
    } finally {
      this.lastWarnings = warnings;
    }
  }
}

/**
 * One JSON request to the current cluster of a kubeconfig, as its user. Resolves with the parsed
 * answer; rejects with ApiError (status and the API server's own message) on any other status.
 */
export async function kubeRequest<T>(
  config: KubeConfig,
  method: string,
  path: string,
  options: {
    readonly body?: unknown;
    readonly contentType?: string;
    readonly timeoutSeconds: number;
    readonly impersonate?: Impersonation;
    /** Receives the text of each `Warning` header of the answer. */
    readonly warnings?: string[];
    /** The media type asked for. @default "application/json" */
    readonly accept?: string;
    /** Resolve with the answer's text, not parsed. */
    readonly raw?: boolean;
  },
): Promise<T> {
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new Error("The kubeconfig has no current cluster");
  const requestOptions: RequestOptions = { method, headers: { accept: options.accept ?? "application/json" } };
  await config.applyToHTTPSOptions(requestOptions);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers = {
    ...requestOptions.headers,
    ...(payload ? { "content-type": options.contentType ?? "application/json" } : {}),
    ...(options.impersonate ? { "impersonate-user": options.impersonate.user, "impersonate-group": [...options.impersonate.groups] } : {}),
  };
  return new Promise<T>((resolve, reject) => {
    const req = request(new URL(path, cluster.server), { ...requestOptions, headers }, (res) => {
      options.warnings?.push(...warningTexts(res.headers.warning));
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) return resolve((options.raw ? text : text ? JSON.parse(text) : {}) as T);
        let message = text.trim();
        try {
          message = (JSON.parse(text) as { message?: string }).message ?? message;
        } catch {
          // Not a Status object: keep the text.
        }
        reject(new ApiError(status, message));
      });
    });
    req.setTimeout(options.timeoutSeconds * 1000, () => req.destroy(new Error(`${method} ${path}: no answer in ${options.timeoutSeconds} s`)));
    req.on("error", reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** The texts of RFC 7234 `Warning` headers as the API server writes them: `299 - "text"`. */
export function warningTexts(header: string | string[] | undefined): string[] {
  const values = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return values.flatMap((value) =>
    [...value.matchAll(/\d{3} \S+ "((?:[^"\\]|\\.)*)"/g)].map((match) => match[1]!.replace(/\\(.)/g, "$1")),
  );
}

function refOf(object: LiveObject): ObjectRef {
  if (!object.apiVersion || !object.kind || !object.metadata?.name) throw new Error("An object needs apiVersion, kind and metadata.name");
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
  };
}

/** Whether an object carries every label of a selector's matchLabels. */
export function hasLabels(object: LiveObject, matchLabels: Readonly<Record<string, string>>): boolean {
  return Object.entries(matchLabels).every(([key, value]) => object.metadata?.labels?.[key] === value);
}

/** Whether an object's status has the condition Ready=True (a pod or a node). */
export function isReady(object: LiveObject | undefined): boolean {
  const conditions = (object?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((condition) => condition.type === "Ready" && condition.status === "True");
}

/** Polls until the check returns a value, or fails with what it last saw. */
export async function waitFor<T>(what: string, timeoutSeconds: number, check: () => Promise<T | undefined>, lastSeen: () => string = () => ""): Promise<T> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutSeconds} s waiting for ${what}${lastSeen() ? `: ${lastSeen()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
