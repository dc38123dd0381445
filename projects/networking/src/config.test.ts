import { DEFER_DEPLOY_SECRETS_ENV, validateConfig, type Environment } from "@platform/config";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { configSchema, defaultEdge } from "./config";

const DEV = {
  domain: "dev.degenquest.gg",
  dns: JSON.stringify({ zone: "degenquest.gg" }),
  acmeEmail: "platform@degenquest.gg",
  clusterIssuer: "letsencrypt-staging",
  tenants: JSON.stringify(["degenquest", "pioneer-agent"]),
};
const LOCAL = { domain: "localtest.me", clusterIssuer: "selfsigned", tenants: JSON.stringify(["degenquest"]) };
/** The DNS-only DigitalOcean token that a gateway edge's DNS-01 solver needs, set with `pulumi config set --secret`. */
const DNS_TOKEN = { acmeDnsToken: "dop_v1_dns_write_only" };
/** Staging and production put the edge on the Gateway by default, so they carry the token. */
const STAGING = { ...DEV, domain: "staging.degenquest.gg", clusterIssuer: "letsencrypt-production", ...DNS_TOKEN };
const PRODUCTION = { ...DEV, domain: "degenquest.gg", clusterIssuer: "letsencrypt-production", ...DNS_TOKEN };
const TOKEN_REQUIRED =
  "networking:acmeDnsToken is required with the gateway edge, whose wildcard certificate Let's Encrypt issues only through DNS: " +
  "pulumi config set --secret networking:acmeDnsToken <token with DNS write access>";

/** Validates as the engine hands values over: the token, where given, as a secret (`secretKeys` lists it as plain text otherwise). */
function validate(environment: Environment, values: Record<string, string>, plainText: readonly string[] = []) {
  const secretKeys = new Set(["acmeDnsToken"].filter((key) => key in values && !plainText.includes(key)));
  return validateConfig("networking", configSchema(environment), { values, secretKeys });
}

function problemsOf(environment: Environment, values: Record<string, string>, plainText: readonly string[] = []): string[] {
  const result = validate(environment, values, plainText);
  return result.ok ? [] : result.problems;
}

