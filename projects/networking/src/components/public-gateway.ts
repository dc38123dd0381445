import * as digitalocean from "@pulumi/digitalocean";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { domainName } from "@platform/config";
import { PUBLIC_ROUTES_LABEL } from "@platform/kubernetes";
import { DO_ANNOTATIONS } from "./ingress-nginx";
import { platformNamespace } from "./namespace";

/** Listener names, for reviews and for the HTTP redirect's parentRef. */
export const LISTENERS = { http: "http", https: "https", httpsWildcard: "https-wildcard" } as const;

/** The Secret that holds the certificate of the domain and its wildcard, which cert-manager keeps. */
export const CERTIFICATE_SECRET = "public-edge-tls";

const LABELS = { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "degen-platform" };

export interface PublicGatewayArgs {
  /** The GatewayClass the cluster provides (DOKS: `cilium`), from cluster-base's contract. */
  readonly gatewayClassName: pulumi.Input<string>;
  /** The environment's domain: one HTTPS listener for it, one for `*.<domain>`. */
  readonly domain: string;
  /** The ClusterIssuer that cert-manager issues the listeners' certificate from. */
  readonly clusterIssuer: pulumi.Input<string>;
  /**
   * The DigitalOcean network load balancer that DOKS creates for the Gateway.
   * @default none: a cluster without a cloud load balancer
   */
  readonly loadBalancer?: { readonly name: pulumi.Input<string>; readonly sizeUnits?: number };
  /** @default "public" */
  readonly gatewayName?: string;
  /** @default "gateway" */
  readonly namespace?: string;
}

export function publicGatewayArgsProblems(args: Pick<PublicGatewayArgs, "domain" | "loadBalancer">): string[] {
  const problems: string[] = [];
  if (!domainName.safeParse(args.domain).success) {
    problems.push(`domain is "${args.domain}": expected a domain name such as "degenquest.gg"`);
  }
  const units = args.loadBalancer?.sizeUnits;
  if (units !== undefined && (!Number.isInteger(units) || units < 1 || units > 100)) {
    problems.push(`loadBalancer.sizeUnits is ${units}: expected a whole number from 1 to 100`);
  }
  return problems;
}

/** The Gateway's spec: HTTP (only to redirect), and HTTPS for the domain and its wildcard, one certificate for both. */
export function publicGatewaySpec(args: PublicGatewayArgs) {
  const tls = { mode: "Terminate", certificateRefs: [{ kind: "Secret", group: "", name: CERTIFICATE_SECRET }] };
  // The HTTPS listeners take routes from the namespaces the platform labels for it (tenants and
  // observability); the HTTP listener takes only this namespace's redirect.
  const tenants = {
    namespaces: { from: "Selector", selector: { matchLabels: { ...PUBLIC_ROUTES_LABEL } } },
    kinds: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute" }],
  };
  const annotations = args.loadBalancer
    ? { [DO_ANNOTATIONS.name]: args.loadBalancer.name, [DO_ANNOTATIONS.sizeUnit]: String(args.loadBalancer.sizeUnits ?? 1) }
    : undefined;
  return {
    gatewayClassName: args.gatewayClassName,
    // DOKS's Cilium copies these onto the LoadBalancer Service it creates for the Gateway.
    ...(annotations ? { infrastructure: { annotations } } : {}),
    listeners: [
      { name: LISTENERS.http, protocol: "HTTP", port: 80, allowedRoutes: { namespaces: { from: "Same" } } },
      { name: LISTENERS.https, protocol: "HTTPS", port: 443, hostname: args.domain, tls, allowedRoutes: tenants },
      { name: LISTENERS.httpsWildcard, protocol: "HTTPS", port: 443, hostname: `*.${args.domain}`, tls, allowedRoutes: tenants },
    ],
  };
}

/**
 * The environment's public edge on the cluster's Gateway API implementation (DOKS: Cilium behind a
 * DigitalOcean network load balancer): one shared Gateway, HTTPS for the domain and every name
 * under it with a certificate that cert-manager issues through the Gateway's annotation, and plain
 * HTTP answered only with a redirect to HTTPS. Applications attach HTTPRoutes to it.
 */
export class PublicGateway extends pulumi.ComponentResource {
  readonly gatewayName: string;
  readonly namespace: pulumi.Output<string>;
  /** Public IP of the load balancer, or empty without one. */
  readonly address: pulumi.Output<string>;

  constructor(name: string, args: PublicGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:networking:PublicGateway", name, {}, opts);
    const problems = publicGatewayArgsProblems(args);
    if (problems.length > 0) throw new pulumi.ResourceError(`PublicGateway ${name}:\n  - ${problems.join("\n  - ")}`, this);
    this.gatewayName = args.gatewayName ?? "public";
    const namespace = platformNamespace(`${name}-namespace`, args.namespace ?? "gateway", "restricted", { parent: this });
    this.namespace = namespace.metadata.name;

    const gateway = new k8s.apiextensions.CustomResource(
      `${name}-gateway`,
      {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "Gateway",
        metadata: {
          name: this.gatewayName,
          namespace: this.namespace,
          labels: LABELS,
          annotations: {
            "cert-manager.io/cluster-issuer": args.clusterIssuer,
            // The deploy waits for the load balancer's address before DNS is pointed at it.
            ...(args.loadBalancer ? { "pulumi.com/waitFor": "jsonpath={.status.addresses[0].value}" } : {}),
          },
        },
        spec: publicGatewaySpec(args),
      },
      { parent: this },
    );

    new k8s.apiextensions.CustomResource(
      `${name}-https-redirect`,
      {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: { name: "https-redirect", namespace: this.namespace, labels: LABELS },
        spec: {
          parentRefs: [{ name: this.gatewayName, sectionName: LISTENERS.http }],
          rules: [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }],
        },
      },
      { parent: this, dependsOn: [gateway] },
    );

    this.address = args.loadBalancer
      ? digitalocean.getLoadBalancerOutput({ name: args.loadBalancer.name }, { parent: this, dependsOn: [gateway] }).ip
      : pulumi.output("");
    this.registerOutputs({ namespace: this.namespace, gatewayName: this.gatewayName, address: this.address });
  }
}
