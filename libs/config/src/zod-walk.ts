import type { z } from "zod";
import { sensitive } from "./schema";

type AnySchema = z.core.$ZodType;

function children(schema: AnySchema): AnySchema[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case "object":
      return Object.values(def.shape as Record<string, AnySchema>);
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return [def.innerType as AnySchema];
    case "pipe":
      return [def.in as AnySchema, def.out as AnySchema];
    case "array":
      return [def.element as AnySchema];
    case "record":
      return [def.valueType as AnySchema];
    case "union":
      return def.options as AnySchema[];
    case "intersection":
      return [def.left as AnySchema, def.right as AnySchema];
    default:
      return [];
  }
}

/** Whether a value of this schema holds, anywhere inside it, a field that must be a Pulumi secret. */
export function containsSensitive(schema: AnySchema): boolean {
  if (sensitive.has(schema)) return true;
  return children(schema).some(containsSensitive);
}

/** The schema's own value type once wrappers (optional, default, pipe input) are peeled off. */
export function baseType(schema: AnySchema): string {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return baseType(def.innerType as AnySchema);
    case "pipe":
      return baseType(def.in as AnySchema);
    case "enum":
      return Object.values(def.entries as Record<string, unknown>).every((v) => typeof v === "string") ? "string" : "enum";
    case "literal":
      return (def.values as unknown[]).every((v) => typeof v === "string") ? "string" : "literal";
    default:
      return def.type;
  }
}
