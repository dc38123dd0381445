import { z } from "zod";

/**
 * The private IPv4 ranges (RFC 1918) that a cluster's own networks live in: egress meant for the
 * internet excludes them, so that it never reaches the cluster's pods, nodes or VPC.
 */
export const PRIVATE_IPV4_RANGES: readonly string[] = Object.freeze(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]);

/** An IPv4 CIDR block as written, in its one canonical spelling. */
export interface Ipv4Cidr {
  readonly octets: readonly [number, number, number, number];
  /** Leading bits that name the network: 0 (every address) to 32 (one address). */
  readonly prefix: number;
}

export type Ipv4CidrResult = { readonly ok: true; readonly cidr: Ipv4Cidr } | { readonly ok: false; readonly problem: string };

export interface Ipv4CidrRules {
  /**
   * The widest block allowed, for settings where a huge block is never what is meant (a VPC).
   * @default 0, so that `0.0.0.0/0` (the whole internet) is a block
   */
  readonly minPrefix?: number;
}

const DIGITS = /^\d+$/;

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function octetsOf(address: number): [number, number, number, number] {
  return [address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255];
}

/**
 * Reads an IPv4 CIDR block such as `10.110.0.0/20`: four decimal octets from 0 to 255, a `/`, and
 * a prefix length from 0 to 32 (or from `rules.minPrefix`).
 *
 * Strict on purpose, so that a block means the same thing to every tool it reaches (the
 * DigitalOcean API, Kubernetes NetworkPolicies, the CNI that enforces them):
 *
 * - No leading zeros (`010.0.0.0/8`, `/08`): C-style parsers read `010` as octal 8, Go's
 *   parser refuses it, others read it as 10.
 * - Host bits must be zero: `10.110.0.0/12` is refused, naming `10.96.0.0/12`, the block it would
 *   actually be. A block with bits set after its prefix is almost always a typo in the prefix (a
 *   `/12` written for `/20` silently widens a rule 256-fold, over other VPCs) or an address given
 *   where a network was meant. The Kubernetes API accepts such blocks for compatibility
 *   (kubernetes/kubernetes#94484) and the network plugin masks them, so nothing later catches one.
 *   Every block in the committed stack files and tests is already a network address.
 *
 * The problem, when there is one, is a phrase that fits after `<key> is "<value>": `.
 */
export function parseIpv4Cidr(text: unknown, rules: Ipv4CidrRules = {}): Ipv4CidrResult {
  const fail = (problem: string): Ipv4CidrResult => ({ ok: false, problem });
  if (typeof text !== "string") return fail(`it is ${kindOf(text)}, not text`);
  const slash = text.indexOf("/");
  const addressText = slash === -1 ? text : text.slice(0, slash);
  const parts = addressText.split(".");
  if (parts.length !== 4 || !parts.every((part) => DIGITS.test(part))) {
    return fail(`"${addressText}" is not an IPv4 address of four decimal octets separated by dots`);
  }
  for (const part of parts) {
    if (part.length > 1 && part.startsWith("0")) return fail(`the octet "${part}" has a leading zero, which some tools read as octal`);
    if (Number(part) > 255) return fail(`the octet ${part} is above 255`);
  }
  if (slash === -1) return fail(`it has no prefix length after a "/"`);
  const prefixText = text.slice(slash + 1);
  if (!DIGITS.test(prefixText)) return fail(`the prefix length "${prefixText}" is not a whole number from 0 to 32`);
  if (prefixText.length > 1 && prefixText.startsWith("0")) return fail(`the prefix length "${prefixText}" has a leading zero`);
  const prefix = Number(prefixText);
  if (prefix > 32) return fail(`the prefix length ${prefixText} is above 32`);
  const minPrefix = rules.minPrefix ?? 0;
  if (prefix < minPrefix) return fail(`the prefix length ${prefix} is below ${minPrefix}, a wider block than this setting allows`);

  const octets = parts.map(Number) as [number, number, number, number];
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const network = (address & mask) >>> 0;
  if (network !== address) {
    return fail(`it has host bits set after the /${prefix} prefix: the block it lies in is "${octetsOf(network).join(".")}/${prefix}"`);
  }
  return { ok: true, cidr: { octets, prefix } };
}

/** Whether two blocks share an address; false where either is not a valid block (its own check reports that). */
export function ipv4BlocksOverlap(left: string, right: string): boolean {
  const range = (text: string) => {
    const parsed = parseIpv4Cidr(text);
    if (!parsed.ok) return undefined;
    const [a, b, c, d] = parsed.cidr.octets;
    return { first: a * 2 ** 24 + b * 2 ** 16 + c * 2 ** 8 + d, size: 2 ** (32 - parsed.cidr.prefix) };
  };
  const x = range(left);
  const y = range(right);
  return x !== undefined && y !== undefined && x.first < y.first + y.size && y.first < x.first + x.size;
}

/** What every CIDR problem ends with: `expected an IPv4 CIDR block such as "a" or "b"`. */
export function expectedIpv4Cidr(examples: readonly string[]): string {
  return `expected an IPv4 CIDR block such as ${examples.map((example) => `"${example}"`).join(" or ")}`;
}

/** The whole message for a bad block, or undefined for a good one: `<problem>: expected an IPv4 CIDR block such as …`. */
export function ipv4CidrProblem(text: unknown, examples: readonly string[], rules: Ipv4CidrRules = {}): string | undefined {
  const result = parseIpv4Cidr(text, rules);
  return result.ok ? undefined : `${result.problem}: ${expectedIpv4Cidr(examples)}`;
}

/**
 * A stack-file setting that holds an IPv4 CIDR block, checked by `parseIpv4Cidr`. The value stays
 * the string as written (it is already canonical). `examples` show up in every error.
 */
export function ipv4CidrSchema(examples: readonly string[], rules: Ipv4CidrRules = {}) {
  return z.string({ error: `${expectedIpv4Cidr(examples)}, as a string` }).superRefine((text, ctx) => {
    const problem = ipv4CidrProblem(text, examples, rules);
    if (problem !== undefined) ctx.addIssue({ code: "custom", input: text, message: problem });
  });
}
