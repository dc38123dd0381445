import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXEMPTIONS } from "../exemptions";
import { gatewayTls } from "./gateway-tls";
import { httpRouteScope } from "./http-route-scope";
import { IMAGE_SOURCE_DEFAULTS, imageSource } from "./image-source";
import { PLATFORM_POLICIES } from "./index";
import { PUBLIC_DOMAIN_DEFAULTS } from "./public-domain";
import { STORAGE_CLASS_DEFAULTS, storageClass } from "./storage-class";

const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");

describe("the policy catalogue", () => {
  it("gives every policy a unique name, a description and the mandatory level", () => {
    const names = PLATFORM_POLICIES.map((policy) => policy.name);
    expect(new Set(names).size).toBe(names.length);
    for (const policy of PLATFORM_POLICIES) {
      expect([policy.name, policy.enforcementLevel, policy.description.length > 20]).toEqual([policy.name, "mandatory", true]);
    }
  });

  it("documents every policy and every exemption in the README", () => {
    const undocumented = PLATFORM_POLICIES.map((policy) => policy.name).filter((name) => !readme.includes(`| \`${name}\``));
    expect(undocumented).toEqual([]);
    for (const exemption of EXEMPTIONS) {
      expect(readme, exemption.covers).toContain(`| ${exemption.covers} |`);
      expect(PLATFORM_POLICIES.map((policy) => policy.name)).toContain(exemption.policy);
    }
  });

  it("pins the documented configuration defaults, in the schema the engine reads too", () => {
    expect(IMAGE_SOURCE_DEFAULTS).toEqual({ registry: "registry.digitalocean.com/pioneer", localRegistries: ["localhost:5001"] });
    expect(STORAGE_CLASS_DEFAULTS).toEqual({
      storageClasses: ["do-block-storage", "do-block-storage-retain", "do-block-storage-xfs", "do-block-storage-xfs-retain"],
      localStorageClasses: ["standard", "local-path", "hostpath"],
    });
    const defaults = (policy: typeof imageSource) =>
      Object.fromEntries(Object.entries(policy.configSchema!.properties).map(([key, schema]) => [key, schema.default]));
    expect(defaults(imageSource)).toEqual(IMAGE_SOURCE_DEFAULTS);
    expect(defaults(storageClass)).toEqual(STORAGE_CLASS_DEFAULTS);
  });

  it("pins the environments' domains, which gateway-tls and http-route-scope each read from their own domains key", () => {
    expect(PUBLIC_DOMAIN_DEFAULTS).toEqual({
      domains: {
        production: "degenquest.gg",
        staging: "staging.degenquest.gg",
        dev: "dev.degenquest.gg",
        local: "localtest.me",
        e2e: "e2e.localtest.me",
      },
    });
    for (const policy of [gatewayTls, httpRouteScope]) {
      expect(policy.configSchema!.properties.domains!.default, policy.name).toEqual(PUBLIC_DOMAIN_DEFAULTS.domains);
    }
    for (const [environment, domain] of Object.entries(PUBLIC_DOMAIN_DEFAULTS.domains)) {
      expect(readme).toContain(`| \`gateway-tls\`, \`http-route-scope\` | \`domains.${environment}\` | \`${domain}\` |`);
    }
  });
});
