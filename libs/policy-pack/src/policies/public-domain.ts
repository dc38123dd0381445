/**
 * The environment's public domain, which `gateway-tls` and `http-route-scope` both read: every
 * name the public edge serves is the domain or a name under it. Both policies take the same
 * `domains` configuration key (environment -> domain); an override names it for each of them.
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { isUnknown, stackOf, type ResourceValidationArgs } from "../resource";

export interface PublicDomainConfig {
  /** Each environment's domain, as the networking stack's `networking:domain` sets it. */
  readonly domains: Readonly<Record<string, string>>;
}

export const PUBLIC_DOMAIN_DEFAULTS: PublicDomainConfig = {
  domains: {
    production: "degenquest.gg",
    staging: "staging.degenquest.gg",
    dev: "dev.degenquest.gg",
    local: "localtest.me",
    e2e: "e2e.localtest.me",
  },
};

/** The `domains` key of both policies' configSchema, with its default. */
export function domainsSchema(): PolicyConfigJSONSchema {
  return { type: "object", additionalProperties: { type: "string" }, default: { ...PUBLIC_DOMAIN_DEFAULTS.domains } };
}

/** The API group of the Gateway API's objects. */
export const GATEWAY_GROUP = "gateway.networking.k8s.io";

/** `kubernetes:gateway.networking.k8s.io/v1:HTTPRoute` -> whether it is this Gateway API kind (any version). */
export function isGatewayApiKind(type: string, kind: string): boolean {
  return type.startsWith(`kubernetes:${GATEWAY_GROUP}/`) && type.endsWith(`:${kind}`);
}

/** A value the offline plan only knows after deploy (`<known after deploy: ...>`), as opposed to one absent. */
export function isPlaceholder(value: unknown): boolean {
  return value !== undefined && isUnknown(value);
}

/** Whether a hostname (`*.` wildcards too) is the domain or a name under it. */
export function isWithinDomain(hostname: string, domain: string): boolean {
  const name = hostname.toLowerCase().replace(/^\*\./, "");
  const within = domain.toLowerCase();
  return name === within || name.endsWith(`.${within}`);
}

export interface EnvironmentDomain {
  readonly environment: string;
  /** Undefined when the configuration names no domain for the environment. */
  readonly domain: string | undefined;
}

/** The environment of the resource (its URN's stack) and that environment's domain, from the policy's config. */
export function environmentDomain(args: Pick<ResourceValidationArgs, "urn" | "getConfig">): EnvironmentDomain {
  const config = { ...PUBLIC_DOMAIN_DEFAULTS, ...args.getConfig<Partial<PublicDomainConfig>>() };
  const environment = stackOf(args.urn);
  const domain = config.domains[environment];
  return { environment, domain: typeof domain === "string" && domain !== "" ? domain : undefined };
}

/**
 * Judges hostnames against the environment's domain: the problem with one, or undefined. An
 * environment without a configured domain is reported once per object, not once per name.
 */
export function hostnameJudge(policy: string, { environment, domain }: EnvironmentDomain, subject: string) {
  let missingReported = false;
  return (field: string, hostname: unknown, fix: string): string | undefined => {
    if (isUnknown(hostname)) return undefined;
    if (domain === undefined) {
      if (missingReported) return undefined;
      missingReported = true;
      return (
        `${subject}: the environment "${environment}" has no domain in the ${policy} policy's "domains" configuration, ` +
        `so ${field} cannot be checked: add ${environment}'s domain (the networking stack's networking:domain).`
      );
    }
    if (typeof hostname === "string" && isWithinDomain(hostname, domain)) return undefined;
    return `${subject}: ${field} ${JSON.stringify(hostname)} is outside the ${environment} domain ${domain}: ${fix}.`;
  };
}
