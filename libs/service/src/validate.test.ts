import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PlatformServiceArgs } from "./args";
import { resolveServiceArgs } from "./defaults";
import { imageProblems, imageReference, imageTagSchema, isImmutableTag } from "./image";
import { testPlatform } from "./test-platform";
import { isSensitiveName, serviceArgProblems } from "./validate";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const DIGEST = `sha256:${"ab".repeat(32)}`;

function args(overrides: Partial<PlatformServiceArgs> = {}, environment: "local" | "dev" | "production" = "dev"): PlatformServiceArgs {
  return {
    platform: testPlatform(environment),
    image: { repository: "degen-server", tag: SHA },
    ports: [
      { name: "http", port: 8888 },
      { name: "metrics", port: 9090 },
    ],
    health: { port: "http", path: "/health" },
    ...overrides,
  };
}

const problems = (overrides: Partial<PlatformServiceArgs> = {}, environment: "local" | "dev" | "production" = "dev") =>
  serviceArgProblems("degen-server", resolveServiceArgs(args(overrides, environment)));

describe("serviceArgProblems", () => {
  it("accepts a service with only the required args", () => {
    expect(problems()).toEqual([]);
  });

  it("refuses a ReadWriteOnce volume shared by more than one replica", () => {
    expect(problems({ replicas: 3, volumes: [{ name: "data", mountPath: "/data", sizeGiB: 5 }] })).toEqual([
      'replicas is 3, but volumes[0] ("data") is ReadWriteOnce: one node mounts it (DigitalOcean block storage is ReadWriteOnce only): ' +
        "use 1 replica or move the data off the volume",
    ]);
  });

  it("refuses an autoscaler on a ReadWriteOnce volume, even with one replica", () => {
    expect(
      problems({ replicas: 1, autoscaling: { maxReplicas: 3 }, volumes: [{ name: "data", mountPath: "/data", sizeGiB: 5 }] }),
    ).toEqual([
      'autoscaling is set, but volumes[0] ("data") is ReadWriteOnce: one node mounts it (DigitalOcean block storage is ReadWriteOnce only): ' +
        "remove autoscaling or move the data off the volume",
    ]);
  });

  it("accepts several replicas on a ReadWriteMany volume", () => {
    expect(problems({ replicas: 3, volumes: [{ name: "shared", mountPath: "/shared", sizeGiB: 5, accessMode: "ReadWriteMany" }] })).toEqual([]);
  });

  it("refuses minReplicas above maxReplicas", () => {
    expect(problems({ autoscaling: { minReplicas: 4, maxReplicas: 3 } })).toEqual([
      "autoscaling.minReplicas is 4, above autoscaling.maxReplicas (3): raise maxReplicas or lower minReplicas",
    ]);
  });

  it("refuses a scale-down window that is negative, fractional or over an hour, naming the value", () => {
    for (const window of [-1, 2.5, 3601]) {
      expect(problems({ autoscaling: { maxReplicas: 3, scaleDownStabilizationSeconds: window } })).toEqual([
        `autoscaling.scaleDownStabilizationSeconds is ${window}: expected a whole number of seconds from 0 to 3600`,
      ]);
    }
    expect(problems({ autoscaling: { maxReplicas: 3, scaleDownStabilizationSeconds: 0 } })).toEqual([]);
  });

  it("takes minReplicas from replicas, so a default autoscaler cannot start below them", () => {
    expect(problems({ replicas: 4, autoscaling: { maxReplicas: 3 } })).toEqual([
      "autoscaling.minReplicas is 4, above autoscaling.maxReplicas (3): raise maxReplicas or lower minReplicas",
    ]);
  });

  it("refuses a probe, an ingress, metrics or a load balancer on an undeclared port", () => {
    expect(
      problems({
        health: { port: "web", path: "/health" },
        ingress: { port: "https" },
        metrics: { port: "prom" },
        loadBalancerPort: "game",
      }),
    ).toEqual([
      'health.port is "web", which is not a declared port: use one of "http", "metrics" or declare it in ports',
      'ingress.port is "https", which is not a declared port: use one of "http", "metrics" or declare it in ports',
      'metrics.port is "prom", which is not a declared port: use one of "http", "metrics" or declare it in ports',
      'loadBalancerPort is "game", which is not a declared port: use one of "http", "metrics" or declare it in ports',
    ]);
  });

  it("refuses a sensitive-looking setting given as a plain value, and only that one", () => {
    expect(problems({ env: { NODE_ENV: "production", DB_PATH: "/data/game.db", JWT_SECRET: "hunter2", OPENAI_API_KEY: "sk" } })).toEqual([
      "env.JWT_SECRET looks sensitive but is given as a plain value: move it to secretEnv as a Pulumi secret (`pulumi config set --secret`)",
      "env.OPENAI_API_KEY looks sensitive but is given as a plain value: move it to secretEnv as a Pulumi secret (`pulumi config set --secret`)",
    ]);
  });

  it.each([
    ["DATABASE_PASSWORD", true],
    ["GITHUB_TOKEN", true],
    ["SPACES_ACCESS_KEY", true],
    ["SIGNING_KEY", true],
    ["DISCORD_AUTH", true],
    ["SENTRY_DSN", true],
    ["NODE_ENV", false],
    ["DB_PATH", false],
    ["PORT", false],
    ["LOG_LEVEL", false],
    ["KEYBOARD_LAYOUT", false],
  ])("reads %s as sensitive: %s", (name, sensitive) => {
    expect(isSensitiveName(name)).toBe(sensitive);
  });

  it("refuses a setting given both plainly and as a secret", () => {
    expect(problems({ env: { MODE: "a" }, secretEnv: { MODE: undefined as never } })).toEqual(["env.MODE is also in secretEnv: give each setting once"]);
  });

  it("refuses requests above limits and quantities that are not quantities", () => {
    expect(problems({ resources: { cpuRequest: "2", cpuLimit: "1", memoryRequest: "lots" } })).toEqual([
      'resources.memoryRequest is "lots": expected a memory quantity such as "256Mi"',
      'resources.cpuRequest is "2", above resources.cpuLimit (1): raise the limit or lower the request',
    ]);
  });

  it("refuses an SLO without an ingress to measure it at, and an objective of 1", () => {
    expect(problems({ sloObjective: 1 })).toEqual([
      "sloObjective is 1, but there is no ingress to measure it at: set ingress or leave sloObjective out",
      "sloObjective is 1: expected a ratio between 0 and 1, such as 0.999",
    ]);
  });

  it("refuses both a subdomain and a host, and timeouts out of range", () => {
    expect(problems({ ingress: { port: "http", subdomain: "Play!", host: "play.degenquest.gg", idleTimeoutSeconds: 0 } })).toEqual([
      'ingress.subdomain is "Play!": expected one DNS label such as "play"',
      "ingress.subdomain and ingress.host are both set: give one",
      "ingress.idleTimeoutSeconds is 0: expected a whole number of seconds from 1 to 86400",
    ]);
  });

  it("refuses egress rules that name no destination or two, and bad ports", () => {
    expect(
      problems({
        egress: [
          { description: "nowhere", ports: [443] },
          { description: "both", cidr: "0.0.0.0/0", namespace: "db", ports: [0] },
        ],
      }),
    ).toEqual([
      'egress[0] ("nowhere") needs exactly one of cidr or namespace',
      'egress[1] ("both") needs exactly one of cidr or namespace',
      "egress[1].ports is [0]: expected one or more port numbers from 1 to 65535",
    ]);
  });

  it("refuses egress blocks that are not canonical IPv4 CIDR blocks, naming each one and the block it would be", () => {
    expect(
      problems({
        egress: [
          { description: "internet", cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "172.16.0.1/12", "192.168.0.0"], ports: [443] },
          { description: "database", cidr: "10.110.0.0/12", ports: [25060] },
          { description: "one host", cidr: "203.0.113.7/32", ports: [443] },
          { description: "octal", cidr: "010.0.0.0/8", ports: [443] },
        ],
      }),
    ).toEqual([
      'egress[0].except has "172.16.0.1/12": it has host bits set after the /12 prefix: the block it lies in is "172.16.0.0/12": ' +
        'expected an IPv4 CIDR block such as "10.0.0.0/8"',
      'egress[0].except has "192.168.0.0": it has no prefix length after a "/": expected an IPv4 CIDR block such as "10.0.0.0/8"',
      'egress[1].cidr is "10.110.0.0/12": it has host bits set after the /12 prefix: the block it lies in is "10.96.0.0/12": ' +
        'expected an IPv4 CIDR block such as "0.0.0.0/0"',
      'egress[3].cidr is "010.0.0.0/8": the octet "010" has a leading zero, which some tools read as octal: ' +
        'expected an IPv4 CIDR block such as "0.0.0.0/0"',
    ]);
  });

  it("refuses duplicate ports, bad port names, root and mounts on the same folder", () => {
    expect(
      problems({
        ports: [
          { name: "http", port: 8888 },
          { name: "HTTP_PORT", port: 8888 },
        ],
        runAsUser: 0,
        writablePaths: ["/tmp", "/data"],
        volumes: [{ name: "data", mountPath: "/data", sizeGiB: 1 }],
        replicas: 1,
      }),
    ).toEqual([
      'ports[1].name is "HTTP_PORT": expected at most 15 lower-case letters, digits and \'-\', with a letter, such as "http"',
      "ports[1].port 8888 is declared twice: give each port its own number",
      'volumes[0].mountPath "/data" is already mounted: give each volume its own folder',
      "runAsUser is 0: expected a non-root UID, at least 1",
    ]);
  });

  it("reports every problem at once, with the image's among them", () => {
    const found = problems({ image: { repository: "degen-server", tag: "latest" }, replicas: 0, health: { port: "nope" } }, "production");
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/^image\.tag is "latest": production runs only immutable images/);
  });
});

