import * as digitalocean from "@pulumi/digitalocean";
import * as pulumi from "@pulumi/pulumi";

export interface PublicDnsArgs {
  /** The DigitalOcean DNS zone, such as `degenquest.gg`. */
  readonly zone: string;
  /** The environment's domain: the zone itself or a name inside it, such as `dev.degenquest.gg`. */
  readonly domain: string;
  /** Where the domain and every name under it point: the ingress load balancer's IP. */
  readonly address: pulumi.Input<string>;
  /**
   * Creates the zone and owns it. Left out, the zone must already exist in the account (looked up,
   * so a missing zone fails the preview) and only this environment's records are added to it.
   * @default false
   */
  readonly manageZone?: boolean;
  /** Deleting a managed zone takes `pulumi state unprotect` first. @default true */
  readonly protectZone?: boolean;
  /** @default 300 seconds */
  readonly ttlSeconds?: number;
}

/** Record names relative to the zone: the domain itself and the wildcard under it. */
export function recordNames(domain: string, zone: string): { domain: string; wildcard: string } {
  if (domain === zone) return { domain: "@", wildcard: "*" };
  const relative = domain.slice(0, -(zone.length + 1));
  return { domain: relative, wildcard: `*.${relative}` };
}

export function publicDnsArgsProblems(args: Pick<PublicDnsArgs, "zone" | "domain" | "ttlSeconds">): string[] {
  const problems: string[] = [];
  if (args.domain !== args.zone && !args.domain.endsWith(`.${args.zone}`)) {
    problems.push(`domain is "${args.domain}", which is not inside zone "${args.zone}": use the zone or a name ending in ".${args.zone}"`);
  }
  const ttl = args.ttlSeconds;
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 30 || ttl > 86_400)) {
    problems.push(`ttlSeconds is ${ttl}: expected a whole number of seconds from 30 to 86400`);
  }
  return problems;
}

/**
 * The environment's public names in DigitalOcean DNS: its domain and a wildcard under it, both
 * pointing at the ingress load balancer, so an app needs only an Ingress host to be reachable.
 */
export class PublicDns extends pulumi.ComponentResource {
  readonly zoneName: pulumi.Output<string>;
  readonly domainRecord: digitalocean.DnsRecord;
  readonly wildcardRecord: digitalocean.DnsRecord;

  constructor(name: string, args: PublicDnsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:networking:PublicDns", name, {}, opts);
    const problems = publicDnsArgsProblems(args);
    if (problems.length > 0) throw new pulumi.ResourceError(`PublicDns ${name}:\n  - ${problems.join("\n  - ")}`, this);
    const manageZone = args.manageZone ?? false;
    const protectZone = args.protectZone ?? true;
    const ttl = args.ttlSeconds ?? 300;

    this.zoneName = manageZone
      ? new digitalocean.Domain(`${name}-zone`, { name: args.zone }, { parent: this, protect: protectZone }).name
      : digitalocean.getDomainOutput({ name: args.zone }, { parent: this }).name;

    const names = recordNames(args.domain, args.zone);
    const record = (suffix: string, recordName: string) =>
      new digitalocean.DnsRecord(
        `${name}-${suffix}`,
        { domain: this.zoneName, name: recordName, type: "A", value: args.address, ttl },
        { parent: this },
      );
    this.domainRecord = record("domain", names.domain);
    this.wildcardRecord = record("wildcard", names.wildcard);

    this.registerOutputs({ zoneName: this.zoneName, domain: this.domainRecord.fqdn, wildcard: this.wildcardRecord.fqdn });
  }
}
