import { describe, expect, it } from "vitest";
import { z } from "zod";
import { byteQuantity, cpuQuantity, dnsLabel, domainName, ipv4Cidr, retention, secretString } from "./schema";
import { validateConfig } from "./validate";
import { isSecret, valueOf } from "@platform/testing";

const schema = z.strictObject({
  name: dnsLabel,
  replicas: z.number().int().min(1).max(10).default(2),
  resources: z.strictObject({ cpu: cpuQuantity, memory: byteQuantity }),
  version: z.string().optional(),
  apiToken: secretString().optional(),
});

const raw = (values: Record<string, string>, secretKeys: string[] = []) => ({ values, secretKeys: new Set(secretKeys) });
const problems = (values: Record<string, string>, secretKeys: string[] = []) => {
  const result = validateConfig("app", schema, raw(values, secretKeys));
  return result.ok ? [] : result.problems;
};

const valid = { name: "degen", resources: '{"cpu":"500m","memory":"512Mi"}' };

describe("validateConfig", () => {
  it("decodes engine strings into the schema's types and applies defaults", () => {
    const result = validateConfig("app", schema, raw({ ...valid, replicas: "3" }));
    expect(result).toEqual({ ok: true, value: { name: "degen", replicas: 3, resources: { cpu: "500m", memory: "512Mi" } } });
    expect(validateConfig("app", schema, raw(valid))).toMatchObject({ ok: true, value: { replicas: 2 } });
  });

  it("keeps string settings as strings even when they look like numbers", () => {
    expect(validateConfig("app", schema, raw({ ...valid, version: "1.30" }))).toMatchObject({ ok: true, value: { version: "1.30" } });
  });

  it("names a missing required key", () => {
    expect(problems({ resources: valid.resources })).toEqual(["app:name is required (expected string)"]);
  });

  it("names the key, the value and the expected type of a wrong type", () => {
    expect(problems({ ...valid, replicas: '"three"' })).toEqual(['app:replicas is "three": expected number, received string']);
  });

  it("names the bound of an out-of-range number", () => {
    expect(problems({ ...valid, replicas: "40" })).toEqual(["app:replicas is 40: Too big: expected number to be <=10"]);
  });

  it("refuses an invalid Kubernetes quantity by its full path", () => {
    expect(problems({ ...valid, resources: '{"cpu":"lots","memory":"512Mi"}' })).toEqual([
      'app:resources.cpu is "lots": expected a positive Kubernetes CPU quantity, such as "500m"',
    ]);
  });

  it("suggests the intended key for a typo", () => {
    expect(problems({ ...valid, replica: "2" })).toEqual([
      "app:replica is not a known setting: did you mean app:replicas? (known: name, replicas, resources, version, apiToken)",
    ]);
  });

  it("refuses an unknown nested key", () => {
    expect(problems({ ...valid, resources: '{"cpu":"1","memory":"1Gi","gpu":"1"}' })).toEqual([
      "app:resources.gpu is not a known setting: remove it or fix its spelling",
    ]);
  });

  it("reports every problem at once, sorted by key", () => {
    expect(problems({ name: "Degen!", replicas: "0", resources: '{"cpu":"lots","memory":"1GB"}', typo: "x" })).toEqual([
      'app:name is "Degen!": expected lower-case letters, digits and \'-\', starting and ending with a letter or digit',
      "app:replicas is 0: Too small: expected number to be >=1",
      'app:resources.cpu is "lots": expected a positive Kubernetes CPU quantity, such as "500m"',
      'app:resources.memory is "1GB": expected a positive Kubernetes memory quantity, such as "512Mi"',
      "app:typo is not a known setting (known: name, replicas, resources, version, apiToken)",
    ]);
  });

  it("refuses a sensitive value held in plain text, with the command that fixes it", () => {
    expect(problems({ ...valid, apiToken: "hunter2" })).toEqual([
      "app:apiToken holds a sensitive value in plain text: set it with `pulumi config set --secret app:apiToken <value>`",
    ]);
  });

  it("turns a secret setting into a secret Output", async () => {
    const result = validateConfig("app", schema, raw({ ...valid, apiToken: "hunter2" }, ["apiToken"]));
    if (!result.ok) throw new Error(result.problems.join("\n"));
    expect(await isSecret(result.value.apiToken!)).toBe(true);
    expect(await valueOf(result.value.apiToken!)).toBe("hunter2");
  });

  it("never prints a sensitive value in an error", () => {
    const withSecret = z.strictObject({ credentials: z.strictObject({ token: secretString(), user: z.string().min(3) }) });
    const result = validateConfig("app", withSecret, raw({ credentials: '{"token":"s3cr3t","user":"ab"}' }, ["credentials"]));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain("s3cr3t");
    expect(result).toEqual({ ok: false, problems: ["app:credentials.user is [secret]: Too small: expected string to have >=3 characters"] });
  });
});

describe("schema helpers", () => {
  it.each(["app.degenquest.gg", "dev.degenquest.gg", "degenquest.gg"])("accepts the domain %s", (domain) => {
    expect(domainName.safeParse(domain).success).toBe(true);
  });

  it.each(["Degenquest.gg", "degenquest", "-bad.gg", "bad..gg", "https://degenquest.gg"])("refuses the domain %s", (domain) => {
    expect(domainName.safeParse(domain).success).toBe(false);
  });

  it.each([["15d"], ["12h"], ["30m"]])("accepts the retention %s", (value) => expect(retention.safeParse(value).success).toBe(true));
  it.each([["-3d"], ["0d"], ["3 days"], ["3w"]])("refuses the retention %s", (value) => expect(retention.safeParse(value).success).toBe(false));

  it.each(["10.0.0.0/16", "192.168.1.0/24"])("accepts the CIDR %s", (cidr) => expect(ipv4Cidr.safeParse(cidr).success).toBe(true));
  it.each(["10.0.0.0", "10.0.0.256/16", "10.0.0.0/33", "10.0.0.0/4"])("refuses the CIDR %s", (cidr) =>
    expect(ipv4Cidr.safeParse(cidr).success).toBe(false),
  );

  it("refuses memory without a unit and CPU with a byte unit", () => {
    expect(byteQuantity.safeParse("512").success).toBe(false);
    expect(cpuQuantity.safeParse("1Gi").success).toBe(false);
    expect(cpuQuantity.safeParse("0").success).toBe(false);
  });
});

describe("validateConfig messages", () => {
  it("show what the user wrote, not the value after defaults", () => {
    const withDefaults = z
      .strictObject({ dns: z.strictObject({ zone: z.string(), ttlSeconds: z.number().default(300) }).optional() })
      .superRefine((config, ctx) => {
        if (config.dns) ctx.addIssue({ code: "custom", path: ["dns"], input: config.dns, message: "remove this key" });
      });
    expect(validateConfig("net", withDefaults, raw({ dns: '{"zone":"degenquest.gg"}' }))).toEqual({
      ok: false,
      problems: ['net:dns is {"zone":"degenquest.gg"}: remove this key'],
    });
  });
});