describe("images", () => {
  it("refuses latest and a missing tag outside local", () => {
    expect(imageProblems({ repository: "degen-server", tag: "latest" }, "staging")).toEqual([
      'image.tag is "latest": staging runs only immutable images: expected the 40-hex commit SHA that CI tagged the image with, ' +
        'or a "sha256:<64 hex>" digest (moving tags such as "latest" only on local)',
    ]);
    expect(imageProblems({ repository: "degen-server", tag: "" }, "dev")[0]).toMatch(/^image\.tag is missing: dev runs only immutable images/);
  });

  it("accepts a moving tag on local, and a missing one becomes latest there", () => {
    expect(imageProblems({ repository: "degen-server", tag: "latest" }, "local")).toEqual([]);
    expect(resolveServiceArgs(args({ image: { repository: "degen-server", tag: "" } }, "local")).image.tag).toBe("latest");
  });

  it("refuses a registry host in the repository: images come only from the platform registry", () => {
    expect(imageProblems({ repository: "docker.io/library/nginx", tag: SHA }, "dev")).toEqual([
      'image.repository is "docker.io/library/nginx", which names a registry host: give the path under the platform registry ' +
        '(cluster-base registryServer), such as "library/nginx"',
    ]);
    expect(imageProblems({ repository: "degen-server:v1", tag: SHA }, "dev")[0]).toMatch(/give the tag in image\.tag/);
  });

  it("pulls by tag for a commit SHA and by digest for a digest", () => {
    expect(imageReference("registry.digitalocean.com/pioneer", { repository: "degen-server", tag: SHA })).toBe(
      `registry.digitalocean.com/pioneer/degen-server:${SHA}`,
    );
    expect(imageReference("localhost:5001/", { repository: "degen-server", tag: DIGEST })).toBe(`localhost:5001/degen-server@${DIGEST}`);
  });

  it("takes exactly 40 lower-case hex digits or a sha256 digest as immutable", () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9a-f]{40}$/), (tag) => isImmutableTag(tag)));
    fc.assert(fc.property(fc.stringMatching(/^[0-9a-f]{64}$/), (hex) => isImmutableTag(`sha256:${hex}`)));
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (tag) => isImmutableTag(tag) === (/^[0-9a-f]{40}$/.test(tag) || /^sha256:[0-9a-f]{64}$/.test(tag))),
    );
    expect(isImmutableTag(SHA.toUpperCase())).toBe(false);
    expect(isImmutableTag(SHA.slice(1))).toBe(false);
  });
});

describe("imageTagSchema", () => {
  const SHA40 = "0123456789abcdef0123456789abcdef01234567";

  it("accepts only a commit SHA or digest outside local, naming the key in the fix", () => {
    expect(imageTagSchema("production", "app:imageTag").safeParse(SHA40).success).toBe(true);
    const refused = imageTagSchema("staging", "app:imageTag").safeParse("latest");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe(
      'staging runs only immutable images: expected the 40-hex commit SHA that CI tagged the image with, or a "sha256:<64 hex>" digest ' +
        "(set it with `pulumi config set app:imageTag <sha>`)",
    );
  });

  it("accepts a moving tag on local, but not a malformed one", () => {
    expect(imageTagSchema("local", "app:imageTag").safeParse("latest").success).toBe(true);
    expect(imageTagSchema("local", "app:imageTag").safeParse("not a tag").success).toBe(false);
  });
});
