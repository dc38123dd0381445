/**
 * What networking's stacks publish in each environment, as its offline plan shows them
 * (`npm run plan -- --project networking`): the upstream its readers' tests run against. A platform
 * test keeps every value equal to the plan.
 */
import { stackExamples } from "@platform/stack-contracts";
import { networking, type GatewayEdge, type IngressNginxEdge, type NetworkingOutputs } from "./index";

const INGRESS_NGINX: Omit<IngressNginxEdge, "address"> = {
  kind: "ingress-nginx",
  ingressClassName: "nginx",
  controllerNamespace: "ingress-nginx",
  controllerPodLabels: {
    "app.kubernetes.io/name": "ingress-nginx",
    "app.kubernetes.io/instance": "ingress-nginx",
    "app.kubernetes.io/component": "controller",
  },
  metricsPort: 10254,
};

const GATEWAY: Omit<GatewayEdge, "address"> = { kind: "gateway", gatewayName: "public", gatewayNamespace: "gateway" };

/** What every environment publishes alike. */
const EVERY_ENVIRONMENT = {
  certManagerNamespace: "cert-manager",
  certManagerPodLabels: {
    "app.kubernetes.io/name": "cert-manager",
    "app.kubernetes.io/instance": "cert-manager",
    "app.kubernetes.io/component": "controller",
  },
} satisfies Partial<NetworkingOutputs>;

export const networkingExamples = stackExamples<NetworkingOutputs>(networking, {
  local: {
    ...EVERY_ENVIRONMENT,
    edges: [{ ...INGRESS_NGINX, address: "127.0.0.1" }],
    baseDomain: "localtest.me",
    clusterIssuer: "selfsigned",
    clusterIssuers: {
      selfsigned: "selfsigned",
    },
    loadBalancerAddress: "127.0.0.1",
  },
  e2e: {
    ...EVERY_ENVIRONMENT,
    edges: [
      { ...GATEWAY, address: "" },
      { ...INGRESS_NGINX, address: "" },
    ],
    baseDomain: "e2e.localtest.me",
    clusterIssuer: "selfsigned",
    clusterIssuers: {
      selfsigned: "selfsigned",
    },
    loadBalancerAddress: "",
  },
  dev: {
    ...EVERY_ENVIRONMENT,
    edges: [{ ...INGRESS_NGINX, address: "<known after deploy: public IP of load balancer do-cluster-2b9226d-ingress>" }],
    baseDomain: "dev.degenquest.gg",
    clusterIssuer: "letsencrypt-staging",
    clusterIssuers: {
      "letsencrypt-staging": "letsencrypt-staging",
      "letsencrypt-production": "letsencrypt-production",
    },
    loadBalancerAddress: "<known after deploy: public IP of load balancer do-cluster-2b9226d-ingress>",
  },
  staging: {
    ...EVERY_ENVIRONMENT,
    edges: [{ ...GATEWAY, address: "<known after deploy: public IP of load balancer degen-staging-gateway>" }],
    baseDomain: "staging.degenquest.gg",
    clusterIssuer: "letsencrypt-production",
    clusterIssuers: {
      "letsencrypt-staging": "letsencrypt-staging",
      "letsencrypt-production": "letsencrypt-production",
    },
    loadBalancerAddress: "<known after deploy: public IP of load balancer degen-staging-gateway>",
  },
  production: {
    ...EVERY_ENVIRONMENT,
    edges: [{ ...GATEWAY, address: "<known after deploy: public IP of load balancer degen-production-gateway>" }],
    baseDomain: "degenquest.gg",
    clusterIssuer: "letsencrypt-production",
    clusterIssuers: {
      "letsencrypt-staging": "letsencrypt-staging",
      "letsencrypt-production": "letsencrypt-production",
    },
    loadBalancerAddress: "<known after deploy: public IP of load balancer degen-production-gateway>",
  },
});
