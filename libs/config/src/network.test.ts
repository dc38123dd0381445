import { describe, expect, it } from "vitest";
import { z } from "zod";
import { expectedIpv4Cidr, ipv4BlocksOverlap, ipv4CidrProblem, ipv4CidrSchema, parseIpv4Cidr, PRIVATE_IPV4_RANGES } from "./network";
import { ipv4Cidr } from "./schema";
import { validateConfig } from "./validate";

describe("PRIVATE_IPV4_RANGES", () => {
  it("is the three RFC 1918 blocks", () => {
    expect(PRIVATE_IPV4_RANGES).toEqual(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]);
  });

  it("cannot be changed by one of its users for the others", () => {
    expect(() => (PRIVATE_IPV4_RANGES as string[]).push("100.64.0.0/10")).toThrow(TypeError);
    expect(PRIVATE_IPV4_RANGES).toHaveLength(3);
  });

  it("holds only blocks that parse", () => {
    for (const range of PRIVATE_IPV4_RANGES) expect(parseIpv4Cidr(range).ok).toBe(true);
  });
});

describe("parseIpv4Cidr", () => {
  it.each([
    ["0.0.0.0/0", [0, 0, 0, 0], 0],
    ["255.255.255.255/32", [255, 255, 255, 255], 32],
    ["10.110.0.0/20", [10, 110, 0, 0], 20],
    ["10.120.0.0/20", [10, 120, 0, 0], 20],
    ["172.16.0.0/12", [172, 16, 0, 0], 12],
    ["192.168.1.7/32", [192, 168, 1, 7], 32],
    ["128.0.0.0/1", [128, 0, 0, 0], 1],
  ])("reads %s", (text, octets, prefix) => {
    expect(parseIpv4Cidr(text)).toEqual({ ok: true, cidr: { octets, prefix } });
  });

  it.each([
    ["256.0.0.0/8", "the octet 256 is above 255"],
    ["10.0.0.256/16", "the octet 256 is above 255"],
    ["10.0.0.0/33", "the prefix length 33 is above 32"],
    ["10.0.0.0", 'it has no prefix length after a "/"'],
    ["10.0.0.0/", 'the prefix length "" is not a whole number from 0 to 32'],
    ["10.0.0.0/x", 'the prefix length "x" is not a whole number from 0 to 32'],
    ["10.0.0.0/-1", 'the prefix length "-1" is not a whole number from 0 to 32'],
    ["10.0.0.0/8/8", 'the prefix length "8/8" is not a whole number from 0 to 32'],
    ["010.0.0.0/8", 'the octet "010" has a leading zero, which some tools read as octal'],
    ["10.0.0.00/8", 'the octet "00" has a leading zero, which some tools read as octal'],
    ["10.0.0.0/08", 'the prefix length "08" has a leading zero'],
    ["10.0.0.1/8", 'it has host bits set after the /8 prefix: the block it lies in is "10.0.0.0/8"'],
    ["10.110.0.0/12", 'it has host bits set after the /12 prefix: the block it lies in is "10.96.0.0/12"'],
    ["0.0.0.1/0", 'it has host bits set after the /0 prefix: the block it lies in is "0.0.0.0/0"'],
    ["255.255.255.255/31", 'it has host bits set after the /31 prefix: the block it lies in is "255.255.255.254/31"'],
    ["10.0.0/8", '"10.0.0" is not an IPv4 address of four decimal octets separated by dots'],
    ["10.0.0.0.0/8", '"10.0.0.0.0" is not an IPv4 address of four decimal octets separated by dots'],
    [" 10.0.0.0/8", '" 10.0.0.0" is not an IPv4 address of four decimal octets separated by dots'],
    ["10.0.0.0/8 ", 'the prefix length "8 " is not a whole number from 0 to 32'],
    ["10.0.-1.0/8", '"10.0.-1.0" is not an IPv4 address of four decimal octets separated by dots'],
    ["::/0", '"::" is not an IPv4 address of four decimal octets separated by dots'],
    ["", '"" is not an IPv4 address of four decimal octets separated by dots'],
  ])("refuses %s: %s", (text, problem) => {
    expect(parseIpv4Cidr(text)).toEqual({ ok: false, problem });
  });

  it("refuses what is not text, saying what it is", () => {
    expect(parseIpv4Cidr(8)).toEqual({ ok: false, problem: "it is a number, not text" });
    expect(parseIpv4Cidr(null)).toEqual({ ok: false, problem: "it is null, not text" });
    expect(parseIpv4Cidr(undefined)).toEqual({ ok: false, problem: "it is undefined, not text" });
    expect(parseIpv4Cidr(["10.0.0.0/8"])).toEqual({ ok: false, problem: "it is a list, not text" });
  });

  it("refuses a block wider than the setting allows, and only then", () => {
    expect(parseIpv4Cidr("10.0.0.0/8", { minPrefix: 8 }).ok).toBe(true);
    expect(parseIpv4Cidr("0.0.0.0/7", { minPrefix: 8 })).toEqual({
      ok: false,
      problem: "the prefix length 7 is below 8, a wider block than this setting allows",
    });
    expect(parseIpv4Cidr("0.0.0.0/0").ok).toBe(true);
  });
});

