import {
  containerResourcesSchema,
  deploySecretsDeferred,
  dnsLabel,
  domainName,
  loadStackConfig,
  runsOnMachine,
  secretString,
  type Environment,
} from "@platform/config";
import { z } from "zod";
import { issuerNames } from "./issuers";

const replicas = z
  .number({ error: "expected a whole number of replicas, such as 2" })
  .int({ error: "expected a whole number of replicas, such as 2" })
  .min(1, { error: "expected at least 1 replica" })
  .max(10, { error: "expected at most 10 replicas" });

const containerResources = containerResourcesSchema("ingress.resources");

function ingressSchema(environment: Environment) {
  return z.strictObject({
    /** Controller pods; 2 or more are spread across nodes behind a disruption budget. */
    replicas: replicas.default(environment === "production" ? 2 : 1),
    /**
     * PROXY protocol between the load balancer and the controller, so apps see client addresses.
     * One switch drives both ends: an end that disagrees drops every connection.
     */
    proxyProtocol: z.boolean().default(!runsOnMachine(environment)),
    /** Size of the DigitalOcean load balancer, in size units of about 10k connections each. */
    loadBalancerSizeUnits: z.number().int().min(1).max(100).default(1),
    resources: containerResources.default({ cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "1", memoryLimit: "512Mi" }),
  });
}

/** The public edges: DOKS's managed Gateway API, or the ingress-nginx this stack installs. */
export const EDGE_KINDS = ["gateway", "ingress-nginx"] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

/** Staging and production put the edge on DOKS's managed Gateway; elsewhere ingress-nginx is the default. */
export function defaultEdge(environment: Environment): EdgeKind {
  return environment === "staging" || environment === "production" ? "gateway" : "ingress-nginx";
}

/** Every edge that serves the environment's hosts, the one DNS points at first. */
export function servedEdges(edge: { readonly primary: EdgeKind; readonly alsoServe: readonly EdgeKind[] }): EdgeKind[] {
  return [edge.primary, ...edge.alsoServe];
}

export function edgeSchema(environment: Environment) {
  return z.strictObject({
    /** The edge that DNS points at, and that every application routes through. */
    primary: z.enum(EDGE_KINDS).default(defaultEdge(environment)),
    /**
     * During a migration, the other edge, which keeps serving the same hosts until traffic has left
     * it (docs/runbooks/edge-migration.md). @default none
     */
    alsoServe: z
      .array(z.enum(EDGE_KINDS))
      .max(1, { error: "expected at most one edge: the other one, while a migration moves traffic to or from it" })
      .default([]),
  });
}

const gatewaySchema = z.strictObject({
  /** Size of the DigitalOcean network load balancer in front of the Gateway, in size units. */
  loadBalancerSizeUnits: z.number().int().min(1).max(100).default(1),
});

const dns = z.strictObject({
  /** The DigitalOcean DNS zone (domain) that holds this environment's records. */
  zone: domainName,
  /**
   * Whether this stack creates and owns the zone. Off, the zone must already exist in the
   * DigitalOcean account and this stack only adds its environment's records to it.
   */
  manageZone: z.boolean().default(false),
  ttlSeconds: z.number().int().min(30).max(86_400).default(300),
});

export type IngressConfig = z.output<ReturnType<typeof ingressSchema>>;
export type EdgeConfig = z.output<ReturnType<typeof edgeSchema>>;
export type GatewayConfig = z.output<typeof gatewaySchema>;
export type DnsConfig = z.output<typeof dns>;

