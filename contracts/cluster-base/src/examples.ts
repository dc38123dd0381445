/**
 * What cluster-base's stacks publish in each environment, as its offline plan shows them
 * (`npm run plan -- --project cluster-base`): the upstream its readers' tests run against. A platform
 * test keeps every value equal to the plan; a secret holds a stand-in.
 */
import { stackExamples } from "@platform/stack-contracts";
import { clusterBase, type ClusterBaseOutputs } from "./index";

/** The plan masks the kubeconfig, a secret; these minimal documents stand in for it. */
const DIGITALOCEAN_KUBECONFIG = "apiVersion: v1\nkind: Config\n";
const localKubeconfig = (context: string) => `apiVersion: v1\nkind: Config\ncurrent-context: ${context}\n`;

export const clusterBaseExamples = stackExamples<ClusterBaseOutputs>(clusterBase, {
  local: {
    clusterMode: "local",
    clusterName: "kind-degen",
    environment: "local",
    kubeconfig: localKubeconfig("kind-degen"),
    kubeContext: "kind-degen",
    kubernetesVersion: "local",
    registryServer: "localhost:5001",
    storageClass: "standard",
    gatewayApi: {
      available: false,
      reason:
        'cluster-base:cluster.gatewayClassName is not set: name the GatewayClass of the local cluster\'s Gateway API implementation (such as "cilium"), or keep the ingress-nginx edge',
    },
    tenants: {
      degenquest: {
        namespace: "degenquest",
        imagePullSecret: "",
      },
      "pioneer-agent": {
        namespace: "pioneer-agent",
        imagePullSecret: "",
      },
    },
  },
  e2e: {
    clusterMode: "local",
    clusterName: "platform-e2e",
    environment: "e2e",
    kubeconfig: localKubeconfig("platform-e2e"),
    kubeContext: "platform-e2e",
    kubernetesVersion: "local",
    registryServer: "registry.digitalocean.com/pioneer",
    storageClass: "do-block-storage",
    gatewayApi: { available: true, gatewayClassName: "cilium" },
    tenants: {
      degenquest: {
        namespace: "degenquest",
        imagePullSecret: "",
      },
      "pioneer-agent": {
        namespace: "pioneer-agent",
        imagePullSecret: "",
      },
    },
  },
  dev: {
    clusterMode: "existing",
    clusterName: "do-cluster-2b9226d",
    environment: "dev",
    kubeconfig: DIGITALOCEAN_KUBECONFIG,
    kubeContext: "",
    kubernetesVersion: "<known after deploy: Kubernetes version of cluster do-cluster-2b9226d>",
    registryServer: "registry.digitalocean.com/pioneer",
    storageClass: "do-block-storage",
    gatewayApi: {
      available: false,
      reason:
        "cluster-base:cluster.vpcNative is not true: DOKS's managed Gateway API needs a VPC-native cluster; set it if \"do-cluster-2b9226d\" was created with VPC-native networking (its pod network routable in the VPC), or move the environment to a cluster that cluster-base creates with podNetwork and serviceNetwork;" +
        " cluster \"do-cluster-2b9226d\" reports version \"<known after deploy: Kubernetes version of cluster do-cluster-2b9226d>\": its Kubernetes release is known once cluster-base reads it, at deploy",
    },
    tenants: {
      degenquest: {
        namespace: "degenquest",
        imagePullSecret: "registry-pull",
      },
      "pioneer-agent": {
        namespace: "pioneer-agent",
        imagePullSecret: "registry-pull",
      },
    },
  },
  staging: {
    clusterMode: "create",
    clusterName: "degen-staging",
    environment: "staging",
    kubeconfig: DIGITALOCEAN_KUBECONFIG,
    kubeContext: "",
    kubernetesVersion: "<known after deploy: newest DOKS release of 1.33.x>",
    registryServer: "registry.digitalocean.com/pioneer",
    storageClass: "do-block-storage",
    gatewayApi: { available: true, gatewayClassName: "cilium" },
    tenants: {
      degenquest: {
        namespace: "degenquest",
        imagePullSecret: "registry-pull",
      },
      "pioneer-agent": {
        namespace: "pioneer-agent",
        imagePullSecret: "registry-pull",
      },
    },
  },
  production: {
    clusterMode: "create",
    clusterName: "degen-production",
    environment: "production",
    kubeconfig: DIGITALOCEAN_KUBECONFIG,
    kubeContext: "",
    kubernetesVersion: "<known after deploy: newest DOKS release of 1.33.x>",
    registryServer: "registry.digitalocean.com/pioneer",
    storageClass: "do-block-storage",
    gatewayApi: { available: true, gatewayClassName: "cilium" },
    tenants: {
      degenquest: {
        namespace: "degenquest",
        imagePullSecret: "registry-pull",
      },
      "pioneer-agent": {
        namespace: "pioneer-agent",
        imagePullSecret: "registry-pull",
      },
    },
  },
});
