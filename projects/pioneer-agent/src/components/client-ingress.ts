import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { podsIn, type PlatformService, type ServicePlatform } from "@platform/service";

export interface ClientIngressArgs {
  /** The agent's service: its namespace, Service, pod labels and, with `sharedHost`, its host. */
  readonly service: Pick<PlatformService, "namespace" | "serviceName" | "selectorLabels" | "host">;
  readonly networking: Pick<
    ServicePlatform["networking"],
    "ingressClassName" | "clusterIssuer" | "ingressControllerNamespace" | "ingressControllerPodLabels"
  >;
  /** Name and number of the client's port on the service. */
  readonly port: { readonly name: string; readonly port: number };
  /**
   * The client's own host, with a certificate of its own. Left out, the client shares the
   * service's host, and the certificate that the service's Ingress requests for it.
   * @default the service's host
   */
  readonly host?: pulumi.Input<string>;
  /** @default 60 seconds */
  readonly idleTimeoutSeconds?: number;
  /**
   * Further paths on the client's host that go to another port of the service, such as the
   * server's WebSocket endpoint (`/socket.io`) when the client calls its own origin. The
   * service's own NetworkPolicy already lets the ingress controller reach its ingress port.
   * @default none
   */
  readonly serverRoutes?: { readonly port: string; readonly paths: readonly string[] };
}

export function clientIngressArgProblems(args: ClientIngressArgs): string[] {
  const problems: string[] = [];
  const { name, port } = args.port;
  if (!/^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(name)) problems.push(`port.name is "${name}": expected a port name such as "client"`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push(`port.port is ${port}: expected a whole number from 1 to 65535`);
  for (const path of args.serverRoutes?.paths ?? []) {
    if (!/^\/[A-Za-z0-9._~/-]+$/.test(path)) problems.push(`serverRoutes.paths has "${path}": expected a path below "/", such as "/socket.io"`);
  }
  const timeout = args.idleTimeoutSeconds;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1 || timeout > 86400)) {
    problems.push(`idleTimeoutSeconds is ${timeout}: expected a whole number of seconds from 1 to 86400`);
  }
  return problems;
}

/**
 * Public HTTPS entry to a second port of a service: `PlatformService` routes one port through
 * the ingress and lets the ingress controller reach only that one, so the web client gets its
 * own Ingress and a NetworkPolicy that adds its port (policies add up: the service's own
 * deny-by-default policy stays in force for everything else).
 */
export class ClientIngress extends pulumi.ComponentResource {
  readonly host: pulumi.Output<string>;
  readonly url: pulumi.Output<string>;

  constructor(name: string, args: ClientIngressArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:pioneer-agent:ClientIngress", name, {}, opts);
    const problems = clientIngressArgProblems(args);
    if (problems.length > 0) throw new pulumi.RunError(`ClientIngress "${name}" has ${problems.length} problem(s):\n  - ${problems.join("\n  - ")}`);
    const ownHost = args.host !== undefined;
    const idleTimeout = String(args.idleTimeoutSeconds ?? 60);
    const { service, networking } = args;
    const parent = { parent: this };
    this.host = ownHost ? pulumi.output(args.host!) : service.host;
    const metadata = {
      namespace: service.namespace,
      labels: { ...service.selectorLabels, "app.kubernetes.io/component": "client", "app.kubernetes.io/managed-by": "pulumi" },
    };

    new k8s.networking.v1.Ingress(
      `${name}-ingress`,
      {
        metadata: {
          ...metadata,
          name: `${service.serviceName}-client`,
          annotations: {
            // On a shared host the service's Ingress already asks cert-manager for the certificate;
            // asking twice for one secret would make two Certificates fight over it.
            ...(ownHost ? { "cert-manager.io/cluster-issuer": networking.clusterIssuer } : {}),
            "nginx.ingress.kubernetes.io/ssl-redirect": "true",
            "nginx.ingress.kubernetes.io/proxy-read-timeout": idleTimeout,
            "nginx.ingress.kubernetes.io/proxy-send-timeout": idleTimeout,
          },
        },
        spec: {
          ingressClassName: networking.ingressClassName,
          tls: [{ hosts: [this.host], secretName: ownHost ? `${service.serviceName}-client-tls` : `${service.serviceName}-tls` }],
          rules: [
            {
              host: this.host,
              http: {
                paths: [
                  ...(args.serverRoutes?.paths ?? []).map((path) => ({
                    path,
                    pathType: "Prefix",
                    backend: { service: { name: service.serviceName, port: { name: args.serverRoutes!.port } } },
                  })),
                  { path: "/", pathType: "Prefix", backend: { service: { name: service.serviceName, port: { name: args.port.name } } } },
                ],
              },
            },
          ],
        },
      },
      parent,
    );

    new k8s.networking.v1.NetworkPolicy(
      `${name}-network-policy`,
      {
        metadata: { ...metadata, name: `${service.serviceName}-client` },
        spec: {
          podSelector: { matchLabels: { ...service.selectorLabels } },
          policyTypes: ["Ingress"],
          ingress: [
            {
              from: [podsIn(networking.ingressControllerNamespace, networking.ingressControllerPodLabels)],
              ports: [{ port: args.port.port, protocol: "TCP" }],
            },
          ],
        },
      },
      parent,
    );

    this.url = pulumi.interpolate`https://${this.host}`;
    this.registerOutputs({ host: this.host, url: this.url });
  }
}
