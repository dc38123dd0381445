/**
 * What networking's stacks publish in each environment, as its offline plan shows them
 * (`npm run plan -- --project networking`): the upstream its readers' tests run against. A platform
 * test keeps every value equal to the plan; a secret holds a stand-in.
 */
import { stackExamples } from "@platform/stack-contracts";
import { networking, type NetworkingOutputs } from "./index";

export const networkingExamples = stackExamples<NetworkingOutputs>(networking, {
  local: {
    baseDomain: "localtest.me",
    certManagerNamespace: "cert-manager",
    certManagerPodLabels: {
      "app.kubernetes.io/name": "cert-manager",
      "app.kubernetes.io/instance": "cert-manager",
      "app.kubernetes.io/component": "controller",
    },
    clusterIssuer: "selfsigned",
    clusterIssuers: {
      selfsigned: "selfsigned",
    },
    ingressClassName: "nginx",
    ingressControllerMetricsPort: 10254,
    ingressControllerNamespace: "ingress-nginx",
    ingressControllerPodLabels: {
      "app.kubernetes.io/name": "ingress-nginx",
      "app.kubernetes.io/instance": "ingress-nginx",
      "app.kubernetes.io/component": "controller",
    },
    loadBalancerAddress: "127.0.0.1",
  },
  e2e: {
    baseDomain: "e2e.localtest.me",
    certManagerNamespace: "cert-manager",
    certManagerPodLabels: {
      "app.kubernetes.io/name": "cert-manager",
      "app.kubernetes.io/instance": "cert-manager",
      "app.kubernetes.io/component": "controller",
    },
    clusterIssuer: "selfsigned",
    clusterIssuers: {
      selfsigned: "selfsigned",
    },
    ingressClassName: "nginx",
    ingressControllerMetricsPort: 10254,
    ingressControllerNamespace: "ingress-nginx",
    ingressControllerPodLabels: {
      "app.kubernetes.io/name": "ingress-nginx",
      "app.kubernetes.io/instance": "ingress-nginx",
      "app.kubernetes.io/component": "controller",
    },
    loadBalancerAddress: "",
  },
  dev: {
    baseDomain: "dev.degenquest.gg",
    certManagerNamespace: "cert-manager",
    certManagerPodLabels: {
      "app.kubernetes.io/name": "cert-manager",
      "app.kubernetes.io/instance": "cert-manager",
      "app.kubernetes.io/component": "controller",
    },
    clusterIssuer: "letsencrypt-staging",
    clusterIssuers: {
      "letsencrypt-staging": "letsencrypt-staging",
      "letsencrypt-production": "letsencrypt-production",
    },
    ingressClassName: "nginx",
    ingressControllerMetricsPort: 10254,
    ingressControllerNamespace: "ingress-nginx",
    ingressControllerPodLabels: {
      "app.kubernetes.io/name": "ingress-nginx",
      "app.kubernetes.io/instance": "ingress-nginx",
      "app.kubernetes.io/component": "controller",
    },
    loadBalancerAddress: "<known after deploy: public IP of load balancer do-cluster-2b9226d-ingress>",
  },
  staging: {
    baseDomain: "staging.degenquest.gg",
    certManagerNamespace: "cert-manager",
    certManagerPodLabels: {
      "app.kubernetes.io/name": "cert-manager",
      "app.kubernetes.io/instance": "cert-manager",
      "app.kubernetes.io/component": "controller",
    },
    clusterIssuer: "letsencrypt-production",
    clusterIssuers: {
      "letsencrypt-staging": "letsencrypt-staging",
      "letsencrypt-production": "letsencrypt-production",
    },
    ingressClassName: "nginx",
    ingressControllerMetricsPort: 10254,
    ingressControllerNamespace: "ingress-nginx",
    ingressControllerPodLabels: {
      "app.kubernetes.io/name": "ingress-nginx",
      "app.kubernetes.io/instance": "ingress-nginx",
      "app.kubernetes.io/component": "controller",
    },
    loadBalancerAddress: "<known after deploy: public IP of load balancer degen-staging-ingress>",
  },
  production: {
    baseDomain: "degenquest.gg",
    certManagerNamespace: "cert-manager",
    certManagerPodLabels: {
      "app.kubernetes.io/name": "cert-manager",
      "app.kubernetes.io/instance": "cert-manager",
      "app.kubernetes.io/component": "controller",
    },
    clusterIssuer: "letsencrypt-production",
    clusterIssuers: {
      "letsencrypt-staging": "letsencrypt-staging",
      "letsencrypt-production": "letsencrypt-production",
    },
    ingressClassName: "nginx",
    ingressControllerMetricsPort: 10254,
    ingressControllerNamespace: "ingress-nginx",
    ingressControllerPodLabels: {
      "app.kubernetes.io/name": "ingress-nginx",
      "app.kubernetes.io/instance": "ingress-nginx",
      "app.kubernetes.io/component": "controller",
    },
    loadBalancerAddress: "<known after deploy: public IP of load balancer degen-production-ingress>",
  },
});
