import { describe, expect, it } from "vitest";
import { PRIVATE_IPV4_RANGES } from "./network";

describe("PRIVATE_IPV4_RANGES", () => {
  it("is the three RFC 1918 blocks", () => {
    expect(PRIVATE_IPV4_RANGES).toEqual(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]);
  });

  it("cannot be changed by one of its users for the others", () => {
    expect(() => (PRIVATE_IPV4_RANGES as string[]).push("100.64.0.0/10")).toThrow(TypeError);
    expect(PRIVATE_IPV4_RANGES).toHaveLength(3);
  });
});
