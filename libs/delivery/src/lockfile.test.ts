import { describe, expect, it } from "vitest";
import { lockfileChanges } from "./lockfile";

const lock = (packages: Record<string, unknown>) => JSON.stringify({ lockfileVersion: 3, packages: { "": { name: "root" }, ...packages } });
const zod = (version: string) => ({ version, integrity: `sha512-${version}` });

describe("lockfileChanges", () => {
  it("names packages whose locked version changed, including nested copies", () => {
    const before = lock({ "node_modules/zod": zod("4.0.0"), "node_modules/a/node_modules/@scope/b": zod("1.0.0"), "node_modules/c": zod("1.0.0") });
    const after = lock({ "node_modules/zod": zod("4.0.1"), "node_modules/a/node_modules/@scope/b": zod("1.1.0"), "node_modules/c": zod("1.0.0") });
    expect(lockfileChanges(before, after)).toEqual({ packages: ["@scope/b", "zod"], workspaceRoots: [] });
  });

  it("names added and removed packages, and workspace folders whose entry changed", () => {
    const before = lock({ "node_modules/gone": zod("1.0.0"), "projects/app": { dependencies: { zod: "4.0.0" } } });
    const after = lock({ "node_modules/new": zod("1.0.0"), "projects/app": { dependencies: { zod: "4.0.1" } } });
    expect(lockfileChanges(before, after)).toEqual({ packages: ["gone", "new"], workspaceRoots: ["projects/app"] });
  });

  it("treats a missing or unreadable side as empty, so everything on the other side changed", () => {
    expect(lockfileChanges(undefined, lock({ "node_modules/zod": zod("4.0.0") }))).toEqual({ packages: ["zod"], workspaceRoots: [] });
    expect(lockfileChanges("not json", lock({ "node_modules/zod": zod("4.0.0") }))).toEqual({ packages: ["zod"], workspaceRoots: [] });
  });
});
