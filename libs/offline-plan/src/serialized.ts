import { SECRET_MASK } from "./types";

// Markers of the engine's wire format (sdk/nodejs/runtime/rpc.ts in the Pulumi SDK).
const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Turns serialized properties back into plain JSON. With `mask`, every secret becomes
 * {@link SECRET_MASK}; without it, secrets are unwrapped (for handing outputs to readers).
 */
export function fromWire(value: unknown, mask: boolean): unknown {
  if (value === UNKNOWN_VALUE) return "<unknown>";
  if (Array.isArray(value)) return value.map((item) => fromWire(item, mask));
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  switch (record[SIGNATURE_KEY]) {
    case SECRET_SIG:
      return mask ? SECRET_MASK : fromWire(record.value, mask);
    case RESOURCE_REF_SIG:
      return { resourceUrn: record.urn };
    case OUTPUT_VALUE_SIG:
      if (record.secret && mask) return SECRET_MASK;
      return "value" in record ? fromWire(record.value, mask) : "<unknown>";
    default:
      return Object.fromEntries(
        Object.entries(record)
          .filter(([, item]) => item !== undefined)
          .map(([key, item]) => [key, fromWire(item, mask)]),
      );
  }
}

/** Whether a serialized value holds a secret anywhere inside it. */
export function containsSecret(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsSecret);
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record[SIGNATURE_KEY] === SECRET_SIG) return true;
  if (record[SIGNATURE_KEY] === OUTPUT_VALUE_SIG && record.secret === true) return true;
  return Object.values(record).some(containsSecret);
}