describe("networking configuration", () => {
  it("fills every documented default", () => {
    const result = validate("dev", DEV);
    expect(result.ok && result.value).toEqual({
      ...DEV,
      dns: { zone: "degenquest.gg", manageZone: false, ttlSeconds: 300 },
      tenants: ["degenquest", "pioneer-agent"],
      ingress: {
        replicas: 1,
        proxyProtocol: true,
        loadBalancerSizeUnits: 1,
        resources: { cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "1", memoryLimit: "512Mi" },
      },
      certManager: { replicas: 1 },
      install: { ingressNginx: true, certManager: true },
      edge: { primary: "ingress-nginx", alsoServe: [] },
      gateway: { loadBalancerSizeUnits: 1 },
    });
  });

  it("defaults to two replicas in production and no PROXY protocol locally", () => {
    const production = validate("production", PRODUCTION);
    expect(production.ok && [production.value.ingress.replicas, production.value.certManager.replicas]).toEqual([2, 2]);
    const local = validate("local", LOCAL);
    expect(local.ok && local.value.ingress.proxyProtocol).toBe(false);
  });

  it("refuses an issuer the stack does not create, naming the ones it does", () => {
    expect(problemsOf("dev", { ...DEV, clusterIssuer: "letsencrypt" })).toEqual([
      'networking:clusterIssuer is "letsencrypt": expected one of the issuers this stack creates: letsencrypt-staging, letsencrypt-production',
    ]);
    expect(problemsOf("local", { ...LOCAL, clusterIssuer: "letsencrypt-production" })).toEqual([
      'networking:clusterIssuer is "letsencrypt-production": expected one of the issuers this stack creates: selfsigned',
    ]);
  });

  it("refuses Let's Encrypt staging certificates in production", () => {
    expect(problemsOf("production", { ...DEV, domain: "degenquest.gg", ...DNS_TOKEN })).toEqual([
      'networking:clusterIssuer is "letsencrypt-staging": production serves browsers, which distrust staging certificates: expected letsencrypt-production',
    ]);
  });

  it("refuses a malformed domain and a domain outside the zone", () => {
    expect(problemsOf("dev", { ...DEV, domain: "Dev_DegenQuest.gg" })).toEqual([
      'networking:domain is "Dev_DegenQuest.gg": expected a lower-case DNS name such as "dev.degenquest.gg"',
    ]);
    expect(problemsOf("dev", { ...DEV, domain: "dev.degenquest.io" })).toEqual([
      'networking:domain is "dev.degenquest.io": outside the DNS zone degenquest.gg: expected degenquest.gg or a name ending in .degenquest.gg',
    ]);
  });

  it("refuses a replica count that is not a positive whole number, and fewer than two in production", () => {
    expect(problemsOf("dev", { ...DEV, ingress: JSON.stringify({ replicas: 0 }) })).toEqual([
      "networking:ingress.replicas is 0: expected at least 1 replica",
    ]);
    expect(problemsOf("dev", { ...DEV, ingress: JSON.stringify({ replicas: 1.5 }) })).toEqual([
      "networking:ingress.replicas is 1.5: expected a whole number of replicas, such as 2",
    ]);
    expect(problemsOf("production", { ...PRODUCTION, ingress: JSON.stringify({ replicas: 1 }) })).toEqual([
      "networking:ingress.replicas is 1: production must survive the loss of a node: expected at least 2 replicas",
    ]);
  });

  it("refuses an unknown key, suggesting the likely one", () => {
    expect(problemsOf("dev", { ...DEV, clusterIsuer: "letsencrypt-staging" })).toEqual([
      "networking:clusterIsuer is not a known setting: did you mean networking:clusterIssuer? " +
        "(known: domain, dns, acmeDnsToken, acmeEmail, clusterIssuer, tenants, edge, gateway, ingress, certManager, install)",
    ]);
    expect(problemsOf("dev", { ...DEV, ingress: JSON.stringify({ proxyProtocl: true }) })).toEqual([
      "networking:ingress.proxyProtocl is not a known setting: remove it or fix its spelling",
    ]);
  });

  it("keeps the local stack free of DigitalOcean DNS and PROXY protocol", () => {
    expect(problemsOf("local", { ...LOCAL, dns: DEV.dns, ingress: JSON.stringify({ proxyProtocol: true }) })).toEqual([
      'networking:dns is {"zone":"degenquest.gg"}: the local stack has no DigitalOcean DNS: remove this key',
      "networking:ingress.proxyProtocol is true: the local stack has no load balancer to send PROXY protocol: expected false",
    ]);
  });

  it("requires DNS and an ACME contact on DigitalOcean, and a real e-mail address", () => {
    expect(problemsOf("staging", { ...DEV, dns: undefined!, acmeEmail: undefined! })).toEqual([
      "networking:acmeEmail is required on DigitalOcean: the Let's Encrypt contact, such as \"platform@degenquest.gg\"",
      'networking:dns is required on DigitalOcean: expected { zone: "degenquest.gg" }',
    ]);
    expect(problemsOf("dev", { ...DEV, acmeEmail: "platform" })).toEqual([
      'networking:acmeEmail is "platform": expected an e-mail address such as "platform@degenquest.gg"',
    ]);
  });

  it("keeps the e2e stack, on a machine too, free of DigitalOcean DNS", () => {
    expect(problemsOf("e2e", { ...LOCAL, dns: DEV.dns })).toEqual([
      'networking:dns is {"zone":"degenquest.gg"}: the e2e stack has no DigitalOcean DNS: remove this key',
    ]);
  });

  it("refuses DNS records for a load balancer it does not install", () => {
    expect(problemsOf("dev", { ...DEV, install: JSON.stringify({ ingressNginx: false }) })).toEqual([
      "networking:install.ingressNginx is false: DNS records point at the load balancer of the ingress-nginx this stack installs: expected true, or remove networking:dns",
    ]);
    expect(problemsOf("local", { ...LOCAL, install: JSON.stringify({ ingressNginx: false, certManager: false }) })).toEqual([]);
  });

  it("refuses requests above their limits and a tenant listed twice", () => {
    const ingress = JSON.stringify({ resources: { cpuRequest: "2", memoryRequest: "1Gi", cpuLimit: "1", memoryLimit: "512Mi" } });
    expect(problemsOf("dev", { ...DEV, ingress })).toEqual([
      'networking:ingress.resources.cpuRequest is "2": must not exceed ingress.resources.cpuLimit (1)',
      'networking:ingress.resources.memoryRequest is "1Gi": must not exceed ingress.resources.memoryLimit (512Mi)',
    ]);
    expect(problemsOf("dev", { ...DEV, tenants: JSON.stringify(["degenquest", "degenquest"]) })).toEqual([
      'networking:tenants is ["degenquest","degenquest"]: expected each tenant once',
    ]);
  });

  it("refuses DNS records for ingress-nginx's load balancer only where ingress-nginx is the primary edge", () => {
    // The gateway edge's load balancer is DOKS's, whichever ingress-nginx the cluster has.
    expect(problemsOf("staging", { ...STAGING, install: JSON.stringify({ ingressNginx: false }) })).toEqual([]);
    expect(problemsOf("staging", { ...STAGING, edge: JSON.stringify({ primary: "ingress-nginx" }), install: JSON.stringify({ ingressNginx: false }) })).toEqual([
      "networking:install.ingressNginx is false: DNS records point at the load balancer of the ingress-nginx this stack installs: expected true, or remove networking:dns",
    ]);
  });
});

