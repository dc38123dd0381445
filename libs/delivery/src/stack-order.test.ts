import { describe, expect, it } from "vitest";
import { dependencyWaves } from "./stack-order";

const reads = new Map([
  ["networking", ["cluster-base"]],
  ["observability", ["cluster-base", "networking"]],
  ["degenquest", ["cluster-base", "networking", "observability"]],
  ["pioneer-agent", ["cluster-base", "networking", "observability"]],
]);

describe("dependencyWaves", () => {
  it("puts each project after what it reads and independent projects in one wave", () => {
    expect(dependencyWaves(["pioneer-agent", "degenquest", "observability", "networking", "cluster-base"], reads)).toEqual([
      ["cluster-base"],
      ["networking"],
      ["observability"],
      ["degenquest", "pioneer-agent"],
    ]);
  });

  it("ignores reads of projects that are not part of the run", () => {
    expect(dependencyWaves(["degenquest", "pioneer-agent", "networking"], reads)).toEqual([["networking"], ["degenquest", "pioneer-agent"]]);
  });

  it("refuses a cycle, naming it", () => {
    const cyclic = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]]]);
    expect(() => dependencyWaves(["a", "b", "c"], cyclic)).toThrow("The stack graph has a cycle: a -> b -> c -> a");
  });
});
