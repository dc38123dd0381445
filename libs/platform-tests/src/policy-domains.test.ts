import { findPulumiProjects, readStackConfig } from "@platform/offline-plan";
import { gatewayTls, httpRouteScope, PUBLIC_DOMAIN_DEFAULTS } from "@platform/policy-pack/policies";
import { describe, expect, it } from "vitest";
import { WORKSPACE_ROOT } from "./global-setup";

const networking = findPulumiProjects(WORKSPACE_ROOT).find((project) => project.name === "networking");
const stacks = networking?.stacks ?? [];

/**
 * gateway-tls and http-route-scope judge every hostname against the environment's domain, from
 * their `domains` configuration; its defaults must be what each networking stack file sets, or a
 * new or renamed domain fails every deploy (or, worse, the old one stays allowed).
 */
describe("the policies' public domains", () => {
  it("name a domain for exactly the networking stack's environments", () => {
    expect(networking, "projects/networking has no Pulumi.yaml named networking").toBeDefined();
    expect(Object.keys(PUBLIC_DOMAIN_DEFAULTS.domains).sort()).toEqual([...stacks].sort());
  });

  it.each(stacks.map((stack) => [`projects/networking/Pulumi.${stack}.yaml`, stack] as const))(
    "agree with networking:domain in %s",
    (_file, stack) => {
      const domain = readStackConfig(networking!, stack).values["networking:domain"];
      expect(domain, `networking:domain is not set for ${stack}`).toBeTypeOf("string");
      expect(PUBLIC_DOMAIN_DEFAULTS.domains[stack]).toBe(domain);
    },
  );

  it("are the defaults that both policies hand the engine", () => {
    for (const policy of [gatewayTls, httpRouteScope]) {
      expect(policy.configSchema?.properties.domains?.default, policy.name).toEqual(PUBLIC_DOMAIN_DEFAULTS.domains);
    }
  });
});
