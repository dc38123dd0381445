/**
 * A request must be at most its limit: the one rule behind every pair of Kubernetes quantities
 * that configuration and component args set together.
 */
import { z } from "zod";
import { parseQuantity } from "./quantity";
import { byteQuantity, cpuQuantity } from "./schema";

/**
 * Whether quantity `value` is above quantity `bound` (a request above its limit). False when either
 * is not a quantity: its own schema or check reports that.
 */
export function exceedsQuantity(value: string, bound: string): boolean {
  const [amount, most] = [parseQuantity(value), parseQuantity(bound)];
  return amount !== undefined && most !== undefined && amount > most;
}

/** A quantity setting of the object being refined: its dotted key below that object, and its value. */
export type QuantitySetting = readonly [key: string, value: string];

/**
 * Reports `smaller` when it exceeds `larger`, naming `larger`'s key and value:
 * `must not exceed resources.cpuLimit (2)`. `under` is the key of the refined object followed by a
 * dot (`resources.`), so that the message names the limit's whole key; empty where the key that
 * the problem is reported at already says where the object is.
 */
export function refineAtMost(ctx: z.RefinementCtx, smaller: QuantitySetting, larger: QuantitySetting, under = ""): void {
  const [key, value] = smaller;
  if (!exceedsQuantity(value, larger[1])) return;
  ctx.addIssue({ code: "custom", path: key.split("."), input: value, message: `must not exceed ${under}${larger[0]} (${larger[1]})` });
}

/**
 * One container's requests and limits, each request at most its limit. `at` is the object's key in
 * the configuration (`resources`, `prometheus.resources`), which messages name the limit by.
 */
export function containerResourcesSchema(at: string) {
  return z
    .strictObject({ cpuRequest: cpuQuantity, memoryRequest: byteQuantity, cpuLimit: cpuQuantity, memoryLimit: byteQuantity })
    .superRefine((resources, ctx) => {
      refineAtMost(ctx, ["cpuRequest", resources.cpuRequest], ["cpuLimit", resources.cpuLimit], `${at}.`);
      refineAtMost(ctx, ["memoryRequest", resources.memoryRequest], ["memoryLimit", resources.memoryLimit], `${at}.`);
    });
}

export type ContainerResourcesConfig = z.output<ReturnType<typeof containerResourcesSchema>>;
