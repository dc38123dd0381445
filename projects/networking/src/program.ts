import { clusterBase } from "@platform/cluster-base-contract";
import { clusterProvider } from "@platform/kubernetes";
import { currentEnvironment, runsOnMachine } from "@platform/config";
import type { StackOutputs } from "@platform/stack-contracts";
import { BaselineNetworkPolicies } from "./components/baseline-network-policies";
import { CertManager, preinstalledCertManager } from "./components/cert-manager";
import { ClusterIssuers } from "./components/cluster-issuers";
import { IngressNginx, preinstalledIngressNginx } from "./components/ingress-nginx";
import { PublicDns } from "./components/public-dns";
import { loadNetworkingConfig } from "./config";
import type { NetworkingOutputs } from "@platform/networking-contract";

/** networking: how traffic reaches the cluster, its certificates and names, and what tenants may talk to. */
export function networkingProgram(): StackOutputs<NetworkingOutputs> {
  const environment = currentEnvironment();
  const config = loadNetworkingConfig(environment);
  const base = clusterBase.read();
  const provider = clusterProvider("cluster", base);
  const protect = environment === "staging" || environment === "production";

  const ingress = !config.install.ingressNginx ? preinstalledIngressNginx() : new IngressNginx(
    "ingress-nginx",
    {
      replicas: config.ingress.replicas,
      resources: config.ingress.resources,
      // A local cluster has no cloud load balancer: the controller listens on the node's ports.
      loadBalancer: runsOnMachine(environment) ? undefined : {
        name: base.clusterName.apply((cluster) => `${cluster}-ingress`),
        hostname: config.domain,
        proxyProtocol: config.ingress.proxyProtocol,
        sizeUnits: config.ingress.loadBalancerSizeUnits,
      },
    },
    { provider },
  );

  const certManager = config.install.certManager
    ? new CertManager("cert-manager", { replicas: config.certManager.replicas }, { provider })
    : preinstalledCertManager();
  const issuers = new ClusterIssuers(
    "cluster-issuers",
    {
      certManager,
      acme: config.acmeEmail ? { email: config.acmeEmail, ingressClassName: ingress.ingressClassName } : undefined,
    },
    { provider },
  );

  if (config.dns) {
    new PublicDns(
      "public-dns",
      {
        zone: config.dns.zone,
        domain: config.domain,
        address: ingress.address,
        manageZone: config.dns.manageZone,
        protectZone: protect,
        ttlSeconds: config.dns.ttlSeconds,
      },
    );
  }

  new BaselineNetworkPolicies(
    "tenant-baseline",
    {
      tenants: config.tenants,
      publishedTenants: base.tenants,
      ingressController: { namespace: ingress.namespace, podLabels: ingress.podLabels },
    },
    { provider },
  );

  return {
    ingressClassName: ingress.ingressClassName,
    clusterIssuer: issuers.names[config.clusterIssuer]!,
    clusterIssuers: issuers.names,
    baseDomain: config.domain,
    loadBalancerAddress: ingress.address,
    ingressControllerNamespace: ingress.namespace,
    ingressControllerPodLabels: ingress.podLabels,
    ingressControllerMetricsPort: ingress.metricsPort,
    certManagerNamespace: certManager.namespace,
    certManagerPodLabels: certManager.podLabels,
  };
}
