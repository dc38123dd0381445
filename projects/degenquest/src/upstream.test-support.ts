/**
 * What cluster-base, networking and observability publish in each environment, as tests of this
 * program read them. Keys come from the contracts themselves, so a new upstream output cannot be
 * forgotten here; the values are those the upstream stack files produce.
 */
import { clusterBase } from "@platform/cluster-base/contract";
import type { Environment } from "@platform/config";
import { networking } from "@platform/networking/contract";
import { observability } from "@platform/observability/contract";
import type { MockRuntimeOptions } from "@platform/testing";

const BASE_DOMAIN: Record<Environment, string> = {
  local: "localtest.me",
  e2e: "e2e.localtest.me",
  dev: "dev.degenquest.gg",
  staging: "staging.degenquest.gg",
  production: "degenquest.gg",
};

function complete(keys: object, values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(keys).map((key) => [key, values[key] ?? ""]));
}

/** The `stackOutputs` of a mock runtime for one environment. */
export function upstreamStacks(environment: Environment): NonNullable<MockRuntimeOptions["stackOutputs"]> {
  const local = environment === "local";
  return {
    [`organization/cluster-base/${environment}`]: {
      outputs: complete(clusterBase.outputs, {
        environment,
        clusterMode: local ? "local" : "create",
        clusterName: local ? "kind-degen" : `degen-${environment}`,
        kubeContext: local ? "kind-degen" : "",
        kubeconfig: local ? "" : "apiVersion: v1",
        registryServer: local ? "localhost:5001" : "registry.digitalocean.com/pioneer",
        storageClass: local ? "standard" : "do-block-storage",
        tenants: {
          degenquest: { namespace: "degenquest", imagePullSecret: local ? "" : "registry-pull" },
          "pioneer-agent": { namespace: "pioneer-agent", imagePullSecret: local ? "" : "registry-pull" },
        },
      }),
      secretOutputNames: ["kubeconfig"],
    },
    [`organization/networking/${environment}`]: {
      outputs: complete(networking.outputs, {
        ingressClassName: "nginx",
        clusterIssuer: local ? "selfsigned" : environment === "dev" ? "letsencrypt-staging" : "letsencrypt-production",
        baseDomain: BASE_DOMAIN[environment],
        ingressControllerNamespace: "ingress-nginx",
        ingressControllerPodLabels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" },
      }),
    },
    [`organization/observability/${environment}`]: {
      outputs: complete(observability.outputs, {
        namespace: "monitoring",
        monitorLabels: { release: "kube-prometheus-stack" },
        ruleLabels: { release: "kube-prometheus-stack" },
        dashboardLabels: { grafana_dashboard: "1" },
        prometheusNamespace: "monitoring",
        prometheusPodLabels: { "app.kubernetes.io/name": "prometheus" },
        blackboxExporterUrl: "blackbox-exporter.monitoring.svc:9115",
      }),
    },
  };
}
