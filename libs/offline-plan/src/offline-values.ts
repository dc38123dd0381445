/**
 * Answers for what only a cloud provider can know. Where the real value follows from the inputs
 * (a registry's endpoint from its name), it is given; where it cannot be known before a deploy,
 * a marked placeholder stands in, so nobody mistakes it for a real value.
 */

export function knownAfterDeploy(what: string): string {
  return `<known after deploy: ${what}>`;
}

type Inputs = Record<string, unknown>;
type Answer = (name: string, inputs: Inputs) => Record<string, unknown>;

const DO_REGISTRY_HOST = "registry.digitalocean.com";

function kubeconfigPlaceholder(cluster: string): unknown[] {
  return [
    {
      rawConfig: knownAfterDeploy(`kubeconfig of DOKS cluster ${cluster}`),
      host: knownAfterDeploy(`API endpoint of ${cluster}`),
      token: knownAfterDeploy(`API token of ${cluster}`),
      clusterCaCertificate: knownAfterDeploy(`CA certificate of ${cluster}`),
    },
  ];
}

/** Resource outputs computed by providers, by resource type token. */
const RESOURCE_OUTPUTS: Readonly<Record<string, Answer>> = {
  "digitalocean:index/kubernetesCluster:KubernetesCluster": (name, inputs) => ({
    endpoint: knownAfterDeploy(`API endpoint of ${String(inputs.name ?? name)}`),
    kubeConfigs: kubeconfigPlaceholder(String(inputs.name ?? name)),
    clusterUrn: `do:kubernetes:${knownAfterDeploy("cluster id")}`,
    status: "running",
  }),
  "digitalocean:index/containerRegistry:ContainerRegistry": (name, inputs) => ({
    endpoint: `${DO_REGISTRY_HOST}/${String(inputs.name ?? name)}`,
    serverUrl: DO_REGISTRY_HOST,
  }),
  "digitalocean:index/containerRegistryDockerCredentials:ContainerRegistryDockerCredentials": (_name, inputs) => ({
    dockerCredentials: knownAfterDeploy(`read-only credentials for registry ${String(inputs.registryName)}`),
  }),
  "digitalocean:index/vpc:Vpc": (name, inputs) => ({ urn: `do:vpc:${knownAfterDeploy(`id of ${String(inputs.name ?? name)}`)}` }),
  "digitalocean:index/spacesBucket:SpacesBucket": (name, inputs) => ({
    bucketDomainName: `${String(inputs.name ?? name)}.${String(inputs.region)}.digitaloceanspaces.com`,
    endpoint: `${String(inputs.region)}.digitaloceanspaces.com`,
  }),
  "digitalocean:index/spacesKey:SpacesKey": (name) => ({
    accessKey: knownAfterDeploy(`access key of ${name}`),
    secretKey: knownAfterDeploy(`secret key of ${name}`),
  }),
  "random:index/randomPassword:RandomPassword": (name) => ({
    result: knownAfterDeploy(`generated password ${name}`),
    bcryptHash: knownAfterDeploy(`bcrypt hash of generated password ${name}`),
  }),
  "kubernetes:helm.sh/v3:Release": (name, inputs) => ({
    status: { name: inputs.name ?? name, namespace: inputs.namespace ?? "default", status: "deployed", version: inputs.version },
  }),
};

/** Provider function results, by function token. */
const INVOKE_RESULTS: Readonly<Record<string, (inputs: Inputs) => Record<string, unknown>>> = {
  "digitalocean:index/getKubernetesVersions:getKubernetesVersions": (inputs) => ({
    versionPrefix: inputs.versionPrefix,
    latestVersion: knownAfterDeploy(`newest DOKS release of ${String(inputs.versionPrefix ?? "")}x`),
    validVersions: [],
  }),
  "digitalocean:index/getKubernetesCluster:getKubernetesCluster": (inputs) => ({
    name: inputs.name,
    id: knownAfterDeploy(`id of cluster ${String(inputs.name)}`),
    region: knownAfterDeploy(`region of cluster ${String(inputs.name)}`),
    version: knownAfterDeploy(`Kubernetes version of cluster ${String(inputs.name)}`),
    endpoint: knownAfterDeploy(`API endpoint of ${String(inputs.name)}`),
    kubeConfigs: kubeconfigPlaceholder(String(inputs.name)),
    nodePools: [],
    tags: [],
  }),
  "digitalocean:index/getContainerRegistry:getContainerRegistry": (inputs) => ({
    name: inputs.name,
    endpoint: `${DO_REGISTRY_HOST}/${String(inputs.name)}`,
    serverUrl: DO_REGISTRY_HOST,
  }),
  "digitalocean:index/getDomain:getDomain": (inputs) => ({ name: inputs.name, ttl: 1800, zoneFile: "" }),
  "digitalocean:index/getLoadBalancer:getLoadBalancer": (inputs) => ({
    name: inputs.name,
    ip: knownAfterDeploy(`public IP of load balancer ${String(inputs.name)}`),
    status: "active",
  }),
};

/** What the provider would add to a resource's inputs to make its state. */
export function providerComputedOutputs(type: string, name: string, inputs: Inputs): Record<string, unknown> {
  return RESOURCE_OUTPUTS[type]?.(name, inputs) ?? kubernetesAutoName(type, name, inputs) ?? {};
}

/**
 * The Kubernetes provider names an object without metadata.name `<resource name>-<random suffix>`;
 * whatever reads that name (a RoleBinding's roleRef, a pod's secretKeyRef) gets a marked placeholder.
 */
function kubernetesAutoName(type: string, name: string, inputs: Inputs): Record<string, unknown> | undefined {
  if (!type.startsWith("kubernetes:") || type.startsWith("kubernetes:helm.sh/") || type.startsWith("pulumi:")) return undefined;
  const metadata = inputs.metadata as Inputs | undefined;
  if (metadata?.name !== undefined) return undefined;
  return { metadata: { ...metadata, name: knownAfterDeploy(`generated name ${name}-<suffix>`) } };
}

/** The offline answer to a provider function call, or undefined when there is none. */
export function offlineInvokeResult(token: string, inputs: Inputs): Record<string, unknown> | undefined {
  return INVOKE_RESULTS[token]?.(inputs);
}

/**
 * The contexts of clusters on a developer's machine that a stack's configuration names: any
 * setting shaped `{ mode: "local", context }`, as cluster-base's `cluster` is.
 */
export function localContextsOf(config: Readonly<Record<string, string>>): string[] {
  const contexts = new Set<string>();
  for (const value of Object.values(config)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      continue;
    }
    const setting = parsed as { mode?: unknown; context?: unknown } | null;
    if (setting?.mode === "local" && typeof setting.context === "string") contexts.add(setting.context);
  }
  return [...contexts].sort();
}

/**
 * A kubeconfig in which each of those contexts reaches a marked stand-in cluster as a stand-in
 * user, so that a plan never reads, nor puts into a stack's outputs, this machine's own
 * credentials, and plans the same everywhere.
 */
export function standInKubeconfig(contexts: readonly string[]): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: contexts.map((name) => ({ name, cluster: { server: `https://${name}.offline-plan.invalid` } })),
    users: contexts.map((name) => ({ name, user: { token: knownAfterDeploy(`credentials of ${name}`) } })),
    contexts: contexts.map((name) => ({ name, context: { cluster: name, user: name } })),
  });
}
