import * as pulumi from "@pulumi/pulumi";
import { mockRuntime } from "@platform/testing";
import { describe, expect, it } from "vitest";
import { containsSecret, fromWire } from "./serialized";
import { SECRET_MASK } from "./types";

/** Serializes values exactly as the SDK sends them to the engine. */
async function wire(props: Record<string, unknown>) {
  await mockRuntime();
  return (await pulumi.runtime.serializeProperties("test", props)) as Record<string, unknown>;
}

describe("fromWire", () => {
  it("masks secrets at any depth and leaves plain values alone", async () => {
    const serialized = await wire({ name: "a", nested: { token: pulumi.secret("t0ken"), list: [1, pulumi.secret("x")] } });
    expect(fromWire(serialized, true)).toEqual({ name: "a", nested: { token: SECRET_MASK, list: [1, SECRET_MASK] } });
  });

  it("unwraps secrets for the stacks that read them", async () => {
    const serialized = await wire({ nested: { token: pulumi.secret("t0ken") } });
    expect(fromWire(serialized, false)).toEqual({ nested: { token: "t0ken" } });
  });

  it("marks values that are unknown before a deploy", () => {
    expect(fromWire({ ip: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }, true)).toEqual({ ip: "<unknown>" });
  });
});

describe("containsSecret", () => {
  it("finds a secret nested anywhere in a value", async () => {
    const serialized = await wire({ plain: { a: 1 }, deep: { list: [{ key: pulumi.secret("k") }] } });
    expect(containsSecret(serialized.plain)).toBe(false);
    expect(containsSecret(serialized.deep)).toBe(true);
  });
});
