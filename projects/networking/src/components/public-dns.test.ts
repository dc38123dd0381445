import { mockRuntime, type MockRuntime } from "@platform/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { PublicDns, publicDnsArgsProblems, recordNames } from "./public-dns";

const RECORD = "digitalocean:index/dnsRecord:DnsRecord";
const DOMAIN = "digitalocean:index/domain:Domain";
const GET_DOMAIN = "digitalocean:index/getDomain:getDomain";

describe("PublicDns", () => {
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime({ stack: "dev", invokes: { [GET_DOMAIN]: (inputs) => ({ name: inputs.name }) } });
  });

  const records = () => Object.fromEntries(runtime.ofType(RECORD).map((record) => [record.name, record.inputs]));

  it("adds the subdomain and its wildcard to an existing zone, both pointing at the load balancer", async () => {
    new PublicDns("dns", { zone: "degenquest.gg", domain: "dev.degenquest.gg", address: "203.0.113.10" });
    await runtime.settled();
    expect(runtime.invoked).toContain(GET_DOMAIN);
    expect(runtime.ofType(DOMAIN)).toEqual([]);
    expect(records()).toEqual({
      "dns-domain": { domain: "degenquest.gg", name: "dev", type: "A", value: "203.0.113.10", ttl: 300 },
      "dns-wildcard": { domain: "degenquest.gg", name: "*.dev", type: "A", value: "203.0.113.10", ttl: 300 },
    });
  });

  it("creates the zone when it owns it, and points the apex and wildcard at the load balancer", async () => {
    new PublicDns("dns", { zone: "degenquest.gg", domain: "degenquest.gg", address: "203.0.113.20", manageZone: true, ttlSeconds: 1800 });
    await runtime.settled();
    expect(runtime.one(DOMAIN).inputs).toEqual({ name: "degenquest.gg" });
    expect(runtime.invoked).not.toContain(GET_DOMAIN);
    expect(Object.values(records()).map((record) => [record.name, record.value, record.ttl])).toEqual([
      ["@", "203.0.113.20", 1800],
      ["*", "203.0.113.20", 1800],
    ]);
  });

  it("names records relative to the zone at any depth", () => {
    expect(recordNames("eu.play.degenquest.gg", "degenquest.gg")).toEqual({ domain: "eu.play", wildcard: "*.eu.play" });
  });

  it("refuses a domain outside the zone and a TTL out of range, together", () => {
    expect(publicDnsArgsProblems({ zone: "degenquest.gg", domain: "xdegenquest.gg", ttlSeconds: 5 })).toEqual([
      'domain is "xdegenquest.gg", which is not inside zone "degenquest.gg": use the zone or a name ending in ".degenquest.gg"',
      "ttlSeconds is 5: expected a whole number of seconds from 30 to 86400",
    ]);
  });
});
