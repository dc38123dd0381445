import type { z } from "zod";
import { closestName } from "./suggest";
import { baseType, containsSensitive } from "./zod-walk";

/** A stack's configuration as the Pulumi engine hands it over: every value a string. */
export interface RawStackConfig {
  /** Values keyed without the project namespace (`cluster`, not `cluster-base:cluster`). */
  readonly values: Readonly<Record<string, string>>;
  /** Keys (without namespace) whose values the stack file holds as `secure:`. */
  readonly secretKeys: ReadonlySet<string>;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

const MASK = "[secret]";

function describe(value: unknown, masked: boolean): string {
  if (masked) return MASK;
  if (value === undefined) return "missing";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Engine strings become JSON values, except where the schema itself expects a string. */
function decode(schema: z.core.$ZodType | undefined, raw: string): unknown {
  if (schema && baseType(schema) === "string") return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (node, key) => (node !== null && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined),
    root,
  );
}

function issueMessage(issue: z.core.$ZodIssue, received: unknown): string {
  if (issue.code === "invalid_type" && received === undefined) {
    return `is required (${issue.message.replace(/^Invalid input: /, "").replace(/, received undefined$/, "")})`;
  }
  return issue.message.replace(/^Invalid input: /, "");
}

/**
 * Checks a stack's whole configuration against a project's schema and returns every problem at
 * once, each naming the key, the value received and what was expected.
 */
export function validateConfig<S extends z.ZodObject>(
  namespace: string,
  schema: S,
  raw: RawStackConfig,
): ValidationResult<z.output<S>> {
  const shape = schema.shape as Record<string, z.core.$ZodType>;
  const known = Object.keys(shape);
  const problems: string[] = [];
  const input: Record<string, unknown> = {};
  const sensitiveKeys = new Set(known.filter((key) => containsSensitive(shape[key]!)));

  for (const [key, text] of Object.entries(raw.values)) {
    if (!(key in shape)) {
      const hint = closestName(key, known);
      problems.push(
        `${namespace}:${key} is not a known setting${hint ? `: did you mean ${namespace}:${hint}?` : ""} ` +
          `(known: ${known.join(", ")})`,
      );
      continue;
    }
    if (sensitiveKeys.has(key) && !raw.secretKeys.has(key)) {
      problems.push(
        `${namespace}:${key} holds a sensitive value in plain text: set it with ` +
          `\`pulumi config set --secret ${namespace}:${key} <value>\``,
      );
    }
    input[key] = decode(shape[key], text);
  }

  const parsed = schema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top] = issue.path;
      if (issue.code === "unrecognized_keys") {
        const base = [namespace + ":" + String(top ?? ""), ...issue.path.slice(1).map(String)].join(".");
        for (const extra of issue.keys) {
          problems.push(`${base}.${extra} is not a known setting: remove it or fix its spelling`);
        }
        continue;
      }
      if (issue.code === "invalid_key") {
        const name = `${namespace}:${issue.path.map(String).join(".")}`;
        const reason = issue.issues.map((inner) => inner.message).join("; ");
        problems.push(`${name} has an invalid name "${String(issue.path.at(-1))}": ${reason}`);
        continue;
      }
      // What the user wrote at the key itself, before defaults: for a union, zod reports the whole
      // enclosing object as input, and a refinement sees the value after defaults were applied.
      const atPath = valueAt(input, issue.path);
      const received = atPath === undefined && "input" in issue ? issue.input : atPath;
      const key = `${namespace}:${issue.path.map(String).join(".")}`;
      const masked = typeof top === "string" && sensitiveKeys.has(top);
      const message = issueMessage(issue, received);
      problems.push(
        received === undefined && message.startsWith("is required")
          ? `${key} ${message}`
          : `${key} is ${describe(received, masked)}: ${message}`,
      );
    }
  }

  if (problems.length > 0) return { ok: false, problems: [...new Set(problems)].sort() };
  return { ok: true, value: (parsed as { data: z.output<S> }).data };
}
