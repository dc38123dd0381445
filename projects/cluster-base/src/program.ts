import * as k8s from "@pulumi/kubernetes";
import { currentEnvironment } from "@platform/config";
import type { StackOutputs } from "@platform/stack-contracts";
import { loadClusterBaseConfig } from "./config";
import type { ClusterBaseOutputs } from "@platform/cluster-base-contract";
import { AdmissionPolicies } from "./components/admission-policies";
import { connectCluster } from "./components/cluster-connection";
import { PlatformAccess } from "./components/platform-access";
import { THIRD_PARTY_IMAGES } from "./third-party-images";
import { MetricsServer } from "./components/metrics-server";
import { RegistryAccess } from "./components/registry-access";
import { TenantNamespace } from "./components/tenant-namespace";

/** cluster-base: the cluster, the registry and the namespaces that every other stack builds on. */
export function clusterBaseProgram(): StackOutputs<ClusterBaseOutputs> {
  const environment = currentEnvironment();
  const config = loadClusterBaseConfig(environment);
  // Staging and production hold real users' data: deleting their cluster or registry takes an
  // explicit `pulumi state unprotect` first.
  const protect = environment === "staging" || environment === "production";

  const cluster = connectCluster(config.cluster, environment, { protect });
  const registry = new RegistryAccess("registry", config.registry, { protect });
  // The caller's own identity, for the objects only a cluster admin declares. An empty kubeconfig,
  // never an undefined one, selects the machine's kubeconfig file: the SDK sends a secret
  // undefined as null, which the provider reads as an empty kubeconfig document.
  const admin = new k8s.Provider("cluster-admin", {
    kubeconfig: cluster.kubeconfig,
    context: cluster.kubeContext,
    enableServerSideApply: true,
  });
  const access = new PlatformAccess("platform-access", { provider: admin });
  new AdmissionPolicies(
    "admission",
    { ...config.admission, registry: registry.server, thirdPartyImages: THIRD_PARTY_IMAGES },
    { provider: admin },
  );
  // Everything else is deployed as the pipeline, the identity the admission policies admit.
  const provider = new k8s.Provider(
    "cluster",
    { kubeconfig: cluster.deployKubeconfig, context: cluster.kubeContext, enableServerSideApply: true },
    { dependsOn: [access] },
  );

  const tenants = Object.entries(config.tenants).map(([name, tenant]) => {
    const namespace = new TenantNamespace(
      name,
      { ...tenant, environment, dockerConfigJson: registry.dockerConfigJson },
      { provider },
    );
    return [name, { namespace: namespace.namespaceName, imagePullSecret: namespace.imagePullSecret }] as const;
  });

  if (config.metricsServer) {
    new MetricsServer(
      "metrics-server",
      { replicas: environment === "production" ? 2 : 1, insecureKubeletTls: cluster.mode === "local" },
      { provider },
    );
  }

  return {
    environment,
    clusterMode: cluster.mode,
    clusterName: cluster.clusterName,
    kubernetesVersion: cluster.kubernetesVersion,
    kubeconfig: cluster.deployKubeconfig,
    kubeContext: cluster.kubeContext,
    registryServer: registry.server,
    storageClass: config.storageClass ?? (cluster.mode === "local" ? "standard" : "do-block-storage"),
    tenants: Object.fromEntries(tenants),
    gatewayApi: cluster.gatewayApi,
  };
}
