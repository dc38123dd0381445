import { clusterBase } from "@platform/cluster-base-contract";
import { clusterProvider } from "@platform/kubernetes";
import { currentEnvironment, runsOnMachine } from "@platform/config";
import type { StackOutputs } from "@platform/stack-contracts";
import * as pulumi from "@pulumi/pulumi";
import { BaselineNetworkPolicies } from "./components/baseline-network-policies";
import { CertManager, preinstalledCertManager } from "./components/cert-manager";
import { ClusterIssuers, type AcmeSettings } from "./components/cluster-issuers";
import { IngressNginx, preinstalledIngressNginx, type IngressController } from "./components/ingress-nginx";
import { PublicDns } from "./components/public-dns";
import { PublicGateway } from "./components/public-gateway";
import { gatewayClassOf } from "./gateway-support";
import { loadNetworkingConfig, servedEdges, type EdgeKind, type NetworkingConfig } from "./config";
import type { NetworkingOutputs, PublicEdge } from "@platform/networking-contract";

/** networking: how traffic reaches the cluster, its certificates and names, and what tenants may talk to. */
export function networkingProgram(): StackOutputs<NetworkingOutputs> {
  const environment = currentEnvironment();
  const config = loadNetworkingConfig(environment);
  const base = clusterBase.read();
  const provider = clusterProvider("cluster", base);
  const protect = environment === "staging" || environment === "production";
  const onMachine = runsOnMachine(environment);
  const served = servedEdges(config.edge);

  const ingress = !served.includes("ingress-nginx")
    ? undefined
    : !config.install.ingressNginx
      ? preinstalledIngressNginx()
      : new IngressNginx(
          "ingress-nginx",
          {
            replicas: config.ingress.replicas,
            resources: config.ingress.resources,
            // A local cluster has no cloud load balancer: the controller listens on the node's ports.
            loadBalancer: onMachine
              ? undefined
              : {
                  name: base.clusterName.apply((cluster) => `${cluster}-ingress`),
                  hostname: config.domain,
                  proxyProtocol: config.ingress.proxyProtocol,
                  sizeUnits: config.ingress.loadBalancerSizeUnits,
                },
          },
          { provider },
        );

  const certManager = config.install.certManager
    ? new CertManager("cert-manager", { replicas: config.certManager.replicas, gatewayApi: served.includes("gateway") }, { provider })
    : preinstalledCertManager();
  const issuers = new ClusterIssuers("cluster-issuers", { certManager, acme: acmeSettings(config, served, ingress) }, { provider });
  const clusterIssuer = issuers.names[config.clusterIssuer]!;

  const gateway = !served.includes("gateway")
    ? undefined
    : new PublicGateway(
        "public-gateway",
        {
          gatewayClassName: gatewayClassOf(base.gatewayApi, config.edge),
          domain: config.domain,
          clusterIssuer,
          loadBalancer: onMachine
            ? undefined
            : { name: base.clusterName.apply((cluster) => `${cluster}-gateway`), sizeUnits: config.gateway.loadBalancerSizeUnits },
        },
        { provider },
      );

  const edges = served.map(
    (kind): pulumi.Output<PublicEdge> =>
      kind === "gateway"
        ? pulumi.all([gateway!.namespace, gateway!.address]).apply(
            ([gatewayNamespace, address]): PublicEdge => ({ kind: "gateway", gatewayName: gateway!.gatewayName, gatewayNamespace, address }),
          )
        : pulumi.all([ingress!.namespace, ingress!.address]).apply(
            ([controllerNamespace, address]): PublicEdge => ({
              kind: "ingress-nginx",
              ingressClassName: ingress!.ingressClassName,
              controllerNamespace,
              controllerPodLabels: ingress!.podLabels,
              metricsPort: ingress!.metricsPort,
              address,
            }),
          ),
  );
  const address = config.edge.primary === "gateway" ? gateway!.address : ingress!.address;

  if (config.dns) {
    new PublicDns("public-dns", {
      zone: config.dns.zone,
      domain: config.domain,
      address,
      manageZone: config.dns.manageZone,
      protectZone: protect,
      ttlSeconds: config.dns.ttlSeconds,
    });
  }

  new BaselineNetworkPolicies(
    "tenant-baseline",
    {
      tenants: config.tenants,
      publishedTenants: base.tenants,
      ingressController: ingress ? { namespace: ingress.namespace, podLabels: ingress.podLabels } : undefined,
      gatewayProxy: gateway !== undefined,
    },
    { provider },
  );

  return {
    edges: pulumi.all(edges),
    clusterIssuer,
    clusterIssuers: issuers.names,
    baseDomain: config.domain,
    loadBalancerAddress: address,
    certManagerNamespace: certManager.namespace,
    certManagerPodLabels: certManager.podLabels,
  };
}

/**
 * Let's Encrypt where the internet reaches the cluster: through DNS wherever the gateway serves
 * (its certificate covers the wildcard), else an HTTP answer through ingress-nginx.
 */
function acmeSettings(config: NetworkingConfig, served: readonly EdgeKind[], ingress: IngressController | undefined): AcmeSettings | undefined {
  if (!config.acmeEmail) return undefined;
  return {
    email: config.acmeEmail,
    solver:
      served.includes("gateway") || !ingress
        ? { kind: "dns01-digitalocean", token: config.acmeDnsToken }
        : { kind: "http01-ingress", ingressClassName: ingress.ingressClassName },
  };
}
