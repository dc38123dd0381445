import { validateConfig, type Environment } from "@platform/config";
import { describe, expect, it } from "vitest";
import { configSchema } from "./config";

const DEV = {
  domain: "dev.degenquest.gg",
  dns: JSON.stringify({ zone: "degenquest.gg" }),
  acmeEmail: "platform@degenquest.gg",
  clusterIssuer: "letsencrypt-staging",
  tenants: JSON.stringify(["degenquest", "pioneer-agent"]),
};
const LOCAL = { domain: "localtest.me", clusterIssuer: "selfsigned", tenants: JSON.stringify(["degenquest"]) };

function validate(environment: Environment, values: Record<string, string>) {
  return validateConfig("networking", configSchema(environment), { values, secretKeys: new Set() });
}

function problemsOf(environment: Environment, values: Record<string, string>): string[] {
  const result = validate(environment, values);
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
    });
  });

  it("defaults to two replicas in production and no PROXY protocol locally", () => {
    const production = validate("production", { ...DEV, domain: "degenquest.gg", clusterIssuer: "letsencrypt-production" });
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
    expect(problemsOf("production", { ...DEV, domain: "degenquest.gg" })).toEqual([
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
    const production = { ...DEV, domain: "degenquest.gg", clusterIssuer: "letsencrypt-production" };
    expect(problemsOf("production", { ...production, ingress: JSON.stringify({ replicas: 1 }) })).toEqual([
      "networking:ingress.replicas is 1: production must survive the loss of a node: expected at least 2 replicas",
    ]);
  });

  it("refuses an unknown key, suggesting the likely one", () => {
    expect(problemsOf("dev", { ...DEV, clusterIsuer: "letsencrypt-staging" })).toEqual([
      "networking:clusterIsuer is not a known setting: did you mean networking:clusterIssuer? " +
        "(known: domain, dns, acmeEmail, clusterIssuer, tenants, ingress, certManager, install)",
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
});
