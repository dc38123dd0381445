import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ipv4CidrSchema } from "./network";
import { parseQuantity } from "./quantity";

/** Registry of schema nodes that must only ever arrive as Pulumi secrets. */
export const sensitive = z.registry<{ sensitive: true }>();

/** A string that the stack file must hold as a Pulumi secret (`pulumi config set --secret`). */
export function secretString() {
  // Wrapped as a secret Output so the value stays encrypted in state wherever the program uses it.
  const schema = z
    .string()
    .min(1)
    .transform((value) => pulumi.secret(value));
  sensitive.add(schema, { sensitive: true });
  return schema;
}

function quantity(kind: string, example: string, check: (value: number, text: string) => boolean) {
  return z
    .string({ error: `expected a Kubernetes ${kind} quantity as a string, such as "${example}"` })
    .refine(
      (text) => {
        const value = parseQuantity(text);
        return value !== undefined && value > 0 && check(value, text);
      },
      { error: `expected a positive Kubernetes ${kind} quantity, such as "${example}"` },
    );
}

/** CPU: cores or millicores (`2`, `500m`). */
export const cpuQuantity = quantity("CPU", "500m", (_value, text) => !/[KMGTPE]i?$|[nu]$/.test(text));

/** Memory or storage in bytes, with a unit (`512Mi`, `10Gi`). */
export const byteQuantity = quantity("memory", "512Mi", (value, text) => Number.isInteger(value) && /[A-Za-z]$/.test(text));

/** An RFC 1123 label: a namespace, a cluster or a tenant name. */
export const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
    error: "expected lower-case letters, digits and '-', starting and ending with a letter or digit",
  })
  .max(63, { error: "expected at most 63 characters" });

/** A DNS name such as `play.degenquest.gg`. */
export const domainName = z
  .string()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    error: "expected a lower-case DNS name such as \"dev.degenquest.gg\"",
  });

/** A duration in whole days, hours or minutes (`15d`, `12h`), as Prometheus and Elasticsearch take it. */
export const retention = z.string().regex(/^[1-9]\d*(d|h|m)$/, {
  error: "expected a positive whole number of days, hours or minutes, such as \"15d\" or \"12h\"",
});

/**
 * A network the platform creates, such as a VPC's `10.20.0.0/16`: an IPv4 CIDR block as
 * `parseIpv4Cidr` reads it (canonical, host bits zero), at most a /8, since a wider private network
 * is never what is meant. Blocks that may be wider, such as egress to `0.0.0.0/0`, use
 * `ipv4CidrSchema` with their own examples.
 */
export const ipv4Cidr = ipv4CidrSchema(["10.20.0.0/16"], { minPrefix: 8 });