/** The whole configuration of a networking stack, with the rules of its environment. */
export function configSchema(environment: Environment) {
  const issuers = issuerNames(environment);
  return z
    .strictObject({
      /** The environment's domain: apps are served at `<name>.<domain>`. */
      domain: domainName,
      /** DigitalOcean DNS; not on the local stack, whose domain resolves to 127.0.0.1 by itself. */
      dns: dns.optional(),
      /**
       * A DigitalOcean API token with write access to DNS only (`pulumi config set --secret`), with
       * which cert-manager proves control of the domain (ACME DNS-01): the gateway's certificate
       * covers the names under the domain, which Let's Encrypt issues only that way.
       */
      acmeDnsToken: secretString().optional(),
      /** Contact address of the Let's Encrypt account, told about expiring certificates. */
      acmeEmail: z.email({ error: 'expected an e-mail address such as "platform@degenquest.gg"' }).optional(),
      /** The ClusterIssuer that this environment's apps use. */
      clusterIssuer: z.string(),
      /** Tenant namespaces (published by cluster-base) that get the baseline network policies. */
      tenants: z
        .array(dnsLabel)
        .min(1, { error: "expected at least one tenant" })
        .refine((names) => new Set(names).size === names.length, { error: "expected each tenant once" }),
      edge: edgeSchema(environment).prefault({}),
      gateway: gatewaySchema.prefault({}),
      ingress: ingressSchema(environment).prefault({}),
      certManager: z.strictObject({ replicas: replicas.default(environment === "production" ? 2 : 1) }).prefault({}),
      /**
       * Third-party add-ons this stack installs from their Helm charts. Turn one off where the
       * cluster already runs it the standard way: ingress-nginx with class `nginx` in namespace
       * `ingress-nginx`, cert-manager (and its CRDs) in namespace `cert-manager`.
       */
      install: z
        .strictObject({ ingressNginx: z.boolean().default(true), certManager: z.boolean().default(true) })
        .prefault({}),
    })
    .superRefine((config, ctx) => {
      const problem = (path: (string | number)[], input: unknown, message: string) =>
        ctx.addIssue({ code: "custom", path, input, message });

      if (!issuers.includes(config.clusterIssuer)) {
        problem(["clusterIssuer"], config.clusterIssuer, `expected one of the issuers this stack creates: ${issuers.join(", ")}`);
      } else if (environment === "production" && config.clusterIssuer !== "letsencrypt-production") {
        const why = "production serves browsers, which distrust staging certificates: expected letsencrypt-production";
        problem(["clusterIssuer"], config.clusterIssuer, why);
      }

      if (runsOnMachine(environment)) {
        if (config.dns) problem(["dns"], config.dns, `the ${environment} stack has no DigitalOcean DNS: remove this key`);
        if (config.ingress.proxyProtocol) {
          problem(["ingress", "proxyProtocol"], true, `the ${environment} stack has no load balancer to send PROXY protocol: expected false`);
        }
      } else {
        if (!config.dns) problem(["dns"], undefined, 'is required on DigitalOcean: expected { zone: "degenquest.gg" }');
        if (!config.acmeEmail) {
          const expected = 'the Let\'s Encrypt contact, such as "platform@degenquest.gg"';
          problem(["acmeEmail"], undefined, `is required on DigitalOcean: ${expected}`);
        }
      }

      if (config.edge.alsoServe.includes(config.edge.primary)) {
        problem(["edge", "alsoServe"], config.edge.alsoServe, `repeats the primary edge "${config.edge.primary}": expected the other edge, or none`);
      }
      if (config.dns && config.edge.primary === "ingress-nginx" && !config.install.ingressNginx) {
        const why = "DNS records point at the load balancer of the ingress-nginx this stack installs";
        problem(["install", "ingressNginx"], false, `${why}: expected true, or remove networking:dns`);
      }
      if (servedEdges(config.edge).includes("gateway") && config.acmeEmail && config.dns && !config.acmeDnsToken && !deploySecretsDeferred()) {
        const fix = "pulumi config set --secret networking:acmeDnsToken <token with DNS write access>";
        problem(["acmeDnsToken"], undefined, `is required with the gateway edge, whose wildcard certificate Let's Encrypt issues only through DNS: ${fix}`);
      }

      const zone = runsOnMachine(environment) ? undefined : config.dns?.zone;
      const insideZone = (domain: string) => domain === zone || domain.endsWith(`.${zone}`);
      if (zone && domainName.safeParse(config.domain).success && !insideZone(config.domain)) {
        problem(["domain"], config.domain, `outside the DNS zone ${zone}: expected ${zone} or a name ending in .${zone}`);
      }

      if (environment === "production") {
        const highlyAvailable = (path: string[], count: number) => {
          if (count < 2) problem(path, count, "production must survive the loss of a node: expected at least 2 replicas");
        };
        highlyAvailable(["ingress", "replicas"], config.ingress.replicas);
        highlyAvailable(["certManager", "replicas"], config.certManager.replicas);
      }
    });
}

export type NetworkingConfig = z.output<ReturnType<typeof configSchema>>;

export function loadNetworkingConfig(environment: Environment): NetworkingConfig {
  return loadStackConfig(configSchema(environment));
}
