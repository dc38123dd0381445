/** Contract values that tests of services build on, as the base stacks of `dev` would publish them. */
import * as pulumi from "@pulumi/pulumi";
import type { Environment } from "@platform/config";
import type { ServicePlatform } from "./platform";

export const TEST_CONTRACTS = {
  clusterBase: {
    registryServer: "registry.digitalocean.com/pioneer",
    storageClass: "do-block-storage",
    tenants: { degenquest: { namespace: "degenquest", imagePullSecret: "registry-pull" } },
  },
  networking: {
    ingressClassName: "nginx",
    clusterIssuer: "letsencrypt-staging",
    baseDomain: "dev.degenquest.gg",
    ingressControllerNamespace: "ingress-nginx",
    ingressControllerPodLabels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" },
  },
  observability: {
    monitorLabels: { release: "kube-prometheus-stack" },
    ruleLabels: { release: "kube-prometheus-stack", role: "alert-rules" },
    dashboardLabels: { grafana_dashboard: "1" },
    prometheusNamespace: "monitoring",
    prometheusPodLabels: { "app.kubernetes.io/name": "prometheus" },
    blackboxExporterUrl: "http://blackbox-exporter.monitoring.svc:9115",
  },
} as const;

type Plain<T> = { [K in keyof T]: pulumi.Output<T[K]> };
const outputs = <T extends object>(values: T) =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, pulumi.output(value)])) as unknown as Plain<T>;

/** A {@link ServicePlatform} from plain contract values, for tests of components built on it. */
export function testPlatform(environment: Environment = "dev", tenant = "degenquest"): ServicePlatform {
  return {
    environment,
    tenant,
    clusterBase: outputs(TEST_CONTRACTS.clusterBase),
    networking: outputs(TEST_CONTRACTS.networking),
    observability: outputs(TEST_CONTRACTS.observability),
  } as unknown as ServicePlatform;
}
