import { describe, expect, it } from "vitest";
import { z } from "zod";
import { containerResourcesSchema, exceedsQuantity, refineAtMost } from "./limits";
import { validateConfig } from "./validate";

const problems = (schema: z.ZodObject, values: Record<string, unknown>) => {
  const raw = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, JSON.stringify(value)]));
  const result = validateConfig("app", schema, { values: raw, secretKeys: new Set() });
  return result.ok ? [] : result.problems;
};

describe("exceedsQuantity", () => {
  it("compares quantities by value, whatever their units", () => {
    expect(exceedsQuantity("1", "500m")).toBe(true);
    expect(exceedsQuantity("500m", "1")).toBe(false);
    expect(exceedsQuantity("2Gi", "2048Mi")).toBe(false);
    expect(exceedsQuantity("2049Mi", "2Gi")).toBe(true);
    expect(exceedsQuantity("1G", "1Gi")).toBe(false);
  });

  it("lets a request equal its limit", () => {
    expect(exceedsQuantity("250m", "0.25")).toBe(false);
  });

  it("leaves anything that is not a quantity to its own check", () => {
    expect(exceedsQuantity("lots", "1")).toBe(false);
    expect(exceedsQuantity("3", "lots")).toBe(false);
  });
});

describe("containerResourcesSchema", () => {
  const schema = z.strictObject({ resources: containerResourcesSchema("resources") });
  const within = { cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "1", memoryLimit: "512Mi" };

  it("takes requests at or below their limits", () => {
    expect(problems(schema, { resources: within })).toEqual([]);
    expect(problems(schema, { resources: { ...within, cpuRequest: "1", memoryRequest: "512Mi" } })).toEqual([]);
  });

  it("names the request, its value, and the limit's whole key and value, for each pair at once", () => {
    expect(problems(schema, { resources: { ...within, cpuRequest: "2", memoryRequest: "1Gi" } })).toEqual([
      'app:resources.cpuRequest is "2": must not exceed resources.cpuLimit (1)',
      'app:resources.memoryRequest is "1Gi": must not exceed resources.memoryLimit (512Mi)',
    ]);
  });

  it("names the limit by where the object sits, wherever it is reused", () => {
    const nested = z.strictObject({ prometheus: z.strictObject({ resources: containerResourcesSchema("prometheus.resources") }) });
    expect(problems(nested, { prometheus: { resources: { ...within, memoryRequest: "4Gi" } } })).toEqual([
      'app:prometheus.resources.memoryRequest is "4Gi": must not exceed prometheus.resources.memoryLimit (512Mi)',
    ]);
  });

  it("reports a value that is not a quantity once, without comparing it", () => {
    expect(problems(schema, { resources: { ...within, cpuRequest: "3", memoryLimit: "lots" } })).toEqual([
      'app:resources.cpuRequest is "3": must not exceed resources.cpuLimit (1)',
      'app:resources.memoryLimit is "lots": expected a positive Kubernetes memory quantity, such as "512Mi"',
    ]);
  });
});

describe("refineAtMost", () => {
  it("reports the smaller setting at its nested key, naming the larger one", () => {
    const schema = z.strictObject({
      tenant: z
        .strictObject({ quota: z.strictObject({ requestsCpu: z.string(), limitsCpu: z.string() }) })
        .superRefine((tenant, ctx) => refineAtMost(ctx, ["quota.requestsCpu", tenant.quota.requestsCpu], ["quota.limitsCpu", tenant.quota.limitsCpu])),
    });
    expect(problems(schema, { tenant: { quota: { requestsCpu: "4", limitsCpu: "2" } } })).toEqual([
      'app:tenant.quota.requestsCpu is "4": must not exceed quota.limitsCpu (2)',
    ]);
    expect(problems(schema, { tenant: { quota: { requestsCpu: "2", limitsCpu: "2" } } })).toEqual([]);
  });
});