describe("ipv4CidrProblem", () => {
  it("is undefined for a good block and a whole message for a bad one", () => {
    expect(ipv4CidrProblem("10.0.0.0/8", ["10.0.0.0/8"])).toBeUndefined();
    expect(ipv4CidrProblem("10.0.0.0/33", ["0.0.0.0/0", "10.110.0.0/20"])).toBe(
      'the prefix length 33 is above 32: expected an IPv4 CIDR block such as "0.0.0.0/0" or "10.110.0.0/20"',
    );
    expect(expectedIpv4Cidr(["10.20.0.0/16"])).toBe('expected an IPv4 CIDR block such as "10.20.0.0/16"');
  });
});

describe("ipv4CidrSchema", () => {
  const schema = z.strictObject({ egress: z.array(ipv4CidrSchema(["0.0.0.0/0", "10.110.0.0/20"])), vpcIpRange: ipv4Cidr.optional() });
  const problems = (values: Record<string, string>) => {
    const result = validateConfig("demo", schema, { values, secretKeys: new Set() });
    return result.ok ? [] : result.problems;
  };

  it("keeps the block as written", () => {
    expect(schema.parse({ egress: ["0.0.0.0/0"], vpcIpRange: "10.110.0.0/20" })).toEqual({ egress: ["0.0.0.0/0"], vpcIpRange: "10.110.0.0/20" });
  });

  it("names the key, the value, the problem and what was expected", () => {
    expect(problems({ egress: JSON.stringify(["0.0.0.0/0", "10.110.0.0/12", "10.0.0.0", 10]), vpcIpRange: "0.0.0.0/0" })).toEqual([
      'demo:egress.1 is "10.110.0.0/12": it has host bits set after the /12 prefix: the block it lies in is "10.96.0.0/12": ' +
        'expected an IPv4 CIDR block such as "0.0.0.0/0" or "10.110.0.0/20"',
      'demo:egress.2 is "10.0.0.0": it has no prefix length after a "/": expected an IPv4 CIDR block such as "0.0.0.0/0" or "10.110.0.0/20"',
      'demo:egress.3 is 10: expected an IPv4 CIDR block such as "0.0.0.0/0" or "10.110.0.0/20", as a string',
      'demo:vpcIpRange is "0.0.0.0/0": the prefix length 0 is below 8, a wider block than this setting allows: ' +
        'expected an IPv4 CIDR block such as "10.20.0.0/16"',
    ]);
  });
});

describe("ipv4BlocksOverlap", () => {
  it("is true for blocks that share an address, either way round, and false for neighbours", () => {
    expect(ipv4BlocksOverlap("10.110.0.0/20", "10.110.8.0/24")).toBe(true);
    expect(ipv4BlocksOverlap("10.110.8.0/24", "10.110.0.0/20")).toBe(true);
    expect(ipv4BlocksOverlap("10.110.0.0/20", "10.110.16.0/20")).toBe(false);
    expect(ipv4BlocksOverlap("10.110.0.0/20", "10.111.0.0/16")).toBe(false);
  });

  it("counts addresses above 128.0.0.0 as large numbers, not negative ones", () => {
    expect(ipv4BlocksOverlap("192.168.0.0/16", "192.168.4.0/24")).toBe(true);
    expect(ipv4BlocksOverlap("192.168.0.0/16", "10.0.0.0/8")).toBe(false);
    expect(ipv4BlocksOverlap("0.0.0.0/0", "255.255.255.255/32")).toBe(true);
  });

  it("leaves a block that is not one to its own check", () => {
    expect(ipv4BlocksOverlap("10.110.0.1/20", "10.110.0.0/20")).toBe(false);
  });
});