describe("networking configuration: the public edge", () => {
  // Whatever the shell that runs the tests says: a deploy, unless a test says the offline plan.
  beforeEach(() => {
    vi.stubEnv(DEFER_DEPLOY_SECRETS_ENV, undefined);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each([
    ["local", "ingress-nginx"],
    ["e2e", "ingress-nginx"],
    ["dev", "ingress-nginx"],
    ["staging", "gateway"],
    ["production", "gateway"],
  ] as const)("%s: serves through %s by default, and nothing beside it", (environment, primary) => {
    expect(defaultEdge(environment)).toBe(primary);
    const values = { local: LOCAL, e2e: { ...LOCAL, domain: "e2e.localtest.me" }, dev: DEV, staging: STAGING, production: PRODUCTION }[environment];
    const result = validate(environment, values);
    expect(result.ok && [result.value.edge, result.value.gateway]).toEqual([{ primary, alsoServe: [] }, { loadBalancerSizeUnits: 1 }]);
  });

  it("takes the other edge beside the primary, during a migration", () => {
    const result = validate("production", { ...PRODUCTION, edge: JSON.stringify({ alsoServe: ["ingress-nginx"] }), gateway: JSON.stringify({ loadBalancerSizeUnits: 4 }) });
    expect(result.ok && [result.value.edge, result.value.gateway]).toEqual([{ primary: "gateway", alsoServe: ["ingress-nginx"] }, { loadBalancerSizeUnits: 4 }]);
    const dev = validate("dev", { ...DEV, ...DNS_TOKEN, edge: JSON.stringify({ alsoServe: ["gateway"] }) });
    expect(dev.ok && dev.value.edge).toEqual({ primary: "ingress-nginx", alsoServe: ["gateway"] });
  });

  it("refuses alsoServe repeating the primary edge", () => {
    expect(problemsOf("staging", { ...STAGING, edge: JSON.stringify({ alsoServe: ["gateway"] }) })).toEqual([
      'networking:edge.alsoServe is ["gateway"]: repeats the primary edge "gateway": expected the other edge, or none',
    ]);
    expect(problemsOf("dev", { ...DEV, edge: JSON.stringify({ primary: "ingress-nginx", alsoServe: ["ingress-nginx"] }) })).toEqual([
      'networking:edge.alsoServe is ["ingress-nginx"]: repeats the primary edge "ingress-nginx": expected the other edge, or none',
    ]);
  });

  it("refuses an unknown edge, more than one other edge and a load balancer size out of range, all at once", () => {
    expect(
      problemsOf("dev", {
        ...DEV,
        edge: JSON.stringify({ primary: "traefik", alsoServe: ["gateway", "ingress-nginx"] }),
        gateway: JSON.stringify({ loadBalancerSizeUnits: 0 }),
      }),
    ).toEqual([
      'networking:edge.alsoServe is ["gateway","ingress-nginx"]: expected at most one edge: the other one, while a migration moves traffic to or from it',
      'networking:edge.primary is "traefik": Invalid option: expected one of "gateway"|"ingress-nginx"',
      "networking:gateway.loadBalancerSizeUnits is 0: Too small: expected number to be >=1",
    ]);
    expect(problemsOf("dev", { ...DEV, ...DNS_TOKEN, edge: JSON.stringify({ primary: "gateway", fallback: "ingress-nginx" }) })).toEqual([
      "networking:edge.fallback is not a known setting: remove it or fix its spelling",
    ]);
  });

  it("requires the DNS token on DigitalOcean wherever the gateway edge serves with Let's Encrypt, naming the key and the command", () => {
    const { acmeDnsToken: _token, ...stagingWithoutToken } = STAGING;
    expect(problemsOf("staging", stagingWithoutToken)).toEqual([TOKEN_REQUIRED]);
    const { acmeDnsToken: _productionToken, ...productionWithoutToken } = PRODUCTION;
    expect(problemsOf("production", productionWithoutToken)).toEqual([TOKEN_REQUIRED]);
    // Beside ingress-nginx too: the Gateway's wildcard certificate still needs DNS-01.
    expect(problemsOf("dev", { ...DEV, edge: JSON.stringify({ alsoServe: ["gateway"] }) })).toEqual([TOKEN_REQUIRED]);
    expect(problemsOf("staging", { ...stagingWithoutToken, edge: JSON.stringify({ primary: "ingress-nginx", alsoServe: ["gateway"] }) })).toEqual([TOKEN_REQUIRED]);
  });

  it("leaves a missing token to the deploy in the offline plan, whose stack files hold no secrets", () => {
    const { acmeDnsToken: _token, ...stagingWithoutToken } = STAGING;
    vi.stubEnv(DEFER_DEPLOY_SECRETS_ENV, "1");
    expect(problemsOf("staging", stagingWithoutToken)).toEqual([]);
    vi.stubEnv(DEFER_DEPLOY_SECRETS_ENV, "0");
    expect(problemsOf("staging", stagingWithoutToken)).toEqual([TOKEN_REQUIRED]);
  });

  it("needs no token where only ingress-nginx serves, nor without Let's Encrypt or DNS", () => {
    const { acmeDnsToken: _token, ...stagingWithoutToken } = STAGING;
    expect(problemsOf("dev", DEV)).toEqual([]);
    expect(problemsOf("staging", { ...stagingWithoutToken, edge: JSON.stringify({ primary: "ingress-nginx" }) })).toEqual([]);
    // A machine's gateway edge gets self-signed certificates: no ACME, no DNS.
    expect(problemsOf("e2e", { ...LOCAL, domain: "e2e.localtest.me", edge: JSON.stringify({ primary: "gateway", alsoServe: ["ingress-nginx"] }) })).toEqual([]);
    expect(problemsOf("local", { ...LOCAL, edge: JSON.stringify({ primary: "gateway" }) })).toEqual([]);
  });

  it("refuses the token in plain text, and never shows it", () => {
    const problems = problemsOf("staging", STAGING, ["acmeDnsToken"]);
    expect(problems).toEqual([
      "networking:acmeDnsToken holds a sensitive value in plain text: set it with `pulumi config set --secret networking:acmeDnsToken <value>`",
    ]);
    expect(problems.join("\n")).not.toContain(STAGING.acmeDnsToken);
  });

  it("keeps the token secret in the validated configuration", async () => {
    const result = validate("staging", STAGING);
    expect(result.ok).toBe(true);
    const token = result.ok ? result.value.acmeDnsToken : undefined;
    expect(token).toBeDefined();
    expect(await (token as unknown as { isSecret: Promise<boolean> }).isSecret).toBe(true);
  });
});
