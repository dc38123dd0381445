import type {
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";

/** A resource policy whose single validation tests and the offline checker can call directly. */
export type ResourcePolicy = ResourceValidationPolicy & { readonly validateResource: ResourceValidation };

/** A policy that looks at the whole stack at once, for rules that link resources. */
export type StackPolicy = StackValidationPolicy;

export type PlatformPolicy = ResourcePolicy | StackPolicy;

export type { ReportViolation, ResourceValidationArgs };

/** The stack name, which is the environment: `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function stackOf(urn: string): string {
  return urn.split("::")[0]?.split(":")[2] ?? "";
}

/** The Pulumi project that registered the resource. */
export function projectOf(urn: string): string {
  return urn.split("::")[1] ?? "";
}

export function isProduction(urn: string): boolean {
  return stackOf(urn) === "production";
}

export function isLocal(urn: string): boolean {
  return stackOf(urn) === "local";
}

/**
 * Whether a value is not known before deploy: absent in a preview, or a placeholder of the
 * offline plan (`<unknown>`, `<known after deploy: ...>`). Rules never fail on what they cannot see.
 */
export function isUnknown(value: unknown): boolean {
  return value === undefined || (typeof value === "string" && /^<(unknown|known after deploy)/.test(value));
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
