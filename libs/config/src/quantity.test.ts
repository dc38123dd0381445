import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatBytes, parseQuantity } from "./quantity";

describe("parseQuantity", () => {
  it.each([
    ["500m", 0.5],
    ["2", 2],
    ["1.5", 1.5],
    ["100Mi", 100 * 2 ** 20],
    ["2Gi", 2 * 2 ** 30],
    ["1k", 1000],
    ["1e3", 1000],
    ["250n", 250e-9],
  ])("reads %s as %d base units", (text, expected) => {
    expect(parseQuantity(text)).toBeCloseTo(expected, 12);
  });

  it.each(["lots", "", " 1", "1 ", "1Gb", "1.2.3", "Gi", "1mi", "--1", "1e"])("refuses %j", (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });

  it("reads every binary-suffixed integer exactly", () => {
    const suffixes = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 } as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom(...(Object.keys(suffixes) as (keyof typeof suffixes)[])), (n, suffix) => {
        expect(parseQuantity(`${n}${suffix}`)).toBe(n * suffixes[suffix]);
      }),
    );
  });

  it("orders millicores and cores the way the scheduler does", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64_000 }), (millicores) => {
        expect(parseQuantity(`${millicores}m`)).toBeCloseTo(millicores / 1000, 9);
      }),
    );
  });

  it("round-trips byte counts through formatBytes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 20 }), fc.constantFrom("Mi", "Gi"), (n, suffix) => {
        expect(parseQuantity(formatBytes(parseQuantity(`${n}${suffix}`)!))).toBe(parseQuantity(`${n}${suffix}`));
      }),
    );
  });
});
