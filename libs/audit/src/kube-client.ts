import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { ApiException, ApisApi, CoreV1Api, CustomObjectsApi, KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import type { ApiGroupList, ApiResourceList } from "./discovery";
import { ClusterUnreachableError, type KubeApi } from "./kube-api";
import type { KubeList } from "./objects";

const PAGE_SIZE = 500;

/**
 * A read-only client for the cluster of the current kubeconfig context (or `context`). Throws
 * ClusterUnreachableError, with what to do, when there is no kubeconfig or no such context.
 */
export function connectKubeApi(options: { readonly context?: string } = {}): KubeApi {
  const kubeconfigFiles = (process.env.KUBECONFIG || join(homedir(), ".kube", "config")).split(delimiter).filter(Boolean);
  const inCluster = !!process.env.KUBERNETES_SERVICE_HOST;
  if (!inCluster && !kubeconfigFiles.some((file) => existsSync(file))) {
    // Without this check the client silently falls back to http://localhost:8080.
    throw new ClusterUnreachableError(
      `No kubeconfig found (looked at ${kubeconfigFiles.join(", ")}). ` +
        "Fetch one with `doctl kubernetes cluster kubeconfig save <cluster>` or set KUBECONFIG.",
    );
  }
  const config = new KubeConfig();
  config.loadFromDefault();
  if (options.context) {
    if (!config.getContextObject(options.context)) {
      const known = config.getContexts().map((context) => context.name);
      throw new ClusterUnreachableError(`No context "${options.context}" in the kubeconfig; it has: ${known.join(", ") || "none"}.`);
    }
    config.setCurrentContext(options.context);
  }
  const contextName = config.getCurrentContext();
  const server = config.getCurrentCluster()?.server ?? "no server";
  const description = `${contextName} (${server})`;

  const core = config.makeApiClient(CoreV1Api);
  const apis = config.makeApiClient(ApisApi);
  const custom = config.makeApiClient(CustomObjectsApi);
  const objects = KubernetesObjectApi.makeApiClient(config);

  return {
    description,
    coreResources: () => call(() => core.getAPIResources()) as Promise<ApiResourceList>,
    apiGroups: () => call(() => apis.getAPIVersions()) as Promise<ApiGroupList>,
    groupResources: (groupVersion) => {
      const [group, version] = groupVersion.split("/") as [string, string];
      return call(() => custom.getAPIResources({ group, version })) as Promise<ApiResourceList>;
    },
    namespaces: async () => {
      try {
        return (await core.listNamespace()) as unknown as KubeList;
      } catch (error) {
        throw new ClusterUnreachableError(`Cannot read namespaces from ${description}: ${describe(error)}`);
      }
    },
    list: (type, namespace, continueToken) =>
      call(() =>
        objects.list(type.apiVersion, type.kind, namespace, undefined, undefined, undefined, undefined, undefined, PAGE_SIZE, continueToken),
      ) as Promise<KubeList>,
  };
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw new Error(describe(error));
  }
}

function describe(error: unknown): string {
  if (error instanceof ApiException) {
    const body = typeof error.body === "string" ? safeStatusMessage(error.body) : undefined;
    return `HTTP ${error.code}${body ? `: ${body}` : ""}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The `message` of a Kubernetes Status body, which says what was refused and why. */
function safeStatusMessage(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { message?: string }).message;
  } catch {
    return body.slice(0, 200);
  }
}
