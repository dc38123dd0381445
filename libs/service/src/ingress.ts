/**
 * Public HTTPS entry through the shared ingress controller, with a certificate from the
 * environment's ClusterIssuer. Pure: builds the Ingress's metadata and spec.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ResolvedServiceArgs } from "./defaults";

export interface IngressInputs {
  readonly name: string;
  readonly host: pulumi.Input<string>;
  /** The ClusterIP Service that receives the traffic. */
  readonly serviceName: pulumi.Input<string>;
  readonly ingressClassName: pulumi.Input<string>;
}

export function ingressAnnotations(settings: NonNullable<ResolvedServiceArgs["ingress"]>, clusterIssuer: pulumi.Input<string>) {
  const timeout = String(settings.idleTimeoutSeconds);
  return {
    "cert-manager.io/cluster-issuer": clusterIssuer,
    "nginx.ingress.kubernetes.io/ssl-redirect": "true",
    "nginx.ingress.kubernetes.io/proxy-read-timeout": timeout,
    "nginx.ingress.kubernetes.io/proxy-send-timeout": timeout,
  };
}

export function ingressSpec(settings: NonNullable<ResolvedServiceArgs["ingress"]>, inputs: IngressInputs): k8s.types.input.networking.v1.IngressSpec {
  return {
    ingressClassName: inputs.ingressClassName,
    tls: [{ hosts: [inputs.host], secretName: `${inputs.name}-tls` }],
    rules: [
      {
        host: inputs.host,
        http: {
          paths: [
            {
              path: settings.path,
              pathType: "Prefix",
              backend: { service: { name: inputs.serviceName, port: { name: settings.port } } },
            },
          ],
        },
      },
    ],
  };
}
